"""“Did you mean” from the term dictionary, within the budget (query/spelling.py)."""

import pytest

from index.budget import SearchBudget
from index.build import build_whoosh_index
from query.planner import engine_lexicon
from query.spelling import respell
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def lexicon(db, search_index):
    make_article(title="One", body="A delegation and another delegation met the delegates in Baku.")
    make_article(title="Two", body="The delegation of Georgia, and a delegate from Baku.")
    build_whoosh_index()
    return engine_lexicon()


def test_unknown_words_become_the_nearest_then_most_common_known_word(lexicon):
    assert respell("delegatoin", lexicon) == "delegation"
    assert respell("Bakku talks", lexicon) == "Baku talks"  # case kept, an unknown word with nothing near kept
    assert respell("delegation Baku", lexicon) is None  # every word known


def test_operators_and_syntax_stay_as_typed(lexicon):
    assert respell("delegatoin OR bak*", lexicon) == "delegation OR bak*"


def test_the_dictionary_scan_is_bounded(lexicon):
    assert respell("delegatoin", lexicon, SearchBudget(max_scan=1)) is None  # only "delegate" read: too far
