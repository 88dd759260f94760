"""The offices the seed articles support (fixtures/offices.json), loaded beside the seeds."""

import pytest
from django.core import serializers
from django.core.management import call_command

from offices.models import Position, Tenure, TenureEvidence
from tests.offices_factories import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(seeds):
    call_command("loaddata", "offices", verbosity=0)


def _snapshot():
    return {
        m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in (Position, Tenure, TenureEvidence)
    }


def test_loading_the_offices_twice_changes_nothing(offices):
    before = _snapshot()
    call_command("loaddata", "offices", verbosity=0)
    assert _snapshot() == before


def test_the_seed_offices_and_their_holders(offices):
    on_first_seed = day("2019-01-16")
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    staff = Position.objects.get(slug="chief-of-the-general-staff-of-the-armed-forces-of-iran")
    envoy = Position.objects.get(slug="ambassador-of-iran-to-azerbaijan")
    assert defense.holder_on(on_first_seed).person.slug == "zakir-hasanov"
    assert staff.holder_on(on_first_seed).person.slug == "mohammad-bagheri"
    assert envoy.holder_on(day("2019-07-18")).person.slug == "javad-jahangirzadeh"
    assert (envoy.country_id, envoy.accredited_to_id, envoy.sector) == ("IR", "AZ", "diplomatic")
    # Dates are never invented: only the evidence bounds what is sure.
    assert envoy.holder_on(on_first_seed) is None
    assert all(t.start is None and t.end is None for t in Tenure.objects.all())


def test_every_tenure_says_its_evidence(offices):
    hasanov = Tenure.objects.get(person__slug="zakir-hasanov")
    assert "reported in this office from 2019-01-16 to 2019-07-18" in str(hasanov)
    assert set(hasanov.evidence_links.values_list("reported_title", flat=True)) == {"Defense Minister, Colonel General"}
