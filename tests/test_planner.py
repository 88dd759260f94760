"""The query planner prices clauses from the index's own term dictionary and cuts, with notices,
what would overspend the budget (query/planner.py, index/engine/lexicon.py, index/budget.py)."""

import numpy as np
import pytest
from django.http import QueryDict
from whoosh import query as wq

from index.budget import SearchBudget
from index.build import build_whoosh_index
from index.engine.textmask import boolean_mask
from query.planner import VERIFY_FACTOR, engine_lexicon, plan_query
from query.search import run_search
from query.syntax import parse_query
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# Document frequencies by design: convoy 1 < conference 2 < cooperation 3; "colonel" never appears.
BODIES = [
    "Talks on cooperation and a conference in Baku with the convoy.",
    "More cooperation, another conference, and budget talks.",
    "Cooperation again in Tehran, and a parade.",
    "A parade in Ganja, a regatta and a rally.",
]


@pytest.fixture
def archive(db, search_index):
    for n, body in enumerate(BODIES):
        make_article(title=f"Plain headline {n}", body=body)
    build_whoosh_index()
    return search_index


def plan(q, **limits):
    return plan_query(parse_query(q), engine_lexicon(), SearchBudget(**limits))


def test_a_prefix_stands_for_its_most_common_words_and_says_what_was_left_out(archive):
    planned = plan("co*", max_expansions=2)
    assert planned.canonical == "(cooperation OR conference)"
    assert [t.text for t in planned.terms] == ["cooperation", "conference"]
    assert planned.cut and "“co*” stands for 3 words" in planned.notices[-1]
    assert "more letters" in planned.notices[-1]


def test_a_prefix_within_budget_is_searched_whole_without_a_notice(archive):
    planned = plan("co*")
    assert set(planned.canonical.strip("()").split(" OR ")) == {"cooperation", "conference", "convoy"}
    assert not planned.cut and not planned.notices


def test_the_words_of_a_prefix_cost_twice_their_postings(archive):
    """Priced as plain words, "co* OR de* OR mi* OR se*" ran past the time budget at 100,000 articles: each
    word an expansion stands for is read cold, scored on its own and united with the others."""
    planned = plan("co*", max_postings=8)  # 3 + 2 + 1 postings, twice: cooperation 6, then only convoy fits
    assert planned.canonical == "(cooperation OR convoy)"
    assert planned.cut and "“co*” stands for 3 words" in planned.notices[-1]
    assert not plan("co*", max_postings=12).cut


def test_a_fuzzy_word_stands_for_the_near_words_sharing_its_first_letter(archive):
    planned = plan("parody~2")
    assert planned.canonical == "parade"
    assert plan("rarade~1").canonical == "rarade"  # "parade" is one edit away, but starts otherwise


def test_a_word_the_index_lacks_matches_nothing_and_keeps_the_and(archive):
    for q in ("zq* cooperation", "zzzqqq~1 cooperation"):
        planned = plan(q)
        assert not planned.cut
        assert run_search(QueryDict(f"q={q}")).count == 0


def test_clauses_past_the_postings_budget_are_left_out_and_named(archive):
    # Each word is searched by its stem too: cooperation (3 postings, and 3 of its stem) + parade (2 + 2)
    # fit in 10; conference (2 + 2) does not.
    planned = plan("cooperation parade conference", max_postings=10)
    assert planned.canonical == "(cooperation OR stemmed:cooperation^0.5) (parade OR stemmed:parade^0.5)"
    assert planned.cut and "1 of 3 terms were left out (“conference”)" in planned.notices[-1]


def test_the_term_budget_counts_expansions(archive):
    planned = plan("co* parade", max_terms=3)
    assert planned.canonical.count(" OR ") == 2 and "parade" not in planned.canonical


def test_the_dictionary_scan_is_bounded(archive):
    planned = plan("co*", max_scan=2)
    assert planned.cut and "more candidate words" in planned.notices[-1]
    assert planned.canonical.count(" OR ") == 1  # the two entries read


def test_a_search_with_nothing_positive_left_is_refused_not_run(archive):
    planned = plan("cooperation", max_postings=2)
    assert planned.refused and "narrow" in planned.refused.lower()
    page = run_search(QueryDict("q=cooperation"))
    assert page.count == 3 and page.refused is None


def test_a_search_past_its_time_budget_is_refused_on_the_page(archive, settings):
    settings.PARLEY_SEARCH_BUDGET = {"seconds": 0}
    page = run_search(QueryDict("q=cooperation"))
    assert page.count == 0 and "seconds one search may take" in page.refused
    assert page.refused in page.messages


def test_snippets_mark_exactly_the_words_searched(archive):
    page = run_search(QueryDict("q=conf*"))
    assert page.count == 2 and all("<mark>conference</mark>" in hit.snippet for hit in page.hits)


@pytest.mark.parametrize(
    "q",
    [
        "cooperation OR parade",
        "cooperation parade",
        "cooperation NOT conference",
        "(cooperation OR regatta) NOT convoy",
        '"another conference" OR parade',
        "NOT cooperation",
    ],
)
def test_boolean_masks_from_postings_match_whoosh(archive, q):
    snap = archive.snapshot()
    parsed = archive.parse(parse_query(q).canonical)
    with snap.reading():
        ours = boolean_mask(snap, parsed)
        whoosh = np.zeros(snap.size, dtype=bool)
        whoosh[list(snap.searcher.docs_for_query(parsed))] = True
    assert isinstance(parsed, (wq.And, wq.Or, wq.Not, wq.AndNot, wq.Term))
    assert ((ours & snap.live) == (whoosh & snap.live)).all()


def test_a_word_repeated_is_paid_for_once(archive):
    planned = plan("cooperation parade cooperation cooperation conference", max_postings=14)
    assert not planned.cut and [t.text for t in planned.terms] == [
        "cooperation",
        "parade",
        "cooperation",
        "cooperation",
        "conference",
    ]


def test_the_page_says_a_refused_search_was_not_run_and_offers_no_export(client, archive, settings):
    html = client.get("/search/", {"q": "cooperation"}).content.decode()
    assert "/search/export.csv" in html
    settings.PARLEY_SEARCH_BUDGET = {"max_postings": 4}  # cooperation costs 6 with its stem, parade 4
    html = client.get("/search/", {"q": "cooperation"}).content.decode()
    assert "This search was not run to the end" in html and "No published article matches" not in html
    html = client.get("/search/", {"q": "cooperation parade"}).content.decode()
    assert "were left out" in html and "/search/export.csv" not in html and "narrow it" in html


@pytest.mark.parametrize(
    ("path", "json"), [("/api/search", True), ("/search/export.csv", False), ("/search/feed.atom", False)]
)
def test_machine_formats_answer_422_past_the_budget(client, archive, settings, path, json):
    settings.PARLEY_SEARCH_BUDGET = {"seconds": 0}
    response = client.get(path, {"q": "cooperation"})
    assert response.status_code == 422
    text = response.json()["message"] if json else response.content.decode()
    assert "seconds one search may take" in text


def test_exports_and_feeds_refuse_a_cut_search_and_the_api_reports_it(client, archive, settings):
    settings.PARLEY_SEARCH_BUDGET = {"max_postings": 4}
    api = client.get("/api/search", {"q": "cooperation conference"})
    assert api.status_code == 200 and any("left out" in n for n in api.json()["notices"])
    for path in ("/search/export.csv", "/search/feed.atom"):
        response = client.get(path, {"q": "cooperation conference"})
        assert response.status_code == 422 and "left out" in response.content.decode()


@pytest.fixture
def archive_with_pairs(db, settings, search_index):
    settings.PARLEY_PHRASE_PAIRS = True
    search_index.setup()  # the schema as the setting has it
    for n, body in enumerate(BODIES):
        make_article(title=f"Plain headline {n}", body=body)
    build_whoosh_index()
    return search_index


@pytest.fixture
def archive_without_pairs(db, settings, search_index):
    settings.PARLEY_PHRASE_PAIRS = ""
    search_index.setup()  # the schema as the setting has it
    for n, body in enumerate(BODIES):
        make_article(title=f"Plain headline {n}", body=body)
    build_whoosh_index()
    return search_index


def test_a_phrase_costs_six_times_its_words_postings_without_pairs(archive_without_pairs):
    # conference 2 + baku 1, six times: 18.
    assert not plan('"conference in Baku"', max_postings=18).cut
    assert plan('"conference in Baku"', max_postings=17).refused


def test_a_phrase_costs_its_word_pairs_postings_not_its_words_positions(archive_with_pairs):
    """With word pairs (index/engine/phrases.py) "conference in Baku" is the one pair "conference baku"
    (the stop word left out, as positions leave it out): one posting, and its words' postings for
    ranking (conference 2, baku 1), not six times its words' postings (18)."""
    planned = plan('"conference in Baku"', max_postings=4)
    assert not planned.cut and not planned.refused
    assert run_search(QueryDict("q=%22conference+in+Baku%22")).count == 1
    assert plan('"conference in Baku"', max_postings=3).refused


def test_a_longer_phrase_pays_for_verifying_its_candidates(archive_with_pairs):
    # cooperation again | again tehran: one posting each; the words cooperation 3, again 1, tehran 1; and one
    # candidate whose three words' positions are read.
    cost = 2 + 5 + 1 * 3 * VERIFY_FACTOR
    assert plan('"cooperation again in Tehran"', max_postings=cost - 1).refused
    assert not plan('"cooperation again in Tehran"', max_postings=cost).cut
