"""Unknown officials: a rank or office next to a name nobody has recorded yet.

Two shapes are recognised, both common in agency news:

* office or rank, then two to four capitalised name words:
  "Major General Mohammad Bagheri", "Ambassador Javad Jahangirzadeh",
  "President of the Kyrgyz Republic Sadyr Japarov"; the office may be
  a whole phrase ("Minister of National Defense Hulusi Akar", "Ambassador of the United
  Arab Emirates to Azerbaijan ...", "Chief of the General Staff of the Armed Forces of
  Ukraine ...": ``vocabulary.OFFICE_WORDS``, connectors and country names);
* two to four name words, a comma, then an office: "Javad Jahangirzadeh,
  Ambassador of Iran to Azerbaijan";
* "counterpart", then two to four name words: "his Armenian counterpart Davit
  Tonoyan" (the country word before it is the country guess).

A single word after an office ("President Rouhani") is not suggested: it is
too often an organisation or a place, and a curator would drown in noise. Names
already linked to a known official, country words and the words of
``vocabulary.NOT_NAMES`` never count as names.

Each suggestion gets a country guess: the title as reported, with the nationality
word written before it ("Iranian", "Georgian", "Azerbaijan's"), read by
:mod:`offices.titles` (whose office it is, not where an envoy is accredited).
"""

import re
from dataclasses import replace
from functools import lru_cache

from archive.ingest import roles
from archive.ingest.folding import FoldedText
from archive.ingest.records import SuggestedPerson
from archive.ingest.vocabulary import (
    NOT_NAMES,
    OFFICE_CONNECTORS,
    OFFICE_HEADS,
    OFFICE_WORDS,
    RANK_COMPOUNDS,
    TITLE_START,
)
from archive.text import fold

_WORD = re.compile(r"[^\W\d_][\w'’-]*|[,.;:()\"“”]")
# Arabic family names written with the article in lower case: "Abdul Amir al-Shammari".
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|ar|at|az)-[A-Z]")
_OFFICE_WORDS = "|".join(sorted(word.capitalize() for word in OFFICE_HEADS))
# An office in lower case before a name, as some outlets write it: "caretaker foreign minister Jalil Abbas Jilani",
# "US special envoy Steve Witkoff".
_OFFICE = re.compile(rf"\b(?:{_OFFICE_WORDS}|(?<=\s)(?:minister|president|ambassador|envoy)(?=\s+[A-Z]))\b")
_COMMA_OFFICE = re.compile(rf",\s*(?:{_OFFICE_WORDS}|the\s+(?:{_OFFICE_WORDS.lower()}))\b")
# A rank written with a hyphen is no name: "Lieutenant-General Bakhodir Kurbanov", "Colonel-General".
_RANK_PARTS = TITLE_START | {"army"}
_POSSESSIVE = re.compile(r"'s?$")
_MIN_NAME_WORDS, _MAX_NAME_WORDS = 2, 4
_PLACE_PREPOSITIONS = frozenset({"in", "at"})
# "his Armenian counterpart Davit Tonoyan": no office word, but the name is an official's all the same.
_COUNTERPART = re.compile(r"(?P<nationality>[A-Z][\w'’-]*)(?:\s+and\s+(?P<second>[A-Z][\w'’-]*))?\s+counterparts?,?\s+")


def find_unknown_officials(body: str, sentences, mentions, gazetteer, countries=()) -> list[SuggestedPerson]:
    """Return one suggestion per unknown official named in ``body``, in order of appearance.

    ``mentions`` are the known officials found (their names are never suggested),
    ``countries`` the country mentions (which may stand inside an office phrase). Only
    the neighbourhood of an office word is read: most of a text has none.
    """
    known_spans = [(m.start, m.end) for m in mentions if m.kind != "country"]
    country_spans = [(m.start, m.end) for m in countries]
    after = _names_after_offices(body, gazetteer, country_spans)
    counterparts = dict(_names_after_counterparts(body, gazetteer))
    in_lists = set(_names_in_lists(body, gazetteer, known_spans)) if len(known_spans) >= 2 else set()
    spans = sorted(
        set(after)
        | set(_names_before_offices(body, gazetteer))
        | set(counterparts)
        | in_lists
        | set(_names_after_envoys_remits(body, gazetteer))
    )
    found: dict[str, SuggestedPerson] = {}
    for start, end in spans:
        if any(s < end and start < e for s, e in known_spans):
            continue
        name = body[start:end]
        mention = _Span(start, end)
        earlier = found.get(fold(name))
        if earlier is not None:
            # As for known officials, one mention that shows them taking part makes a participant.
            if earlier.role != roles.PARTICIPANT and roles.is_participant(mention, sentences, body):
                found[fold(name)] = replace(earlier, role=roles.PARTICIPANT)
            continue
        title = roles.title_of(mention, sentences, body)
        role = roles.PARTICIPANT if roles.is_participant(mention, sentences, body) else roles.MENTIONED
        country = guess_country(title, _nationality_before(body, sentences, mention, title, gazetteer), gazetteer)
        if country is None and (start, end) in counterparts:
            country = gazetteer.country_by_name.get(counterparts[(start, end)])
        found[fold(name)] = SuggestedPerson(name=name[:200], title=title[:300], role=role, country=country)
    return [_with_role_by_surname(s, body, sentences, spans, known_spans) for s in found.values()]


def _with_role_by_surname(suggestion: SuggestedPerson, body: str, sentences, spans, known_spans) -> SuggestedPerson:
    """Return the suggestion a participant if its surname alone, once the full name has introduced it, shows it
    taking part, as a known official's does: "with Foreign Minister Badr Albusaidi shuttling messages ...
    Before the talks, Araghchi met Albusaidi separately"."""
    if suggestion.role == roles.PARTICIPANT or " " not in suggestion.name:
        return suggestion
    surname = suggestion.name.split()[-1]
    first = body.find(suggestion.name)
    taken = [*spans, *known_spans]
    for found in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", body[first + len(suggestion.name) :]):
        start = first + len(suggestion.name) + found.start()
        if any(s <= start < e for s, e in taken):
            continue
        if roles.is_participant(_Span(start, start + len(surname)), sentences, body):
            return replace(suggestion, role=roles.PARTICIPANT)
    return suggestion


def _names_after_offices(body: str, gazetteer, country_spans=()):
    """Yield ``(start, end)`` of each name right after an office: "Major General Mohammad Bagheri"."""
    for head in _OFFICE.finditer(body):
        before = body[max(0, head.start() - 30) : head.start()].split()
        if before and _fold_word(before[-1]) in RANK_COMPOUNDS:
            continue
        # Read the words lazily: most offices are followed by no name, and only a few words matter.
        words = _WORD.finditer(body, head.start(), head.start() + 300)
        next(words, None)  # the office word itself
        word = _after_office_phrase(words, gazetteer, country_spans)
        names = []
        while word and _is_name_word(word.group(), gazetteer) and len(names) <= _MAX_NAME_WORDS:
            names.append(word)
            word = next(words, None)
        if _MIN_NAME_WORDS <= len(names) <= _MAX_NAME_WORDS:
            yield names[0].start(), names[-1].end()


# "Turkey's special envoy for normalization with Armenia, Serdar Kılıç, and ...": an envoy's remit, then the name.
_ENVOY_REMIT = re.compile(r"\b(?:[Ee]nvoy|[Rr]epresentative|[Cc]oordinator)\s+(?:for|on)\s+[^,.;]{1,60},\s+")


def _names_after_envoys_remits(body: str, gazetteer):
    """Yield ``(start, end)`` of each name after an envoy's remit and a comma ("special envoy for the Caucasus,
    Jan Novak,"), the name ending at a comma, a full stop or "and"."""
    for remit in _ENVOY_REMIT.finditer(body):
        names = []
        for word in _WORD.finditer(body, remit.end(), remit.end() + 80):
            if not _is_name_word(word.group(), gazetteer) or len(names) > _MAX_NAME_WORDS:
                break
            names.append(word)
        following = body[names[-1].end() : names[-1].end() + 5] if names else ""
        ends = following[:1] in {",", ".", ";", ""} or following.startswith(" and ")
        if _MIN_NAME_WORDS <= len(names) <= _MAX_NAME_WORDS and ends:
            yield names[0].start(), names[-1].end()


def _names_after_counterparts(body: str, gazetteer):
    """Yield ``((start, end), nationality)`` of each name after "counterpart": "his Armenian counterpart Davit
    Tonoyan"; the nationality is the folded country word written before it, or ""."""
    for found in _COUNTERPART.finditer(body):
        # "his Azerbaijani and Pakistani counterparts, Jeyhun Bayramov and Ishaq Dar": one name per country word.
        nationalities = [found["nationality"], *([found["second"]] if found["second"] else [])]
        groups: list[list] = [[]]
        for word in _WORD.finditer(body, found.end(), found.end() + 160):
            if word.group() == "and" and len(groups) < len(nationalities) and len(groups[-1]) >= _MIN_NAME_WORDS:
                groups.append([])
            elif not _is_name_word(word.group(), gazetteer) or len(groups[-1]) > _MAX_NAME_WORDS:
                break
            else:
                groups[-1].append(word)
        for names, nationality in zip(groups, nationalities, strict=False):
            if _MIN_NAME_WORDS <= len(names) <= _MAX_NAME_WORDS:
                folded = _POSSESSIVE.sub("", fold(nationality.replace("’", "'")))
                yield (names[0].start(), names[-1].end()), folded


def _names_before_offices(body: str, gazetteer):
    """Yield ``(start, end)`` of each name followed by ", Office": "Javad Jahangirzadeh, Ambassador of Iran",
    "Ronen Levy, the director general of Israel's Foreign Ministry" (but not "in Tel Aviv, the president")."""
    for comma in _COMMA_OFFICE.finditer(body):
        window_start = max(0, comma.start() - 120)
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(body, window_start, comma.start())]
        count = 0
        # "Minister for Petroleum Ali Pervaiz Malik, Minister for ...": the name stops at the office before it.
        while (
            count < len(words)
            and _is_name_word(words[-1 - count][0], gazetteer)
            and _fold_word(words[-1 - count][0]) not in OFFICE_WORDS
        ):
            count += 1
        if not _MIN_NAME_WORDS <= count <= _MAX_NAME_WORDS:
            continue
        before = words[-count - 1][0].lower() if count < len(words) else ""
        if body[comma.start() :].lstrip(", ").startswith("the ") and before in _PLACE_PREPOSITIONS | {"to", "from"}:
            continue
        yield words[-count][1], words[-1][2]


def _names_in_lists(body: str, gazetteer, known_spans):
    """Yield ``(start, end)`` of each name in a list that names two known officials or more:
    "attended by Sergei Lavrov, Hakan Fidan, Ceyhun Bayramov and Ararat Mirzoyan" (Lavrov unknown)."""
    known = sorted(known_spans)
    seen_end = -1
    for start, end in known:
        if start < seen_end:
            continue
        items, first, last = [(start, end, True)], start, end
        while (item := _list_item_after(body, last, gazetteer, known)) is not None:
            items.append(item)
            last = item[1]
        while (item := _list_item_before(body, first, gazetteer, known)) is not None:
            items.insert(0, item)
            first = item[0]
        seen_end = last
        if sum(1 for *_, is_known in items if is_known) >= 2:
            yield from ((s, e) for s, e, is_known in items if not is_known)


_LIST_SEPARATOR_AFTER = re.compile(r"(?:,\s+and|,|\s+and)\s+")
_LIST_SEPARATOR_BEFORE = re.compile(r"(?:,\s+and|,|\s+and)\s+$")


def _list_item_after(body: str, position: int, gazetteer, known):
    """Return the list item right after ``position`` (", Hakan Fidan", " and X Y") as ``(start, end, known)``."""
    separator = _LIST_SEPARATOR_AFTER.match(body, position)
    if separator is None:
        return None
    at = separator.end()
    for start, end in known:
        if start == at:
            return start, end, True
    words = []
    for word in _WORD.finditer(body, at, at + 80):
        if word.start() != (words[-1].end() + 1 if words else at) or not _is_name_word(word.group(), gazetteer):
            break
        words.append(word)
    if _MIN_NAME_WORDS <= len(words) <= _MAX_NAME_WORDS:
        return words[0].start(), words[-1].end(), False
    return None


def _list_item_before(body: str, position: int, gazetteer, known):
    """Return the list item right before ``position`` ("Sergei Lavrov, ") as ``(start, end, known)``."""
    separator = _LIST_SEPARATOR_BEFORE.search(body, max(0, position - 8), position)
    if separator is None:
        return None
    at = separator.start()
    for start, end in known:
        if end == at:
            return start, end, True
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(body, max(0, at - 80), at)]
    count = 0
    while count < len(words) and _is_name_word(words[-1 - count][0], gazetteer):
        if count and words[-count][1] != words[-1 - count][2] + 1:
            break
        count += 1
    if _MIN_NAME_WORDS <= count <= _MAX_NAME_WORDS and words[-1][2] == at:
        return words[-count][1], words[-1][2], False
    return None


def _after_office_phrase(words, gazetteer, country_spans):
    """Return the first word after the rest of an office phrase ("of the General Staff of the Armed
    Forces of Ukraine", ", Colonel General"), or ``None`` when the text ends there."""
    word, previous = next(words, None), ""
    while word:
        text = word.group()
        if text == ",":
            word = next(words, None)  # "Defense Minister, Colonel General X" and "Defense Minister, X"
            continue
        inside_country = any(start <= word.start() < end for start, end in country_spans)
        office = text[0].isupper() and (
            _fold_word(text) in OFFICE_WORDS or _POSSESSIVE.sub("", _fold_word(text)) in gazetteer.country_words
        )
        if previous == "to" and text[0].isupper() and not office:
            word, previous = next(words, None), text  # "Ambassador to Tehran X": the city posted to is the office's
            continue
        if not (inside_country or office or (text.islower() and text in OFFICE_CONNECTORS)):
            # "the UN General Assembly in New York": right after "in" or "at" stands a place, not a holder.
            return None if previous in _PLACE_PREPOSITIONS else word
        word, previous = next(words, None), text
    return None


def _nationality_before(body: str, sentences, mention, title: str, gazetteer) -> str:
    """Return the country word written right before the title ("Iranian" Defense Minister), or ""."""
    if not title:
        return ""
    start, _ = sentences.around(mention.start)
    before = body[start : mention.start]
    at = before.rfind(title.split()[0])
    if at < 0:
        return ""
    words = _WORD.findall(before[:at])[-2:]
    for candidate in (" ".join(words), words[-1] if words else ""):
        folded = _POSSESSIVE.sub("", fold(candidate.replace("’", "'")))
        if candidate and folded in gazetteer.country_by_name:
            return candidate
    return ""


def guess_country(title: str, nationality: str, gazetteer) -> str | None:
    """Return the ISO code of the country whose office ``title`` is, or None (a guess for the curator).

    ``nationality`` is the country word the article writes before the title; the title is
    read by the title reader (offices/titles.py): "Ambassador of Georgia to Azerbaijan" is
    Georgia's, "Ambassador to Azerbaijan" says nothing of its country.
    """
    text = f"{nationality} {title}".strip()
    if not text:
        return None
    reading = gazetteer.title_reader.read(text)
    if reading.country:
        return reading.country
    found = [m.keys[0] for m in gazetteer.mentions(FoldedText(text)) if m.kind == "country"]
    return next((code for code in found if code != reading.accredited_to), None)


class _Span:
    """The position of a name, shaped like a linking mention for the role and title readers."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _is_name_word(word: str, gazetteer) -> bool:
    if _PARTICLE_NAME.match(word):
        return True
    if not word[0].isupper() or len(word) < 2:
        return False
    lowered = _fold_word(word)
    if "-" in lowered and all(part in _RANK_PARTS for part in lowered.split("-")):
        return False
    return (
        lowered not in NOT_NAMES
        and lowered not in TITLE_START
        and _POSSESSIVE.sub("", lowered) not in gazetteer.country_words
        and not word.isupper()
    )


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _is_capital_in(word: str, vocabulary) -> bool:
    return word[0].isupper() and _fold_word(word) in vocabulary
