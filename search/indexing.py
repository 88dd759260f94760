"""Building the whole search index without taking search down.

A Whoosh build writes a complete new index in a sibling folder and then points
the configured index path (a symbolic link) at it in one atomic rename:
searches never see a missing or half-built index. Other backends (Elasticsearch,
Solr) are rebuilt through Haystack's own ``update_index``.
"""

import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from haystack import connections
from whoosh.index import EmptyIndexError, create_in, exists_in, open_dir

from archive.models import Article
from search.backends.whoosh import ParleyWhooshSearchBackend
from search.models import IndexBuild, IndexChange

log = logging.getLogger(__name__)

BATCH_SIZE = 500
MARKER = "parley-build.json"
KEEP_GENERATIONS = 2


@dataclass
class BuildReport:
    documents: int
    seconds: float
    path: str

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def backend(using="default"):
    return connections[using].get_backend()


def is_whoosh(using="default") -> bool:
    return isinstance(backend(using), ParleyWhooshSearchBackend)


def archive_state() -> dict:
    """Return what the index must reflect: how many published articles, last change."""
    published = Article.objects.published()
    last = Article.objects.aggregate(last=Max("updated_at"))["last"]
    return {"published": published.count(), "last_change": last.isoformat() if last else None}


def index_state(using="default") -> dict | None:
    """Return the marker written by the last build, or ``None`` when there is no usable index."""
    path = Path(backend(using).path)
    marker = path / MARKER
    try:
        if not exists_in(str(path)):
            return None
        _check_readable(path)
        return json.loads(marker.read_text())
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


def is_stale(using="default") -> bool:
    """Whether the index is missing or was built from another state of the archive."""
    if not is_whoosh(using):
        return False
    state = index_state(using)
    return state is None or state.get("archive") != archive_state() or state.get("schema") != schema_signature(using)


def schema_signature(using="default") -> str:
    """Return a text that changes whenever the index schema changes."""
    engine = backend(using)
    engine.setup_complete or engine.setup()
    return repr(sorted((name, type(field).__name__) for name, field in engine.schema.items()))


def build_whoosh_index(using="default", batch_size=BATCH_SIZE, stdout=None) -> BuildReport:
    """Build a complete new Whoosh index beside the live one, swap it in atomically, and
    have the index worker replay on it every change queued since the build started."""
    build = start_build(using)
    try:
        return _build_and_swap(using, batch_size, stdout, on_swapped=lambda: replay_since(build, using))
    finally:
        IndexBuild.objects.using(using).filter(pk=build.pk).delete()


def start_build(using="default") -> IndexBuild:
    """Record the queue position the new index will surely contain (everything committed now)."""
    with transaction.atomic(using=using):
        position = IndexChange.objects.using(using).aggregate(last=Max("pk"))["last"] or 0
        return IndexBuild.objects.using(using).create(position=position)


def replay_since(build: IndexBuild, using="default") -> int:
    """Queue again the changes the worker applied to the old index during ``build``; return how many.

    Changes committed after the build started may be missing from the new index;
    the worker kept them (marked applied) while the build ran. Runs right after
    the swap, in one transaction with the end of the build, so that the worker
    either sees the build still running (and keeps what it applies) or sees the
    rows queued again.
    """
    with transaction.atomic(using=using):
        replayed = IndexChange.objects.using(using).applied().filter(pk__gt=build.position).update(applied=False)
        IndexBuild.objects.using(using).filter(pk=build.pk).delete()
    if replayed:
        log.info("rebuild: %s changes made during the build queued again for the new index", replayed)
    return replayed


def _build_and_swap(using, batch_size, stdout, on_swapped) -> BuildReport:
    engine = backend(using)
    engine.setup_complete or engine.setup()
    live = Path(engine.path)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
    live.parent.mkdir(parents=True, exist_ok=True)
    # A unique name even for two builds in the same second (a retry after a failure).
    target = Path(tempfile.mkdtemp(prefix=f"{live.name}-{stamp}-", dir=live.parent))
    target.chmod(0o755)  # mkdtemp's 700 would hide the index from a server running as another user
    started = time.monotonic()
    state = archive_state()
    unified = connections[using].get_unified_index()
    search_index = unified.get_index(Article)
    writer = None
    count = 0
    try:
        index = create_in(str(target), engine.schema)
        writer = index.writer(limitmb=256)
        queryset = search_index.index_queryset(using=using).order_by("pk")
        for article in queryset.iterator(chunk_size=batch_size):
            doc = engine.prepare_document(search_index, article)
            if doc is not None:
                writer.add_document(**doc)
                count += 1
                if stdout and count % 5000 == 0:
                    stdout.write(f"  {count} articles prepared")
        writer.commit()
        marker = {"archive": state, "schema": schema_signature(using), "documents": count}
        (target / MARKER).write_text(json.dumps(marker))
    except BaseException as error:
        # Disk full, killed, a bad document: the live index is untouched and keeps
        # serving; the half-built generation must not fill the disk further.
        log.error("index build failed in %s after %d documents: %s; the live index is unchanged", target, count, error)
        _cancel(writer)
        shutil.rmtree(target, ignore_errors=True)
        raise
    swap_in(live, target)
    on_swapped()
    prune_generations(live)
    return BuildReport(documents=count, seconds=time.monotonic() - started, path=str(target))


def _cancel(writer) -> None:
    """Cancel a Whoosh writer that may already be committed, closed or never opened."""
    if writer is None:
        return
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - cleanup after a failure must not hide the failure
        log.debug("writer cancel failed", exc_info=True)


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


def prune_generations(live: Path, keep: int = KEEP_GENERATIONS) -> None:
    """Delete old index generations, keeping the live one and the newest others up to ``keep``."""
    current = live.resolve()
    generations = sorted(
        (p for p in live.parent.glob(f"{live.name}-*") if p.is_dir() and p.resolve() != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in generations[keep - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
