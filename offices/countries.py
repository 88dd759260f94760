"""The words that name a country in a title: names, long forms, demonyms and capitals.

Two sources, the curated one first:

* the archive's countries (``archive.Country``: name, official name, long forms and
  the demonyms curators keep in ``archive/reference/country_words.json``);
* the ``countryinfo`` package, for a demonym and a capital of every other country
  (Kazakhstani, Uzbekistani; Baku, Tehran), where two countries share a demonym
  the more populous one keeps it.

Capitals count only where a title places an envoy ("Ambassador in Baku").
"""

import functools
import re
from dataclasses import dataclass

from countryinfo import CountryInfo

from archive.text import fold

NAME, DEMONYM, CAPITAL = "name", "demonym", "capital"


@dataclass(frozen=True)
class CountryWord:
    """A word for a country: its ISO code, what kind of word it is, and whether it must be written in capitals."""

    code: str
    kind: str
    acronym: bool = False


@functools.lru_cache(maxsize=1)
def _package_words() -> tuple[tuple[str, str, str, int], ...]:
    """Return ``(word, code, kind, population)`` for every demonym and capital countryinfo knows."""
    words = []
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2", "")
        if not code:
            continue
        population = info.get("population") or 0
        if info.get("demonym"):
            words.append((info["demonym"], code, DEMONYM, population))
        capitals = info.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            words.append((capital, code, CAPITAL, population))
    return tuple(words)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


class CountryWords:
    """Folded words → :class:`CountryWord`, with one compiled pattern that finds them, longest first."""

    def __init__(self, countries):
        """``countries``: ``(code, names, demonyms)`` triples, the curated words of each country."""
        self.words: dict[str, CountryWord] = {}
        for code, names, demonyms in countries:
            for word, kind in [*((n, NAME) for n in names), *((d, DEMONYM) for d in demonyms)]:
                if word and fold(word) not in self.words:
                    self.words[fold(word)] = CountryWord(code, kind, _is_acronym(word))
        known_codes = {code for code, _, _ in countries}
        by_word: dict[str, tuple[int, str, str]] = {}
        for word, code, kind, population in _package_words():
            if code not in known_codes and known_codes:
                continue  # only countries the archive knows can be linked
            folded = fold(word)
            if folded in self.words:
                continue
            if folded not in by_word or population > by_word[folded][0]:
                by_word[folded] = (population, code, kind)
        for folded, (_, code, kind) in by_word.items():
            self.words[folded] = CountryWord(code, kind)
        alternatives = sorted(self.words, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w])")

    @classmethod
    def from_database(cls) -> "CountryWords":
        """Return the words of every country in the archive."""
        from archive.models import Country

        return cls([(c.code, [c.name, c.official_name, *c.long_forms], c.demonyms) for c in Country.objects.all()])
