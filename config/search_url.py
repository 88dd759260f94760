"""Turn ``SEARCH_URL`` into Haystack's ``HAYSTACK_CONNECTIONS``.

Parley speaks to its search engine only through Haystack, so switching engines is
configuration: the embedded Whoosh index by default, or a cluster engine that
Haystack supports (Elasticsearch 7.17, and 8 in the client's compatibility mode;
Solr), through Parley's thin subclasses of Haystack's backends
(index/engine/elasticsearch7.py, index/engine/solr.py), or OpenSearch 2 through
Parley's backend over its own client (index/engine/opensearch.py).

Cluster connections never fail silently: Haystack's default ``SILENTLY_FAIL``
would turn an engine that is down into "no results" and ``/healthz`` into
"ok, 0 documents"; raised, the fault becomes a 503 (ops/middleware.py). They ask
for spelling suggestions (``INCLUDE_SPELLING``), which the page offers as "Did you mean".

A cluster URL may carry a user and password (``user:pass@host``, percent-encoded)
and, over https, TLS options as query parameters: ``verify=false`` (no certificate
check) or ``ca=/path/ca.pem`` (the certificate authorities to trust). They travel to
the client library in Haystack's ``KWARGS``, never in the engine's URL, so the
client's own log lines and errors name the host but not the password; the password
is held in :class:`BasicAuth`, whose ``repr`` (``manage.py diffsettings``, Django's
error reports) hides it.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

WHOOSH_ENGINE = "index.engine.whoosh.ParleyWhooshEngine"
ELASTICSEARCH_ENGINE = "index.engine.elasticsearch7.ParleyElasticsearch7SearchEngine"
SOLR_ENGINE = "index.engine.solr.ParleySolrEngine"
OPENSEARCH_ENGINE = "index.engine.opensearch.ParleyOpenSearchEngine"
ELASTICSEARCH_DIALECT = {"elasticsearch": ELASTICSEARCH_ENGINE, "opensearch": OPENSEARCH_ENGINE}

# The query parameters a cluster SEARCH_URL may carry (both need https).
TLS_PARAMETERS = ("verify", "ca")
TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class SearchURLError(ImproperlyConfigured):
    """Raised for a SEARCH_URL Parley cannot use; the message says why (and never holds the password)."""


class BasicAuth(tuple):
    """``(user, password)`` for the client libraries, which take a 2-tuple; shown without the password."""

    def __new__(cls, user: str, password: str):
        return super().__new__(cls, (user, password))

    def __repr__(self):
        return f"BasicAuth({self[0]!r}, '********')"

    __str__ = __repr__


def redacted(search_url: str) -> str:
    """Return ``search_url`` with its password replaced by ``********`` (for messages)."""
    parts = urlsplit(search_url)
    if parts.password is None:
        return search_url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return parts._replace(netloc=f"{user}:********@{host}").geturl()


def haystack_connections(search_url: str | None, data_dir: Path) -> dict:
    """Return the ``default`` Haystack connection for ``search_url``.

    ``None`` or an empty string means the Whoosh index in ``data_dir/whoosh``;
    ``whoosh:///abs/path`` names another folder; ``elasticsearch://host:port/index``
    and ``solr://host:port/solr/core`` select Haystack's cluster backends
    (``elasticsearch+https://`` and ``solr+https://`` for TLS), with credentials and
    TLS options as the module docstring says.
    """
    if not search_url:
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": str(data_dir / "whoosh")}}
    parts = urlsplit(search_url)
    scheme, _, transport = parts.scheme.partition("+")
    transport = transport or "http"
    if scheme == "whoosh":
        if not parts.path:
            raise SearchURLError("SEARCH_URL whoosh:// needs a folder, e.g. whoosh:///srv/parley/index")
        return {"default": {"ENGINE": WHOOSH_ENGINE, "PATH": parts.path}}
    if scheme not in {"elasticsearch", "opensearch", "solr"}:
        raise SearchURLError(
            f"SEARCH_URL scheme {parts.scheme!r} is not supported: "
            "use whoosh://, elasticsearch://, opensearch:// or solr://"
        )
    try:
        hostname, port = parts.hostname, parts.port
    except ValueError as error:  # a port that is not a number
        raise SearchURLError(f"SEARCH_URL {redacted(search_url)!r}: {error}") from None
    if not hostname:
        raise SearchURLError(f"SEARCH_URL {redacted(search_url)!r} has no host")
    if transport not in {"http", "https"}:
        raise SearchURLError(f"SEARCH_URL transport {transport!r} must be http or https")
    netloc = hostname + (f":{port}" if port else "")
    auth = _credentials(parts)
    verify = _tls_verification(parts.query, transport)
    if scheme in ELASTICSEARCH_DIALECT:
        index_name = parts.path.strip("/") or "parley"
        connection = {
            "ENGINE": ELASTICSEARCH_DIALECT[scheme],
            "URL": f"{transport}://{netloc}/",
            "INDEX_NAME": index_name,
            "SILENTLY_FAIL": False,
            "INCLUDE_SPELLING": True,
        }
        kwargs = elasticsearch_kwargs(auth, verify)
    else:
        core_path = parts.path.rstrip("/") or "/solr/parley"
        connection = {
            "ENGINE": SOLR_ENGINE,
            "URL": f"{transport}://{netloc}{core_path}",
            "SILENTLY_FAIL": False,
            "INCLUDE_SPELLING": True,
        }
        kwargs = solr_kwargs(auth, verify)
    if kwargs:
        connection["KWARGS"] = kwargs
    return {"default": connection}


def elasticsearch_kwargs(auth: BasicAuth | None, verify: bool | str | None) -> dict:
    """Return the Elasticsearch 7 (or opensearch-py) client's options for these credentials and TLS verification."""
    kwargs = {}
    if auth:
        kwargs["http_auth"] = auth
    if isinstance(verify, str):
        kwargs.update(verify_certs=True, ca_certs=verify)
    elif verify is not None:
        kwargs["verify_certs"] = verify
    return kwargs


def solr_kwargs(auth: BasicAuth | None, verify: bool | str | None) -> dict:
    """Return pysolr's options (requests' ``auth`` and ``verify``: a bool or a CA file)."""
    kwargs = {}
    if auth:
        kwargs["auth"] = auth
    if verify is not None:
        kwargs["verify"] = verify
    return kwargs


def _credentials(parts) -> BasicAuth | None:
    """Return the URL's user and password (percent-decoded), or ``None``; a user alone is refused."""
    if parts.username is None and parts.password is None:
        return None
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    if not user or not password:
        raise SearchURLError("SEARCH_URL credentials need both a user and a password: scheme://user:password@host")
    return BasicAuth(user, password)


def _tls_verification(query: str, transport: str) -> bool | str | None:
    """Return how TLS certificates are checked: a CA file, ``False`` (not at all), ``None`` (the client default)."""
    params = parse_qs(query, keep_blank_values=True)
    unknown = sorted(set(params) - set(TLS_PARAMETERS))
    if unknown:
        raise SearchURLError(f"SEARCH_URL parameter {unknown[0]!r} is not known: use verify or ca")
    for name, values in params.items():
        if len(values) > 1:
            raise SearchURLError(f"SEARCH_URL parameter {name!r} is given {len(values)} times")
        if transport != "https":
            raise SearchURLError(f"SEARCH_URL parameter {name!r} needs https (for example elasticsearch+https://)")
    verify = params.get("verify", [None])[0]
    ca = params.get("ca", [None])[0]
    if verify is not None and verify.lower() not in TRUE + FALSE:
        raise SearchURLError(f"SEARCH_URL parameter 'verify' must be true or false, not {verify!r}")
    checked = None if verify is None else verify.lower() in TRUE
    if ca is None:
        return checked
    if checked is False:
        raise SearchURLError("SEARCH_URL parameters 'ca' and 'verify=false' contradict each other: choose one")
    path = Path(ca)
    if not path.is_absolute() or not path.is_file() or not os.access(path, os.R_OK):
        raise SearchURLError(f"SEARCH_URL parameter 'ca' must name a readable file by its absolute path, not {ca!r}")
    return str(path)
