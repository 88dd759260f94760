"""Countries by any name (archive/countries.py): the fixture's words, the lookup, the admin's search."""

import pytest
from django.urls import reverse

from archive.countries import PackageCountry, countries_matching, country_by_any_name, merged_words
from archive.models import Country

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, code",
    [
        ("Turkey", "TR"),
        ("türkiye", "TR"),
        ("TR", "TR"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("Persia", "IR"),
        ("Syria", "SY"),
        ("South Korea", "KR"),
        ("Czech Republic", "CZ"),
        ("Burma", "MM"),
        ("Swaziland", "SZ"),
        ("Ivory Coast", "CI"),
        ("the Netherlands", "NL"),
        ("Holland", "NL"),
        ("Iranian", "IR"),
        ("Georgian", "GE"),
        ("  united   states ", "US"),
    ],
)
def test_a_country_is_found_by_any_of_its_names(seeds, text, code):
    assert country_by_any_name(text).code == code


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "<script>", "x" * 500])
def test_an_unknown_name_finds_nothing(seeds, text):
    assert country_by_any_name(text) is None


def test_every_country_with_people_has_a_demonym(seeds):
    """The package fills in the demonyms the curators did not write (219 of 249 countries; the rest share theirs)."""
    with_demonyms = Country.objects.exclude(demonyms=[]).count()
    assert with_demonyms >= 215
    assert "Ivorian" in Country.objects.get(code="CI").demonyms
    assert "Swazi" in Country.objects.get(code="SZ").demonyms
    # Curated words stay first and as written.
    assert Country.objects.get(code="AZ").demonyms[:2] == ["Azerbaijani", "Azerbaijanis"]


def test_curated_words_are_kept_on_top_and_never_given_to_another_country():
    package = {
        "AA": PackageCountry("AA", ("Aland", "Shared Name"), ("Alan", "Alans"), 10),
        "BB": PackageCountry("BB", ("Shared Name",), ("Alan",), 1000),
    }
    merged = merged_words({"AA": ["Aa"], "BB": ["Bb"]}, {"AA": {"demonyms": ["Aaian"]}}, package)
    assert merged["AA"]["demonyms"] == ["Aaian", "Alans"]  # "Alan" went to the more populous BB
    assert merged["BB"] == {"demonyms": ["Alan"], "long_forms": ["Shared Name"]}
    assert merged["AA"]["long_forms"] == ["Aland"]


def test_a_name_a_curator_gave_one_country_is_not_another_countrys():
    package = {"BB": PackageCountry("BB", ("Turkey",), (), 10**9)}
    merged = merged_words({"TR": ["Türkiye"], "BB": ["Bb"]}, {"TR": {"long_forms": ["Turkey"]}}, package)
    assert merged["TR"]["long_forms"] == ["Turkey"] and merged["BB"]["long_forms"] == []


def test_countries_matching_puts_the_whole_name_first_then_names_starting_with_it(seeds):
    assert countries_matching("Turkey")[0] == "TR"
    assert {"KP", "KR"} <= set(countries_matching("korea"))
    assert countries_matching("ira")[:2] == ["IR", "IQ"] or set(countries_matching("ira")[:2]) == {"IR", "IQ"}
    assert countries_matching("") == []


def test_text_about_a_country_without_curated_words_is_linked(seeds):
    from archive.ingest.linking import Gazetteer, link

    links = link("The Ivorian minister met his Swazi counterpart in Burma.", Gazetteer.from_database())
    assert set(links.countries) == {"CI", "SZ", "MM"}


def test_the_admin_autocomplete_finds_turkey(admin_client, seeds):
    url = reverse("admin:autocomplete")
    params = {"app_label": "archive", "model_name": "person", "field_name": "country"}
    for term, code in [("Turkey", "TR"), ("Burma", "MM"), ("Czech Republic", "CZ"), ("Iranian", "IR")]:
        answer = admin_client.get(url, {**params, "term": term}).json()
        assert [r["id"] for r in answer["results"]] == [code], term


def test_the_admin_country_list_searches_every_name(admin_client, seeds):
    page = admin_client.get(reverse("admin:archive_country_changelist"), {"q": "Swaziland"})
    assert page.status_code == 200 and "Eswatini" in page.content.decode()
