"""Comparing the database with the search index: what ``check_index`` reports.

The database says which records must be searchable (published articles, public
meetings) and what their documents must hold (Haystack's prepared fields, the rendered text
included, summed up by the stored ``digest``). The index says what it holds. Every
difference is a :class:`Drift`.
"""

from dataclasses import dataclass

from django.apps import apps
from haystack import connections
from haystack.constants import DJANGO_CT, DJANGO_ID
from whoosh.fields import KEYWORD

from index import kinds
from index.engine.deep_paging import pages_of
from index.engine.whoosh import ParleyWhooshSearchBackend

# Documents read per request from a cluster engine (well inside Elasticsearch's result window).
CLUSTER_PAGE = 2000
# Stored fields compared one by one, to say *what* differs; the digest covers the text.
COMPARED_FIELDS = (
    "date", "source", "countries", "participant_countries", "officials", "participants", "mentioned",
    "sides", "mode", "status", "review", "place", "agreement", "outlets", "corroboration", "year", "month", "offices",
    "sectors", "office_sectors",
)  # fmt: skip


@dataclass(frozen=True)
class Drift:
    object_id: int
    kind: str  # "missing", "unexpected" or "different"
    detail: str
    record: str = "article"  # the kind of record (index/kinds.py)

    def __str__(self):
        return f"{self.record} {self.object_id}: {self.kind}: {self.detail}"


class UnsupportedBackend(Exception):
    """Raised when the configured search engine cannot be read field by field here."""


def expected_documents(using="default", chunk_size=500) -> dict[tuple[str, int], dict]:
    """Return the prepared document of every searchable record, by ``(kind, pk)``."""
    documents = {}
    for kind in kinds.KINDS:
        search_index = connections[using].get_unified_index().get_index(kinds.model_of(kind))
        records = search_index.index_queryset(using=using).order_by("pk")
        pks = list(records.values_list("pk", flat=True))
        for start in range(0, len(pks), chunk_size):
            chunk = list(records.filter(pk__in=pks[start : start + chunk_size]))
            for record in search_index.prepare_batch(chunk):
                documents[kind, record.pk] = dict(search_index.full_prepare(record))
    return documents


def indexed_documents(using="default") -> dict[tuple[str, int], dict]:
    """Return the stored fields of every document in the live index, by ``(kind, pk)``."""
    engine = connections[using].get_backend()
    if not isinstance(engine, ParleyWhooshSearchBackend):
        return cluster_documents(engine)
    engine.setup_complete or engine.setup()
    engine.index = engine.index.refresh()
    documents = {}
    with engine.index.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            documents[_kind_of(fields[DJANGO_CT]), int(fields[DJANGO_ID])] = {
                # Multi-valued facet keys are stored comma-separated (KEYWORD fields).
                key: [v for v in value.split(",") if v] if isinstance(engine.schema[key], KEYWORD) else value
                for key, value in fields.items()
            }
    return documents


def cluster_documents(engine) -> dict[tuple[str, int], dict]:
    """Return the stored fields of every document of a cluster engine's live index, by ``(kind, pk)``,
    read through its deep paging (index/engine/deep_paging.py); documents of no model Parley indexes
    (the build record) are left out."""
    pages = pages_of(engine)
    if pages is None:
        raise UnsupportedBackend("check_index reads Whoosh, Elasticsearch and Solr indexes only.")
    known = {f"{model._meta.app_label}.{model._meta.model_name}" for model in map(kinds.model_of, kinds.KINDS)}
    return {
        (_kind_of(fields[DJANGO_CT]), int(fields[DJANGO_ID])): fields
        for fields in pages.documents(CLUSTER_PAGE)
        if fields.get(DJANGO_CT) in known
    }


def _kind_of(content_type: str) -> str:
    """Return the queue's kind for Haystack's ``app_label.model_name``."""
    app_label, model_name = content_type.split(".")
    return kinds.kind_of(apps.get_model(app_label, model_name))


def normalise(field, value):
    """Return ``value`` in one comparable shape, whether prepared or read back from the index."""
    if value in (None, "", []):
        return None
    if field == "date":
        return str(value)[:10]
    if isinstance(value, (list, tuple)):
        values = sorted(str(v) for v in value)
        # One value of a multi-valued field: a list from Haystack, a bare value from some engines' stored fields.
        return values[0] if len(values) == 1 else values
    return str(value)


def compare(expected: dict, indexed: dict) -> list[Drift]:
    """Return every difference between the expected and the indexed documents (both by ``(kind, pk)``)."""
    drifts = []
    for kind, pk in sorted(expected.keys() - indexed.keys()):
        drifts.append(Drift(pk, "missing", "searchable but not in the index", kind))
    for kind, pk in sorted(indexed.keys() - expected.keys()):
        drifts.append(Drift(pk, "unexpected", "in the index but not searchable (draft, withdrawn or deleted)", kind))
    for kind, pk in sorted(expected.keys() & indexed.keys()):
        want, have = expected[kind, pk], indexed[kind, pk]
        details = [
            f"{field} is {normalise(field, have.get(field))!r}, should be {normalise(field, want.get(field))!r}"
            for field in COMPARED_FIELDS
            if normalise(field, have.get(field)) != normalise(field, want.get(field))
        ]
        if not details and have.get("digest") != want.get("digest"):
            details.append("text differs (headline, body, names, aliases, titles, countries or outlet)")
        if details:
            drifts.append(Drift(pk, "different", "; ".join(details), kind))
    return drifts


def find_drift(using="default") -> list[Drift]:
    """Return every difference between the database and the live index."""
    indexed = indexed_documents(using)
    return compare(expected_documents(using), indexed)
