"""Phrases from word pairs (index/engine/phrases.py) give exactly Whoosh's positional phrase matches.

The pair field is indexed through a fast path (analysis.PairAnalyzer.term_pairs); the pipeline
(``ShingleFilter`` over the document field's tokens) is what Whoosh would index: both must give the
same terms. On a real index, every phrase's documents from pairs must be those of Whoosh's own
phrase query over positions: stop words inside the phrase, folding (ə, İ), punctuation between the
words, a phrase of three or more words whose pairs occur apart (verified, so not a match), several
segments, an edit after the build.
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
from index.build import build_whoosh_index
from index.engine.analysis import PairAnalyzer, PairExistence, document_field, pair_field
from index.engine.phrases import pair_field_name, phrase_mask
from index.engine.snapshot import Snapshot
from query.search import run_search
from tests.factories import make_article
from tests.test_analysis import WORDS, separators, texts


def pipeline_pairs(text):
    return sorted(Existence().word_values(text, PairAnalyzer(), mode="index"))


def fast_pairs(text):
    return sorted(PairExistence().word_values(text, PairAnalyzer(), mode="index"))


@settings(max_examples=300, deadline=None)
@given(texts)
@example("The minister of the U.S. met İlham Əliyev in Bakı; the the minister")
@example("the Bagheri")  # one kept word: ShingleFilter gives the word alone
@example("a of the")
@example("")
def test_pair_fast_path_equals_the_shingle_pipeline(text):
    assert fast_pairs(text) == pipeline_pairs(text)


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


def test_without_the_setting_phrases_are_answered_from_positions(db, search_index):
    for number, body in enumerate(BODIES):
        make_article(title=f"Report {number}", body=body)
    build_whoosh_index()
    snap = search_index.snapshot()
    assert pair_field_name("text") not in snap.schema and not snap.has_pairs("text")
    q = search_index.parse('"military cooperation agreement"')
    assert phrase_mask(snap, q) is None
    assert len(from_pairs(snap, q)) == 2
