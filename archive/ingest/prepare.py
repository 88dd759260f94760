"""The import's CPU-only work per record, in worker processes while the main process writes.

Validating a record, linking it and what the steps read of it before they write (the
meeting proposer) need no database and no state of the run. With ``processes`` > 1 they
run in ``processes - 1`` worker processes, forked once the import has loaded what they
read (the gazetteers, the outlets' names, the steps' tables), so the workers inherit it
and never touch the database. Everything with state or a write stays in the main process:
reading and parsing the files (a file streams, and may be an upload), deduplication,
saving, matching and writing meetings, one transaction per batch as before.

Records go to the workers in chunks and come back in their order, so the report, its
messages (file and line) and what is kept are what one process gives. A small import
(one chunk) is prepared in the main process: forking is not worth it.
"""

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice

import numpy as np
from django.db import connections

from archive.ingest.dedupe import shingle_array
from archive.ingest.linking import Gazetteer, link
from archive.ingest.records import Candidate, Draft, IngestError
from archive.ingest.steps import ArticleText
from archive.ingest.validate import validate
from archive.text import fold

# Records per task sent to a worker: enough to make the cost of passing them small.
CHUNK = 25
# Tasks under way per worker: the main process finds the next records prepared, while a
# large import holds only a few chunks in memory.
AHEAD = 4


@dataclass
class Prepared:
    """One record after the CPU-only steps: its linked candidate, or why it was refused.

    ``text`` is what the steps read of the article-to-be, and ``steps`` what each step's
    ``prepare`` made of it (None for a step without one).
    """

    where: str
    candidate: Candidate | None = None
    error: IngestError | None = None
    text: ArticleText | None = None
    steps: tuple = ()
    # Of the body, for deduplication (dedupe.shingle_array: a numpy array, cheap to pass between processes).
    shingles: np.ndarray | None = None


class Preparer:
    """What the workers do to a record; holds the run's reference data (read only)."""

    def __init__(self, gazetteer: Gazetteer, today: date, steps: list, source_names: dict[str, str], default=""):
        self.gazetteer = gazetteer
        self.today = today
        self.steps = steps
        self.source_names = source_names  # folded name or slug → outlet name, as at the start of the run
        self.default_source = default

    def prepare(self, file_name: str, draft: Draft) -> Prepared:
        """Validate and link ``draft``; let each step read the article it would make."""
        try:
            candidate = validate(draft, f"{file_name} {draft.where}".strip(), self.today)
        except IngestError as error:
            return Prepared(draft.where, error=error)
        candidate.links = link(
            candidate.body,
            self.gazetteer,
            title="" if candidate.title_is_derived else candidate.title,
            explicit_people=candidate.participants,
            explicit_countries=candidate.countries,
        )
        text = ArticleText(candidate.title, candidate.body, candidate.published_on, self.source_name(candidate.source))
        steps = tuple(
            step.prepare(text, candidate.links, self.gazetteer) if hasattr(step, "prepare") else None
            for step in self.steps
        )
        return Prepared(draft.where, candidate, text=text, steps=steps, shingles=shingle_array(candidate.body))

    def source_name(self, name: str) -> str:
        """The name of the outlet the article will be saved under, as the outlets stood at the start.

        An outlet created during the run may be spelt otherwise; the pipeline compares
        this with the saved article's and lets the steps read again if they differ.
        """
        if not name:
            return self.default_source
        return self.source_names.get(fold(name)) or self.source_names.get(name.lower()) or name

    def prepare_all(self, drafts: list[tuple[str, Draft]]) -> list[Prepared | Exception]:
        """Prepare each of ``drafts``; an unexpected error is returned in its place, for the main process to raise
        when it comes to that record (as one process would have)."""
        done: list[Prepared | Exception] = []
        for file_name, draft in drafts:
            try:
                done.append(self.prepare(file_name, draft))
            except Exception as error:  # noqa: BLE001 (raised again in the main process, in order)
                done.append(error)
        return done


# Records, and the rest of what the main process reads, in order: ("draft", file name, Draft), or any other
# kind with its value (the pipeline's markers and per-record errors), passed through untouched.
DRAFT = "draft"


def prepared(items: Iterable[tuple], preparer: Preparer, processes: int) -> Iterator[tuple]:
    """Yield ``items`` in order, each draft as ``(DRAFT, file name, Prepared)``.

    With ``processes`` > 1, drafts are prepared in ``processes - 1`` forked workers,
    up to ``AHEAD`` chunks each ahead of what the caller has taken.
    """
    chunks = _chunks(items)
    head = [] if processes <= 1 else list(islice(chunks, 2))
    if len(head) < 2:  # one process, or one chunk in all: prepared here, as each comes
        for chunk in chain(head, chunks):
            yield from _merged(chunk, preparer.prepare_all(_drafts(chunk)))
        return
    workers = processes - 1
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(preparer,))
    try:
        under_way: deque = deque()
        for chunk in chain(head, chunks):
            under_way.append((chunk, pool.apply_async(_prepare_in_worker, (_drafts(chunk),))))
            if len(under_way) >= workers * AHEAD:
                chunk, result = under_way.popleft()
                yield from _merged(chunk, result.get())
        while under_way:
            chunk, result = under_way.popleft()
            yield from _merged(chunk, result.get())
    finally:
        pool.terminate()  # every result is taken, or the run stopped: nothing left to wait for
        pool.join()


def _chunks(items: Iterable[tuple]) -> Iterator[list[tuple]]:
    """Group ``items`` into lists holding up to ``CHUNK`` drafts each (with whatever comes between them)."""
    chunk, drafts = [], 0
    for item in items:
        chunk.append(item)
        if item[0] == DRAFT:
            drafts += 1
            if drafts >= CHUNK:
                yield chunk
                chunk, drafts = [], 0
    if chunk:
        yield chunk


def _drafts(chunk: list[tuple]) -> list[tuple[str, Draft]]:
    return [(item[1], item[2]) for item in chunk if item[0] == DRAFT]


def _merged(chunk: list[tuple], done: list) -> Iterator[tuple]:
    results = iter(done)
    for item in chunk:
        if item[0] != DRAFT:
            yield item
            continue
        result = next(results)
        if isinstance(result, Exception):
            raise result
        yield DRAFT, item[1], result


# In a worker ------------------------------------------------------------------

_preparer: Preparer | None = None


def _start_worker(preparer: Preparer) -> None:
    """Set up a forked worker: the run's preparer, no database, and signals left to the main process."""
    global _preparer
    _preparer = preparer
    # Ctrl-C reaches the whole process group: the main process stops the run and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the job runner's handler, inherited by the fork
    for connection in connections.all(initialized_only=True):
        # The connection is the main process's (the fork copied it): using it here would corrupt its
        # session. Never closed either (that too would end the main process's session).
        connection.execute_wrappers.append(_no_database)


def _no_database(*_args):
    raise RuntimeError("the import's worker processes do not use the database")


def _prepare_in_worker(drafts: list[tuple[str, Draft]]) -> list[Prepared | Exception]:
    return _preparer.prepare_all(drafts)
