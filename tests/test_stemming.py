"""The stemmed companion field: words stemmed, names never (index/engine/stemming.py), searched beside
the exact field by the planner (query/planner.py), exact matches first."""

from collections import Counter

import pytest
from django.http import QueryDict
from whoosh.formats import Frequency

from index.build import build_whoosh_index
from index.engine.stemming import NAME_MARK, STEMMED, StemmingAnalyzer, stemmed_query_words, stemmed_terms
from query.planner import engine_lexicon, plan_query
from query.search import run_search
from query.syntax import parse_query
from tests.factories import make_article

HEADLINE_AND_BODY = (
    "Defense Ministers Sign Protocols In Baku\n"
    "Zakir Hasanov met Abbas Araghchi. Meetings were held and the sides signed protocols. "
    "Abbas later spoke to Reuters in Paris; the talks continued."
)


def test_words_are_stemmed_and_names_left_out():
    terms = stemmed_terms(HEADLINE_AND_BODY)
    assert {"sign", "meet", "protocol", "talk", "continu", "held"} <= set(terms)
    # Capitalised inside a sentence (Araghchi, Reuters, Paris), or at its start with a name after it
    # (Zakir Hasanov, Abbas Araghchi), is a name: never stemmed, wherever it occurs, only marked as one.
    for name in ("abbas", "reuters", "paris", "zakir", "hasanov", "araghchi"):
        assert name not in terms and name[:-1] not in terms
        assert NAME_MARK + name in terms
    assert "the" not in terms and "and" not in terms  # stop words


def test_a_title_case_headline_says_nothing_about_names():
    # Every word of the headline is capitalised: "Sign" and "Ministers" are words, "Baku" is not
    # used as a name in the body, so it is stemmed like the rest.
    assert {"defens", "minist", "sign", "baku"} <= set(stemmed_terms("Defense Ministers Sign In Baku\nNothing else."))
    # A headline with a word in lower case keeps its capitals as names.
    assert "minist" not in stemmed_terms("Defense Ministers meet in Baku\nNothing else.")
    # A line that ends a sentence is no headline, however many capitals it has.
    assert "=araghchi" in stemmed_terms("Talks with President Abbas Araghchi in Baku.")


def test_a_sentence_start_is_stemmed_unless_the_word_is_a_name_elsewhere():
    assert "meet" in stemmed_terms("Meetings were held. They met.")
    terms = stemmed_terms("Abbas said so. Then President Abbas left.")
    # "Then" starts a sentence before a capitalised word, as "Abbas Araghchi" does: taken for a name too.
    assert terms == ["=abbas", "said", "so", "=then", "=president", "=abbas", "left"]


def test_queries_are_stemmed_whatever_their_case():
    assert stemmed_query_words("Signed MEETINGS of the Abbas") == ["sign", "meet", "abba"]


def test_the_pipeline_and_the_fast_path_index_the_same_terms():
    analyzer = StemmingAnalyzer()
    piped = Counter(token.text for token in analyzer(HEADLINE_AND_BODY, mode="index"))
    assert piped == analyzer.term_frequencies(HEADLINE_AND_BODY)
    field = STEMMED()
    stock = Frequency(field_boost=1.0)
    assert sorted(field.format.word_values(HEADLINE_AND_BODY, analyzer, mode="index")) == sorted(
        stock.word_values(HEADLINE_AND_BODY, analyzer, mode="index")
    )
    assert [t.text for t in analyzer("Signed", mode="query")] == ["sign"]


@pytest.fixture
def inflected(db, search_index):
    exact = make_article(title="Plain headline one", body="The ministers sign a protocol today.")
    stemmed = make_article(title="Plain headline two", body="The ministers signed protocols yesterday.")
    name = make_article(title="Plain headline three", body="Talks with President Abbas Araghchi in Baku.")
    word = make_article(title="Plain headline four", body="The abba team played a tune.")
    build_whoosh_index()
    return exact, stemmed, name, word


def search(query):
    return run_search(QueryDict(query))


@pytest.mark.django_db
def test_a_word_finds_its_inflections_exact_forms_first(inflected):
    exact, stemmed, _, _ = inflected
    page = search("q=sign")
    assert [hit.article for hit in page.hits] == [exact, stemmed]
    page = search("q=signed")
    assert [hit.article for hit in page.hits] == [stemmed, exact]
    assert "<mark>signed</mark>" in page.hits[0].snippet and "<mark>sign</mark>" in page.hits[1].snippet
    assert search("q=meeting").count == 0  # nothing to find: a stem is not a wildcard


@pytest.mark.django_db
def test_phrases_stay_exact_and_names_are_never_stemmed(inflected):
    assert search("q=%22sign+protocols%22").count == 0
    assert search("q=%22signed+protocols%22").count == 1
    _, _, name, word = inflected
    # The archive knows "abbas" as a name: searched exactly, it never finds the word "abba" (which
    # stems to what "abbas" stems to), and "abba" never finds Abbas.
    assert [hit.article for hit in search("q=Abbas").hits] == [name]
    assert [hit.article for hit in search("q=abba").hits] == [word]


@pytest.mark.django_db
def test_the_planner_prices_the_stemmed_alternative(inflected):
    planned = plan_query(parse_query("sign"), engine_lexicon())
    assert planned.canonical == "(sign OR stemmed:sign^0.5)"
    assert planned.terms[0].stem == "sign"
    # A negated word, a phrase, a prefix and a name without inflected forms stay exact.
    assert plan_query(parse_query("-signed protocol*"), engine_lexicon()).canonical.startswith("NOT signed ")
    assert plan_query(parse_query("Araghchi"), engine_lexicon()).canonical == "Araghchi"
    from index.budget import SearchBudget

    tight = plan_query(parse_query("sign"), engine_lexicon(), SearchBudget(max_terms=1))
    assert tight.refused  # the word and its stem are two terms
