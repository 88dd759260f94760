"""Where Parley's engine differs from Haystack's Whoosh backend on purpose (README, "Haystack's
contract: deliberate differences"); harness/haystack_suite/plugin.py marks the same in Haystack's tests."""

import pytest
from haystack import connections
from haystack.exceptions import SearchBackendError
from haystack.inputs import Raw
from haystack.query import SearchQuerySet

from archive.models import Article, Source
from tests.contract_indexes import contract, slugs  # noqa: F401 - contract: a fixture used below

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("contract")
def test_no_stemming_in_the_document_field():
    # "Naval exercises": the stock backend's stemmer would make "exercise" match "exercises".
    assert slugs(SearchQuerySet().models(Source).filter(content="exercise")) == []
    assert slugs(SearchQuerySet().models(Source).filter(content=Raw("exercise*"))) == ["caspian"]


@pytest.mark.usefixtures("contract")
def test_slices_are_the_hits_asked_for():
    everything = slugs(SearchQuerySet().models(Source).order_by("held_on"))
    assert slugs(SearchQuerySet().models(Source).order_by("held_on")[1:3]) == everything[1:3]
    assert list(SearchQuerySet().models(Source)[0:0]) == []
    assert list(connections["default"].get_backend().search("*", start_offset=0, end_offset=0)["results"]) == []


def test_highlight_is_refused_on_articles_whose_text_is_not_stored(indexed_seeds):
    with pytest.raises(SearchBackendError, match="stored"):
        SearchQuerySet().models(Article).filter(content="Bagheri").highlight().count()
