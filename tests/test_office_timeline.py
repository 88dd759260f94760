"""The offices a person held and the holders of an office, as the record pages assemble them
(records/office_timeline.py): unknown dates stay unknown, evidence dates come from published
articles, a change of holder leaves a gap only where the record leaves one, acting is kept."""

import datetime

import pytest

from archive.models import Article, Person
from offices.models import Position, Tenure, TenureSuggestion
from records.office_timeline import Gap, entry, offices_held, public_tenures, with_gaps
from tests.factories import make_article
from tests.offices_factories import day, make_position, make_tenure

pytestmark = pytest.mark.django_db
TODAY = day("2024-06-01")


def entries_of(position):
    from offices.holders import in_order

    return [entry(t) for t in in_order(public_tenures().filter(position=position))]


def kinds(rows) -> list[str]:
    """Return each row as the holder's name or a gap's label with its bounds."""
    return [f"{row.label} {row.after} {row.before}" if isinstance(row, Gap) else row.person.name for row in rows]


@pytest.fixture
def defense(seeds):
    """The seeds' Minister of Defense of Azerbaijan: Zakir Hasanov, start and end unknown, two reports in 2019."""
    return Position.objects.get(slug="minister-of-defense-of-azerbaijan")


@pytest.fixture
def abiyev(seeds):
    return Person.objects.create(name="Safar Abiyev", country_id="AZ")


def test_an_unknown_start_stays_unknown_and_is_shown_with_its_evidence(defense):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    [held] = offices_held(hasanov).entries
    assert held.position == defense
    assert held.start is None and held.end is None and not held.current
    assert [(e.date, e.reported_title) for e in held.evidence] == [
        (day("2019-01-16"), "Defense Minister, Colonel General"),
        (day("2019-07-18"), "Defense Minister, Colonel General"),
    ]
    assert held.first_report.article_url == "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"
    assert held.last_report.article_url == "/articles/2019-07-18-hasanov-meets-iranian-ambassador-jahangirzadeh/"
    assert held.span.describe() == "from unknown to unknown (reported in this office from 2019-01-16 to 2019-07-18)"


def test_a_draft_in_evidence_is_neither_shown_nor_counted(defense):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    tenure = Tenure.objects.get(person=hasanov, position=defense)
    draft = make_article(title="Draft", published_on=day("2021-03-03"), status=Article.Status.DRAFT)
    tenure.evidence_links.create(article=draft, reported_title="Defense Minister")
    [held] = offices_held(hasanov).entries
    assert [e.date for e in held.evidence] == [day("2019-01-16"), day("2019-07-18")]
    assert held.span.reported_to == day("2019-07-18")  # the draft's date would have made 2021 sure


def test_a_change_of_holder_on_the_same_day_leaves_no_gap(defense, abiyev):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    Tenure.objects.filter(person=hasanov).update(start_date=day("2013-10-22"), start_precision="day", current=True)
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22", end_cause="replaced")
    rows = with_gaps(entries_of(defense), TODAY)
    assert kinds(rows) == ["Safar Abiyev", "Zakir Hasanov"]  # current: no gap after
    first, second = rows
    assert str(first.start) == "1995-02" and str(first.end) == "2013-10-22"
    assert first.end_cause == "Replaced or moved to another office"
    assert str(second.start) == "2013-10-22" and second.current and second.end is None


def test_between_a_recorded_end_and_an_unknown_start_the_holder_is_unknown(defense, abiyev):
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22")
    rows = with_gaps(entries_of(defense), TODAY)
    assert kinds(rows) == [
        "Safar Abiyev",
        "Unknown 2013-10-22 2019-01-16",  # Hasanov's first report, not an invented start
        "Zakir Hasanov",
        "Unknown 2019-07-18 None",  # his last report: nobody knows who held it since
    ]
    assert not rows[1].vacant


def test_between_a_recorded_end_and_a_later_recorded_start_the_office_may_be_vacant(defense, abiyev):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    Tenure.objects.filter(person=hasanov).update(start_date=day("2014-01-01"), start_precision="month")
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22")
    rows = with_gaps(entries_of(defense), TODAY)
    assert kinds(rows)[:3] == ["Safar Abiyev", "No holder on record 2013-10-22 2014-01-01", "Zakir Hasanov"]
    assert rows[1].vacant
    assert str(rows[2].start) == "2014-01"  # shown as precise as recorded


def test_an_acting_holder_is_kept_acting_and_fills_the_gap_they_held(seeds, abiyev):
    position = make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff")
    stand_in = Person.objects.create(name="Stand In", country_id="AZ")
    successor = Person.objects.create(name="Next Chief", country_id="AZ")
    make_tenure(abiyev, position, start="2010", end="2019-05-02", end_cause="dismissed")
    make_tenure(stand_in, position, start="2019-05-03", end="2019-06-30", acting=True)
    make_tenure(successor, position, start="2019-07-01", end="2023-12-31")
    rows = with_gaps(entries_of(position), TODAY)
    assert kinds(rows) == ["Safar Abiyev", "Stand In", "Next Chief", "No holder on record 2023-12-31 None"]
    assert [r.acting for r in rows[:3]] == [False, True, False]
    assert rows[0].end_cause == "Dismissed"


def test_an_overlapping_holder_does_not_open_a_gap(seeds, abiyev):
    position = make_position("Deputy Minister of Defense of Azerbaijan", role="deputy_defense_minister")
    other = Person.objects.create(name="Other Deputy", country_id="AZ")
    make_tenure(abiyev, position, start="2000", end="2010")
    make_tenure(other, position, start="2005", end="2008")  # ends inside the first: the first still covers
    later = Person.objects.create(name="Later Deputy", country_id="AZ")
    make_tenure(later, position, start="2011-01-01", current=True)
    assert kinds(with_gaps(entries_of(position), TODAY)) == ["Safar Abiyev", "Other Deputy", "Later Deputy"]


def test_a_tenure_with_no_date_at_all_comes_last_without_gaps(seeds, abiyev):
    position = make_position("Minister of Defense of Testland", role="defense_minister")
    undated = Person.objects.create(name="Undated Holder", country_id="AZ")
    make_tenure(undated, position)
    make_tenure(abiyev, position, start="2001", current=True)
    assert kinds(with_gaps(entries_of(position), TODAY)) == ["Safar Abiyev", "Undated Holder"]


def test_open_suggestions_are_proposals_never_tenures(defense):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    article = make_article(title="Hasanov in Sheki", published_on=day("2018-02-01"))
    draft = make_article(title="Draft", published_on=day("2018-03-01"), status=Article.Status.DRAFT)
    common = {"person": hasanov, "name": "Zakir Hasanov", "position": defense, "role": "defense_minister"}
    TenureSuggestion.objects.create(
        article=article, date=article.published_on, reported_title="Defense Minister", **common
    )
    TenureSuggestion.objects.create(article=draft, date=draft.published_on, reported_title="Minister", **common)
    TenureSuggestion.objects.create(
        article=article, date=article.published_on, reported_title="Done", status="rejected", **common
    )
    held = offices_held(hasanov)
    assert [(p.reported_title, p.date, p.position) for p in held.proposals] == [
        ("Defense Minister", day("2018-02-01"), defense)
    ]
    assert held.proposals[0].article_url == article.get_absolute_url()
    assert len(held.entries) == 1 and Tenure.objects.filter(person=hasanov).count() == 1


def test_the_timeline_of_a_person_is_in_order_of_time(defense, abiyev):
    chief = make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff")
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22")
    make_tenure(abiyev, chief, start="1993", end="1995-01")
    assert [e.position for e in offices_held(abiyev).entries] == [chief, defense]
    assert offices_held(Person.objects.get(slug="heydar-aliyev")).entries == []


def test_gaps_are_computed_against_today_for_a_current_holder(seeds, abiyev):
    position = make_position("Minister of Defense of Testland", role="defense_minister")
    make_tenure(abiyev, position, start="2001", end="2003")
    later = Person.objects.create(name="Later", country_id="AZ")
    make_tenure(later, position, start="2005", current=True)
    rows = with_gaps(entries_of(position), datetime.date(2030, 1, 1))
    assert kinds(rows) == ["Safar Abiyev", "No holder on record 2003-12-31 2005-01-01", "Later"]
