"""Index build benchmark: Parley's build path against raw Whoosh over the same documents.

    python bench/build.py parley            # manage.py build_index's path, timed
    python bench/build.py raw DOCS_DIR      # the ceiling: documents already prepared, raw Whoosh

``dump DOCS_DIR`` writes the documents Parley would index (same schema and analyzers)
to pickle files first, untimed. Each command prints one JSON line.
"""

import os
import pickle
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import emit, setup_django


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def parley():
    setup_django()
    from index import build as indexing

    report = indexing.build_whoosh_index()
    path = Path(report.path)
    emit(
        {
            "documents": report.documents,
            "seconds": round(report.seconds, 2),
            "docs_per_s": round(report.docs_per_second, 1),
            "index_mb": round(folder_size(path) / 2**20, 1),
            "peak_rss_mb": peak_rss_mb(),
            "procs": indexing.BUILD_PROCS,
        }
    )


def _dump_part(part, records, folder):
    from django.db import connections as db_connections

    db_connections.close_all()
    from haystack import connections

    from index import build as indexing
    from index import kinds

    engine = connections["default"].get_backend()
    engine.setup()
    with open(Path(folder) / f"docs-{part}.pickle", "wb") as out:
        for kind in kinds.KINDS:
            search_index = connections["default"].get_unified_index().get_index(kinds.model_of(kind))
            pks = [pk for record_kind, pk in records if record_kind == kind]
            for first in range(0, len(pks), 500):
                for record in indexing.index_queryset(kind=kind).filter(pk__in=pks[first : first + 500]).order_by("pk"):
                    doc = engine.prepare_document(search_index, record)
                    if doc is not None:
                        pickle.dump(doc, out, protocol=pickle.HIGHEST_PROTOCOL)
    os._exit(0)


def dump(folder):
    """Write the prepared documents (articles and meetings, as the build indexes them) to ``folder``
    (two processes, not timed)."""
    setup_django()
    import multiprocessing

    from django.db import connections as db_connections

    from index import build as indexing

    Path(folder).mkdir(parents=True, exist_ok=True)
    records = indexing.searchable_records()
    db_connections.close_all()
    procs = 2
    size = -(-len(records) // procs) or 1
    context = multiprocessing.get_context("fork")
    children = [
        context.Process(target=_dump_part, args=(n, records[n * size : (n + 1) * size], folder)) for n in range(procs)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join()
        if child.exitcode:
            raise SystemExit(f"document dump failed (exit {child.exitcode})")
    emit({"documents": len(records)})


def raw(folder):
    """Index the dumped documents with raw Whoosh: same schema, writer(procs=2, multisegment)."""
    setup_django()
    from haystack import connections
    from whoosh.index import create_in

    engine = connections["default"].get_backend()
    engine.setup()
    target = Path(tempfile.mkdtemp(prefix="raw-whoosh-"))
    try:
        started = time.monotonic()
        index = create_in(str(target), engine.schema)
        writer = index.writer(procs=2, multisegment=True, limitmb=128)
        count = 0
        for name in sorted(Path(folder).glob("docs-*.pickle")):
            with open(name, "rb") as source:
                while True:
                    try:
                        doc = pickle.load(source)  # noqa: S301 - files this script just wrote
                    except EOFError:
                        break
                    writer.add_document(**doc)
                    count += 1
        writer.commit()
        seconds = time.monotonic() - started
        emit(
            {
                "documents": count,
                "seconds": round(seconds, 2),
                "docs_per_s": round(count / seconds, 1) if seconds else None,
                "index_mb": round(folder_size(target) / 2**20, 1),
                "peak_rss_mb": peak_rss_mb(),
                "writer": "procs=2, multisegment=True",
            }
        )
    finally:
        shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "parley":
        parley()
    elif command == "dump":
        dump(sys.argv[2])
    elif command == "raw":
        raw(sys.argv[2])
    else:
        raise SystemExit(f"unknown command {command!r}: parley, dump DIR, raw DIR")
