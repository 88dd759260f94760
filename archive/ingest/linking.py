"""Step 5: find the countries and officials an article speaks of.

* Countries by name, official name, long form and demonym, whole words only,
  written with a capital (country names are proper nouns: "Turkey", not "turkey");
  acronyms (US, UK, PRC) only in capitals, so that "us" is never the United States.
* Known officials by name and alias, folded (case, accents, Azerbaijani and
  Turkish letters: Zakir Həsənov = ZAKIR HASANOV), and by surname after a title
  once the full name has introduced them ("Minister Hasanov"), unless two
  introduced officials share the surname (the Aliyevs); a Chinese or Korean family name
  is written first ("Wang Yi", then "Wang"); and by first name right after a title ("PM
  Shehbaz", once "Shehbaz Sharif" has introduced him).
* Each official gets a role (``roles.role_of``) and the title the article gives
  them (``roles.title_of``).
* Unknown "rank or office + Name" become suggestions (``suggest.find_unknown_officials``).

All names are matched in one pass with an Aho-Corasick automaton (pyahocorasick)
over the folded text, longest match first, so "Papua New Guinea" is not Guinea
and "Zakir Hasanov Ali oglu" is one mention.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import ahocorasick
from django.db import transaction

from archive.ingest import roles
from archive.ingest.folding import FoldedText
from archive.ingest.records import Links, PersonLink, SuggestedPerson
from archive.ingest.suggest import find_unknown_officials
from archive.ingest.vocabulary import FAMILY_NAME_FIRST, TITLE_START
from archive.text import fold

COUNTRY, PERSON, SURNAME, GIVEN = "country", "person", "surname", "given"
# Last words of names that are not surnames: Azerbaijani patronymics ("Zakir Hasanov Ali oglu").
_PATRONYMIC_MARKERS = frozenset({"oglu", "ogly", "qizi", "kyzy", "gizi"})
_NOT_SURNAMES = frozenset({"jr", "sr", "ii", "iii"})
_SHORT_TITLES = frozenset({"pm", "fm", "gen", "amb"})  # "PM Shehbaz", "FM Bayramov"


@dataclass(frozen=True)
class Mention:
    """A name found in the text: what it points to, where it is in the original text."""

    kind: str
    keys: tuple  # country codes or person ids (several for a shared surname)
    start: int
    end: int


class Gazetteer:
    """Every name to look for, compiled once per import run (or per re-link)."""

    def __init__(self, countries: Iterable[tuple[str, list[str]]], people: Iterable[tuple[int, list[str]]]):
        countries = list(countries)
        self._countries = countries
        entries: dict[str, list[tuple[str, object, str | None]]] = {}
        self.country_by_name: dict[str, str] = {}
        self.person_by_name: dict[str, set[int]] = {}
        self.person_names: dict[int, str] = {}  # the canonical name (the first given), for reports
        self.country_words: set[str] = set()

        def add(pattern: str, kind: str, key, exact: str | None = None):
            if pattern.strip():
                entries.setdefault(pattern, []).append((kind, key, exact))

        for code, names in countries:
            for name in filter(None, names):
                folded = fold(name)
                self.country_by_name.setdefault(folded, code)
                self.country_words.add(folded)
                # Acronyms (US, UK, U.S., PRC) match only as written, in capitals.
                letters = name.replace(".", "")
                exact = name if letters.isalpha() and letters.isupper() and len(letters) <= 5 else None
                add(folded, COUNTRY, code, exact)
            self.country_by_name.setdefault(code.lower(), code)
        for person_id, names in people:
            surnames, given = set(), set()
            self.person_names.setdefault(person_id, next(filter(None, names), ""))
            for name in filter(None, names):
                folded = fold(name)
                self.person_by_name.setdefault(folded, set()).add(person_id)
                add(folded, PERSON, person_id)
                words = folded.split()
                if len(words) > 2 and words[-1] in _PATRONYMIC_MARKERS:
                    words = words[:-2]  # "Zakir Hasanov Ali oglu": Ali oglu is the father's name
                words = [w for w in words if w not in _NOT_SURNAMES]
                if len(words) > 1:
                    surnames.add(words[-1])
                if len(words) in (2, 3) and words[0] in FAMILY_NAME_FIRST:
                    surnames.add(words[0])  # "Wang held a phone conversation": Wang Yi, family name first
                elif len(words) > 1:
                    given.add(words[0])
            for surname in surnames:
                add(surname, SURNAME, person_id)
            for first in given - surnames:
                add(first, GIVEN, person_id)
        self._automaton = ahocorasick.Automaton()
        for pattern, values in entries.items():
            self._automaton.add_word(pattern, (len(pattern), tuple(values)))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    @cached_property
    def title_reader(self):
        """The reader of reported titles (offices/titles.py) with these countries' words, built on first use."""
        # Imported here: offices builds on the archive, and most articles need no title read.
        from offices.countries import CountryWords
        from offices.titles import TitleReader

        return TitleReader(CountryWords([(code, names, []) for code, names in self._countries]))

    @classmethod
    def from_database(cls) -> "Gazetteer":
        """Return the gazetteer of every country and every person (with aliases) in the database."""
        from archive.models import Country, Person

        countries = [(c.code, c.names()) for c in Country.objects.all()]
        people = [(p.pk, p.all_names()) for p in Person.objects.prefetch_related("aliases")]
        return cls(countries, people)

    def mentions(self, text: FoldedText) -> list[Mention]:
        """Return the names in ``text``: whole words, longest first, never overlapping, in order."""
        if self._empty:
            return []
        folded, original = text.folded, text.original
        found = []
        for end_index, (length, values) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            o_start, o_end = text.original_span(start, end)
            kinds = {}
            for kind, key, exact in values:
                if kind == COUNTRY and not (
                    original[o_start].isupper() and (exact is None or original[o_start:o_end] == exact)
                ):
                    continue
                kinds.setdefault(kind, []).append(key)
            # A full name wins over a surname or a country of the same spelling.
            for kind in (PERSON, COUNTRY, SURNAME, GIVEN):
                if kind in kinds:
                    found.append(Mention(kind, tuple(dict.fromkeys(kinds[kind])), o_start, o_end))
                    break
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen, last_end = [], -1
        for mention in found:
            if mention.start >= last_end:
                chosen.append(mention)
                last_end = mention.end
        return chosen


def link(body: str, gazetteer: Gazetteer, title: str = "", explicit_people=(), explicit_countries=()) -> Links:
    """Return the countries, known officials and suggested officials of an article.

    ``title`` contributes countries only; ``explicit_people`` and
    ``explicit_countries`` are what a structured file stated (names, codes, or
    ``{"name", "role", "title"}`` objects) and are added to what the text says.
    """
    text = FoldedText(body)
    mentions = gazetteer.mentions(text)
    countries = _countries(mentions, gazetteer, title, explicit_countries)
    sentences = roles.Sentences(body)
    people = _people(mentions, sentences, body)
    # Stray surnames (of people not introduced here) do not hide an unknown official's name.
    known = [m for m in mentions if m.kind == PERSON or (m.kind == SURNAME and set(m.keys) & set(people))]
    # A first name counts only where it names someone ("PM Shehbaz"): "Asif Ali Zardari" is not Ali Asadov's.
    known += [m for m in mentions if m.kind == GIVEN and set(m.keys) & set(people) and given_name_after_title(body, m)]
    places = [m for m in mentions if m.kind == COUNTRY]
    suggestions = find_unknown_officials(body, sentences, known, gazetteer, countries=places)
    _add_explicit_people(explicit_people, gazetteer, people, suggestions)
    return Links(countries=countries, people=list(people.values()), suggestions=suggestions)


def _countries(mentions, gazetteer: Gazetteer, title: str, explicit) -> list[str]:
    codes = []
    if title:
        codes += [m.keys[0] for m in gazetteer.mentions(FoldedText(title)) if m.kind == COUNTRY]
    codes += [m.keys[0] for m in mentions if m.kind == COUNTRY]
    for value in explicit:
        code = gazetteer.country_by_name.get(fold(str(value).strip()))
        if code:
            codes.append(code)
    return list(dict.fromkeys(codes))


def _people(mentions: list[Mention], sentences: "roles.Sentences", body: str) -> dict[int, PersonLink]:
    """Return a :class:`PersonLink` per known official, keyed by person id, in order of first mention."""
    introduced: dict[int, list[Mention]] = {}
    for mention in mentions:
        if mention.kind == PERSON and len(mention.keys) == 1:
            introduced.setdefault(mention.keys[0], []).append(mention)
        elif mention.kind == SURNAME:
            known = [key for key in mention.keys if key in introduced]
            if len(known) == 1 and _after_title_or_alone(body, mention, introduced):
                introduced[known[0]].append(mention)
        elif mention.kind == GIVEN:
            known = [key for key in mention.keys if key in introduced]
            if len(known) == 1 and given_name_after_title(body, mention):
                introduced[known[0]].append(mention)
    others = [m for m in mentions if m.kind in (PERSON, SURNAME, GIVEN)]
    links = {}
    for person_id, own in introduced.items():
        role = roles.PARTICIPANT if any(roles.is_participant(m, sentences, body) for m in own) else roles.MENTIONED
        title = next(filter(None, (roles.title_of(m, sentences, body, others) for m in own)), "")
        links[person_id] = PersonLink(person_id, role, title)
    return links


def _after_title_or_alone(body: str, mention: Mention, introduced) -> bool:
    """Whether a surname stands after a title word ("Minister Hasanov"), opens a clause ("Hasanov, ...") or
    follows a word that names the other side of a meeting ("met with Hasanov")."""
    before = body[max(0, mention.start - 40) : mention.start].rstrip()
    previous = before.rsplit(None, 1)[-1].lower().strip(",") if before else ""
    # After "with", "between" and "by" a surname is the other side of a meeting: "talks between Hasanov and ...".
    after_word = previous in ("and", "with", "between", "by")
    return previous in TITLE_START or not previous or before.endswith((".", ",", ";", ":")) or after_word


def given_name_after_title(body: str, mention: Mention) -> bool:
    """Whether a first name alone stands right after a title, as some outlets name an official once introduced:
    "PM Shehbaz recalled", "President Ilham said" (but "President Ilham Aliyev" is the full name)."""
    before = body[max(0, mention.start - 30) : mention.start]
    words = before.split()
    if not words or not before.endswith(" ") or not words[-1][0].isupper():
        return False
    title = words[-1].lower().strip(".")
    followed_by_name = body[mention.end : mention.end + 2].lstrip(" ")[:1].isupper()
    return (title in TITLE_START or title in _SHORT_TITLES) and not followed_by_name


def _add_explicit_people(explicit, gazetteer: Gazetteer, people: dict, suggestions: list) -> None:
    """Add the participants a structured file names; unknown ones become suggestions."""
    for entry in explicit:
        if isinstance(entry, dict):
            name, role, title = str(entry.get("name", "")), entry.get("role", ""), str(entry.get("title", ""))
        else:
            name, role, title = str(entry), "", ""
        name = name.strip()
        if not name:
            continue
        role = role if role in (roles.PARTICIPANT, roles.MENTIONED) else roles.PARTICIPANT
        ids = gazetteer.person_by_name.get(fold(name), set())
        if len(ids) == 1:
            person_id = next(iter(ids))
            found = people.get(person_id)
            people[person_id] = PersonLink(person_id, role, title or (found.title if found else ""))
        elif fold(name) not in {fold(s.name) for s in suggestions}:
            suggestions.append(SuggestedPerson(name=name[:200], title=title[:300], role=role))


def relink_article(article, gazetteer: Gazetteer | None = None) -> Links:
    """Run linking again on a stored article and add what it finds; return what was found.

    Adds countries, participations and pending suggestions that are missing;
    never removes or changes what a curator set. For the curation desk's admin action.
    """
    from archive.ingest.save import apply_links

    gazetteer = gazetteer or Gazetteer.from_database()
    found = link(article.body, gazetteer, title="" if article.title_is_derived else article.title)
    with transaction.atomic():
        apply_links(article, found)
    return found
