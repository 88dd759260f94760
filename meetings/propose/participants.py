"""The participants the proposer reads, and the countries an article names, with where the text names them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NamedParticipant:
    """A participant: a known person (``person_id``), a suggestion (a name only), or a side named by its country."""

    name: str  # as first written in the article
    spans: tuple[tuple[int, int], ...]  # every place the article names them, in order
    person_id: int | None = None
    title: str = ""
    country: str | None = None

    @property
    def key(self) -> str:
        """Return a stable identity within one article: the person id, the suggested name, or the country side."""
        if self.person_id is not None:
            return f"person:{self.person_id}"
        return f"name:{self.name}" if self.name else f"country:{self.country}"

    @property
    def is_suggestion(self) -> bool:
        """Whether this is a name no curator has made a person yet."""
        return self.person_id is None and bool(self.name)

    @property
    def is_country_side(self) -> bool:
        """Whether this is a side named only by its country ("an Iranian delegation"): no person, no name."""
        return self.person_id is None and not self.name


@dataclass(frozen=True)
class CountryMention:
    """A country named in the body: its ISO code and where."""

    code: str
    start: int
    end: int
