"""Facet counts over a set of hits: by field, by date range, by query.

Field facets on keyword fields (every facet Parley's pages show) are one
``bincount`` over arrays cached per index generation (snapshot.py). The rest,
which Parley's own queries do not use, goes through Whoosh's own grouping,
restricted to the hits, and answers in the stock Whoosh backend's format:

* ``date_facet()``: ``[((start, end), count), ...]`` by count then date, the
  hits outside every range as one ``(None, count)`` entry placed by its count;
* ``query_facet(field, query)``: ``{field: count}``, as Haystack's Elasticsearch
  backend answers (the stock Whoosh backend answers none). One query per field:
  a second one for the same field is refused rather than silently dropped.
"""

from collections.abc import Mapping
from datetime import date, datetime

import numpy as np
from haystack.exceptions import SearchBackendError
from whoosh import query as wq
from whoosh import sorting
from whoosh.support.relativedelta import relativedelta

from index.engine.columns import MaskSet


def field_facet(snap, name: str, mask) -> list[tuple[object, int]]:
    """Return ``[(value, count), ...]`` of field ``name`` over the hits in ``mask``, by count then value."""
    if snap.is_keyword(name):
        return snap.column(name).counts(mask)
    groups = _whoosh_groups(snap, name, sorting.FieldFacet(name, allow_overlap=False, maptype=sorting.Count), mask)
    return sorted(((v, c) for v, c in groups.items() if v is not None), key=lambda item: (-item[1], item[0]))


def date_facet(snap, name: str, options: dict, mask) -> list[tuple[object, int]]:
    """Return the counts of the hits per date range, as Haystack's Whoosh backend does.

    ``options`` is Haystack's: ``start_date``, ``end_date``, ``gap_by`` (year, month,
    day, hour, minute, second) and ``gap_amount`` (default 1).
    """
    start, end = _as_datetime(options["start_date"]), _as_datetime(options["end_date"])
    gap = relativedelta(**{f"{options['gap_by']}s": options.get("gap_amount", 1)})
    facet = sorting.DateRangeFacet(name, start, end, gap, maptype=sorting.Count)
    groups = _whoosh_groups(snap, name, facet, mask)
    outside = groups.pop(None, None)
    counts = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    if outside is not None:
        position = next((i for i, (_, count) in enumerate(counts) if count < outside), len(counts))
        counts.insert(position, (None, outside))
    return counts


def query_facets(snap, parse_in_field, facets, mask) -> dict[str, int]:
    """Return ``{field: number of hits in mask matching the query}`` for Haystack's
    ``[(field, query), ...]`` (or a ``{field: query}`` mapping); ``parse_in_field(field, query)``
    returns the Whoosh query."""
    counts = {}
    for field, query_string in facets.items() if isinstance(facets, Mapping) else facets:
        if field in counts:
            raise SearchBackendError(f"one query facet per field: {field!r} has more than one")
        counts[field] = int(np.count_nonzero(mask & snap.mask(parse_in_field(field, query_string))))
    return counts


def _whoosh_groups(snap, name: str, facet, mask) -> dict:
    results = snap.searcher.search(wq.Every(), filter=MaskSet(mask), limit=1, groupedby={name: facet})
    return dict(results.groups(name))


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise SearchBackendError(f"a date facet needs dates, not {value!r}")
