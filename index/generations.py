"""The Whoosh index on disk, as generations: the one module that knows their layout.

The configured index path is a symbolic link to the live *generation*, a sibling folder
holding one complete index and its build marker. A build writes a new generation beside
the live one and swaps the link in one atomic rename, so searches never see a missing or
half-built index; old generations are pruned. Everything else (the build, the fault
pages, ``/healthz``, ``build_index --if-stale``) asks this module:

* :func:`is_whoosh`, :func:`live_path`, :func:`live_generation`, :func:`live_stamp`: is there
  an index on disk, where, and which generation is live;
* :func:`quick_problem`: two file-system look-ups, cheap enough before every search;
* :func:`status`: the index opened and its documents counted, for ``/healthz``;
* :func:`condition`: usable (readable, current schema) and stale (built from another
  state of the archive), from the build marker;
* :func:`mark_stale`, :func:`stale_mark`, :func:`clear_stale_mark`: a change that bypassed
  the index queue (bulk writes) leaves a mark that only a full build clears;
* :func:`new_generation`, :func:`write_marker`, :func:`swap_in`, :func:`prune`.

Nothing here raises on a broken index: an index that cannot be read is a status.
Messages are for the public: they name no path.
"""

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from haystack import connections
from whoosh.index import EmptyIndexError, exists_in, open_dir

from archive.models import Article
from index.engine.whoosh import ParleyWhooshSearchBackend

log = logging.getLogger(__name__)

# Written into every generation a full build completes; its absence means "never built".
MARKER = "parley-build.json"
KEEP_GENERATIONS = 2

MISSING = "The search index is missing; an administrator must build it (manage.py build_index)."
NOT_BUILT = "The search index has not been built yet (manage.py build_index)."
UNREADABLE = "The search index cannot be read; an administrator must rebuild it (manage.py build_index)."
EMPTY = "The search index is empty although the archive has published articles; it must be rebuilt."
UNREACHABLE = "The search engine cannot be reached."


@dataclass
class IndexStatus:
    ok: bool
    backend: str
    documents: int | None = None
    last_build: str | None = None
    problem: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def backend(using="default"):
    return connections[using].get_backend()


def is_whoosh(using="default") -> bool:
    """Whether ``using`` is Parley's Whoosh engine (an index on disk, in generations)."""
    return isinstance(backend(using), ParleyWhooshSearchBackend)


def live_path(using="default") -> Path | None:
    """Return the configured index path (the link to the live generation), or ``None`` off Whoosh."""
    return Path(backend(using).path) if is_whoosh(using) else None


def live_generation(using="default") -> str | None:
    """Return the folder of the generation the live link points to now, or ``None`` off Whoosh."""
    path = live_path(using)
    return os.path.realpath(path) if path is not None else None


def live_stamp(using="default") -> tuple[str, int] | None:
    """Return ``(live generation, its modification time)``: it changes with every commit and swap."""
    folder = live_generation(using)
    if folder is None:
        return None
    try:
        return folder, os.stat(folder).st_mtime_ns
    except OSError:
        return folder, 0


# Reading ------------------------------------------------------------------------


def quick_problem(using="default") -> str | None:
    """Return why the Whoosh index cannot serve searches, or ``None`` when it looks usable.

    Looks for a table of contents and the build marker (opening the index only when
    the marker is absent). It never creates anything: Haystack's own set-up would
    silently create an empty index in place of a missing one.
    """
    path = live_path(using)
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
    if MARKER not in names and _document_count(path) == 0:
        # Haystack's set-up creates an empty index on first use; an index written
        # only by incremental updates (no full build) but holding documents is fine.
        return NOT_BUILT
    return None


def _document_count(path: Path) -> int:
    """Return the number of documents in the index at ``path`` (0 when it cannot be read)."""
    try:
        index = open_dir(str(path))
        try:
            return index.doc_count()
        finally:
            index.close()
    except Exception:  # noqa: BLE001 - unreadable: the search itself will report it
        return 0


def status(using="default", published: int | None = None) -> IndexStatus:
    """Return the :class:`IndexStatus` of the index, opening it and counting documents.

    ``published`` is the number of published articles in the database; when it is
    positive an index without documents counts as broken.
    """
    path = live_path(using)
    if path is None:
        return _cluster_status(using, published)
    problem = quick_problem(using)
    if problem:
        return IndexStatus(ok=False, backend="whoosh", problem=problem)
    try:
        index = open_dir(str(path))
        documents = index.doc_count()
        index.close()
        built = time.gmtime((path / MARKER).stat().st_mtime)
    except Exception:  # noqa: BLE001 - any failure to read the index is the status we report
        log.exception("search index at %s cannot be read", path)
        return IndexStatus(ok=False, backend="whoosh", problem=UNREADABLE)
    result = IndexStatus(
        ok=True, backend="whoosh", documents=documents, last_build=time.strftime("%Y-%m-%dT%H:%M:%SZ", built)
    )
    if documents == 0 and published:
        result.ok, result.problem = False, EMPTY
    return result


def _cluster_status(using: str, published: int | None) -> IndexStatus:
    """Ask a cluster engine (Elasticsearch, Solr) for its document count through Haystack.

    The connection must not fail silently (config/search_url.py): an engine that is down
    would otherwise count 0 documents and look fine. An engine without documents while the
    archive has published articles is broken too (an index dropped or never built).
    """
    from haystack.query import SearchQuerySet

    name = connections.connections_info.get(using, {}).get("ENGINE", "").rsplit(".", 1)[-1]
    try:
        documents = SearchQuerySet(using=using).count()
    except Exception as error:  # noqa: BLE001 - an unreachable engine is the status we report
        log.error("search engine %s cannot be reached: %s: %s", name, type(error).__name__, error)
        return IndexStatus(ok=False, backend=name, problem=UNREACHABLE)
    if documents == 0 and published:
        return IndexStatus(ok=False, backend=name, documents=0, problem=EMPTY)
    return IndexStatus(ok=True, backend=name, documents=documents)


def archive_state() -> dict:
    """Return what the index must reflect: how many published articles, last change."""
    last = Article.objects.aggregate(last=Max("updated_at"))["last"]
    return {"published": Article.objects.published().count(), "last_change": last.isoformat() if last else None}


def schema_signature(using="default") -> str:
    """Return a text that changes whenever the index schema changes."""
    engine = backend(using)
    engine.setup_complete or engine.setup()
    return repr(sorted((name, _field_signature(field)) for name, field in engine.schema.items()))


def _field_signature(field) -> str:
    """The field's type, and for common word pairs the list's digest: an index built with other common
    words misses the pairs a phrase would look for, so it must be rebuilt (index/engine/phrases.py)."""
    common = getattr(getattr(field, "analyzer", None), "common", None)
    if common is None:
        return type(field).__name__
    digest = hashlib.sha256("\n".join(sorted(common)).encode()).hexdigest()[:12]
    return f"{type(field).__name__}:common:{digest}"


def read_marker(using="default") -> dict | None:
    """Return the live generation's build marker, or ``None`` when there is no readable built index."""
    path = Path(backend(using).path)
    try:
        if not exists_in(str(path)):
            return None
        _check_readable(path)
        return json.loads((path / MARKER).read_text())
    except (OSError, ValueError, EmptyIndexError):
        return None
    except Exception:  # noqa: BLE001 - a corrupted index (bad TOC, truncated files) is as good as missing
        log.warning("search index at %s cannot be read; it counts as stale", path, exc_info=True)
        return None


def _check_readable(path: Path) -> None:
    """Open every segment of the index at ``path``; raises if any cannot be read.

    The table of contents can be intact while segment files are truncated or
    overwritten: only opening a reader finds out.
    """
    index = open_dir(str(path))
    try:
        with index.reader() as reader:
            reader.doc_count()
    finally:
        index.close()


def condition(using="default") -> tuple[bool, bool]:
    """Return ``(usable, stale)``, reading the index once.

    Usable: a readable index built with the current schema, which can serve searches
    while a newer one is built. Stale: missing, or built from another state of the archive.
    """
    if not is_whoosh(using):
        return True, stale_mark(using) is not None
    marker = read_marker(using)
    usable = marker is not None and marker.get("schema") == schema_signature(using)
    return usable, not usable or marker.get("archive") != archive_state() or stale_mark(using) is not None


def is_stale(using="default") -> bool:
    return condition(using)[1]


def is_usable(using="default") -> bool:
    return condition(using)[0]


# Changes that bypassed the queue ------------------------------------------------


def _stale_mark_path(using="default") -> Path:
    """Return where the stale mark lives: beside the live link (Whoosh), else in the data folder."""
    live = live_path(using)
    if live is not None:
        return live.with_name(f"{live.name}.stale.json")
    return Path(settings.DATA_DIR) / f"index-{using}.stale.json"


def mark_stale(reason: str, using="default") -> None:
    """Record that the database changed behind the index queue's back (``reason`` says how).

    Only a full build that starts after the mark clears it (:func:`clear_stale_mark`);
    until then :func:`condition` calls the index stale, so ``build_index --if-stale``
    (which ``make run`` starts) rebuilds it, and ``/healthz`` and the admin say so.
    """
    path = _stale_mark_path(using)
    path.parent.mkdir(parents=True, exist_ok=True)
    mark = {"reason": reason, "at": time.time()}
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(mark))
    os.replace(temporary, path)
    log.warning("search index marked stale: %s", reason)


def stale_mark(using="default") -> dict | None:
    """Return the stale mark (``reason``, ``at``), or ``None`` when nothing bypassed the queue since the last build."""
    try:
        mark = json.loads(_stale_mark_path(using).read_text())
    except (OSError, ValueError):
        return None
    return mark if isinstance(mark, dict) else {"reason": "unknown", "at": 0}


def clear_stale_mark(built_since: float, using="default") -> None:
    """Remove the stale mark if it was made before ``built_since`` (a build's start, ``time.time()``)."""
    mark = stale_mark(using)
    if mark is not None and float(mark.get("at") or 0) <= built_since:
        _stale_mark_path(using).unlink(missing_ok=True)


# Writing ------------------------------------------------------------------------


def new_generation(using="default") -> Path:
    """Create and return an empty folder for a new generation beside the live one."""
    live = Path(backend(using).path)
    live.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
    # A unique name even for two builds in the same second (a retry after a failure).
    target = Path(tempfile.mkdtemp(prefix=f"{live.name}-{stamp}-", dir=live.parent))
    target.chmod(0o755)  # mkdtemp's 700 would hide the index from a server running as another user
    return target


def write_marker(target: Path, archive: dict, documents: int, using="default") -> None:
    """Mark the generation at ``target`` as completely built from the archive state ``archive``."""
    marker = {"archive": archive, "schema": schema_signature(using), "documents": documents}
    (target / MARKER).write_text(json.dumps(marker))


def discard(target: Path) -> None:
    """Delete a generation that was never swapped in (a failed or cancelled build)."""
    shutil.rmtree(target, ignore_errors=True)


def swap_in(live: Path, target: Path) -> None:
    """Point ``live`` (a symbolic link) at ``target`` in one atomic rename."""
    if live.exists() and not live.is_symlink():
        if exists_in(str(live)):
            # An index from before generations existed: keep it as a generation of its own.
            live.rename(live.with_name(f"{live.name}-legacy-{int(time.time())}"))
        else:
            shutil.rmtree(live)  # the empty folder Haystack creates on first use
    link = live.with_name(f".{live.name}.swap-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.name)
    os.replace(link, live)
    log.info("search index now served from %s", target)


def prune(live: Path, keep: int = KEEP_GENERATIONS) -> None:
    """Delete old generations, keeping the live one and the newest others up to ``keep``."""
    current = live.resolve()
    generations = sorted(
        (p for p in live.parent.glob(f"{live.name}-*") if p.is_dir() and p.resolve() != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in generations[keep - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
