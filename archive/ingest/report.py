"""What an import run did: every article taken, matched, kept for review or rejected, and why.

The command prints it, the admin shows it, and an import job keeps it as JSON
(:meth:`Report.as_json`, :meth:`Report.from_json`) for its page.
"""

from dataclasses import asdict, dataclass, field, fields


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

    def lines(self) -> list[str]:
        """Return the full report as text lines: the summary, then every revision, match and rejection."""
        lines = [("Dry run, nothing written. " if self.dry_run else "") + self.summary()]
        if self.stopped:
            lines.append("Cancelled before the end: what is listed here was saved; the rest was not imported.")
        for outcome in (*self.created, *self.updated):
            for note in outcome.notes:
                lines.append(f"{outcome.file} {outcome.where}: {note}".replace("  ", " "))
        for outcome in self.revisions:
            lines.append(
                f"kept as a revision for review: {outcome.file} {outcome.where}: new text for "
                f"“{outcome.matched_title}”, which is not a draft and was not changed"
            )
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

    def as_json(self) -> dict:
        """Return the report as JSON-ready data (:meth:`from_json` reads it back)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Report":
        """Return the report that :meth:`as_json` gave ``data`` for (unknown keys ignored)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for name in _OUTCOME_LISTS:
            values[name] = [
                Outcome(**{**entry, "notes": tuple(entry.get("notes", ()))}) for entry in values.get(name, [])
            ]
        values["rejected"] = [Rejection(**entry) for entry in values.get("rejected", [])]
        return cls(**values)
