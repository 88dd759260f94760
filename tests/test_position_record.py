"""A position's holders with their meetings in office (records/position_record.py): a meeting counts
when the tenure surely covers it or an article in the tenure's evidence reports it; never a guess."""

import datetime

import pytest

from archive.models import Person
from meetings.models import Meeting, Review
from offices.models import Position
from records.position_record import MEETINGS_SHOWN, position_record
from tests.factories import make_article
from tests.offices_factories import day, make_position, make_tenure

pytestmark = pytest.mark.django_db
TODAY = day("2024-06-01")


def meeting_with(person, start, precision="day", review=Review.REVIEWED, article=None, **fields):
    """Create a public meeting of ``person`` on ``start`` reported by ``article`` (a new published one by default)."""
    article = article or make_article(published_on=day(start), people=[person])
    meeting = Meeting.objects.create(start=day(start), start_precision=precision, review=review, **fields)
    meeting.reports.create(article=article)
    meeting.participants.create(person=person, country=person.country)
    return meeting


@pytest.fixture
def chief(seeds):
    """Azerbaijan's chief of general staff: Old Chief 2010 to 2019-05-02, New Chief from 2019-07-01 (current)."""
    position = make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff")
    old = Person.objects.create(name="Old Chief", country_id="AZ")
    new = Person.objects.create(name="New Chief", country_id="AZ")
    make_tenure(old, position, start="2010", end="2019-05-02")
    make_tenure(new, position, start="2019-07-01", current=True)
    return position, old, new


def meeting_dates(row) -> list[str]:
    return [m.start.isoformat() for m in row.meetings]


def test_meetings_in_office_follow_each_holders_recorded_dates(chief):
    position, old, new = chief
    meeting_with(old, "2009-12-31")  # before his start
    meeting_with(old, "2015-03-03")
    meeting_with(old, "2019-05-20")  # after his end: he met people, not as chief
    meeting_with(new, "2019-07-01")
    meeting_with(new, "2019-05-20")  # before the new chief's start
    record = position_record(position, TODAY)
    old_row, gap, new_row = record.rows
    assert meeting_dates(old_row) == ["2015-03-03"] and old_row.meetings_total == 1
    assert gap.is_gap and gap.vacant and (gap.after, gap.before) == (day("2019-05-02"), day("2019-07-01"))
    assert meeting_dates(new_row) == ["2019-07-01"]


def test_an_imprecise_meeting_counts_only_when_the_tenure_covers_its_whole_period(chief):
    position, old, _ = chief
    meeting_with(old, "2019-05-01", precision="month")  # May 2019: he left on the 2nd
    meeting_with(old, "2018-01-01", precision="year")
    [old_row, *_] = position_record(position, TODAY).rows
    assert meeting_dates(old_row) == ["2018-01-01"]


def test_an_unknown_start_counts_the_sure_days_and_the_meetings_its_evidence_reports(seeds):
    position = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    hasanov = Person.objects.get(slug="zakir-hasanov")
    meeting_with(hasanov, "2018-05-05")  # before his first report: possibly in office, not counted
    meeting_with(hasanov, "2019-03-03")  # between his reports: surely in office
    # Reported on 2019-01-16 by an article in evidence, though it took place the day before.
    seed_article = position.tenures.get().evidence.get(published_on=day("2019-01-16"))
    meeting_with(hasanov, "2019-01-15", article=seed_article)
    meeting_with(hasanov, "2019-04-04", review=Review.REJECTED)  # not public
    [row, _gap] = position_record(position, TODAY).rows
    assert meeting_dates(row) == ["2019-07-18", "2019-03-03", "2019-01-16", "2019-01-15"]
    assert row.meetings_search_url == "/meetings/?official=zakir-hasanov"  # no recorded dates to narrow it


def test_the_search_link_is_narrowed_to_the_recorded_dates(chief):
    position, old, new = chief
    old_row, _, new_row = position_record(position, TODAY).rows
    assert old_row.meetings_search_url == "/meetings/?official=old-chief&date_from=2010-01-01&date_to=2019-05-02"
    assert new_row.meetings_search_url == "/meetings/?official=new-chief&date_from=2019-07-01"
    assert not old_row.person_public  # in no published article: no page to link to


def test_queries_do_not_grow_with_holders_evidence_or_meetings(chief, django_assert_max_num_queries):
    position, old, new = chief
    for n in range(8):
        holder = Person.objects.create(name=f"Holder {n}", country_id="AZ")
        evidence = [make_article(published_on=datetime.date(2000 + n, 1, 1), people=[holder]) for _ in range(3)]
        make_tenure(holder, position, start=f"{2000 + n}", end=f"{2000 + n}-12-31", evidence=evidence)
        for day_number in range(1, 14):
            meeting_with(holder, f"{2000 + n}-02-{day_number:02d}")
    # The position, tenures, evidence, public people, participants, reports, shown meetings and their participants.
    with django_assert_max_num_queries(8):
        record = position_record(Position.objects.select_related("country").get(pk=position.pk), TODAY)
        rows = [(row, [m.participants.all()[0].display_name for m in row.meetings]) for row in record.holders]
    holder_row = next(row for row, _ in rows if row.entry.person.name == "Holder 3")
    assert holder_row.meetings_total == 13 and len(holder_row.meetings) == MEETINGS_SHOWN
    assert holder_row.person_public
    assert len(holder_row.entry.evidence) == 3


def test_other_labels_leave_out_the_label_itself(seeds):
    ambassador = Position.objects.get(slug="ambassador-of-iran-to-azerbaijan")
    assert position_record(ambassador, TODAY).other_labels == ["Iranian Ambassador to Azerbaijan"]


def test_a_position_nobody_held_has_no_rows(seeds):
    empty = make_position("Minister of Culture of Azerbaijan", role="minister")
    assert position_record(empty, TODAY).rows == []
