"""The curators' meetings list at 100,000 articles: a fixed number of cheap queries per page.

What made it take 3.1 s (p95) at 100,000 articles, and what replaces it:

* the reports counted by grouping *every* meeting with its reports (then counted again,
  grouped, for the paginator): each row's count is a subquery by the reports' meeting
  index, run for the page's rows only and left out of the counts (:class:`ReportCount`);
* the date hierarchy (the distinct years of every meeting, a Python function per row on
  SQLite, over the grouped join): a date range filter, as on the articles' list;
* a search and the participants' country filter joining meetings to their participants
  and agreements, then made ``DISTINCT`` (the page and its count): ``pk IN (…)`` subqueries,
  which never repeat a meeting (:func:`search_meetings`, :class:`ParticipantCountryFilter`);
* a second count of the whole table (``show_full_result_count``): off, and PostgreSQL's
  estimate for an unfiltered list (archive/admin_changelist.py's paginator);
* a delegation's label (its country) read one query per row: loaded with the page's participants.
"""

from django.contrib import admin
from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.utils.text import smart_split, unescape_string_literal

from archive.models import Country, Person
from meetings.models import Agreement, MeetingParticipant, MeetingReport

SEARCH_HELP = (
    "Participants (names of officials and as reported), city, venue and agreement titles; every word must match."
)


class ReportCount(Subquery):
    """The number of reports of each meeting, as a correlated subquery (no GROUP BY over the whole list)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS meeting_reports)"
    output_field = IntegerField()

    def __init__(self):
        super().__init__(MeetingReport.objects.filter(meeting=OuterRef("pk")).order_by().values("pk"))


class ParticipantCountryFilter(admin.SimpleListFilter):
    """Meetings with a participant of the chosen country; only the countries some participant represents."""

    title = "participants' country"
    parameter_name = "participant_country"

    def lookups(self, request, model_admin):
        # The distinct values of one indexed column, not the participants joined to the countries.
        used = MeetingParticipant.objects.exclude(country=None).order_by().values("country_id").distinct()
        return list(Country.objects.filter(code__in=used).order_by("name").values_list("code", "name"))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        with_country = MeetingParticipant.objects.filter(country_id=self.value()).values("meeting_id")
        return queryset.filter(pk__in=with_country)


def search_meetings(queryset, search_term: str):
    """Return the meetings of ``queryset`` matching every word of ``search_term`` (see :data:`SEARCH_HELP`):
    each word in a participant's name (the official's or as reported), the city, the venue or an agreement's
    title. Participants and agreements are asked as ``pk IN (…)``, so no meeting is listed twice."""
    for word in smart_split(search_term.strip()):
        if word[0] in "\"'" and word[-1] == word[0]:
            word = unescape_string_literal(word)
        if not word:
            continue
        people = Person.objects.filter(name__icontains=word).values("pk")
        participants = MeetingParticipant.objects.filter(Q(person__in=people) | Q(name__icontains=word))
        agreements = Agreement.objects.filter(title__icontains=word)
        queryset = queryset.filter(
            Q(pk__in=participants.values("meeting_id"))
            | Q(city__icontains=word)
            | Q(venue__icontains=word)
            | Q(pk__in=agreements.values("meeting_id"))
        )
    return queryset
