"""Search vocabulary: sort orders, official roles, and the bounds on what a request may ask.

Facets are classes of their own (query/facets.py).
"""

import datetime
import enum


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
        return {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first"}[self.value]

    @property
    def order_by(self) -> list[str]:
        """Haystack ``order_by`` arguments (relevance is the engine's own order)."""
        return {"relevance": [], "newest": ["-date"], "oldest": ["date"]}[self.value]


# The search form's sort choices: "" is the default (best match with keywords, newest first without),
# so a form left at its default sends no ``sort`` and its URL says only what was asked.
SORT_CHOICES = (("", Sort.RELEVANCE.label), *((s.value, s.label) for s in (Sort.NEWEST, Sort.OLDEST)))


class Role(enum.StrEnum):
    """How an official appears in an article: the ``role`` parameter.

    It chooses the index field the ``official`` filter (and the ``all=official``
    combination) matches and the official facet counts: any role (``officials``),
    took part (``participants``) or only mentioned (``mentioned``).
    """

    ANY = "any"
    PARTICIPANT = "participant"
    MENTIONED = "mentioned"

    @classmethod
    def parse(cls, value) -> "Role | None":
        """Return the role named by ``value``, ``ANY`` when empty, ``None`` when unknown."""
        text = str(value or "").strip().lower()
        if not text:
            return cls.ANY
        try:
            return cls(text)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        return {"any": "Any role", "participant": "Took part", "mentioned": "Mentioned"}[self.value]

    @property
    def official_field(self) -> str:
        """The index field holding the slugs of officials in this role."""
        return {"any": "officials", "participant": "participants", "mentioned": "mentioned"}[self.value]


# The index field counted for the hits-over-time chart by month.
MONTH_FIELD = "month"

# How many values a facet lists before "show all".
FACET_TOP = 10
# Bounds on what a request may ask for.
MAX_VALUES_PER_FACET = 20
MAX_PAGE = 10_000
# Dates a filter may name (engines disagree on years before 1000; news archives need neither end).
MIN_DATE = datetime.date(1800, 1, 1)
MAX_DATE = datetime.date(2999, 12, 31)
# The hits-over-time chart is drawn by month when the active range spans at most this many years.
MONTHLY_MAX_YEARS = 3
