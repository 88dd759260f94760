"""Parley's engine keeps Haystack's contract for what a query asks beyond hits and field facets:
more like this, highlighting, boosts, date and query facets, spelling, in-memory storage
(index/engine/related.py, results.py, ranking.py, facets.py, spelling.py, snapshot.py)."""

import datetime

import pytest
from haystack import connections
from haystack.exceptions import SearchBackendError
from haystack.inputs import Raw
from haystack.query import SQ, SearchQuerySet
from haystack.utils.loading import UnifiedIndex

from archive.models import Person, Source
from tests.contract_indexes import OUTLETS, OutletIndex, contract, slugs  # noqa: F401 - contract: the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("contract")]


def outlets():
    return SearchQuerySet().models(Source)


def backend():
    return connections["default"].get_backend()


def caspian():
    return Source.objects.get(slug="caspian")


def test_more_like_this_keeps_to_the_models_asked_for():
    # The naval attaché (a person) shares words with the Caspian forum, as do two outlets.
    assert set(slugs(SearchQuerySet().more_like_this(caspian()))) == {"baku", "ganja", "naval-attache"}
    assert set(slugs(outlets().more_like_this(caspian()))) == {"baku", "ganja"}
    assert slugs(SearchQuerySet().models(Person).more_like_this(caspian())) == ["naval-attache"]


def test_more_like_this_keeps_to_the_filters():
    assert slugs(outlets().filter(grade="C").more_like_this(caspian())) == ["ganja"]
    assert slugs(outlets().filter(grade="A").more_like_this(caspian())) == []


def test_more_like_this_answers_the_window_asked_for():
    everything = slugs(SearchQuerySet().more_like_this(caspian()))
    assert len(everything) == 3
    assert slugs(SearchQuerySet().more_like_this(caspian())[1:3]) == everything[1:3]
    assert SearchQuerySet().more_like_this(caspian()).count() == 3


def test_highlight_marks_the_words_searched_in_the_text_and_escapes_the_rest():
    [result] = outlets().filter(content="drills").filter(grade="A").highlight()
    marked = result.highlighted["text"][0]
    assert "<em>drills</em>" in marked
    assert "&lt;b&gt;" in marked and "<b>" not in marked  # the stored text's markup is escaped
    # Words of other fields' filters are not marked; prefixes mark the words they matched.
    [result] = outlets().filter(content=Raw("exer*")).filter(name="Caspian").highlight()
    assert result.highlighted["text"][0].count("<em>") == 1 and "<em>exercises</em>" in result.highlighted["text"][0]


def test_query_boosts_change_the_ranking():
    # The Caspian forum says "naval" three times, Baku "caspian" three times: the boost decides.
    assert slugs(outlets().filter(content=Raw("naval^10 OR caspian")))[0] == "caspian"
    assert slugs(outlets().filter(content=Raw("naval OR caspian^10")))[0] == "baku"
    both = outlets().filter(SQ(content="naval") | SQ(content="caspian"))
    assert slugs(both.boost("naval", 10))[0] == "caspian"
    assert slugs(both.boost("caspian", 10))[0] == "baku"


def test_date_facets_count_the_hits_per_range():
    sqs = outlets().date_facet(
        "held_on", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2019, 3, 1), gap_by="month"
    )
    assert sqs.facet_counts()["dates"]["held_on"] == [
        ((datetime.datetime(2019, 2, 1), datetime.datetime(2019, 3, 1)), 2),
        ((datetime.datetime(2019, 1, 1), datetime.datetime(2019, 2, 1)), 1),
        (None, 1),  # the outlet without a date, as the stock Whoosh backend counts it
    ]
    narrowed = sqs.filter(grade="A").facet_counts()["dates"]["held_on"]
    assert narrowed == [
        ((datetime.datetime(2019, 1, 1), datetime.datetime(2019, 2, 1)), 1),
        ((datetime.datetime(2019, 2, 1), datetime.datetime(2019, 3, 1)), 1),
    ]


def test_query_facets_count_the_hits_matching_a_query_in_a_field():
    counts = outlets().query_facet("attendance", "[0 TO 100]").query_facet("name", "ba*").facet_counts()
    assert counts["queries"] == {"attendance": 1, "name": 1}
    assert outlets().filter(grade="A").query_facet("grade", "a").facet_counts()["queries"] == {"grade": 2}


def test_two_query_facets_on_one_field_are_refused():
    with pytest.raises(SearchBackendError, match="one query facet per field"):
        outlets().query_facet("attendance", "[0 TO 100]").query_facet("attendance", "[100 TO 300]").facet_counts()


def test_spelling_is_suggested_for_queries_built_by_haystack():
    assert outlets().filter(content="exercies").spelling_suggestion() == "exercises"
    assert outlets().filter(content="navl").filter(grade="A").spelling_suggestion() == "naval"
    assert outlets().filter(content="naval").spelling_suggestion() is None
    # The words as typed keep their case and syntax.
    assert outlets().filter(content="Exercies").spelling_suggestion("Exercies -talks") == "Exercises -talks"


def test_mixed_sort_directions_are_refused_when_the_search_runs():
    with pytest.raises(SearchBackendError, match="same sort direction"):
        backend().search("*", sort_by=["-held_on", "attendance"])


def test_an_empty_query_finds_nothing():
    assert backend().search("") == {"results": [], "hits": 0}
    assert backend().search("*")["hits"] == len(OUTLETS) + 2


def test_ram_storage_reads_what_it_wrote(settings, tmp_path):
    folder = tmp_path / "never-created"
    connections.connections_info = settings.HAYSTACK_CONNECTIONS = {
        "default": {"ENGINE": "index.engine.whoosh.ParleyWhooshEngine", "STORAGE": "ram", "PATH": str(folder)}
    }
    connections.reload("default")
    unified = UnifiedIndex()
    unified.build(indexes=[OutletIndex()])
    connections["default"]._index = unified
    backend = connections["default"].get_backend()
    backend.setup()
    backend.clear()
    backend.update(unified.get_index(Source), Source.objects.filter(slug__in=["caspian", "baku"]))
    assert set(slugs(SearchQuerySet().filter(content="naval"))) == {"caspian", "baku"}
    backend.remove(Source.objects.get(slug="baku"))
    assert slugs(SearchQuerySet().filter(content="naval")) == ["caspian"]
    assert not folder.exists()
    backend.clear()
