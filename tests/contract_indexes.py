"""Two search indexes that use what Parley's article index does not, for the engine contract tests.

Outlets (``Source``) stand in for the meetings to come: integer, float, decimal,
boolean and date fields, plain multi-valued fields, autocomplete, a field with
its own analyzer, one-letter values. People (``Person``) are the second indexed
model, sharing words with the outlets, so that a query can mix them up.
"""

import datetime
from decimal import Decimal

import pytest
from haystack import connections, indexes
from haystack.utils.loading import UnifiedIndex
from whoosh.analysis import SpaceSeparatedTokenizer, SubstitutionFilter

from archive.models import Person, Source

OUTLETS = {
    "caspian": {
        "name": "Caspian Naval Forum",
        "text": "Naval exercises on the Caspian Sea: <b>naval</b> drills and naval cadets.",
        "code": "109",
        "attendance": 3_000_000_000,  # beyond 32 bits
        "rating": 3.6,
        "price": Decimal("24.99"),
        "held": True,
        "held_on": datetime.date(2019, 1, 16),
        "tags": ["staff", "outdoor"],
        "grade": "A",
        "spaced": "daniel5678",
    },
    "baku": {
        "name": "Baku Defence Talks",
        "text": "Defence talks in Baku about naval cooperation and the Caspian caspian caspian.",
        "code": "007",
        "attendance": 40,
        "rating": 4.25,
        "price": Decimal("10.50"),
        "held": False,
        "held_on": datetime.date(2019, 2, 3),
        "tags": ["indoor"],
        "grade": "B",
        "spaced": "olga12",
    },
    "tehran": {
        "name": "Tehran Border Commission",
        "text": "Border commission in Tehran on trade.",
        "code": "12",
        "attendance": -3,
        "rating": 1.5,
        "price": Decimal("0.99"),
        "held": True,
        "held_on": datetime.date(2019, 2, 20),
        "tags": [],
        "grade": "A",
        "spaced": "olga",
    },
    "ganja": {
        "name": "Gəncə Planning Meeting",
        "text": "Planning meeting in Ganja for the naval parade, date and attendance unknown.",
        "code": "x",
        "attendance": None,
        "rating": None,
        "price": None,
        "held": False,
        "held_on": None,
        "tags": ["outdoor"],
        "grade": "C",
        "spaced": "ganja",
    },
}

PEOPLE = {
    "naval-attache": "Naval attaché who watched the naval exercises on the Caspian Sea.",
    "border-official": "Border official at the commission in Tehran.",
}


class OutletIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    name = indexes.CharField(model_attr="name")
    code = indexes.CharField()
    attendance = indexes.IntegerField(null=True)
    rating = indexes.FloatField(null=True)
    price = indexes.DecimalField(null=True)
    held = indexes.BooleanField()
    held_on = indexes.DateField(null=True)
    tags = indexes.MultiValueField()
    grade = indexes.CharField()
    spaced = indexes.CharField(analyzer=SpaceSeparatedTokenizer() | SubstitutionFilter(r"\d+", ""))
    name_auto = indexes.EdgeNgramField(model_attr="name")
    name_ngram = indexes.NgramField(model_attr="name")

    def get_model(self):
        return Source

    def prepare(self, obj):
        data = super().prepare(obj)
        data.update({name: value for name, value in OUTLETS[obj.slug].items() if name in self.fields})
        return data


class PersonIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    name = indexes.CharField(model_attr="name")

    def get_model(self):
        return Person

    def prepare_text(self, obj):
        return PEOPLE[obj.slug]


@pytest.fixture
def contract(search_index, db):
    """Parley's engine in a temporary folder with the outlet and person indexes, everything indexed.

    Returns the backend; the outlets and people are in the database too (for ``update_index``).
    """
    unified = UnifiedIndex()
    unified.build(indexes=[OutletIndex(), PersonIndex()])
    connections["default"]._index = unified
    backend = connections["default"].get_backend()
    backend.setup()
    for slug, row in OUTLETS.items():
        Source.objects.create(slug=slug, name=row["name"])
    for slug in PEOPLE:
        Person.objects.create(slug=slug, name=slug.replace("-", " ").title())
    backend.update(unified.get_index(Source), Source.objects.order_by("pk"))
    backend.update(unified.get_index(Person), Person.objects.order_by("pk"))
    return backend


def slugs(results) -> list[str]:
    """Return the slugs of the outlets and people of search results, in order."""
    by_model = {"source": Source, "person": Person}
    found = []
    for result in results:
        found.append(by_model[result.model_name].objects.get(pk=result.pk).slug)
    return found
