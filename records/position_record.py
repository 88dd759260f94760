"""What a position page shows: the office, its holders in order of time with their evidence, the gaps
between them, and for each holder the meetings they had while in that office.

A meeting counts as *in office* when the tenure surely covers its every day (from
the recorded dates and the published reports), or when an article in the tenure's
evidence reports the meeting itself. A meeting the tenure only possibly covers (an
unknown start, before the first report) is left out: the page never guesses.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from archive.models import Person
from meetings.models import Meeting, MeetingParticipant, MeetingReport
from meetings.relations import public_meeting_ids
from offices.dates import PartialDate
from offices.holders import in_order
from offices.models import Position
from query.links import meetings_url
from records.office_timeline import Gap, TenureEntry, entry, public_tenures, with_gaps

MEETINGS_SHOWN = 10


@dataclass(frozen=True)
class HolderRow:
    """A holder of the office: their tenure, the newest meetings they had in it, how many in all, and the
    meetings search for them (between the tenure's recorded start and end, where recorded)."""

    entry: TenureEntry
    meetings: list[Meeting] = field(default_factory=list)
    meetings_total: int = 0
    meetings_search_url: str = ""
    # Only people in a published article have a page to link to.
    person_public: bool = False

    is_gap = False


@dataclass(frozen=True)
class PositionRecord:
    """The page's position and its ``rows``: :class:`HolderRow` and :class:`Gap` in order of time."""

    position: Position
    rows: list = field(default_factory=list)

    @property
    def holders(self) -> list[HolderRow]:
        return [row for row in self.rows if not row.is_gap]

    @property
    def other_labels(self) -> list[str]:
        """Return the position's other labels as written, without repeats of the label itself."""
        return [label for label in dict.fromkeys(self.position.other_labels) if label != self.position.label]


def _meeting_days(start: datetime.date, precision: str, end: datetime.date | None) -> tuple[datetime.date, ...]:
    """Return the first and last days a meeting may have taken place on."""
    period = PartialDate(start, precision or "day")
    return period.earliest, max(end or period.latest, period.latest)


def meetings_in_office(entries: list[TenureEntry], today: datetime.date | None = None) -> dict[int, list[int]]:
    """Return, per tenure id, the ids of the public meetings its holder had while in the office, newest first.

    Two queries, whatever the number of holders and meetings.
    """
    today = today or datetime.date.today()
    people = {e.tenure.person_id for e in entries}
    attended = defaultdict(list)
    rows = (
        MeetingParticipant.objects.filter(person_id__in=people, meeting__in=public_meeting_ids())
        .values_list("person_id", "meeting_id", "meeting__start", "meeting__start_precision", "meeting__end")
        .order_by("-meeting__start", "-meeting_id")
    )
    for person_id, meeting_id, start, precision, end in rows:
        attended[person_id].append((meeting_id, _meeting_days(start, precision, end)))
    evidence_articles = {e.tenure.pk: {link.article.pk for link in e.tenure.shown} for e in entries}
    reported_by = defaultdict(set)
    all_articles = set().union(*evidence_articles.values()) if evidence_articles else set()
    for meeting_id, article_id in MeetingReport.objects.filter(article_id__in=all_articles).values_list(
        "meeting_id", "article_id"
    ):
        reported_by[meeting_id].add(article_id)
    found = {}
    for e in entries:
        own = evidence_articles[e.tenure.pk]
        found[e.tenure.pk] = [
            meeting_id
            for meeting_id, (first, last) in attended[e.tenure.person_id]
            if reported_by[meeting_id] & own or e.surely_held(first, last, today)
        ]
    return found


def _search_url(e: TenureEntry) -> str:
    """Return the meetings search for the holder, between the tenure's recorded start and end where recorded."""
    dates = {}
    if e.start:
        dates["date_from"] = e.start.earliest.isoformat()
    if e.end:
        dates["date_to"] = e.end.latest.isoformat()
    return meetings_url(official=e.person.slug, **dates)


def position_record(position: Position, today: datetime.date | None = None) -> PositionRecord:
    """Return the :class:`PositionRecord` of ``position``: a fixed number of queries (seven), whatever the number
    of holders, evidence and meetings."""
    today = today or datetime.date.today()
    entries = [entry(t) for t in in_order(public_tenures().filter(position=position))]
    people = {e.tenure.person_id for e in entries}
    public = set(Person.objects.public().filter(pk__in=people).values_list("pk", flat=True)) if people else set()
    in_office = meetings_in_office(entries, today)
    shown_ids = {pk for ids in in_office.values() for pk in ids[:MEETINGS_SHOWN]}
    participants = MeetingParticipant.objects.select_related("person", "country")
    shown = Meeting.objects.filter(pk__in=shown_ids).prefetch_related(Prefetch("participants", queryset=participants))
    meetings = {meeting.pk: meeting for meeting in shown} if shown_ids else {}
    rows = []
    for row in with_gaps(entries, today):
        if isinstance(row, Gap):
            rows.append(row)
            continue
        ids = in_office[row.tenure.pk]
        shown_here = [meetings[pk] for pk in ids[:MEETINGS_SHOWN]]
        rows.append(HolderRow(row, shown_here, len(ids), _search_url(row), row.tenure.person_id in public))
    return PositionRecord(position, rows)
