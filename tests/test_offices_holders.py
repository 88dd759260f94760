"""Who held an office on a date, across a change of holder (real database)."""

import pytest
from django.core.exceptions import ValidationError

from archive.models import Person
from offices import holders
from offices.holding import Held
from offices.models import Position, Tenure
from tests.factories import make_article
from tests.offices_factories import day, make_position, make_tenure

pytestmark = pytest.mark.django_db


def clear_seed_offices():
    """Remove the seeds' own offices: their undated tenures would answer "possibly" here."""
    Tenure.objects.all().delete()
    Position.objects.all().delete()


@pytest.fixture
def ministry(seeds):
    """Azerbaijan's defense ministry: Safar Abiyev until 2013-10-22, then Zakir Hasanov (start known, end open)."""
    clear_seed_offices()
    position = make_position()
    abiyev = Person.objects.create(name="Safar Abiyev")
    hasanov = Person.objects.get(slug="zakir-hasanov")
    make_tenure(abiyev, position, start="1995-02", end="2013-10-22", end_cause="replaced")
    make_tenure(hasanov, position, start="2013-10-22", current=True)
    return position, abiyev, hasanov


def test_the_office_resolves_to_its_holder_on_each_side_of_a_change(ministry):
    position, abiyev, hasanov = ministry
    assert position.holder_on(day("2010-05-01")).person == abiyev
    assert position.holder_on(day("2019-01-16")).person == hasanov
    # On the day of the handover both held it; the earlier start comes first.
    assert [h.person for h in position.holders_on(day("2013-10-22"))] == [abiyev, hasanov]
    assert position.holder_on(day("1990-01-01")) is None


def test_a_month_precise_start_leaves_that_month_uncertain(ministry):
    position, abiyev, _ = ministry
    answers = position.holders_on(day("1995-02-10"))
    assert [(a.person, a.held) for a in answers] == [(abiyev, Held.POSSIBLY)]
    assert position.holder_on(day("1995-02-10")) is None


def test_a_person_positions_on_a_date(ministry):
    position, abiyev, hasanov = ministry
    chief = make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff")
    make_tenure(abiyev, chief, start="1993", end="1995-01")
    assert [h.position for h in holders.positions_on(abiyev, day("1994-06-01"))] == [chief]
    assert [h.position for h in holders.positions_on(abiyev, day("2000-06-01"))] == [position]
    assert holders.positions_on(hasanov, day("2000-06-01")) == []


def test_evidence_makes_an_undated_tenure_sure_between_its_reports(seeds):
    position = make_position("Ambassador of Iran to Azerbaijan", role="ambassador", country="IR", accredited_to="AZ")
    envoy = Person.objects.get(slug="javad-jahangirzadeh")
    first = make_article(published_on=day("2018-03-01"))
    last = make_article(published_on=day("2019-07-18"))
    tenure = make_tenure(envoy, position, evidence=[first, last])
    assert position.holder_on(day("2018-11-11")).tenure == tenure
    assert tenure.held_on(day("2017-01-01")) is Held.POSSIBLY
    assert "reported in this office from 2018-03-01 to 2019-07-18" in str(tenure)


def test_holders_of_a_position_in_order(ministry):
    position, abiyev, hasanov = ministry
    assert [t.person for t in holders.tenures_in_order(position)] == [abiyev, hasanov]


def test_a_tenure_cannot_end_before_it_starts_nor_have_a_date_without_precision(ministry):
    position, abiyev, _ = ministry
    backwards = Tenure(person=abiyev, position=position, start_date=day("2000-01-01"), start_precision="day")
    backwards.end_date, backwards.end_precision = day("1999-01-01"), "year"
    with pytest.raises(ValidationError):
        backwards.full_clean()
    vague = Tenure(person=abiyev, position=position, start_date=day("2000-01-01"))
    with pytest.raises(ValidationError):
        vague.full_clean()


def test_the_position_takes_its_sector_and_slug_from_role_and_label(seeds):
    clear_seed_offices()
    position = make_position("Chief of the General Staff of the Armed Forces of Iran", "chief_of_general_staff", "IR")
    assert position.sector == "military"
    assert position.slug == "chief-of-the-general-staff-of-the-armed-forces-of-iran"


def test_merging_people_keeps_their_tenures_when_moved_first(ministry):
    from offices.curation import move_person

    position, abiyev, hasanov = ministry
    twin = Person.objects.create(name="S. Abiyev")
    make_tenure(twin, make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff"))
    assert move_person(twin, abiyev) == 1
    twin.delete()
    assert Tenure.objects.filter(person=abiyev).count() == 2
