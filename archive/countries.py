"""Countries by any name: every name, short or former name, long form and demonym of each country.

Two sources, the curated one on top:

* ``archive/reference/country_words.json``, what curators keep (Turkey for Türkiye,
  Persia, UAE);
* the ``countryinfo`` package (maintained, MIT), for every other country's demonym
  ("Ivorian", "Swazi") and its common and former names ("Czech Republic", "Swaziland",
  "Burma", "Holland"). A word a curator gave one country is never given to another; a
  demonym two countries share in the package goes to the more populous one.

``build_country_fixture`` merges both into fixtures/countries.json (:func:`merged_words`);
at run time :func:`country_by_any_name` (one country, for filters and the import),
:func:`countries_by_name` (ranked, with the name that matched, for the search form's
autocomplete and the directory) and :func:`countries_matching` (its codes, a code first, for
the admin) read the countries in the database, so what
a curator edits in the admin counts at once.
"""

import functools
import unicodedata
from dataclasses import dataclass

from countryinfo import CountryInfo

from archive.text import collapse_whitespace, fold

# Words the package gives that are not names of the country in English news.
# ("Dominique" is a first name far more often than Dominica.)
_NOT_NAMES = frozenset({"channel islander", "vaticanian", "dominique"})
# Entries of the package that are a part of a country, not another name of it.
_PARTS = frozenset({"wales"})


@dataclass(frozen=True)
class PackageCountry:
    """What countryinfo says of one country: other names in use, demonyms, population (for shared demonyms)."""

    code: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    population: int


def _is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (English news writes names in Latin script)."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _is_code(text: str) -> bool:
    """Whether ``text`` is an ISO code ("CZ", "CZE"): codes are looked up as codes, not as names."""
    return text.isalpha() and text.isupper() and len(text) <= 3


def _is_name(text: str) -> bool:
    """Whether the package's ``text`` can stand for its country in English text."""
    return _is_latin(text) and not _is_code(text) and fold(text) not in _NOT_NAMES


def _plural(demonym: str) -> list[str]:
    """Return ``demonym`` and its plural noun where English makes one with "s" (Ivorian, Ivorians)."""
    return [demonym, demonym + "s"] if demonym.endswith(("an", "i")) else [demonym]


@functools.lru_cache(maxsize=1)
def package_countries() -> dict[str, PackageCountry]:
    """Return ``{ISO code: PackageCountry}`` from countryinfo (some countries have several entries: merged)."""
    merged: dict[str, PackageCountry] = {}
    for key, info in CountryInfo.all().items():
        code = (info.get("ISO") or {}).get("alpha2", "")
        if not code or key in _PARTS:
            continue
        names = [info.get("name") or "", *(info.get("altSpellings") or [])]
        names = [collapse_whitespace(n) for n in names if n and _is_name(n)]
        demonym = collapse_whitespace(info.get("demonym") or "")
        demonyms = _plural(demonym) if demonym and _is_latin(demonym) and fold(demonym) not in _NOT_NAMES else []
        earlier = merged.get(code)
        if earlier:
            names = [*earlier.names, *names]
            demonyms = [*earlier.demonyms, *demonyms]
        population = max(info.get("population") or 0, earlier.population if earlier else 0)
        merged[code] = PackageCountry(code, tuple(dict.fromkeys(names)), tuple(dict.fromkeys(demonyms)), population)
    return merged


def merged_words(
    iso_names: dict[str, list[str]], curated: dict[str, dict], package: dict[str, PackageCountry] | None = None
) -> dict[str, dict[str, list[str]]]:
    """Return ``{code: {"demonyms": [...], "long_forms": [...]}}`` for every code of ``iso_names``.

    ``iso_names`` are the names the fixture already gives each country (ISO name,
    common and official names); ``curated`` the curators' words, kept first and as
    written; then the package's words that no other country has claimed.
    """
    package = package_countries() if package is None else package
    owner: dict[str, str] = {}  # folded word → the code that has it

    def claim(code: str, word: str) -> bool:
        """Give ``word`` to ``code`` unless another country has it; return whether ``code`` has it now."""
        return owner.setdefault(fold(word), code) == code

    result = {code: {"demonyms": [], "long_forms": []} for code in iso_names}
    for code, names in iso_names.items():
        for name in names:
            claim(code, name)
    for code, words in curated.items():
        for kind in ("demonyms", "long_forms"):
            for word in words.get(kind, []):
                if claim(code, word):
                    result[code][kind].append(word)
    # Shared package demonyms go to the most populous country: claim in that order.
    by_population = sorted((package[c] for c in iso_names if c in package), key=lambda p: -p.population)
    for entry in by_population:
        for kind, words in (("demonyms", entry.demonyms), ("long_forms", entry.names)):
            for word in words:
                if fold(word) in owner:
                    continue
                claim(entry.code, word)
                result[entry.code][kind].append(word)
    return result


# At run time ------------------------------------------------------------------------


def _name_table() -> dict[str, str]:
    """Return ``{folded name: code}`` for every name of every country in the database, codes included."""
    from archive.models import Country

    table: dict[str, str] = {}
    for country in Country.objects.only("code", "name", "official_name", "long_forms", "demonyms"):
        table.setdefault(country.code.lower(), country.code)
        for name in filter(None, country.names()):
            table.setdefault(fold(collapse_whitespace(name)), country.code)
    return table


def _key(text: str) -> str:
    return fold(collapse_whitespace(str(text or "")).strip(" .")).removeprefix("the ")


def country_by_any_name(text: str):
    """Return the :class:`~archive.models.Country` that ``text`` names, or ``None``.

    ``text`` may be its ISO code, name, official name, a long, short or former name, or a
    demonym, in any case or accents: "Turkey", "türkiye", "TR", "Burma", "Iranian",
    "Czech Republic" all find their country.
    """
    from archive.models import Country

    key = _key(text)
    if not key:
        return None
    table = _name_table()
    code = table.get(key) or table.get(key.removeprefix("the "))
    return Country.objects.filter(code=code).first() if code else None


def countries_matching(text: str, limit: int | None = None) -> list[str]:
    """Return the codes of the countries that ``text`` is the code of, or names or begins to name.

    The code first ("TR"), then :func:`countries_by_name`'s order: whole names, then names
    starting with ``text``, then a word of a name starting with it ("korea" finds North and
    South Korea). For the admin's country search and autocompletes.
    """
    from archive.models import Country

    code = collapse_whitespace(str(text or "")).upper()
    by_code = [code] if _is_code(code) and Country.objects.filter(code=code).exists() else []
    codes = list(dict.fromkeys([*by_code, *(m.country.code for m in countries_by_name(text, limit=None))]))
    return codes[:limit] if limit else codes


# Ranked look-ups (which of its names matched), for the search form's autocomplete and the directory
# of countries ---------------------------------------------------------------------------------

# How a name matched, best first: the whole name, its beginning, the beginning of one of its words.
EXACT, PREFIX, WORD_PREFIX = 0, 1, 2


@dataclass(frozen=True)
class CountryMatch:
    """A country found by a name: ``matched`` is the name that matched (its own name or another)."""

    country: "Country"  # noqa: F821 - archive.models.Country, imported late (see countries_by_name)
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


def country_match(country, text: str) -> CountryMatch | None:
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
    """Return the countries that ``text`` names or begins to name, best match first (then by name),
    each with the name that matched (:class:`CountryMatch`)."""
    from archive.models import Country

    countries = queryset if queryset is not None else Country.objects.all()
    matches = [m for m in (country_match(c, text) for c in countries) if m is not None]
    matches.sort(key=lambda m: (m.rank, m.matched != m.country.name, fold(m.country.name)))
    return matches[:limit] if limit is not None else matches
