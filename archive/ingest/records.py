"""The values that travel between the pipeline's steps."""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import BinaryIO, TextIO


class IngestError(Exception):
    """A problem with one file or record; ``where`` says which line or record."""

    def __init__(self, reason: str, where: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.where = where


@dataclass
class TextFile:
    """An input file that decodes as ``encoding``: its display name and how to read its text.

    Parsers of one record a line (JSON Lines, CSV) read it as a stream (:meth:`lines`,
    :meth:`open_text`) and never hold the whole text; the others take :attr:`text`.
    """

    name: str
    encoding: str
    open_binary: Callable[[], BinaryIO]

    @classmethod
    def from_string(cls, name: str, text: str) -> "TextFile":
        """Return a file of ``text`` (for tests and callers that already hold the text)."""
        data = text.encode("utf-8")
        return cls(name, "utf-8", lambda: io.BytesIO(data))

    def open_text(self, newline: str | None = None) -> TextIO:
        """Return the text as a stream from the start; ``newline`` as for :func:`open` (``""`` for csv)."""
        return io.TextIOWrapper(self.open_binary(), encoding=self.encoding, errors="strict", newline=newline)

    def lines(self) -> Iterator[str]:
        """Yield the lines of the text (\\n, \\r\\n or \\r ends, removed), one at a time."""
        with self.open_text() as stream:
            for line in stream:
                yield line.rstrip("\n")

    def head(self, chars: int = 4096) -> str:
        """Return the first ``chars`` characters."""
        with self.open_text() as stream:
            return stream.read(chars)

    @cached_property
    def text(self) -> str:
        """The whole text (universal line ends, as the streams give them)."""
        with self.open_text() as stream:
            return stream.read()


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
