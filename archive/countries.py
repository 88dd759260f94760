"""Countries by any name: the one place that answers "which country is meant by this?".

A country is known by its ISO short name (Türkiye, Russian Federation, Czechia), its
official name (Czech Republic), the other names in use and former names kept in
``long_forms`` (Turkey, Russia, Persia), and its demonyms (Turkish, Iranian). All of
them are in the database (fixtures/countries.json, from pycountry and
archive/reference/country_words.json). Matching is folded (archive/text.fold: case,
accents and alphabet do not matter) and by word beginnings, so that ``tur``,
``Turkey`` and ``türk`` all find Türkiye. The search page's autocomplete, the
directory of countries and the admin's country look-ups use :func:`countries_by_name`.
"""

from dataclasses import dataclass

from archive.models import Country
from archive.text import fold

# How a name matched, best first: the whole name, its beginning, the beginning of one of its words.
EXACT, PREFIX, WORD_PREFIX = 0, 1, 2


@dataclass(frozen=True)
class CountryMatch:
    """A country found by a name: ``matched`` is the name that matched (its own name or another)."""

    country: Country
    matched: str
    rank: int

    @property
    def other_name(self) -> str:
        """The name that matched when it is not the country's own ("Turkey" for Türkiye), else ""."""
        return "" if self.matched == self.country.name else self.matched


def _how(name: str, wanted: str) -> int | None:
    folded = fold(name)
    if folded == wanted:
        return EXACT
    if folded.startswith(wanted):
        return PREFIX
    if any(word.startswith(wanted) for word in folded.replace("-", " ").replace(",", " ").split()[1:]):
        return WORD_PREFIX
    return None


def country_match(country: Country, text: str) -> CountryMatch | None:
    """Return how ``country`` matches ``text`` by its best name, or ``None``."""
    wanted = " ".join(fold(text).split())
    if not wanted:
        return None
    best = None
    for order, name in enumerate(n for n in country.names() if n):
        how = _how(name, wanted)
        # Its own name first, then official name, other names, demonyms (the order of Country.names()).
        if how is not None and (best is None or (how, order) < best[0]):
            best = ((how, order), name)
    return CountryMatch(country, best[1], best[0][0]) if best else None


def countries_by_name(text: str, limit: int | None = 10, queryset=None) -> list[CountryMatch]:
    """Return the countries that ``text`` names or begins to name, best match first (then by name)."""
    countries = queryset if queryset is not None else Country.objects.all()
    matches = [m for m in (country_match(c, text) for c in countries) if m is not None]
    matches.sort(key=lambda m: (m.rank, m.matched != m.country.name, fold(m.country.name)))
    return matches[:limit] if limit is not None else matches
