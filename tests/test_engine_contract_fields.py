"""Parley's engine keeps Haystack's contract for every field type (index/engine/schema.py, results.py).

Parley's article index uses only text, dates and facet keys; these tests index
outlets with the other field types (tests/contract_indexes.py), through Haystack's
own API, and check what a developer extending Parley would rely on.
"""

import datetime

import pytest
from haystack.query import SearchQuerySet

from archive.models import Person, Source
from tests.contract_indexes import OUTLETS, contract, slugs  # noqa: F401 - contract: the fixture used below

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("contract")]


def outlets():
    return SearchQuerySet().models(Source)


def outlet(slug):
    return outlets().filter(id=f"archive.source.{Source.objects.get(slug=slug).pk}")[0]


@pytest.mark.parametrize(
    ("lookup", "expected"),
    [
        ({"attendance__gt": 40}, {"caspian"}),
        ({"attendance__gte": 40}, {"caspian", "baku"}),
        ({"attendance__lt": 40}, {"tehran"}),
        ({"attendance__lte": 40}, {"baku", "tehran"}),
        ({"attendance__range": (-5, 100)}, {"baku", "tehran"}),
        ({"attendance__gt": 2**31}, {"caspian"}),
        ({"attendance__gte": -3}, {"caspian", "baku", "tehran"}),
    ],
)
def test_integer_range_filters_compare_numbers(lookup, expected):
    # The outlet without attendance and the people (no such field) never match a bound.
    assert set(slugs(SearchQuerySet().filter(**lookup))) == expected


def test_integer_equality_and_sorting():
    assert slugs(outlets().filter(attendance=40)) == ["baku"]
    assert slugs(outlets().order_by("attendance"))[:3] == ["tehran", "baku", "caspian"]
    assert slugs(outlets().order_by("-attendance"))[-3:] == ["caspian", "baku", "tehran"]


def test_float_fields_are_indexed_filtered_and_read_back():
    assert outlet("caspian").rating == 3.6
    assert set(slugs(outlets().filter(rating__gte=3.6))) == {"caspian", "baku"}
    assert set(slugs(outlets().filter(rating__lt=2))) == {"tehran"}


def test_a_float_field_does_not_fail_its_batch():
    # One commit of several documents with floats (and one without) indexes all of them.
    assert outlets().count() == len(OUTLETS)


def test_stored_values_go_through_their_field():
    caspian = outlet("caspian")
    assert caspian.code == "109" and isinstance(caspian.code, str)  # a CharField stays text
    assert outlet("baku").code == "007"
    assert caspian.price == "24.99"  # Haystack's DecimalField.convert() gives its string
    assert caspian.held is True and outlet("baku").held is False
    assert caspian.held_on == datetime.datetime(2019, 1, 16)
    assert caspian.attendance == 3_000_000_000 and outlet("tehran").attendance == -3


def test_a_plain_multi_valued_field_reads_back_as_a_list():
    assert outlet("caspian").tags == ["staff", "outdoor"]
    assert outlet("tehran").tags == []
    assert set(slugs(outlets().filter(tags="outdoor"))) == {"caspian", "ganja"}


def test_results_know_their_identifier():
    pk = Source.objects.get(slug="baku").pk
    assert outlet("baku").id == f"archive.source.{pk}"
    expected = {f"archive.source.{p}" for p in Source.objects.values_list("pk", flat=True)}
    assert set(outlets().values_list("id", flat=True)) == expected
    assert {row["id"] for row in outlets().values("id")} == expected


def test_update_index_remove_deletes_what_the_database_no_longer_has():
    from django.core.management import call_command

    Source.objects.filter(slug="tehran").delete()
    Person.objects.filter(slug="border-official").delete()
    call_command("update_index", remove=True, verbosity=0)
    assert set(slugs(SearchQuerySet().all())) == {"caspian", "baku", "ganja", "naval-attache"}


def test_one_letter_and_stop_word_values_match_and_count_outside_the_document_text():
    assert set(slugs(outlets().filter(grade="A"))) == {"caspian", "tehran"}
    assert dict(outlets().facet("grade").facet_counts()["fields"]["grade"]) == {"a": 2, "b": 1, "c": 1}


def test_a_field_analyzer_is_used():
    # SpaceSeparatedTokenizer | SubstitutionFilter(digits → ""): "daniel5678" is indexed as "daniel".
    assert slugs(outlets().filter(spaced="daniel")) == ["caspian"]
    assert set(slugs(outlets().filter(spaced="olga"))) == {"baku", "tehran"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cas", ["caspian"]),
        ("Bak", ["baku"]),
        ("tehr comm", ["tehran"]),
        ("naval for", ["caspian"]),
        ("ganc", ["ganja"]),  # folded: Gəncə
        ("Gən", ["ganja"]),
        ("xyz", []),
    ],
)
def test_edge_ngram_autocomplete_completes_word_beginnings(typed, expected):
    assert slugs(outlets().autocomplete(name_auto=typed)) == expected


def test_ngram_autocomplete_finds_inner_parts():
    assert slugs(outlets().autocomplete(name_ngram="spian")) == ["caspian"]
    assert slugs(outlets().autocomplete(name_ngram="fenc")) == ["baku"]
