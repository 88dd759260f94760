"""Phrases from word pairs (index/engine/phrases.py) give exactly Whoosh's positional phrase matches.

The pair field is indexed through a fast path (analysis.PairAnalyzer.term_pairs); the pipeline
(``ShingleFilter`` over the document field's tokens) is what Whoosh would index: both must give the
same terms. On a real index, every phrase's documents from pairs must be those of Whoosh's own
phrase query over positions: stop words inside the phrase, folding (ə, İ), punctuation between the
words, a phrase of three or more words whose pairs occur apart (verified, so not a match), several
segments, an edit after the build. The same holds with common pairs only (``PARLEY_PHRASE_PAIRS=common``):
phrases of two rare words, of a common and a rare word, of common words only, and mixed.
"""

import pytest
from django.http import QueryDict
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Existence

from archive.models import Article
from index import generations
from index.build import build_whoosh_index
from index.engine.analysis import PairAnalyzer, PairExistence, common_words, document_field, pair_field
from index.engine.lexicon import WhooshLexicon
from index.engine.phrases import pair_field_name, phrase_mask, split_pairs
from index.engine.snapshot import Snapshot
from query.search import run_search
from tests.factories import make_article
from tests.test_analysis import WORDS, separators, texts


def pipeline_pairs(text, common=None):
    return sorted(Existence().word_values(text, PairAnalyzer(common), mode="index"))


def fast_pairs(text, common=None):
    return sorted(PairExistence().word_values(text, PairAnalyzer(common), mode="index"))


@settings(max_examples=300, deadline=None)
@given(texts)
@example("The minister of the U.S. met İlham Əliyev in Bakı; the the minister")
@example("the Bagheri")  # one kept word: ShingleFilter gives the word alone
@example("a of the")
@example("")
def test_pair_fast_path_equals_the_shingle_pipeline(text):
    assert fast_pairs(text) == pipeline_pairs(text)


@settings(max_examples=300, deadline=None)
@given(texts, st.sets(st.sampled_from([w.lower() for w in WORDS]), max_size=8))
@example("The minister of the U.S. met İlham Əliyev in Bakı; the the minister", frozenset({"minister"}))
@example("the Bagheri", frozenset())
def test_common_pairs_fast_path_equals_the_pipeline_with_its_filter(text, common):
    common = frozenset(common)
    assert fast_pairs(text, common) == pipeline_pairs(text, common)
    assert all(" " not in term or set(term.split(" ")) & common for term, *_ in fast_pairs(text, common))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), separators)
def test_pair_fast_path_with_any_separators(words, separator):
    text = separator.join(words)
    assert fast_pairs(text) == pipeline_pairs(text)


BODIES = [
    "Joint exercises began on Monday near the border.",
    "The joint, exercises? No: joint naval exercises were planned.",  # punctuation between the words
    "Minister of Defense Zakir Həsənov met the minister for defense of Iran.",  # stop words inside
    "Defense minister Hasanov spoke; the MINISTER DEFENSE office answered.",
    "İlham Əliyev received the delegation. ILHAM ALIYEV thanked them.",  # folding: İ and ə
    "Ilham met Aliyev later; the military cooperation agreement was signed in Baku.",
    "Military cooperation grew. Cooperation agreement talks stalled.",  # "military cooperation agreement" apart
    "The military cooperation agreement between the two countries covers exercises.",
    "Joint exercises joint exercises, again joint exercises.",
    "Nothing about it here at all.",
]
PHRASES = [
    '"joint exercises"',
    '"joint naval exercises"',
    '"minister of defense"',
    '"minister defense"',
    '"the minister for defense"',
    '"ilham aliyev"',
    '"Əliyev received"',
    '"İlham Əliyev received the delegation"',
    '"military cooperation agreement"',
    '"cooperation agreement talks stalled"',
    '"military cooperation agreement talks"',
    '"exercises joint exercises"',
    '"again, joint exercises"',
    '"hasanov spoke minister"',
    '"unknown words"',
    '"joint unknown"',
    'delegation "military cooperation" -naval',
    '"military cooperation" OR "joint exercises"',
]


@pytest.fixture
def pairs_on(settings):
    settings.PARLEY_PHRASE_PAIRS = True


@pytest.fixture
def phrase_index(db, pairs_on, search_index):
    for number, body in enumerate(BODIES):
        make_article(title=f"Report {number}", body=body)
    build_whoosh_index()
    return search_index


def whoosh_positional(snap, q) -> set[int]:
    return {int(d) for d in snap.searcher.docs_for_query(q)}


def from_pairs(snap, q) -> set[int]:
    return {int(d) for d in snap.mask(q).nonzero()[0]}


def phrases_in(q):
    return [q] if isinstance(q, wq.Phrase) else [p for sub in q.children() for p in phrases_in(sub)]


def test_phrases_from_pairs_equal_whoosh_positional_phrases(phrase_index):
    snap = phrase_index.snapshot()
    assert snap.has_pairs(phrase_index.content_field_name)
    for text in PHRASES:
        q = phrase_index.parse(text)
        for phrase in phrases_in(q):
            assert phrase_mask(snap, phrase) is not None, text  # answered from the pairs, not positions
        assert from_pairs(snap, q) == whoosh_positional(snap, q), text
    matched = {text: len(from_pairs(snap, phrase_index.parse(text))) for text in PHRASES}
    # The cases the bodies were written for: a test that could not tell wrong from right would see zeros.
    assert matched['"joint exercises"'] >= 3
    assert matched['"minister of defense"'] >= 2  # "minister for defense", "MINISTER DEFENSE" too
    assert matched['"İlham Əliyev received the delegation"'] == 1
    assert matched['"military cooperation agreement"'] == 2  # not the article where its pairs stand apart
    assert matched['"unknown words"'] == 0


def test_a_long_phrase_whose_pairs_stand_apart_is_not_a_match(phrase_index):
    snap = phrase_index.snapshot()
    q = phrase_index.parse('"military cooperation agreement"')
    apart = Article.objects.get(body__startswith="Military cooperation grew.")
    pair_candidates = snap.mask(
        wq.And([wq.Term(pair_field_name("text"), w) for w in ("military cooperation", "cooperation agreement")])
    )
    docnum = next(
        d for d in pair_candidates.nonzero()[0] if snap.searcher.stored_fields(d)["django_id"] == str(apart.pk)
    )
    assert not snap.mask(q)[docnum]


def test_an_edit_is_found_by_its_phrase_at_once(phrase_index):
    article = Article.objects.get(body__startswith="Nothing about it")
    article.body = "Now it tells of trilateral naval drills in the Caspian."
    article.save()
    phrase_index.update(phrase_index._unified_index().get_index(Article), [article])  # a second segment
    snap = phrase_index.snapshot()
    assert len(snap.leaves) >= 2 and snap.has_pairs("text")
    page = run_search(QueryDict("q=%22trilateral+naval+drills+in+the+caspian%22"))
    assert [hit.article.pk for hit in page.hits] == [article.pk]
    for text in PHRASES:
        q = phrase_index.parse(text)
        assert from_pairs(snap, q) == whoosh_positional(snap, q), text


def test_segments_without_pairs_are_answered_by_whoosh():
    """An index written before the pair field existed: its segments have words but no pairs."""
    storage = RamStorage()
    index = storage.create_index(Schema(text=document_field(), **{pair_field_name("text"): pair_field()}))
    writer = index.writer()
    writer.add_document(text="joint exercises began")  # no pair value: as an old segment
    writer.commit()
    snap = Snapshot("memory", storage=storage)
    q = wq.Phrase("text", ["joint", "exercises"])
    assert not snap.has_pairs("text")
    assert phrase_mask(snap, q) is None
    assert from_pairs(snap, q) == {0}


def test_with_pairs_off_phrases_are_answered_from_positions(db, settings, search_index):
    settings.PARLEY_PHRASE_PAIRS = ""
    for number, body in enumerate(BODIES):
        make_article(title=f"Report {number}", body=body)
    build_whoosh_index()
    snap = search_index.snapshot()
    assert pair_field_name("text") not in snap.schema and not snap.has_pairs("text")
    q = search_index.parse('"military cooperation agreement"')
    assert phrase_mask(snap, q) is None
    assert len(from_pairs(snap, q)) == 2


# Common pairs only: rare words (not in common_words.txt) beside common ones.
RARE_BODIES = [
    "Zakir Hasanov inspected trilateral drills near the Caspian coast.",
    "The trilateral drills of Zakir Hasanov; Hasanov met the defense minister.",
    "Caspian trilateral drills, not trilateral Caspian drills.",  # rare words, several orders
    "Hasanov, Zakir: drills trilateral.",  # the rare words apart or reversed
    "The minister Zakir Hasanov met the delegation.",
]
RARE = ["zakir", "hasanov", "trilateral", "drills", "caspian", "coast", "inspected"]
COMMON = ["met", "defense", "minister", "delegation"]
COMMON_PHRASES = PHRASES + [
    '"zakir hasanov"',  # rare + rare: not indexed, from the words' positions
    '"hasanov zakir"',
    '"trilateral drills"',
    '"caspian drills"',
    '"trilateral caspian drills"',  # rare only, three words
    '"hasanov met"',  # rare + common: indexed
    '"met hasanov"',
    '"defense minister"',  # common only
    '"met the defense minister"',
    '"minister zakir hasanov met"',  # common + rare, rare + rare, rare + common
    '"drills near the caspian coast"',
    '"inspected trilateral drills" OR "hasanov met"',
]


@pytest.fixture
def common_phrase_index(db, settings, search_index):
    settings.PARLEY_PHRASE_PAIRS = "common"
    for number, body in enumerate(BODIES + RARE_BODIES):
        make_article(title=f"Report {number}", body=body)
    build_whoosh_index()
    return search_index


def test_common_pairs_phrases_equal_whoosh_positional_phrases(common_phrase_index):
    common = common_words()
    # The cases below are what they say only with this list: a new list must keep them so.
    assert not set(RARE) & common and set(COMMON) <= common
    snap = common_phrase_index.snapshot()
    assert snap.has_pairs("text") and snap.schema[pair_field_name("text")].analyzer.common == common
    for text in COMMON_PHRASES:
        q = common_phrase_index.parse(text)
        for phrase in phrases_in(q):
            assert phrase_mask(snap, phrase) is not None, text
        assert from_pairs(snap, q) == whoosh_positional(snap, q), text
    matched = {text: len(from_pairs(snap, common_phrase_index.parse(text))) for text in COMMON_PHRASES}
    assert matched['"zakir hasanov"'] == 4  # Həsənov folded too
    assert matched['"hasanov zakir"'] == 1
    assert matched['"trilateral caspian drills"'] == 1
    assert matched['"caspian drills"'] == 1
    assert matched['"hasanov met"'] == 3
    assert matched['"minister zakir hasanov met"'] == 1
    assert matched['"defense minister"'] >= 2


def test_common_pairs_index_only_the_pairs_with_a_common_word(common_phrase_index):
    snap = common_phrase_index.snapshot()
    analyzer = snap.schema[pair_field_name("text")].analyzer
    terms = {t.decode() for leaf, _ in snap.leaves for t in leaf.lexicon(pair_field_name("text"))}
    assert "hasanov met" in terms and "defense minister" in terms
    assert "zakir hasanov" not in terms and "trilateral drills" not in terms
    assert all(analyzer.indexes(*term.split(" ")) for term in terms if " " in term)
    assert split_pairs(analyzer, ["minister", "zakir", "hasanov", "met"]) == (
        ["minister zakir", "hasanov met"],
        [],
    )
    assert split_pairs(analyzer, ["trilateral", "caspian", "drills"]) == ([], ["trilateral", "caspian", "drills"])


def test_an_edit_is_found_by_its_common_pairs_phrase_at_once(common_phrase_index):
    article = Article.objects.get(body__startswith="Nothing about it")
    article.body = "Now Zakir Hasanov inspected trilateral drills; the minister met Hasanov."
    article.save()
    common_phrase_index.update(common_phrase_index._unified_index().get_index(Article), [article])
    snap = common_phrase_index.snapshot()
    assert len(snap.leaves) >= 2 and snap.has_pairs("text")
    for query in ("%22zakir+hasanov+inspected%22", "%22minister+met+hasanov%22"):
        page = run_search(QueryDict(f"q={query}"))
        assert article.pk in [hit.article.pk for hit in page.hits], query
    for text in COMMON_PHRASES:
        q = common_phrase_index.parse(text)
        assert from_pairs(snap, q) == whoosh_positional(snap, q), text


def test_the_schema_signature_tells_all_pairs_from_common_pairs(db, settings, search_index):
    signatures = {}
    for mode in ("", "all", "common"):
        settings.PARLEY_PHRASE_PAIRS = mode
        search_index.setup_complete = False
        search_index.setup()
        signatures[mode] = generations.schema_signature()
    assert len(set(signatures.values())) == 3


def test_the_planner_prices_a_phrase_without_indexed_pairs_as_verified(common_phrase_index):
    lexicon = WhooshLexicon(common_phrase_index.snapshot(), "text")
    rare = lexicon.phrase_pairs("Zakir Hasanov")
    assert rare.pairs == [] and [word for word, _ in rare.unpaired] == ["zakir", "hasanov"] and rare.verified
    assert rare.candidates == min(lexicon.frequency("zakir"), lexicon.frequency("hasanov")) == 5
    mixed = lexicon.phrase_pairs("Hasanov met")
    assert mixed.pairs == [("hasanov met", 3)] and not mixed.unpaired and not mixed.verified


def test_the_common_words_script_lists_the_words_in_enough_documents(db, search_index, tmp_path, monkeypatch):
    """bench/common_words.py counts documents per word over every segment, keeps those in at least the
    minimum, most frequent first, and writes a list the analyzer's loader reads back."""
    from bench.common_words import common_words as listed
    from bench.common_words import document_frequencies, write_list
    from index.engine import analysis

    make_article(title="Report 1", body="Hasanov met Bagheri in Baku.")
    make_article(title="Report 2", body="Hasanov met Guler.")
    build_whoosh_index()
    third = make_article(title="Report 3", body="Hasanov inspected drills.")
    search_index.update(search_index._unified_index().get_index(Article), [third])  # a second segment
    snap = search_index.snapshot()
    assert len(snap.leaves) >= 2
    frequencies = document_frequencies(snap, search_index.content_field_name)
    assert frequencies["hasanov"] == 3 and frequencies["met"] == 2 and frequencies["drills"] == 1
    words = listed(frequencies, minimum=2)
    assert words[0] == "hasanov" and "met" in words and "drills" not in words and "guler" not in words
    output = tmp_path / "common_words.txt"
    write_list(output, words, minimum=2, documents=snap.size, articles=3)
    monkeypatch.setattr(analysis, "COMMON_WORDS_FILE", output)
    assert analysis.common_words.__wrapped__() == frozenset(words)  # the loader, past its cache
