"""From a reported title to a position, and from an office on a date to its holder.

A title resolves to a position by one of its labels ("Defense Minister" is an other
label of Azerbaijan's Minister of Defense), or else by what was read in it: role and
country, the accredited-to country for envoys, the organisation where a country has
several positions of one role. A country the title does not name can come from the
person (their country) or, for an envoy's host country, from the article's countries.
"""

import datetime
import re
from dataclasses import dataclass

from archive.text import fold
from offices.holders import answers_on
from offices.models import Position, Tenure
from offices.roles import ENVOY_ROLES
from offices.titles import ParsedTitle, TitleReader

BY_LABEL, BY_ROLE = "label", "role"


@dataclass(frozen=True)
class Resolution:
    """A title read and matched: the position (or ``None``), how it was found, and the candidates when several fit."""

    parsed: ParsedTitle
    position: Position | None
    how: str = ""
    country: str = ""
    candidates: tuple[Position, ...] = ()


def _label_key(text: str, rank: str = "") -> str:
    """Return the folded words of a label or title, without its rank and punctuation."""
    folded = fold(text)
    if rank:
        folded = re.sub(rf"\b{re.escape(fold(rank))}\b", " ", folded)
    return " ".join(re.sub(r"[^\w']+", " ", folded.replace("defence", "defense")).split())


class OfficeResolver:
    """Every position in memory (a small table), with a title reader: build one per import run.

    Tenures are loaded on first need and kept (they change by curators' hands, rarely
    during one import run): proposals then cost no query per title.
    """

    def __init__(self, reader: TitleReader, positions):
        self.reader = reader
        self.positions = list(positions)
        self._tenures: dict[int, list[Tenure]] | None = None
        self._by_label: dict[str, list[Position]] = {}
        for position in self.positions:
            for label in position.labels():
                key = _label_key(label)
                if key and position not in self._by_label.setdefault(key, []):
                    self._by_label[key].append(position)

    @classmethod
    def from_database(cls, reader: TitleReader | None = None) -> "OfficeResolver":
        """Return a resolver over every position in the database."""
        return cls(reader or TitleReader.from_database(), Position.objects.select_related("country", "accredited_to"))

    def resolve(self, title: str, country_hint: str = "", context_countries=()) -> Resolution:
        """Return the :class:`Resolution` of ``title``.

        ``country_hint``: the country to assume when the title names none (the
        person's); ``context_countries``: the article's countries, to tell apart an
        envoy's possible host countries.
        """
        parsed = self.reader.read(title)
        country = parsed.country or country_hint
        # A label without a country ("Defense Minister") fits only once the country is known.
        by_label = [p for p in self._by_label.get(_label_key(parsed.text, parsed.rank), []) if p.country_id == country]
        if len(by_label) == 1:
            return Resolution(parsed, by_label[0], BY_LABEL, country)
        if not parsed.role or not country:
            return Resolution(parsed, None, "", country, tuple(by_label))
        candidates = [p for p in self.positions if p.role == parsed.role and p.country_id == country]
        if parsed.role in ENVOY_ROLES:
            candidates = _envoys(candidates, parsed.accredited_to, country, context_countries)
        if len(candidates) > 1 and parsed.organisation:
            same = [p for p in candidates if fold(p.organisation) == fold(parsed.organisation)]
            candidates = same or candidates
        if len(candidates) == 1:
            return Resolution(parsed, candidates[0], BY_ROLE, country)
        return Resolution(parsed, None, "", country, tuple(candidates))

    def tenures_of(self, position: Position) -> list[Tenure]:
        """Return the tenures of ``position`` (evidence dates annotated), as loaded on first call."""
        if self._tenures is None:
            self._tenures = {}
            for tenure in Tenure.objects.with_reports().select_related("person").order_by("start_date", "id"):
                self._tenures.setdefault(tenure.position_id, []).append(tenure)
        return self._tenures.get(position.pk, [])

    def holder_for_title(self, title: str, date: datetime.date, country_hint: str = "", context_countries=()):
        """Return the :class:`offices.holders.HeldOffice` of whoever surely held the office a title names on
        ``date`` ("the Azerbaijani defense minister" on 2019-01-16), or ``None``."""
        resolution = self.resolve(title, country_hint, context_countries)
        if resolution.position is None:
            return None
        sure = [answer for answer in answers_on(self.tenures_of(resolution.position), date) if answer.sure]
        return sure[0] if sure else None


def _envoys(candidates, accredited_to: str, own_country: str, context_countries) -> list[Position]:
    """Return the envoy positions that fit the host country, named or guessed from the article's countries."""
    if accredited_to:
        return [p for p in candidates if p.accredited_to_id == accredited_to]
    hosts = {code for code in context_countries if code != own_country}
    if not hosts:
        return candidates
    # An article about Iran and Georgia does not speak of Iran's ambassador to Azerbaijan.
    return [p for p in candidates if p.accredited_to_id in hosts]
