"""The import, start to end: files in, a :class:`Report` out.

``run_import`` reads each file, parses its records and takes each record through
validate → link → deduplicate → save. A bad file or record is reported (file,
line or record, reason) and skipped; the rest go on. Articles are written in
batches (:mod:`archive.ingest.batch`): one commit per batch, one savepoint per
article, and an article is reported as created or updated once its batch is committed. Nothing is indexed here:
``Report.changed_ids`` lists the articles created or updated, for whoever keeps
the search index up to date (one batched update after the run, never one commit
per article).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.db import DatabaseError, IntegrityError

from archive.ingest import dedupe, formats
from archive.ingest.batch import Batch
from archive.ingest.linking import Gazetteer, link
from archive.ingest.read import InputFile, read_text
from archive.ingest.records import Candidate, Draft, IngestError
from archive.ingest.save import Sources, create_article, update_article
from archive.ingest.validate import latest_date, validate
from archive.models import Article, Source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportOptions:
    """How to import: publish or keep as drafts, write or only report, default outlet, forced format."""

    publish: bool = False
    dry_run: bool = False
    source: Source | None = None
    format: str | None = None


@dataclass(frozen=True)
class Rejection:
    """A file or record that was not imported, and why."""

    file: str
    where: str
    reason: str

    def __str__(self):
        return f"{self.file}{': ' + self.where if self.where else ''}: {self.reason}"


@dataclass(frozen=True)
class Outcome:
    """An article that was taken or matched: where it came from and what it is (or would be) in the archive."""

    file: str
    where: str
    title: str
    article_id: int | None = None
    matched_title: str = ""
    similarity: float = 1.0


@dataclass
class Report:
    """Everything a run did, for the command's output and the admin's page."""

    dry_run: bool = False
    files: int = 0
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    duplicates: list[Outcome] = field(default_factory=list)
    near_duplicates: list[Outcome] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    suggestions: int = 0

    @property
    def changed_ids(self) -> list[int]:
        """Return the ids of the articles created or updated: the ones the search index must take in."""
        return [o.article_id for o in (*self.created, *self.updated) if o.article_id is not None]

    @property
    def ok(self) -> bool:
        """Whether nothing was rejected."""
        return not self.rejected

    def summary(self) -> str:
        """Return the one-line count of what happened."""
        verb = "would be " if self.dry_run else ""
        return (
            f"{self.files} file(s): {len(self.created)} {verb}created, {len(self.updated)} {verb}updated, "
            f"{len(self.duplicates)} duplicate(s), {len(self.near_duplicates)} near-duplicate(s), "
            f"{len(self.rejected)} rejected; {self.suggestions} official(s) suggested for review"
        )

    def lines(self) -> list[str]:
        """Return the full report as text lines: the summary, then every match and rejection."""
        lines = [("Dry run, nothing written. " if self.dry_run else "") + self.summary()]
        for outcome in self.duplicates:
            lines.append(f"duplicate: {outcome.file} {outcome.where}: already stored as “{outcome.matched_title}”")
        for outcome in self.near_duplicates:
            lines.append(
                f"near-duplicate: {outcome.file} {outcome.where}: {outcome.similarity:.0%} like "
                f"“{outcome.matched_title}”, not stored"
            )
        for rejection in self.rejected:
            lines.append(f"rejected: {rejection}")
        return lines


class Importer:
    """One import run: the reference data it loaded once, and the report it fills."""

    def __init__(self, options: ImportOptions):
        self.options = options
        self.report = Report(dry_run=options.dry_run)
        self.gazetteer = Gazetteer.from_database()
        self.sources = Sources(default=options.source)
        self.context = formats.ParseContext(known_sources=self.sources.names())
        self.dedupe = dedupe.Deduplicator(dry_run=options.dry_run)
        self.today = latest_date()
        self.status = Article.Status.PUBLISHED if options.publish else Article.Status.DRAFT
        self.batch = Batch()

    def import_files(self, files: Iterable[InputFile], progress: Callable[[InputFile], None] | None = None) -> None:
        """Import every file, then commit the last batch; an unexpected error rolls the open batch back."""
        try:
            for source in files:
                self.import_file(source)
                if progress:
                    progress(source)
        except BaseException as error:
            self.batch.abandon(error)
            self.sources.settle(committed=False)
            raise
        self.commit_batch()

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
        (self.report.updated if kind == dedupe.UPDATE else self.report.created).append(outcome)
        self.report.suggestions += suggestions

    def import_file(self, source: InputFile) -> None:
        """Take every record of one file through the pipeline, reporting as it goes."""
        self.report.files += 1
        try:
            text_file = read_text(source)
            for item in formats.parse(text_file, self.context, self.options.format):
                if isinstance(item, IngestError):
                    self._reject(source.name, item)
                else:
                    self.import_record(source.name, item)
        except IngestError as error:
            self._reject(source.name, error)

    def import_record(self, file_name: str, draft: Draft) -> None:
        """Validate, link, deduplicate and save one record."""
        try:
            candidate = validate(draft, f"{file_name} {draft.where}".strip(), self.today)
        except IngestError as error:
            self._reject(file_name, error, draft.where)
            return
        candidate.links = link(
            candidate.body,
            self.gazetteer,
            title="" if candidate.title_is_derived else candidate.title,
            explicit_people=candidate.participants,
            explicit_countries=candidate.countries,
        )
        verdict = self.dedupe.check(candidate.body, candidate.url, candidate.published_on)
        outcome = Outcome(
            file_name, draft.where, candidate.title, verdict.article_id, verdict.label, verdict.similarity
        )
        if verdict.kind == dedupe.EXACT:
            self.report.duplicates.append(outcome)
            return
        if verdict.kind == dedupe.NEAR:
            self.report.near_duplicates.append(outcome)
            return
        article_id, slug = None, ""
        if not self.options.dry_run:
            saved = self._save(file_name, draft.where, candidate, verdict, outcome)
            if self.batch.broken:
                self.commit_batch()
            if saved is None:
                return
            article_id, slug = saved
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
            Outcome(file_name, draft.where, candidate.title, article_id),
            len(candidate.links.suggestions),
        )
        if self.options.dry_run:
            self._report_taken(*taken)
            return
        self.batch.pending.append(taken)
        if self.batch.full:
            self.commit_batch()

    def _save(
        self, file_name: str, where: str, candidate: Candidate, verdict: dedupe.Verdict, outcome: Outcome
    ) -> tuple[int, str] | None:
        """Save one article in a savepoint of the open batch; return its id and slug, or None (reported)."""
        try:
            self.batch.open()
            if verdict.kind == dedupe.UPDATE:
                return update_article(verdict.article_id, candidate, self.sources).pk, ""
            article = create_article(candidate, self.status, self.sources, self.dedupe.slug_taken)
            return article.pk, article.slug
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
    files: Iterable[InputFile], options: ImportOptions, progress: Callable[[InputFile], None] | None = None
) -> Report:
    """Import ``files`` with ``options``; return the report. ``progress`` is called after each file."""
    importer = Importer(options)
    importer.import_files(files, progress)
    return importer.report
