import os
import stat
import subprocess
from pathlib import Path

import pytest

from config.env import env_bool, env_choice, secret_key
from config.search_clients import client_requirements
from config.search_url import (
    ELASTICSEARCH_ENGINE,
    SOLR_ENGINE,
    WHOOSH_ENGINE,
    BasicAuth,
    SearchURLError,
    haystack_connections,
    redacted,
)


def test_secret_key_is_generated_once_with_mode_600(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) > 40
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600
    assert secret_key(tmp_path) == first


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("off", False), ("", False)])
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG") is expected


def test_search_url_defaults_to_whoosh_in_data_dir(tmp_path):
    conn = haystack_connections(None, tmp_path)["default"]
    assert conn == {"ENGINE": WHOOSH_ENGINE, "PATH": str(tmp_path / "whoosh")}


def test_search_url_selects_cluster_backends_that_never_fail_silently(tmp_path):
    es = haystack_connections("elasticsearch://search.internal:9200/news", tmp_path)["default"]
    assert es == {
        "ENGINE": ELASTICSEARCH_ENGINE,
        "URL": "http://search.internal:9200/",
        "INDEX_NAME": "news",
        "SILENTLY_FAIL": False,
        "INCLUDE_SPELLING": True,
    }
    solr = haystack_connections("solr+https://solr.internal:8983/solr/parley", tmp_path)["default"]
    assert solr == {
        "ENGINE": SOLR_ENGINE,
        "URL": "https://solr.internal:8983/solr/parley",
        "SILENTLY_FAIL": False,
        "INCLUDE_SPELLING": True,
    }


@pytest.mark.parametrize("url", ["redis://x:1/0", "elasticsearch:///nohost", "whoosh://", "solr+ftp://h/solr/x"])
def test_bad_search_urls_are_refused_with_a_reason(tmp_path, url):
    with pytest.raises(SearchURLError):
        haystack_connections(url, tmp_path)


def test_search_url_credentials_and_tls_options_reach_the_clients_but_not_their_urls(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    url = f"elasticsearch+https://parley:p%40ss%3Aword@search.internal:9200/news?ca={ca}"
    es = haystack_connections(url, tmp_path)["default"]
    assert es["URL"] == "https://search.internal:9200/"
    assert es["KWARGS"] == {"http_auth": ("parley", "p@ss:word"), "verify_certs": True, "ca_certs": str(ca)}
    solr = haystack_connections("solr+https://parley:secret@solr.internal/solr/parley?verify=false", tmp_path)
    assert solr["default"]["URL"] == "https://solr.internal/solr/parley"
    assert solr["default"]["KWARGS"] == {"auth": ("parley", "secret"), "verify": False}
    solr = haystack_connections(f"solr+https://solr.internal/solr/parley?ca={ca}", tmp_path)["default"]
    assert solr["KWARGS"] == {"verify": str(ca)}
    assert "KWARGS" not in haystack_connections("elasticsearch://search.internal:9200/news", tmp_path)["default"]
    opensearch = haystack_connections("opensearch+https://parley:secret@os.internal:9200/news?verify=false", tmp_path)
    assert opensearch["default"]["ENGINE"] == "index.engine.opensearch.ParleyOpenSearchEngine"
    assert opensearch["default"]["URL"] == "https://os.internal:9200/" and opensearch["default"]["INDEX_NAME"] == "news"
    assert opensearch["default"]["KWARGS"] == {"http_auth": ("parley", "secret"), "verify_certs": False}


def test_the_password_is_never_shown(tmp_path):
    auth = BasicAuth("parley", "s3cret")
    assert "s3cret" not in repr(auth) and "s3cret" not in str({"KWARGS": {"http_auth": auth}})
    assert auth == ("parley", "s3cret")  # what the client libraries read
    assert redacted("solr+https://parley:s3cret@h:8983/solr/x") == "solr+https://parley:********@h:8983/solr/x"
    with pytest.raises(SearchURLError) as refused:
        haystack_connections("elasticsearch://parley:s3cret@:9200/x", tmp_path)
    assert "s3cret" not in str(refused.value) and "has no host" in str(refused.value)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("verify=maybe", "'verify' must be true or false"),
        ("ca=relative/ca.pem", "'ca' must name a readable file"),
        ("ca=/no/such/ca.pem", "'ca' must name a readable file"),
        ("ca={ca}&verify=false", "'ca' and 'verify=false' contradict"),
        ("verify=false&verify=true", "'verify' is given 2 times"),
        ("timeout=5", "parameter 'timeout' is not known"),
        ("verify", "'verify' must be true or false"),
    ],
)
def test_bad_tls_options_are_refused_naming_the_parameter(tmp_path, query, named):
    from django.core.exceptions import ImproperlyConfigured

    (tmp_path / "ca.pem").write_text("")
    query = query.format(ca=tmp_path / "ca.pem")
    with pytest.raises(ImproperlyConfigured, match=named):
        haystack_connections(f"elasticsearch+https://search.internal:9200/news?{query}", tmp_path)


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("solr://search.internal/solr/x?verify=false", "'verify' needs https"),
        ("elasticsearch+https://parley@search.internal/x", "need both a user and a password"),
        ("elasticsearch+https://:pw@search.internal/x", "need both a user and a password"),
        ("elasticsearch://search.internal:port/x", "SEARCH_URL 'elasticsearch://search.internal:port/x'"),
    ],
)
def test_bad_credentials_or_plain_http_tls_options_are_refused(tmp_path, url, named):
    with pytest.raises(SearchURLError, match=named):
        haystack_connections(url, tmp_path)


def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path):
    # In a fresh process without DATABASE_URL, so it holds under `make test-postgres` too.
    import json
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    script = (
        "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env={**env, "PARLEY_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.parametrize(
    ("search_url", "requirements"),
    [
        ("elasticsearch+https://search.internal:9200/news", "requirements-elasticsearch.txt"),
        ("solr://solr.internal:8983/solr/parley", "requirements-solr.txt"),
        ("opensearch+https://search.internal:9200/news", "requirements-opensearch.txt"),
        ("", None),
        ("whoosh:///srv/parley/index", None),
    ],
)
def test_make_install_brings_the_client_library_search_url_names(search_url, requirements):
    assert client_requirements(search_url) == requirements
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SEARCH_URL": search_url}
    plan = subprocess.run(
        ["make", "-n", "-B", "install"], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout
    pip_lines = [line for line in plan.splitlines() if "pip install" in line and " -r " in line]
    assert pip_lines and all("--require-hashes" in line for line in pip_lines)  # exact installs, from the locks
    installs = {line.split(" -r ")[-1] for line in pip_lines}
    assert installs == {"requirements.lock"} | ({requirements.replace(".txt", ".lock")} if requirements else set())
    if requirements:
        assert pinned_lines(root / requirements) and all("==" in line for line in pinned_lines(root / requirements))


def pinned_lines(path: Path) -> list[str]:
    """Return the requirement lines of ``path``, those of the files it includes (``-r``) in their place."""
    lines = []
    for line in path.read_text().splitlines():
        if line.startswith("-r "):
            lines += pinned_lines(path.parent / line.removeprefix("-r ").strip())
        elif line and not line.startswith("#"):
            lines.append(line)
    return lines


def test_the_import_folder_may_be_shared_storage_outside_the_data_folder(tmp_path):
    # Web machines queue the admin's uploads there and the import runner of any machine reads them.
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    script = "from django.conf import settings; print(settings.PARLEY_IMPORT_DIR, settings.FILE_UPLOAD_TEMP_DIR)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env={**env, "PARLEY_DATA_DIR": str(tmp_path / "data"), "PARLEY_IMPORT_DIR": str(tmp_path / "shared")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [str(tmp_path / "shared"), str(tmp_path / "shared" / "incoming")]
    assert (tmp_path / "shared" / "incoming").is_dir()


PAIRS = {"": "", "0": "", "1": "all", "all": "all", "common": "common"}


@pytest.mark.parametrize(("raw", "expected"), [(None, ""), ("  ", ""), ("0", ""), ("1", "all"), (" Common ", "common")])
def test_env_choice(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("PARLEY_PHRASE_PAIRS", raising=False)
    else:
        monkeypatch.setenv("PARLEY_PHRASE_PAIRS", raw)
    assert env_choice("PARLEY_PHRASE_PAIRS", PAIRS) == expected


def test_env_choice_refuses_other_values_naming_the_choices(monkeypatch):
    monkeypatch.setenv("PARLEY_PHRASE_PAIRS", "some")
    with pytest.raises(SystemExit, match="PARLEY_PHRASE_PAIRS must be one of 0, 1, all, common"):
        env_choice("PARLEY_PHRASE_PAIRS", PAIRS)
