"""Tenure suggestions at import: covered titles need nothing, others go to the queue, contradictions are flagged.

Real database with the seeds and their offices; never a tenure without a curator.
"""

import pytest
from django.core.management import call_command

from archive.models import Participation, Person, Suggestion
from offices.models import Tenure, TenureSuggestion
from offices.propose import Outcome, propose, propose_for_article
from offices.resolve import OfficeResolver
from tests.factories import make_article
from tests.offices_factories import day, make_position, make_tenure

pytestmark = pytest.mark.django_db
Conflict = TenureSuggestion.Conflict


@pytest.fixture
def offices(seeds):
    call_command("loaddata", "offices", verbosity=0)


@pytest.fixture
def resolver(offices):
    return OfficeResolver.from_database()


def _article(date, countries=("AZ", "IR"), people=()):
    return make_article(published_on=day(date), countries=countries, people=people)


def test_the_seed_titles_are_covered_and_the_unknown_office_is_proposed(resolver):
    first_seed = Participation.objects.get(person__slug="mohammad-bagheri").article
    tenures_before = Tenure.objects.count()
    outcomes = {p.resolution.parsed.text[:40]: p.outcome for p in propose_for_article(first_seed, resolver)}
    assert outcomes == {
        "Defense Minister, Colonel General": Outcome.COVERED,
        "Chief of the General Staff of the Armed ": Outcome.COVERED,
        "national leader of the Azerbaijani peopl": Outcome.NO_OFFICE,
        "head of state": Outcome.PROPOSED,  # no position "President of Azerbaijan" yet
    }
    head = TenureSuggestion.objects.get()
    assert (head.name, head.role, head.country_id, head.position) == ("Ilham Aliyev", "head_of_state", "AZ", None)
    assert Tenure.objects.count() == tenures_before


def test_a_title_after_the_tenure_ended_is_a_conflict(resolver):
    defense = resolver.resolve("Defense Minister", "AZ").position
    abiyev = Person.objects.create(name="Safar Abiyev", country_id="AZ")
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22")
    later = _article("2015-05-01")
    proposal = propose(resolver, later, "Azerbaijani Defense Minister", person=abiyev)
    assert proposal.outcome is Outcome.CONFLICT
    assert proposal.suggestion.conflict == Conflict.AFTER_END
    assert proposal.suggestion.related_tenure.person == abiyev
    earlier = propose(resolver, _article("1990-05-01"), "Azerbaijani Defense Minister", person=abiyev)
    assert earlier.suggestion.conflict == Conflict.BEFORE_START
    during = propose(resolver, _article("2001-05-01"), "Defense Minister of Azerbaijan", person=abiyev)
    assert during.outcome is Outcome.COVERED and during.suggestion is None


def test_someone_else_holding_a_single_office_is_a_conflict(resolver):
    newcomer = Person.objects.create(name="Kamran Aliyev", country_id="AZ")
    proposal = propose(resolver, _article("2019-03-01"), "Defense Minister", person=newcomer)
    assert proposal.suggestion.conflict == Conflict.OTHER_HOLDER
    assert proposal.suggestion.related_tenure.person.slug == "zakir-hasanov"


def test_a_date_the_tenure_possibly_covers_is_proposed_as_an_extension(resolver):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    proposal = propose(resolver, _article("2018-02-01"), "Defense Minister, Colonel General", person=hasanov)
    assert proposal.outcome is Outcome.PROPOSED
    assert proposal.suggestion.related_tenure == Tenure.objects.get(person=hasanov)
    assert proposal.suggestion.conflict == "" and proposal.suggestion.rank == "Colonel General"


def test_a_suggested_name_gets_a_tenure_suggestion_too(resolver):
    georgia = make_position("Deputy Minister of Defense of Georgia", role="deputy_defense_minister", country="GE")
    article = _article("2020-02-02", countries=("AZ", "GE"))
    Suggestion.objects.create(article=article, name="Grigol Giorgadze", title="Georgian Deputy Defense Minister")
    [proposal] = propose_for_article(article, OfficeResolver.from_database())
    assert proposal.outcome is Outcome.PROPOSED
    suggestion = proposal.suggestion
    assert (suggestion.name, suggestion.person, suggestion.position) == ("Grigol Giorgadze", None, georgia)
    assert suggestion.name_suggestion.name == "Grigol Giorgadze"


def test_proposing_again_updates_open_suggestions_and_keeps_decided_ones(resolver):
    ilham = Person.objects.get(slug="ilham-aliyev")
    article = _article("2020-01-01", people=[ilham])
    first = propose(resolver, article, "President of Azerbaijan", person=ilham)
    again = propose(resolver, article, "President of Azerbaijan", person=ilham)
    assert first.suggestion.pk == again.suggestion.pk and TenureSuggestion.objects.count() == 1
    TenureSuggestion.objects.update(status=TenureSuggestion.Status.REJECTED)
    assert propose(resolver, article, "President of Azerbaijan", person=ilham).outcome is Outcome.DECIDED


def test_former_titles_and_titles_without_office_propose_nothing(resolver):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    article = _article("2020-01-01")
    assert propose(resolver, article, "former Defense Minister", person=hasanov).outcome is Outcome.FORMER
    assert propose(resolver, article, "Colonel General", person=hasanov).outcome is Outcome.NO_OFFICE
    assert not TenureSuggestion.objects.exists()


def test_an_envoy_resolves_by_host_country_from_the_article(resolver):
    assert resolver.resolve("Iranian Ambassador", "", ["AZ", "IR"]).position.slug == "ambassador-of-iran-to-azerbaijan"
    assert resolver.resolve("Iranian Ambassador", "", ["GE", "IR"]).position is None


def test_the_office_an_article_names_links_to_whoever_held_it_then(resolver):
    held = resolver.holder_for_title("the Azerbaijani defense minister", day("2019-03-01"))
    assert held.person.slug == "zakir-hasanov"
    assert resolver.holder_for_title("the Azerbaijani defense minister", day("2010-03-01")) is None


def test_the_second_seed_is_covered_by_its_offices(resolver):
    second_seed = Participation.objects.get(person__slug="javad-jahangirzadeh").article
    assert [p.outcome for p in propose_for_article(second_seed, resolver)] == [Outcome.COVERED, Outcome.COVERED]
    assert not TenureSuggestion.objects.exists()
