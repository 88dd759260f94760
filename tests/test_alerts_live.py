"""Alerts end to end: real gunicorn, real SMTP on the loopback, real processes (send_alerts killed, or two at once).

The archive is served as ``make run`` serves it; articles come in through ``import_articles``
and reach the index through ``index_worker``; digests go out through ``send_alerts``.
"""

import json
import random
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from harness.live_server import LiveParley, manage
from tests.smtp_sink import SMTPSink, parts
from tests.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.server, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parent.parent
# The index shows a commit a moment later in another process (alerts/changes.py INDEX_SETTLE).
SETTLE = 2.5


@pytest.fixture(scope="module")
def smtp():
    with SMTPSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def live(tmp_path_factory, smtp):
    data_dir = tmp_path_factory.mktemp("alerts-live")
    env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "PARLEY_LOG_LEVEL": "WARNING"}
    server = LiveParley(data_dir, extra_env=env)
    server.env["PARLEY_SITE_URL"] = server.url
    server.prepare().start()
    yield server
    server.stop()


def shell(live, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=live.env, check=True, capture_output=True
    )
    return done.stdout.decode().strip().splitlines()[-1] if done.stdout.strip() else ""  # after the shell's banner


def save(live, name: str, query: str, count: int = 1) -> list[int]:
    """Save ``count`` immediate searches of ``query`` for the analyst (created on first use); return their ids."""
    code = (
        "import datetime\nfrom django.contrib.auth.models import User\nfrom alerts.models import SavedSearch\n"
        "from django.utils import timezone\n"
        "user = User.objects.filter(username='analyst').first() or "
        "User.objects.create_user('analyst', 'analyst@example.org', 'an-analyst-password-9')\n"
        "ago = timezone.now() - datetime.timedelta(hours=1)\n"
        f"print(','.join(str(SavedSearch.objects.create(owner=user, name={name!r} + str(n), query={query!r}, "
        f"frequency='immediate', checked_until=ago).pk) for n in range({count})))"
    )
    return [int(pk) for pk in shell(live, code).split(",")]


def import_articles(live, tmp_path, records: list[dict]) -> None:
    path = tmp_path / f"import-{time.monotonic_ns()}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    manage(live.env, "import_articles", "--publish", str(path))
    manage(live.env, "index_worker", "--once")
    time.sleep(SETTLE)


VOCABULARY = [
    "harbour",
    "convoy",
    "delegation",
    "treaty",
    "envoy",
    "summit",
    "corridor",
    "pipeline",
    "embassy",
    "garrison",
    "frontier",
    "ministry",
    "doctrine",
    "arsenal",
    "brigade",
    "squadron",
    "cadet",
    "academy",
    "logistics",
    "radar",
    "satellite",
    "airfield",
    "compass",
    "beacon",
]


def record(n: int, word: str, title: str = "") -> dict:
    """An article about ``word`` whose text shares no run of words with any other (the import's
    near-duplicate check would take it for another version of an earlier one)."""
    rng = random.Random(f"{word}-{n}")
    words = " ".join(rng.sample(VOCABULARY, 12))
    return {
        "title": title or f"{word.title()} report {n}",
        "body": f"A {word} was seen on patrol {n}. {words.capitalize()}. Officials of Azerbaijan said so.",
        "date": "2024-03-01",
        "url": f"https://alerts.example.org/{word}/{n}",
    }


def send_alerts(live) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "send_alerts"], cwd=ROOT, env=live.env, capture_output=True, check=True
    )


def mine(smtp, word: str) -> list:
    return [m for m in smtp.messages if word in m["Subject"]]


def test_new_matching_items_are_sent_once_then_unsubscribe_and_feed(live, smtp, tmp_path):
    (search,) = save(live, "Frigates", "q=frigate")
    import_articles(live, tmp_path, [record(n, "frigate") for n in range(3)] + [record(9, "tugboat")])
    send_alerts(live)
    (message,) = mine(smtp, "Frigates")
    text, html = parts(message)
    assert "3 new" in message["Subject"] and text.count("NEW: Frigate report") == 3 and "tugboat" not in text.lower()
    assert "[frigate]" in text and "<mark>frigate</mark>" in html
    send_alerts(live)
    assert len(mine(smtp, "Frigates")) == 1  # nothing twice
    import_articles(live, tmp_path, [record(4, "frigate")])
    send_alerts(live)
    assert len(mine(smtp, "Frigates")) == 2 and "1 new" in mine(smtp, "Frigates")[1]["Subject"]
    feed_url = shell(
        live, f"from alerts.models import SavedSearch; print(SavedSearch.objects.get(pk={search}).feed_path)"
    )
    feed = urllib.request.urlopen(live.url + feed_url).read().decode()
    assert feed.count("<entry>") == 4
    # One-click unsubscribe (RFC 8058): a POST without cookies or token to the header's URL.
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<([^>]+)>", "".join(str(message["List-Unsubscribe"]).split())).group(1)
    request = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST")
    assert urllib.request.urlopen(request).status == 200
    import_articles(live, tmp_path, [record(5, "frigate")])
    send_alerts(live)
    assert len(mine(smtp, "Frigates")) == 2
    shell(live, f"from alerts.models import SavedSearch; SavedSearch.objects.get(pk={search}).rotate_feed_token()")
    with pytest.raises(urllib.error.HTTPError) as revoked:
        urllib.request.urlopen(live.url + feed_url)
    assert revoked.value.code == 404


def test_a_sender_killed_after_the_server_took_the_mail_sends_no_duplicate(live, smtp, tmp_path):
    save(live, "Corvettes", "q=corvette")
    import_articles(live, tmp_path, [record(n, "corvette") for n in range(2)])
    sender = subprocess.Popen([sys.executable, "manage.py", "send_alerts"], cwd=ROOT, env=live.env)
    smtp.handler.kill_on_data = sender.pid
    assert sender.wait(timeout=120) == -9  # killed between the server's acceptance and the record
    assert len(mine(smtp, "Corvettes")) == 1
    send_alerts(live)
    assert len(mine(smtp, "Corvettes")) == 1
    state = "from alerts.models import Digest; print(Digest.objects.get(saved_search__name='Corvettes0').state)"
    assert shell(live, state) == "claimed"  # unconfirmed once its lease is over; never sent again
    import_articles(live, tmp_path, [record(7, "corvette")])
    send_alerts(live)
    assert len(mine(smtp, "Corvettes")) == 2 and "1 new" in mine(smtp, "Corvettes")[1]["Subject"]


def test_two_runs_at_once_send_each_item_once(live, smtp, tmp_path):
    searches = save(live, "Tankers", "q=tanker", count=12)
    import_articles(live, tmp_path, [record(n, "tanker") for n in range(5)])
    runs = [subprocess.Popen([sys.executable, "manage.py", "send_alerts"], cwd=ROOT, env=live.env) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    messages = mine(smtp, "Tankers")
    assert sorted(m["Subject"] for m in messages) == sorted(f"Parley: 5 new for “Tankers{n}”" for n in range(12))
    count = (
        "from alerts.models import Delivery as D; print(D.objects.filter(saved_search__name__contains='Tank').count())"
    )
    assert shell(live, count) == str(5 * len(searches))


def test_payloads_in_names_and_articles_stay_text_in_both_parts_and_the_feed(live, smtp, tmp_path):
    payload = PAYLOADS[1]  # <img src=x onerror=alert("xss-2")>
    save(live, f"Gunboats {payload}", "q=gunboat")
    import_articles(live, tmp_path, [record(1, "gunboat", title=f"Gunboat {payload} headline")])
    send_alerts(live)
    (message,) = mine(smtp, "Gunboats")
    text, html = parts(message)
    assert f"Gunboat {payload} headline" in text  # plain text: the characters as they are
    assert payload not in html and "&lt;img src=x onerror=alert(&quot;xss-2&quot;)&gt;" in html
    assert "<img" not in html


def test_the_loop_beside_make_run_stops_on_sigterm(live):
    loop = subprocess.Popen(
        [sys.executable, "manage.py", "send_alerts", "--loop", "--every", "0.5"],
        cwd=ROOT,
        env=live.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert loop.stdout.readline().startswith("Alerts running")
        time.sleep(2)
        loop.send_signal(signal.SIGTERM)
        assert loop.wait(timeout=60) == 0
        assert "Alerts stopped." in loop.stdout.read()
    finally:
        if loop.poll() is None:
            loop.kill()
