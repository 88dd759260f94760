"""A web process opens the index and builds its arrays before serving (config/warm.py)."""

import os

import pytest

from config.warm import warm_search
from index.engine import snapshot

pytestmark = pytest.mark.django_db


def test_warming_builds_the_facet_columns_of_the_live_index(indexed_seeds):
    snapshot._snapshots.pop(indexed_seeds.path, None)  # as in a new process
    warm_search()
    snap = snapshot._snapshots[indexed_seeds.path]
    assert {"countries", "source", "year"} <= set(snap._columns)


def test_warming_leaves_a_missing_index_missing(seeds, search_index):
    warm_search()
    assert not os.path.exists(search_index.path)  # Haystack's set-up would have created an empty one
