"""Which of a few changed items a saved search matches, answered by the search index itself.

The search is the page's own (``form.search_queryset()``), restricted to the changed
items. With Parley's Whoosh engine the restriction is applied to the engine's cached
hit sets: the search's hit set is computed as a page computes it (index/engine/),
then looked up at the changed documents. Narrowing the query by a thousand ids
instead costs half a second to parse per search and holds a hit set per id while
combining them (index/engine/snapshot.py), a thousand times per run. Other engines
(Elasticsearch, Solr) get the portable form: the query narrowed by ``django_id``, in chunks.
"""

from dataclasses import dataclass

from haystack import connections
from haystack.constants import ID

from query import bulk
from query.search import Search

# Ids per narrowed query on engines without cached hit sets.
NARROW_CHUNK = 200


@dataclass(frozen=True)
class Match:
    """An item the search matches, and the index's digest of what it says (its version)."""

    item_id: int
    version: str


def _engine_backend():
    backend = connections["default"].get_backend()
    return backend if hasattr(backend, "snapshot") and hasattr(backend, "_filter_query") else None


class Matcher:
    """Matches saved searches of one model against the same changed items, run after run of searches.

    ``ids`` are the changed items' primary keys; the documents they are in the index are
    looked up once per index generation, not once per search.
    """

    def __init__(self, model, ids: list[int]):
        self.model = model
        self.ids = list(ids)
        self.backend = _engine_backend()
        self._documents = None  # (snapshot, [(docnum, id), ...])

    def matches(self, search: Search, ids: list[int] | None = None) -> list[Match]:
        """Return the items among ``ids`` (default: all of this matcher's) that ``search`` matches."""
        wanted = set(self.ids if ids is None else ids)
        if not wanted:
            return []
        sqs = bulk.plain_queryset(search.form)
        if self.backend is None:
            return self._narrowed(sqs, [pk for pk in self.ids if pk in wanted])
        return self._from_hit_sets(sqs, wanted)

    def _narrowed(self, sqs, ids: list[int]) -> list[Match]:
        found = []
        for start in range(0, len(ids), NARROW_CHUNK):
            chunk = ids[start : start + NARROW_CHUNK]
            narrowed = sqs.narrow(sqs.query.build_query_fragment("django_id", "in", [str(pk) for pk in chunk]))
            found.extend(Match(int(result.pk), str(getattr(result, "digest", "") or "")) for result in narrowed)
        return found

    def _documents_in(self, snap) -> list[tuple[int, int]]:
        """Return ``[(document number, id), ...]`` of this matcher's items in the generation ``snap``."""
        if self._documents is None or self._documents[0] is not snap:
            label = f"{self.model._meta.app_label}.{self.model._meta.model_name}"
            documents = []
            for pk in self.ids:
                docnum = snap.searcher.document_number(**{ID: f"{label}.{pk}"})
                if docnum is not None:
                    documents.append((docnum, pk))
            self._documents = (snap, documents)
        return self._documents[1]

    def _from_hit_sets(self, sqs, wanted: set[int]) -> list[Match]:
        backend, query = self.backend, sqs.query
        query_string = query.build_query()
        if not query_string or (len(query_string) == 1 and query_string != "*"):
            return []  # what the engine's search answers with nothing
        snap = backend.snapshot()
        with snap.reading():
            documents = [(doc, pk) for doc, pk in self._documents_in(snap) if pk in wanted]
            if not documents:
                return []
            mask = snap.mask(backend.parse(query_string))
            narrow = backend._filter_query(query.narrow_queries, query.models, None)
            if narrow is not None:
                mask = mask & snap.mask(narrow)
            hits = [(doc, pk) for doc, pk in documents if mask[doc]]
            return [Match(pk, str(snap.searcher.stored_fields(doc).get("digest") or "")) for doc, pk in hits]
