"""The values that travel between the pipeline's steps."""

from dataclasses import dataclass, field
from datetime import date


class IngestError(Exception):
    """A problem with one file or record; ``where`` says which line or record."""

    def __init__(self, reason: str, where: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.where = where


@dataclass
class TextFile:
    """A decoded input file: its display name, its text and the encoding it was read with."""

    name: str
    text: str
    encoding: str


@dataclass
class Draft:
    """One article as a parser found it, before validation.

    ``date_text`` is kept as written so that validation can say what was wrong
    with it. ``participants`` and ``countries`` are what the file stated
    explicitly (JSON, CSV); linking adds what the text says.
    """

    where: str
    body: str
    date_text: str = ""
    title: str = ""
    source: str = ""
    byline: str = ""
    url: str = ""
    language: str = ""
    participants: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    raw_text: str = ""


@dataclass
class Candidate:
    """A validated article, ready for linking and saving."""

    where: str
    origin: str
    title: str
    title_is_derived: bool
    body: str
    published_on: date
    source: str
    byline: str
    url: str
    language: str
    raw_text: str
    participants: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    links: "Links | None" = None


@dataclass(frozen=True)
class PersonLink:
    """A known official found in an article: who, in which role, with which title."""

    person_id: int
    role: str
    title: str = ""


@dataclass(frozen=True)
class SuggestedPerson:
    """An unknown name found after (or before) a rank or office."""

    name: str
    title: str
    role: str
    country: str | None = None


@dataclass
class Links:
    """What linking found in one article."""

    countries: list[str] = field(default_factory=list)
    people: list[PersonLink] = field(default_factory=list)
    suggestions: list[SuggestedPerson] = field(default_factory=list)
