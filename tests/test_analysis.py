"""The document field's fast indexing path gives exactly what Whoosh's token pipeline gives.

index/engine/analysis.py indexes text through ParleyAnalyzer.term_positions
(one loop) instead of the tokenizer → fold → stop generators. Queries still use
the pipeline, so any difference would make words unfindable: compare the two on
generated text (names in Azerbaijani, Persian and Russian spellings, stop words
first, dotted abbreviations, wildcards, digits) and on the seeds.
"""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from index.engine.analysis import AnalyzedPositions, document_field, parley_analyzer

WORDS = [
    "the",
    "of",
    "a",
    "I",
    "minister",
    "Həsənov",
    "HASANOV",
    "İlham",
    "Əliyev",
    "Bakı",
    "Tehran",
    "U.S.",
    "3.14",
    "x_y",
    "wild*",
    "Бакы",
    "محمد",
    "Mohammad",
    "Bagheri",
    "and",
    "ŞUŞA",
    "naïve",
    "ǅ",
    "ß",
    "ﬁne",
]
texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12)),
    max_size=60,
).map(lambda parts: " ".join(parts))
separators = st.text(alphabet=" .,;:-'\"\n\t()*", min_size=1, max_size=3)


def pipeline_values(text, field_boost=1.0):
    """What Whoosh's own Positions format yields through the analyzer's token pipeline."""
    return sorted(Positions(field_boost=field_boost).word_values(text, parley_analyzer(), mode="index"))


def fast_values(text, field_boost=1.0):
    return sorted(AnalyzedPositions(field_boost=field_boost).word_values(text, parley_analyzer(), mode="index"))


@settings(max_examples=400, deadline=None)
@given(texts)
@example("The minister of the U.S. met İlham Əliyev in Bakı on 3.14; the the minister")
@example("a of the")  # nothing but stop words
@example("the Mohammad the Bagheri")  # the first kept word keeps its own position
@example("")
def test_fast_path_equals_the_token_pipeline(text):
    assert fast_values(text) == pipeline_values(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), separators)
def test_fast_path_with_any_separators(words, separator):
    text = separator.join(words)
    assert fast_values(text) == pipeline_values(text)


def test_field_boost_and_repeated_positions_are_kept():
    text = " ".join(["minister"] * 3000 + ["Bagheri"])  # positions beyond the one-position cache
    assert fast_values(text, field_boost=2.0) == pipeline_values(text, field_boost=2.0)


def test_the_seeds_are_indexed_identically(seeds):
    from archive.models import Article

    for article in Article.objects.all():
        text = f"{article.title}\n{article.body}"
        assert fast_values(text) == pipeline_values(text)
        assert fast_values(text), "a seed yields terms"


def test_query_mode_and_token_lists_take_the_pipeline():
    field = document_field()
    assert isinstance(field.format, AnalyzedPositions)
    tokens = ["minister", "bagheri"]
    assert sorted(field.format.word_values(tokens, field.analyzer, mode="index")) == sorted(
        Positions().word_values(tokens, field.analyzer, mode="index")
    )
    # The query side analyses through the pipeline, folding like the index.
    assert [t.text for t in field.analyzer("Həsənov met the HASANOV", mode="query")] == ["hasanov", "met", "hasanov"]
