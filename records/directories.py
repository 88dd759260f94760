"""The directories of officials (``/officials/``) and countries (``/countries/``), and the name
look-ups behind the search form's autocomplete (renderers/suggest.py).

Each directory lists its entries A to Z with their number of published articles (and,
for officials, their country), narrowed by a letter (``letter=H``) or by a name or
part of one (``q=has``: folded, by word beginnings, aliases and a country's other
names included), a page at a time. The entries are read once per archive version
(records/aggregate_cache.py). Like the search page, a directory is forgiving: a bad
parameter is a message, never an error.
"""

import math
import string
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import render

from archive.countries import countries_by_name
from archive.models import Article, Country, Person, Source
from archive.text import fold
from query.links import query_string
from records import aggregate_cache

PAGE_SIZE = 100
MAX_FILTER_CHARS = 100
LETTERS = list(string.ascii_uppercase)
OTHER_LETTER = "#"  # names that do not start with a letter A–Z once folded


@dataclass(frozen=True)
class Entry:
    """One official, country or source: key (slug or code), name, country, published articles."""

    key: str
    name: str
    articles: int
    country_code: str = ""
    country_name: str = ""
    # The folded words of every name (aliases too), for matching by word beginnings.
    words: tuple[str, ...] = field(default=(), repr=False)
    other_names: tuple[str, ...] = field(default=(), repr=False)

    @property
    def letter(self) -> str:
        first = fold(self.name)[:1].upper()
        return first if first in LETTERS else OTHER_LETTER

    def matches(self, wanted: str) -> bool:
        """Whether every folded word of ``wanted`` begins a word of one of this entry's names."""
        return all(any(word.startswith(part) for word in self.words) for part in wanted.split())

    def matched_name(self, wanted: str) -> str:
        """Return the alias that ``wanted`` matched when it is not the entry's own name, else ""."""
        parts = wanted.split()
        if all(any(w.startswith(p) for w in name_words(self.name)) for p in parts):
            return ""
        for other in self.other_names:
            if all(any(w.startswith(p) for w in name_words(other)) for p in parts):
                return other
        return ""


def name_words(name: str) -> list[str]:
    """Return the folded words of a name (hyphens, commas and dots separate words)."""
    return fold(name).replace("-", " ").replace(",", " ").replace(".", " ").split()


def _alphabetical(entries):
    return sorted(entries, key=lambda e: (fold(e.name), e.key))


def official_entries() -> list[Entry]:
    """Return every public official (in a published article), A to Z, with country and article count."""
    return aggregate_cache.cached(("directory", "officials"), _read_officials)


def _read_officials() -> list[Entry]:
    published = Q(participations__article__status=Article.Status.PUBLISHED)
    people = (
        Person.objects.annotate(article_count=Count("participations__article", filter=published))
        .filter(article_count__gt=0)
        .select_related("country")
        .prefetch_related("aliases")
    )
    entries = []
    for person in people:
        names = person.all_names()
        entries.append(
            Entry(
                key=person.slug,
                name=person.name,
                articles=person.article_count,
                country_code=person.country_id or "",
                country_name=person.country.name if person.country_id else "",
                words=tuple(dict.fromkeys(w for name in names for w in name_words(name))),
                other_names=tuple(names[1:]),
            )
        )
    return _alphabetical(entries)


def country_entries() -> list[Entry]:
    """Return the countries with published articles or public officials, A to Z, with article counts."""
    return aggregate_cache.cached(("directory", "countries"), _read_countries)


def _read_countries() -> list[Entry]:
    published = Q(articles__status=Article.Status.PUBLISHED)
    countries = Country.objects.annotate(article_count=Count("articles", filter=published, distinct=True))
    officials = official_counts_by_country()
    entries = [
        Entry(
            key=country.code,
            name=country.name,
            articles=country.article_count,
            words=tuple(dict.fromkeys(w for name in country.names() if name for w in name_words(name))),
            other_names=tuple(n for n in country.names()[1:] if n),
        )
        for country in countries
        if country.article_count or officials.get(country.code)
    ]
    return _alphabetical(entries)


def official_counts_by_country() -> dict[str, int]:
    """Return ``{country code: number of public officials}``."""
    counts: dict[str, int] = {}
    for entry in official_entries():
        if entry.country_code:
            counts[entry.country_code] = counts.get(entry.country_code, 0) + 1
    return counts


def source_entries() -> list[Entry]:
    """Return every outlet with published articles, A to Z, with its article count."""
    return aggregate_cache.cached(("directory", "sources"), _read_sources)


def _read_sources() -> list[Entry]:
    published = Q(articles__status=Article.Status.PUBLISHED)
    sources = Source.objects.annotate(article_count=Count("articles", filter=published)).filter(article_count__gt=0)
    return _alphabetical(
        Entry(key=s.slug, name=s.name, articles=s.article_count, words=tuple(name_words(s.name))) for s in sources
    )


def find_officials(text: str) -> list[Entry]:
    """Return the officials whose name or an alias begins (word by word) with ``text``, most articles first."""
    wanted = " ".join(name_words(text))
    found = [entry for entry in official_entries() if entry.matches(wanted)] if wanted else []
    return sorted(found, key=lambda e: (-e.articles, fold(e.name)))


def find_sources(text: str) -> list[Entry]:
    """Return the outlets whose name begins (word by word) with ``text``, most articles first."""
    wanted = " ".join(name_words(text))
    found = [entry for entry in source_entries() if entry.matches(wanted)] if wanted else []
    return sorted(found, key=lambda e: (-e.articles, fold(e.name)))


def find_countries(text: str) -> list[tuple[Entry, str]]:
    """Return ``(entry, other name matched)`` for the countries named by ``text`` (any of their names:
    archive/countries.py), best match first; only countries of the directory."""
    by_code = {entry.key: entry for entry in country_entries()}
    matches = countries_by_name(text, limit=None, queryset=Country.objects.filter(code__in=list(by_code)))
    return [(by_code[m.country.code], m.other_name) for m in matches]


# The pages ----------------------------------------------------------------------------


@dataclass
class DirectoryPage:
    """One page of a directory: its entries, the letter and filter applied, links, messages."""

    entries: list
    total: int
    number: int
    num_pages: int
    letter: str = ""
    text: str = ""
    messages: list[str] = field(default_factory=list)
    letters: list[tuple[str, str, bool]] = field(default_factory=list)  # (letter, URL, current)
    previous_url: str = ""
    next_url: str = ""


def directory_page(request, entries_with_names) -> DirectoryPage:
    """Return the page of ``entries_with_names`` (``(entry, other name)`` pairs, A to Z) that the
    request's ``letter``, ``q`` and ``page`` ask for; bad values are messages."""
    messages = []
    text = request.GET.get("q", "").strip()
    if len(text) > MAX_FILTER_CHARS:
        messages.append(f"Filter: only the first {MAX_FILTER_CHARS} characters were used.")
        text = text[:MAX_FILTER_CHARS]
    letter = request.GET.get("letter", "").strip().upper()
    if letter and letter not in LETTERS and letter != OTHER_LETTER:
        messages.append(f"Letter: “{letter[:10]}” is not a letter from A to Z; showing every letter.")
        letter = ""
    named = entries_with_names(text)
    present = {entry.letter for entry, _ in named}
    rows = [(entry, other) for entry, other in named if entry.letter == letter] if letter else named
    num_pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    number = _page_number(request.GET.get("page"), num_pages, messages)
    params = {name: [value] for name, value in (("q", text), ("letter", letter)) if value}
    return DirectoryPage(
        entries=rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
        total=len(rows),
        number=number,
        num_pages=num_pages,
        letter=letter,
        text=text,
        messages=messages,
        letters=[
            (x, query_string(params, letter=None if x == letter else x), x == letter)
            for x in [*LETTERS, OTHER_LETTER]
            if x in present or x == letter
        ],
        previous_url=query_string(params, page=str(number - 1) if number > 2 else None) if number > 1 else "",
        next_url=query_string(params, page=str(number + 1)) if number < num_pages else "",
    )


def _page_number(raw, num_pages: int, messages: list[str]) -> int:
    if raw in (None, ""):
        return 1
    try:
        number = int(str(raw).strip()[:12])
    except ValueError:
        messages.append(f"Page: “{str(raw)[:40]}” is not a page number; showing page 1.")
        return 1
    if not 1 <= number <= num_pages:
        messages.append(f"Page: this list has {num_pages} page{'s' if num_pages > 1 else ''}; showing page 1.")
        return 1
    return number


def _officials_named(text: str) -> list[tuple[Entry, str]]:
    """Return ``(entry, alias matched)`` of the officials ``text`` names (all of them when empty), A to Z."""
    wanted = " ".join(name_words(text))
    if not wanted:
        return [(entry, "") for entry in official_entries()]
    return [(entry, entry.matched_name(wanted)) for entry in official_entries() if entry.matches(wanted)]


def _countries_named(text: str) -> list[tuple[Entry, str]]:
    """Return ``(entry, other name matched)`` of the countries ``text`` names (all when empty), A to Z."""
    if not " ".join(name_words(text)):
        return [(entry, "") for entry in country_entries()]
    return sorted(find_countries(text), key=lambda pair: (fold(pair[0].name), pair[0].key))


def officials_directory(request):
    """``/officials/``: every public official, A to Z, with their country and number of articles."""
    page = directory_page(request, _officials_named)
    return render(request, "records/directory_officials.html", {"page": page})


def countries_directory(request):
    """``/countries/``: the countries of the archive, A to Z, with their articles and officials."""
    page = directory_page(request, _countries_named)
    officials = official_counts_by_country()
    rows = [(entry, other, officials.get(entry.key, 0)) for entry, other in page.entries]
    return render(request, "records/directory_countries.html", {"page": page, "rows": rows})
