"""The import, start to end: files in, a :class:`Report` out.

``run_import`` reads each file, parses its records and takes each record through
validate → link → deduplicate → save. A bad file or record is reported (file,
line or record, reason) and skipped; the rest go on. New text for an article
that is not a draft any more (published or withdrawn) never changes it: it is kept
as an :class:`~archive.models.ArticleRevision` for a curator. Articles are written in
batches (:mod:`archive.ingest.batch`): one commit per batch, one savepoint per
article, and an article is reported as created or updated once its batch is committed. Nothing is indexed here:
``Report.changed_ids`` lists the articles created or updated, for whoever keeps
the search index up to date (one batched update after the run, never one commit
per article).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import DatabaseError, IntegrityError

from archive.ingest import dedupe, formats, prepare
from archive.ingest.batch import Batch
from archive.ingest.linking import Gazetteer
from archive.ingest.read import InputFile, read_text
from archive.ingest.records import Candidate, IngestError
from archive.ingest.report import LinkedOfficial, Outcome, Rejection, Report, SuggestedOfficial
from archive.ingest.save import Sources, create_article, keep_revision, revision_kept, update_article
from archive.ingest.steps import load_steps, run_step
from archive.ingest.validate import latest_date
from archive.models import Article, Source

__all__ = ["ImportOptions", "ImportStopped", "Importer", "Outcome", "Rejection", "Report", "run_import"]
KEPT_AS_REVISION = "revision"
# What the files hold besides records (prepare.DRAFT), in the order read: see Importer._read.
_REJECTED_RECORD, _REJECTED_FILE, _FILE_DONE, _FAILED = "rejected record", "rejected file", "file done", "failed"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportOptions:
    """How to import: publish or keep as drafts, write or only report, default outlet, forced format."""

    publish: bool = False
    dry_run: bool = False
    source: Source | None = None
    format: str | None = None
    # Processes for the import: the CPU-only work per record runs in ``processes - 1`` workers beside
    # this one (archive/ingest/prepare.py). None: ``PARLEY_IMPORT_PROCESSES`` (the CPU count); 1: here only.
    processes: int | None = None


class ImportStopped(Exception):
    """Raised by the run itself when its ``watch`` asks it to stop (a cancelled job)."""


class Importer:
    """One import run: the reference data it loaded once, and the report it fills.

    ``watch(importer)``, if given, is called after every record; when it returns
    true the run stops there, keeps what it saved, and its report says so. ``job_id``
    is the import job whose revisions these are.
    """

    def __init__(self, options: ImportOptions, watch: Callable[["Importer"], bool] | None = None, job_id=None):
        self.options = options
        self.watch = watch
        self.job_id = job_id
        self.records = 0
        self.report = Report(dry_run=options.dry_run)
        self.gazetteer = Gazetteer.from_database()
        self.sources = Sources(default=options.source)
        self.context = formats.ParseContext(known_sources=self.sources.names())
        self.dedupe = dedupe.Deduplicator(dry_run=options.dry_run)
        self.today = latest_date()
        self.status = Article.Status.PUBLISHED if options.publish else Article.Status.DRAFT
        self.batch = Batch()
        # Steps of other apps after each save (meetings, tenure suggestions); none in a dry run.
        self.steps = [] if options.dry_run else load_steps()
        self.processes = max(1, options.processes or settings.PARLEY_IMPORT_PROCESSES)
        default = options.source.name if options.source else ""
        self.preparer = prepare.Preparer(self.gazetteer, self.today, self.steps, self.context.known_sources, default)

    def import_files(self, files: Iterable[InputFile], progress: Callable[[InputFile], None] | None = None) -> None:
        """Import every file, then commit the last batch; an unexpected error rolls the open batch back.

        Each record is validated and linked (and read by the steps) beforehand, in worker
        processes when ``processes`` > 1 (:mod:`archive.ingest.prepare`); what follows, in order,
        is done here.
        """
        try:
            for kind, name, value in prepare.prepared(self._read(files), self.preparer, self.processes):
                if kind == prepare.DRAFT:
                    self.import_prepared(name, value)
                    self._record_done()
                elif kind == _REJECTED_RECORD:
                    self._reject(name, value)
                    self._record_done()
                elif kind == _REJECTED_FILE:
                    self._reject(name, value)
                elif kind == _FILE_DONE and progress:
                    progress(value)
                elif kind == _FAILED:
                    raise value
        except ImportStopped:
            self.report.stopped = True  # what was saved stays, and is committed below
        except BaseException as error:
            self.batch.abandon(error)
            self.sources.settle(committed=False)
            raise
        self.commit_batch()

    def _read(self, files: Iterable[InputFile]):
        """Yield what the files hold, in order: each record (a draft), each file's or record's rejection,
        and the end of each file. An unexpected error is yielded too, and raised when its turn comes."""
        for source in files:
            self.report.files += 1
            try:
                text_file = read_text(source)
                for item in formats.parse(text_file, self.context, self.options.format):
                    if isinstance(item, IngestError):
                        yield _REJECTED_RECORD, source.name, item
                    else:
                        yield prepare.DRAFT, source.name, item
            except IngestError as error:
                yield _REJECTED_FILE, source.name, error
            except Exception as error:  # noqa: BLE001 (raised in its turn, after the records read before it)
                yield _FAILED, source.name, error
                return
            yield _FILE_DONE, source.name, source

    def commit_batch(self) -> None:
        """Commit the open batch; report its articles as taken or, if the commit failed, as not saved."""
        pending, error = self.batch.commit()
        self.sources.settle(committed=error is None)
        if error is not None:
            log.warning("a batch of %d article(s) could not be committed: %s", len(pending), error)
            self.dedupe.reset()  # it remembered articles that are not stored after all
            for _kind, outcome, _suggestions in pending:
                self._reject(outcome.file, IngestError(f"could not be saved: {error}"), outcome.where)
            return
        for taken in pending:
            self._report_taken(*taken)

    def _report_taken(self, kind: str, outcome: Outcome, suggestions: int) -> None:
        taken = {dedupe.UPDATE: self.report.updated, KEPT_AS_REVISION: self.report.revisions}
        taken.get(kind, self.report.created).append(outcome)
        self.report.suggestions += suggestions

    def progress(self) -> dict[str, int]:
        """Return the counts so far: files, records read, and each kind of outcome (saved ones only)."""
        return {**self.report.counts(), "records": self.records}

    def _record_done(self) -> None:
        self.records += 1
        if self.watch is not None and self.watch(self):
            raise ImportStopped

    def import_prepared(self, file_name: str, prepared: prepare.Prepared) -> None:
        """Deduplicate and save one validated and linked record (or report why it was refused)."""
        if prepared.error is not None:
            self._reject(file_name, prepared.error, prepared.where)
            return
        candidate, where = prepared.candidate, prepared.where
        verdict = self.dedupe.check(candidate.body, candidate.url, candidate.published_on, prepared.shingles)
        outcome = Outcome(file_name, where, candidate.title, verdict.article_id, verdict.label, verdict.similarity)
        if verdict.kind == dedupe.EXACT:
            self.report.duplicates.append(outcome)
            return
        if verdict.kind == dedupe.NEAR:
            self.report.near_duplicates.append(outcome)
            return
        if verdict.kind == dedupe.UPDATE and verdict.status != Article.Status.DRAFT:
            self._keep_revision(file_name, where, candidate, verdict, outcome)
            return
        article_id, slug, notes = None, "", ()
        if not self.options.dry_run:
            saved = self._save(file_name, where, candidate, verdict, outcome, prepared)
            if self.batch.broken:
                self.commit_batch()
            if saved is None:
                return
            article_id, slug, notes = saved
        self.dedupe.remember(
            article_id,
            candidate.title,
            candidate.body,
            candidate.url,
            candidate.published_on,
            slug,
            status=verdict.status or self.status,
        )
        taken = (
            verdict.kind,
            Outcome(file_name, where, candidate.title, article_id, notes=notes, **self._found(candidate)),
            len(candidate.links.suggestions),
        )
        if self.options.dry_run:
            self._report_taken(*taken)
            return
        self.batch.pending.append(taken)
        if self.batch.full:
            self.commit_batch()

    def _found(self, candidate: Candidate) -> dict:
        """Return what linking found in ``candidate``, as the report's fields: officials, countries, suggestions."""
        links = candidate.links
        names = self.gazetteer.person_names
        return {
            "officials": tuple(
                LinkedOfficial(names.get(p.person_id, ""), p.role, p.title, p.person_id) for p in links.people
            ),
            "countries": tuple(links.countries),
            "suggested": tuple(SuggestedOfficial(s.name, s.title, s.role, s.country or "") for s in links.suggestions),
        }

    def _keep_revision(
        self, file_name: str, where: str, candidate: Candidate, verdict: dedupe.Verdict, outcome: Outcome
    ) -> None:
        """Keep the new text of a curated article as a revision for review (once per text); report it."""
        if self.options.dry_run:
            kept = revision_kept(verdict.article_id, candidate.body)
        else:
            try:
                self.batch.open()
                revision, kept = keep_revision(verdict.article_id, candidate, self.sources, self.job_id)
            except DatabaseError as error:
                self._reject(file_name, IngestError(f"could not be saved: {error}"), where)
                if self.batch.broken:
                    self.commit_batch()
                return
        if kept:
            self.report.duplicates.append(replace(outcome, matched_title=f"{verdict.label} (a revision {kept})"))
            return
        self.dedupe.remember(
            verdict.article_id, verdict.label, candidate.body, "", candidate.published_on, status=verdict.status
        )
        taken = (KEPT_AS_REVISION, replace(outcome, revision_id=None if self.options.dry_run else revision.pk), 0)
        if self.options.dry_run:
            self._report_taken(*taken)
            return
        self.batch.pending.append(taken)
        if self.batch.full:
            self.commit_batch()

    def _save(
        self,
        file_name: str,
        where: str,
        candidate: Candidate,
        verdict: dedupe.Verdict,
        outcome: Outcome,
        prepared: prepare.Prepared,
    ) -> tuple[int, str, tuple[str, ...]] | None:
        """Save one article in a savepoint of the open batch, then run the steps of other apps on it;
        return its id, slug and the steps' notes, or None (reported)."""
        try:
            self.batch.open()
            # One savepoint for the article and what the steps write of it: all of it or nothing (and the
            # outlets created in it forgotten on a rollback).
            with self.sources.transaction():
                if verdict.kind == dedupe.UPDATE:
                    article, slug = update_article(verdict.article_id, candidate, self.sources), ""
                else:
                    article = create_article(candidate, self.status, self.sources, self.dedupe.slug_taken)
                    slug = article.slug
                notes = tuple(
                    note
                    for step, made in zip(self.steps, prepared.steps, strict=True)
                    for note in run_step(step, article, candidate.links, self.gazetteer, prepared.text, made)
                )
            return article.pk, slug, notes
        except IntegrityError as error:
            # An exact copy stored under another date (outside the loaded window) trips the
            # fingerprint's unique constraint: that is a duplicate, not an error.
            copy = None if self.batch.broken else self.dedupe.stored_copy(candidate.body)
            if copy:
                self.report.duplicates.append(replace(outcome, article_id=copy.article_id, matched_title=copy.label))
                return None
            self._reject(file_name, IngestError(f"could not be saved: {error}"), where)
        except DatabaseError as error:
            log.warning("import of %s %s failed: %s", file_name, where, error)
            self._reject(file_name, IngestError(f"could not be saved: {error}"), where)
        return None

    def _reject(self, file_name: str, error: IngestError, where: str = "") -> None:
        self.report.rejected.append(Rejection(file_name, error.where or where, error.reason))


def run_import(
    files: Iterable[InputFile],
    options: ImportOptions,
    progress: Callable[[InputFile], None] | None = None,
    watch: Callable[[Importer], bool] | None = None,
    job_id: int | None = None,
) -> Report:
    """Import ``files`` with ``options``; return the report.

    ``progress`` is called after each file; ``watch`` after each record (see :class:`Importer`).
    """
    importer = Importer(options, watch=watch, job_id=job_id)
    importer.import_files(files, progress)
    return importer.report
