"""Is the search index there and readable? Answers for the fault pages and /healthz.

Two depths: :func:`quick_problem` costs two file-system look-ups and runs before
every page that searches; :func:`index_status` opens the index and counts its
documents, for ``/healthz``. Neither ever raises: an index that cannot be read is
a status, not an error. Messages are for the public: they name no path.
"""

import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from haystack import connections

log = logging.getLogger(__name__)

# The marker index.build writes into every complete index it builds.
BUILD_MARKER = "parley-build.json"

MISSING = "The search index is missing; an administrator must build it (manage.py build_index)."
NOT_BUILT = "The search index has not been built yet (manage.py build_index)."
UNREADABLE = "The search index cannot be read; an administrator must rebuild it (manage.py build_index)."
EMPTY = "The search index is empty although the archive has published articles; it must be rebuilt."


@dataclass
class IndexStatus:
    ok: bool
    backend: str
    documents: int | None = None
    last_build: str | None = None
    problem: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def whoosh_path(using: str = "default") -> Path | None:
    """Return the folder of the Whoosh index, or ``None`` for another engine."""
    options = connections.connections_info.get(using, {})
    if "whoosh" not in options.get("ENGINE", "").lower():
        return None
    return Path(options["PATH"])


def quick_problem(using: str = "default") -> str | None:
    """Return why the Whoosh index cannot serve searches, or ``None`` when it looks usable.

    Looks for a table of contents and the build marker (opening the index only when
    the marker is absent), so it is cheap enough for every search request. It never
    creates anything: Haystack's own set-up would silently create an empty index in
    place of a missing one.
    """
    path = whoosh_path(using)
    if path is None:
        return None  # cluster engines report their own errors (see the guard middleware)
    try:
        names = os.listdir(path)
    except FileNotFoundError:
        return MISSING
    except OSError:
        return UNREADABLE
    if not any(name.endswith(".toc") for name in names):
        return MISSING
    if BUILD_MARKER not in names and _document_count(path) == 0:
        # Haystack's set-up creates an empty index on first use; an index written
        # only by incremental updates (no full build) but holding documents is fine.
        return NOT_BUILT
    return None


def _document_count(path: Path) -> int:
    """Return the number of documents in the index at ``path`` (0 when it cannot be read)."""
    from whoosh.index import open_dir

    try:
        index = open_dir(str(path))
        try:
            return index.doc_count()
        finally:
            index.close()
    except Exception:  # noqa: BLE001 - unreadable: the search itself will report it
        return 0


def index_status(using: str = "default", published: int | None = None) -> IndexStatus:
    """Return the :class:`IndexStatus` of the index, opening it and counting documents.

    ``published`` is the number of published articles in the database; when it is
    positive an index without documents counts as broken.
    """
    engine = connections.connections_info.get(using, {}).get("ENGINE", "")
    path = whoosh_path(using)
    if path is None:
        return _cluster_status(using, engine)
    problem = quick_problem(using)
    if problem:
        return IndexStatus(ok=False, backend="whoosh", problem=problem)
    from whoosh.index import open_dir

    try:
        index = open_dir(str(path))
        documents = index.doc_count()
        index.close()
        built = time.gmtime((path / BUILD_MARKER).stat().st_mtime)
    except Exception:  # noqa: BLE001 - any failure to read the index is the status we report
        log.exception("search index at %s cannot be read", path)
        return IndexStatus(ok=False, backend="whoosh", problem=UNREADABLE)
    status = IndexStatus(
        ok=True, backend="whoosh", documents=documents, last_build=time.strftime("%Y-%m-%dT%H:%M:%SZ", built)
    )
    if documents == 0 and published:
        status.ok, status.problem = False, EMPTY
    return status


def _cluster_status(using: str, engine: str) -> IndexStatus:
    """Ask a cluster engine (Elasticsearch, Solr) for its document count through Haystack."""
    from haystack.query import SearchQuerySet

    name = engine.rsplit(".", 1)[-1]
    try:
        return IndexStatus(ok=True, backend=name, documents=SearchQuerySet(using=using).count())
    except Exception:  # noqa: BLE001 - an unreachable engine is the status we report
        log.exception("search engine %s cannot be reached", name)
        return IndexStatus(ok=False, backend=name, problem="The search engine cannot be reached.")
