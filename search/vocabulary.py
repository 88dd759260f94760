"""Search vocabulary in one place: parameters, facets, sort orders.

Each facet ties a public URL parameter to the index field it filters and counts,
and says how to turn its stable keys into labels.
"""

import enum
from dataclasses import dataclass


class Sort(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"

    @classmethod
    def parse(cls, value, default: "Sort") -> "Sort":
        """Return the sort named by ``value``, or ``default`` for anything else."""
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            return default

    @property
    def label(self) -> str:
        return {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}[self.value]

    @property
    def order_by(self) -> list[str]:
        """Haystack ``order_by`` arguments (relevance is the engine's own order)."""
        return {"relevance": [], "newest": ["-date"], "oldest": ["date"]}[self.value]


@dataclass(frozen=True)
class FacetSpec:
    param: str  # the public URL parameter
    field: str  # the index field it filters and counts
    label: str  # the heading shown to users


FACETS = (
    FacetSpec("country", "countries", "Country"),
    FacetSpec("official", "officials", "Official"),
    FacetSpec("source", "source", "Source"),
    FacetSpec("year", "year", "Year"),
)
FACETS_BY_PARAM = {spec.param: spec for spec in FACETS}

# How many values a facet lists before "show all".
FACET_TOP = 10
# Bounds on what a request may ask for.
MAX_VALUES_PER_FACET = 20
MAX_PAGE = 10_000
