"""Search results as Haystack defines them: stored values converted by their field, highlights.

Each stored value goes through its search field's ``convert()``, as in the
stock backend: a ``CharField`` holding "109" reads back as the string "109",
not the number 109, a ``DecimalField`` as its string, a multi-valued field as
a list. Only values of no known field are guessed from their text.
"""

from collections.abc import Sequence

from haystack.backends.whoosh_backend import WhooshHtmlFormatter
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.exceptions import SearchBackendError
from haystack.models import SearchResult
from whoosh.highlight import ContextFragmenter
from whoosh.highlight import highlight as whoosh_highlight

from index.engine.ranking import positive_terms


class StoredValues:
    """Converts the stored fields of documents into a search result's attributes.

    Made for one search: the fields come from the connection's unified index as it is
    then (it can be rebuilt between searches).
    """

    def __init__(self, backend):
        self.backend = backend
        self._fields_by_model: dict[tuple[str, str], dict] = {}

    def fields_of(self, app_label: str, model_name: str) -> dict:
        """Return ``{index field name: SearchField}`` of the model's search index (empty if none)."""
        key = (app_label, model_name)
        if key not in self._fields_by_model:
            fields = {}
            unified = self.backend._unified_index()
            for model in unified.get_indexed_models():
                if (model._meta.app_label, model._meta.model_name) == key:
                    index = unified.get_index(model)
                    fields = {field.index_fieldname: field for field in index.fields.values()}
            self._fields_by_model[key] = fields
        return self._fields_by_model[key]

    def convert(self, app_label: str, model_name: str, stored: dict) -> dict:
        """Return the stored values of one document as Python values, identifiers left out."""
        fields = self.fields_of(app_label, model_name)
        values = {}
        for key, value in stored.items():
            if key in (DJANGO_CT, DJANGO_ID):
                continue
            field = fields.get(key)
            if field is None:
                values[key] = self.backend._to_python(value)
            elif field.is_multivalued:
                values[key] = [v for v in value.split(",") if v] if isinstance(value, str) else list(value or [])
            elif field.field_type == "boolean" and value in ("true", "false"):
                # Stored as Haystack writes them; BooleanField.convert("false") would say True.
                values[key] = value == "true"
            else:
                values[key] = field.convert(value)
        return values


class Highlighter:
    """Marks the words of a query in the stored document text, as Haystack's Whoosh backend does
    (``<em>`` around each match, the text around it escaped), with Parley's analyzer.

    The words are those the query's positive parts look for in the document field,
    prefixes and fuzzy terms expanded to the indexed words they match; filters on
    other fields mark nothing.
    """

    def __init__(self, backend, snap, parsed):
        name = backend.content_field_name
        field = snap.schema[name]
        if not field.stored:
            raise SearchBackendError(
                f"highlight() needs the document field {name!r} stored: declare it with stored=True "
                "(Parley's article index does not store its text and builds snippets from the database)"
            )
        self.fieldname = name
        self.analyzer = field.analyzer
        self.terms = frozenset(
            field.from_bytes(btext) for fieldname, btext, _ in positive_terms(parsed, snap.reader) if fieldname == name
        )

    def __call__(self, text) -> dict[str, list[str]]:
        if not text or not self.terms:
            return {self.fieldname: [""]}
        marked = whoosh_highlight(text, self.terms, self.analyzer, ContextFragmenter(), WhooshHtmlFormatter("em"))
        return {self.fieldname: [marked]}


def make_result(values: StoredValues, stored: dict, score: float, result_class=None, highlighter=None):
    """Return the ``SearchResult`` (or ``result_class``) of one document's stored fields."""
    app_label, model_name = stored[DJANGO_CT].split(".")
    attributes = values.convert(app_label, model_name, stored)
    if highlighter is not None:
        attributes["highlighted"] = highlighter(stored.get(highlighter.fieldname))
    return (result_class or SearchResult)(app_label, model_name, stored[DJANGO_ID], score, **attributes)


class LazyWindow(Sequence):
    """The search results of one window, built only when read.

    Haystack asks for every hit (``end_offset=None``) when it only wants a count
    or facet counts; this sequence knows its length without touching a document.
    """

    def __init__(self, backend, snap, length: int, docnums, result_class=None, highlighter=None, values=None):
        self._backend, self._snap = backend, snap
        self._docnums = docnums  # a function returning [(docnum, score)], called once when read
        self._result_class, self._highlighter = result_class, highlighter
        self._values = values or StoredValues(backend)
        self._length = length
        self._results = None

    def _load(self):
        if self._results is None:
            with self._snap.reading():
                self._results = [
                    self._backend.make_result(
                        self._snap, docnum, score, self._result_class, self._highlighter, values=self._values
                    )
                    for docnum, score in self._docnums()
                ]
        return self._results

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        return self._load()[index]

    def __iter__(self):
        return iter(self._load())
