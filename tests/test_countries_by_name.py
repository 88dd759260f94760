"""Countries by any name (archive/countries.py): short, official, other and former names, demonyms."""

import pytest

from archive.countries import countries_by_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def countries(db):
    from django.core.management import call_command

    call_command("loaddata", "countries", verbosity=0)


@pytest.mark.parametrize(
    ("typed", "code", "matched"),
    [
        ("Turkey", "TR", "Turkey"),
        ("türkiye", "TR", "Türkiye"),
        ("turk", "TR", "Turk"),  # a demonym, whole
        ("türk", "TR", "Turk"),
        ("türki", "TR", "Türkiye"),
        ("Russia", "RU", "Russia"),
        ("Iran", "IR", "Iran"),
        ("persia", "IR", "Persia"),
        ("Syria", "SY", "Syria"),
        ("South Korea", "KR", "South Korea"),
        ("Czech Republic", "CZ", "Czech Republic"),
        ("azerbaijani", "AZ", "Azerbaijani"),
        ("  AZERBAIJAN ", "AZ", "Azerbaijan"),
    ],
)
def test_a_country_is_found_by_any_of_its_names(countries, typed, code, matched):
    best = countries_by_name(typed)[0]
    assert (best.country.code, best.matched) == (code, matched)


def test_word_beginnings_and_order(countries):
    korea = [m.country.code for m in countries_by_name("korea")]
    assert set(korea[:2]) == {"KR", "KP"}
    assert countries_by_name("republic", limit=3) and len(countries_by_name("republic", limit=3)) == 3
    assert countries_by_name("") == [] and countries_by_name("zzzz") == []
    assert countries_by_name("Turkey")[0].other_name == "Turkey"
    assert countries_by_name("Iran")[0].other_name == ""
