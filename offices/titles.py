"""Reading a title as reported: rank, office (role), organisation and country.

"Chief of the General Staff of the Armed Forces of the Islamic Republic of Iran Major
General" is the office *chief of general staff* of the *General Staff* of *IR*, held by a
*Major General*. The text as written is kept beside what was read; nothing here
touches the database except to load the country words once.

How a title is read:

1. Country words are found first (names, long forms, demonyms, capitals; written
   with a capital letter) and replaced by a marker, each with how it is attached:
   "to"/"in" a country is where an envoy is accredited, anything else ("of Iran",
   "Iran's", "Iranian") is whose office it is.
2. Spellings are brought to one form (defence → defense, Maj. Gen. → major general)
   and the rank is taken out ("General" after "Attorney" or before "Staff" is no rank).
3. What is left is split at commas and dashes; each part may name an office, read by
   the rules below in order. A double-hatted title ("First Deputy Defense Minister -
   Chief of General Staff") is read as its command.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from archive.ingest.folding import FoldedText
from archive.text import collapse_whitespace
from offices import title_words as words
from offices.countries import CAPITAL, CountryWords
from offices.roles import ENVOY_ROLES, Role

_MARK = "@"  # stands for a country word in the working text
_OF, _TO = "of", "to"


@dataclass(frozen=True)
class ParsedTitle:
    """What a reported title says, with the text as written.

    ``role`` is a :class:`offices.roles.Role` value or ``""``; ``country`` and
    ``accredited_to`` are ISO codes or ``""``; ``other_roles`` are the further hats
    of a double-hatted title.
    """

    text: str
    rank: str = ""
    role: str = ""
    organisation: str = ""
    country: str = ""
    accredited_to: str = ""
    acting: bool = False
    former: bool = False
    other_roles: tuple[str, ...] = field(default=())

    @property
    def is_office(self) -> bool:
        return bool(self.role)


@dataclass(frozen=True)
class _CountryMention:
    code: str
    kind: str
    attachment: str


def _title_case(phrase: str) -> str:
    small = {"of", "and", "the", "for", "in", "on"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in phrase.split())


_RANK_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(r.lower()) for r in sorted(words.RANKS, key=len, reverse=True)) + r")\b"
)
_RANK_BY_FOLDED = {r.lower(): r for r in words.RANKS}
_ABBREVIATION = re.compile(r"\b(" + "|".join(map(re.escape, words.RANK_ABBREVIATIONS)) + r")\b\.?")
_SEPARATORS = re.compile(r"\s+[-–—]\s+|[;()]|\s+[–—]|[–—]\s+")


class TitleReader:
    """Reads titles with one set of country words (load it once per import run)."""

    _CACHE_SIZE = 10_000

    def __init__(self, country_words: CountryWords):
        self.country_words = country_words
        # News repeats a few hundred titles ("Defense Minister, Colonel General") over and over.
        self._cache: dict[str, ParsedTitle] = {}

    @classmethod
    def from_database(cls) -> "TitleReader":
        """Return a reader with the words of every country in the archive."""
        return cls(CountryWords.from_database())

    def read(self, text: str) -> ParsedTitle:
        """Return the :class:`ParsedTitle` of ``text`` (an empty reading for text with no office in it)."""
        parsed = self._cache.get(text)
        if parsed is None:
            if len(self._cache) >= self._CACHE_SIZE:
                self._cache.clear()
            parsed = self._cache[text] = self._read(text)
        return parsed

    def _read(self, text: str) -> ParsedTitle:
        written = collapse_whitespace(unicodedata.normalize("NFC", text or ""))
        working, mentions = self._mark_countries(written)
        working = self._normalise(working)
        acting = bool(re.search(r"\bacting\b", working))
        former = bool(re.search(r"\bformer\b", working))
        working, rank = _take_rank(working)
        offices = [found for part in working.split(",") if (found := _office(part.strip()))]
        role, organisation, others = _primary(offices)
        country = next((m.code for m in mentions if m.attachment == _OF and m.kind != CAPITAL), "")
        if not country:
            country = next((code for phrase, code in words.IMPLIED_COUNTRIES.items() if _has(phrase, working)), "")
        accredited = ""
        if role in ENVOY_ROLES:
            accredited = next((m.code for m in mentions if m.attachment == _TO), "")
        return ParsedTitle(written, rank, role, organisation, country, accredited, acting, former, others)

    def _mark_countries(self, written: str) -> tuple[str, list[_CountryMention]]:
        """Return the folded text with each country word replaced by the marker, and the countries in order."""
        folded = FoldedText(written)
        pieces, mentions, last = [], [], 0
        for match in self.country_words.pattern.finditer(folded.folded):
            start, end = match.span()
            entry = self.country_words.words[match.group()]
            o_start, o_end = folded.original_span(start, end)
            as_written = written[o_start:o_end]
            if not as_written[:1].isupper() or (entry.acronym and not as_written.replace(".", "").isupper()):
                continue  # "georgia" in lower case, "us" as a pronoun
            before = folded.folded[last:start]
            attachment = _TO if re.search(r"\b(?:to|in)(?: the)?\s*$", folded.folded[:start]) else _OF
            mentions.append(_CountryMention(entry.code, entry.kind, attachment))
            pieces += [before, f" {_MARK} "]
            last = end
        pieces.append(folded.folded[last:])
        working = "".join(pieces).replace(f"{_MARK} 's", _MARK).replace(f"{_MARK} '", _MARK)
        return working, mentions

    @staticmethod
    def _normalise(working: str) -> str:
        working = _ABBREVIATION.sub(lambda m: words.RANK_ABBREVIATIONS[m.group(1)], working)
        for pattern, replacement in words.SPELLINGS:
            working = pattern.sub(replacement, working)
        working = _SEPARATORS.sub(",", working)
        working = re.sub(r"[^\w@,' -]", " ", working)
        return collapse_whitespace(working)


@functools.lru_cache(maxsize=256)
def _phrase(phrase: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(phrase)}\b")


def _has(phrase: str, text: str) -> bool:
    """Return whether ``phrase`` stands in ``text`` as whole words."""
    return _phrase(phrase).search(text) is not None


def _take_rank(working: str) -> tuple[str, str]:
    """Return the text without its rank, and the rank in full (the last one that is a rank)."""
    found = None
    for match in _RANK_PATTERN.finditer(working):
        before = working[: match.start()].split()
        after = working[match.end() :].split()
        if before and before[-1] in words.NOT_RANK_BEFORE:
            continue
        if after and after[0].strip(",") in words.NOT_RANK_AFTER:
            continue
        found = match
    if found is None:
        return working, ""
    rest = f"{working[: found.start()]},{working[found.end() :]}"
    return rest, _RANK_BY_FOLDED[found.group(1)]


# Offices, read part by part ---------------------------------------------------

_COUNTRY = rf"(?:{_MARK} )?"
_THE = r"(?:the )?"
_COMMAND_ROLES = {Role.CHIEF_OF_GENERAL_STAFF, Role.DEPUTY_CHIEF_OF_GENERAL_STAFF, Role.SERVICE_CHIEF, Role.COMMANDER}


def _primary(offices: list[tuple[str, str]]) -> tuple[str, str, tuple[str, ...]]:
    """Return the main office of a title's parts (a command over a deputy minister's hat) and the other roles."""
    if not offices:
        return "", "", ()
    main = next((o for o in offices if o[0] in _COMMAND_ROLES), offices[0])
    if main[0] not in _COMMAND_ROLES or not any(o[0] == Role.DEPUTY_DEFENSE_MINISTER for o in offices):
        main = offices[0]
    others = tuple(dict.fromkeys(o[0] for o in offices if o is not main))
    return main[0], main[1], others


def _office(part: str) -> tuple[str, str] | None:
    """Return ``(role, organisation)`` for one part of a title, or ``None`` when it names no office."""
    for rule in (_envoy, _spokesperson, _security, _general_staff, _minister, _legislature, _head, _command):
        found = rule(part)
        if found:
            return found
    return None


def _envoy(part):
    if re.search(r"\b(?:military|defense|army|naval|air force) attache\b", part):
        return Role.MILITARY_ATTACHE, ""
    if re.search(r"\bambassador\b|\bcharge d'affaires\b", part):
        return Role.AMBASSADOR, ""
    if re.search(r"\b(?:special )?(?:envoy|representative)\b", part):
        return Role.ENVOY, ""
    return None


def _spokesperson(part):
    if not re.search(r"\bspokes(?:man|woman|person)\b", part):
        return None
    ministry = _ministry_named(part)
    if ministry:
        return Role.SPOKESPERSON, ministry
    return Role.SPOKESPERSON, "Armed Forces" if _has("armed forces", part) else ""


def _ministry_named(part: str) -> str:
    """Return "Ministry of X" for "X Ministry" or "Ministry of X" in ``part``, or ""."""
    match = re.search(r"\bministry of (?:the )?([a-z ]+?)(?= of\b| for\b|,|$| @)", part) or re.search(
        r"((?:[a-z]+ ){0,2}[a-z]+) ministry\b", part
    )
    if not match:
        return ""
    portfolio = _portfolio(match.group(1).split())
    return f"Ministry of {portfolio[1]}" if portfolio else ""


_COUNCIL = re.compile(rf"\bsecretary of {_THE}{_COUNTRY}({'|'.join(map(re.escape, words.SECURITY_COUNCILS))})\b")
_SECURITY_BODY = re.compile(
    rf"\b(?:head|chief|director|chairman) of {_THE}{_COUNTRY}({'|'.join(map(re.escape, words.SECURITY_BODIES))})\b"
)


_INTELLIGENCE_BODY = re.compile(
    rf"\b(?:head|chief|director|chairman) of {_THE}{_COUNTRY}"
    rf"([a-z ]*\bintelligence\b[a-z ]*?)(?= of {_MARK}|,|$| {_MARK})"
)


def _security(part):
    match = _COUNCIL.search(part)
    if match:
        return Role.SECURITY_COUNCIL_SECRETARY, words.SECURITY_COUNCILS[match.group(1)]
    if re.search(r"\bnational security advis[eo]r\b", part):
        return Role.SECURITY_COUNCIL_SECRETARY, ""
    match = _SECURITY_BODY.search(part)
    if match:
        return Role.SECURITY_SERVICE_CHIEF, words.SECURITY_BODIES[match.group(1)]
    # Any other intelligence body: "Head of the Main Directorate of Military Intelligence".
    match = _INTELLIGENCE_BODY.search(part)
    if match:
        return Role.SECURITY_SERVICE_CHIEF, _title_case(match.group(1))
    return None


def _general_staff(part):
    match = re.search(
        rf"\bchief of {_THE}(?:general staff|staff of {_THE}{_COUNTRY}armed forces|defense staff"
        rf"|{_COUNTRY}defense forces)\b|\btop military commander\b|\bchairman of the joint chiefs of staff\b",
        part,
    )
    if match:
        organisation = "Defense Forces" if "defense forces" in match.group() else "General Staff"
        deputy = re.search(r"\bdeputy chief\b", part)
        return (Role.DEPUTY_CHIEF_OF_GENERAL_STAFF if deputy else Role.CHIEF_OF_GENERAL_STAFF), organisation
    match = re.search(rf"\bchief of {_THE}(army|naval|air) staff\b", part)
    if match:
        return Role.SERVICE_CHIEF, {"army": "Army", "naval": "Navy", "air": "Air Force"}[match.group(1)]
    return None


_NOT_PORTFOLIO = frozenset({_MARK, "deputy", "first", "vice", "acting", "former", "the", "of", "and", "prime"})


def _portfolio(tokens: list[str]) -> tuple[str, str] | None:
    """Return ``(role, canonical portfolio)`` for the words naming a ministry's portfolio, or ``None``."""
    while tokens and tokens[0] in _NOT_PORTFOLIO:
        tokens = tokens[1:]
    if not tokens:
        return None
    for start in range(len(tokens)):  # the longest known ending ("national defense" before "defense")
        known = words.PORTFOLIOS.get(" ".join(tokens[start:]))
        if known:
            return known
    return Role.MINISTER, _title_case(" ".join(tokens))


def _minister(part):
    if re.search(r"\bprime minister\b|\bpremier\b|\bhead of government\b|\bchancellor\b", part):
        return Role.HEAD_OF_GOVERNMENT, ""
    deputy = re.search(r"\bdeputy\b|\bvice minister\b|\bassistant minister\b", part)
    found = None
    match = re.search(rf"\bminister (?:of|for) {_THE}([a-z' ]+?)(?= of\b| for\b|,|$| {_MARK})", part)
    if match:
        found = _portfolio(match.group(1).split())
    else:
        match = re.search(r"((?:[a-z@]+ ){0,3})minister\b", part)
        if match:
            found = _portfolio(match.group(1).split())
    if found is None:
        secretary = re.search(r"\bsecretary of (defense|state)\b|\b(defense|foreign|home) secretary\b", part)
        if not secretary:
            return None
        found = words.PORTFOLIOS[{"state": "foreign", "home": "interior"}.get(key := secretary[1] or secretary[2], key)]
    role, portfolio = found
    if deputy:
        role = words.DEPUTY_ROLES.get(role, role)
    return role, f"Ministry of {portfolio}"


def _legislature_in(part: str) -> tuple[str, str] | None:
    for phrase, (name, _) in words.LEGISLATURES.items():
        if _has(phrase, part):
            return phrase, name
    return None


def _legislature(part):
    body = _legislature_in(part)
    if re.search(r"\bspeaker\b", part) or (body and re.search(r"\bchairman\b", part)):
        return Role.SPEAKER, body[1] if body else ""
    if re.search(r"\bmp\b|\blawmaker\b|\bparliamentarian\b", part) or (
        body and re.search(r"\bmember\b|\bdeputy\b", part)
    ):
        return Role.LEGISLATOR, body[1] if body else "Parliament"
    return None


def _head(part):
    if re.search(r"\bvice president\b", part):
        return Role.VICE_PRESIDENT, ""
    if re.search(rf"\bpresident of (?!{_THE}{_MARK})\w", part):
        return None  # the president of a federation, a court or a company
    if re.search(r"\bpresident\b|\bhead of state\b|\bsupreme leader\b|\bking\b|\bemir\b|\bsultan\b", part):
        return Role.HEAD_OF_STATE, ""
    return None


_SERVICE_PATTERNS = [
    (re.compile(rf"(?:^|\bthe |{_MARK} )army\b" if phrase == "army" else rf"\b{re.escape(phrase)}\b"), service)
    for phrase, service in sorted(words.SERVICES.items(), key=lambda item: -len(item[0]))
]


def _services_in(part: str) -> list[str]:
    """Return the armed services named in ``part``, in order ("army" only as "the army" or "Iranian Army")."""
    found = []
    for pattern, service in _SERVICE_PATTERNS:
        match = pattern.search(part)
        if match and service not in found:
            found.append(service)
            part = part[: match.start()] + " " + part[match.end() :]
    return found


def _command(part):
    if not re.search(r"\bcommander\b|\bchief\b|\bhead\b", part):
        return None
    services = _services_in(part)
    specific = [s for s in services if s != "Army"]
    if any(_has(phrase, part) for phrase in words.IRGC_WORDS):
        branch = specific[0] if specific else ""
        return Role.SERVICE_CHIEF, f"IRGC {words.IRGC_BRANCHES.get(branch, branch)}".strip()
    if services:
        return Role.SERVICE_CHIEF, (specific or services)[0]
    match = re.search(rf"\bcommander of {_THE}([a-z' ]+?)(?= of\b|,|$| {_MARK})", part)
    if match:
        return Role.COMMANDER, _title_case(match.group(1))
    return (Role.COMMANDER, "") if _has("commander", part) else None
