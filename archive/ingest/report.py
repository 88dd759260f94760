"""What an import run did: every article taken, matched, kept for review or rejected, and why.

The command prints it, the admin shows it, and an import job keeps it as JSON
(:meth:`Report.as_json`, :meth:`Report.from_json`) for its page.
"""

from dataclasses import asdict, dataclass, field, fields

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Rejection:
    """A file or record that was not imported, and why."""

    file: str
    where: str
    reason: str

    def __str__(self):
        return f"{self.file}{': ' + self.where if self.where else ''}: {self.reason}"


@dataclass(frozen=True)
class LinkedOfficial:
    """A known official linking found in an article: who, in which role, with the title the article gives."""

    name: str
    role: str
    title: str = ""
    person_id: int | None = None

    def __str__(self):
        return f"{self.name} ({', '.join(filter(None, [self.role, self.title]))})"


@dataclass(frozen=True)
class SuggestedOfficial:
    """A name the import suggests for review, with the title and the country it guessed (an ISO code or "")."""

    name: str
    title: str = ""
    role: str = ""
    country: str = ""

    def __str__(self):
        details = [self.title, f"country guessed: {self.country}" if self.country else ""]
        details = ", ".join(filter(None, details))
        return f"{self.name} ({details})" if details else self.name


def admin_path(name: str, *args, query: str = "") -> str:
    """Return the admin page's path (with ``query``), or "" when the admin is not installed."""
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def review_queue_path(article_id: int) -> str:
    """Return the path of the review queue narrowed to one article's suggestions."""
    return admin_path("admin:archive_suggestion_changelist", query=f"article__id__exact={article_id}")


@dataclass(frozen=True)
class Outcome:
    """An article that was taken or matched: where it came from and what it is (or would be) in the archive.

    For a record kept as a revision, ``article_id`` and ``matched_title`` name the
    curated article it would change, and ``revision_id`` the revision.
    """

    file: str
    where: str
    title: str
    article_id: int | None = None
    matched_title: str = ""
    similarity: float = 1.0
    revision_id: int | None = None
    # What later steps made of it: meetings proposed or matched, tenure suggestions.
    notes: tuple[str, ...] = ()
    # What linking found in it (for articles taken, in a dry run too).
    officials: tuple[LinkedOfficial, ...] = ()
    countries: tuple[str, ...] = ()
    suggested: tuple[SuggestedOfficial, ...] = ()

    @property
    def place(self) -> str:
        """Return where the record came from: the file, and the line or record in it."""
        return f"{self.file} {self.where}".strip()

    @property
    def review_path(self) -> str:
        """Return the review queue's path for this article's suggestions ("" before it is stored)."""
        return review_queue_path(self.article_id) if self.article_id else ""

    @property
    def article_path(self) -> str:
        """Return the admin page of the article (the stored one, or the one kept for a duplicate), or ""."""
        return admin_path("admin:archive_article_change", self.article_id) if self.article_id else ""


_OUTCOME_LISTS = ("created", "updated", "revisions", "duplicates", "near_duplicates")


@dataclass
class Report:
    """Everything a run did, for the command's output, the admin's page and the job's record."""

    dry_run: bool = False
    files: int = 0
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    revisions: list[Outcome] = field(default_factory=list)  # kept as a revision for review
    duplicates: list[Outcome] = field(default_factory=list)
    near_duplicates: list[Outcome] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    suggestions: int = 0
    stopped: bool = False  # cancelled before the end: the report says what was saved until then

    @property
    def changed_ids(self) -> list[int]:
        """Return the ids of the articles created or updated: the ones the search index must take in."""
        return [o.article_id for o in (*self.created, *self.updated) if o.article_id is not None]

    @property
    def ok(self) -> bool:
        """Whether nothing was rejected."""
        return not self.rejected

    def counts(self) -> dict[str, int]:
        """Return the number of entries of each kind (and of files and suggestions), for progress displays."""
        return {
            "files": self.files,
            **{name: len(getattr(self, name)) for name in (*_OUTCOME_LISTS, "rejected")},
            "suggestions": self.suggestions,
        }

    def summary(self) -> str:
        """Return the one-line count of what happened."""
        verb = "would be " if self.dry_run else ""
        return (
            f"{self.files} file(s): {len(self.created)} {verb}created, {len(self.updated)} {verb}updated, "
            f"{len(self.revisions)} {verb}kept as a revision for review, "
            f"{len(self.duplicates)} duplicate(s), {len(self.near_duplicates)} near-duplicate(s), "
            f"{len(self.rejected)} rejected; {self.suggestions} official(s) suggested for review"
        )

    def lines(self, verbosity: int = 1) -> list[str]:
        """Return the full report as text lines: the summary, then what each article needs a curator for.

        Every suggestion is named with its article and the review queue's path, every
        duplicate with the article kept; ``verbosity`` 2 adds, per article, the officials
        and countries linking found.
        """
        lines = [("Dry run, nothing written. " if self.dry_run else "") + self.summary()]
        if self.stopped:
            lines.append("Cancelled before the end: what is listed here was saved; the rest was not imported.")
        verb = "would be created" if self.dry_run else "created"
        taken = [(verb, o) for o in self.created] + [("updated", o) for o in self.updated]
        for kind, outcome in taken:
            if verbosity >= 2:
                lines.extend(_details(kind, outcome))
            if outcome.suggested:
                where = f" review: {outcome.review_path}" if outcome.review_path else ""
                names = "; ".join(str(s) for s in outcome.suggested)
                lines.append(f"{outcome.place}: suggested for review: {names}.{where}")
            for note in outcome.notes:
                lines.append(f"{outcome.place}: {note}")
        for outcome in self.revisions:
            lines.append(
                f"kept as a revision for review: {outcome.place}: new text for "
                f"“{outcome.matched_title}”, which is not a draft and was not changed"
            )
        for outcome in self.duplicates:
            kept = f" (article {outcome.article_id}: {outcome.article_path})" if outcome.article_path else ""
            lines.append(f"duplicate: {outcome.place}: already stored as “{outcome.matched_title}”{kept}")
        for outcome in self.near_duplicates:
            kept = f" (article {outcome.article_id}: {outcome.article_path})" if outcome.article_path else ""
            lines.append(
                f"near-duplicate: {outcome.place}: {outcome.similarity:.0%} like "
                f"“{outcome.matched_title}”{kept}, not stored"
            )
        for rejection in self.rejected:
            lines.append(f"rejected: {rejection}")
        return lines

    def as_json(self) -> dict:
        """Return the report as JSON-ready data (:meth:`from_json` reads it back)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Report":
        """Return the report that :meth:`as_json` gave ``data`` for (unknown keys ignored)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for name in _OUTCOME_LISTS:
            values[name] = [_outcome_from_json(entry) for entry in values.get(name, [])]
        values["rejected"] = [Rejection(**entry) for entry in values.get("rejected", [])]
        return cls(**values)


def _outcome_from_json(entry: dict) -> Outcome:
    """Return the :class:`Outcome` that ``asdict`` gave ``entry`` for (reports kept before details existed too)."""
    known = {f.name for f in fields(Outcome)}
    entry = {key: value for key, value in entry.items() if key in known}
    return Outcome(
        **{
            **entry,
            "notes": tuple(entry.get("notes", ())),
            "officials": tuple(LinkedOfficial(**o) for o in entry.get("officials", ())),
            "countries": tuple(entry.get("countries", ())),
            "suggested": tuple(SuggestedOfficial(**s) for s in entry.get("suggested", ())),
        }
    )


def _details(kind: str, outcome: Outcome) -> list[str]:
    """Return the lines of ``-v 2`` for one article: what it is, its officials, its countries."""
    stored = f" (article {outcome.article_id})" if outcome.article_id else ""
    lines = [f"{kind}: {outcome.place}: “{outcome.title}”{stored}"]
    officials = "; ".join(str(o) for o in outcome.officials) or "none"
    lines.append(f"  officials linked: {officials}")
    lines.append(f"  countries linked: {', '.join(outcome.countries) or 'none'}")
    return lines
