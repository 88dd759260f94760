"""What the proposer reads: one article and the people linking found in it.

The import's linking step (``archive.ingest.linking.link``) says who took part and
who is only mentioned, with the title as reported, but not where each name stands
in the text; :func:`article_input` adds the positions (one more pass of the same
gazetteer) so that the proposer can read the sentences around each name.
Only participants are kept: a person linking calls *mentioned* ("national leader
Heydar Aliyev") never reaches the proposer. Sides named only by their country
("a delegation of Iran's Ministry of Roads") are added as participants with no
person and no name (:mod:`.delegations`).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from archive.ingest.folding import FoldedText
from archive.ingest.linking import COUNTRY, GIVEN, PERSON, SURNAME, Gazetteer, given_name_after_title
from archive.ingest.records import Links
from archive.ingest.roles import PARTICIPANT
from archive.ingest.vocabulary import FAMILY_NAME_FIRST
from archive.text import fold
from meetings.propose.delegations import country_sides
from meetings.propose.participants import CountryMention, NamedParticipant

__all__ = ["ArticleInput", "CountryMention", "NamedParticipant", "article_input"]


@dataclass(frozen=True)
class ArticleInput:
    """One article as the proposer reads it."""

    body: str
    published_on: date
    headline: str = ""
    outlet: str = ""
    participants: tuple[NamedParticipant, ...] = ()
    countries: tuple[CountryMention, ...] = field(default=())


def article_input(
    body: str,
    links: Links,
    gazetteer: Gazetteer,
    published_on: date,
    headline: str = "",
    outlet: str = "",
    person_countries: Mapping[int, str | None] | None = None,
) -> ArticleInput:
    """Return the proposer's input for an article that linking has read.

    ``person_countries`` maps person ids to the country they represent (from the
    archive); a suggestion keeps the country linking guessed from its title.
    """
    person_countries = person_countries or {}
    mentions = gazetteer.mentions(FoldedText(body))
    countries = tuple(CountryMention(m.keys[0], m.start, m.end) for m in mentions if m.kind == COUNTRY)
    taking_part = [p for p in links.people if p.role == PARTICIPANT]
    ids = {p.person_id for p in taking_part}
    spans: dict[int, list[tuple[int, int]]] = {}
    for mention in mentions:
        if mention.kind == PERSON and len(mention.keys) == 1 and mention.keys[0] in ids:
            spans.setdefault(mention.keys[0], []).append((mention.start, mention.end))
        elif mention.kind == SURNAME or (mention.kind == GIVEN and given_name_after_title(body, mention)):
            # A surname (or a first name after a title) counts once its full name has introduced the person, and
            # only if it is theirs alone.
            introduced = [key for key in mention.keys if key in spans]
            if len(introduced) == 1:
                spans[introduced[0]].append((mention.start, mention.end))
    participants: list[NamedParticipant] = []
    for link in taking_part:
        found = spans.get(link.person_id)
        if not found:
            continue  # named only in a structured file's field: nothing in the text to read
        first = found[0]
        participants.append(
            NamedParticipant(
                name=body[first[0] : first[1]],
                spans=tuple(found),
                person_id=link.person_id,
                title=link.title,
                country=person_countries.get(link.person_id),
            )
        )
    for suggestion in links.suggestions:
        if suggestion.role != PARTICIPANT:
            continue
        found = _name_spans(body, suggestion.name)
        if found:
            participants.append(
                NamedParticipant(name=suggestion.name, spans=found, title=suggestion.title, country=suggestion.country)
            )
    participants, country_only = country_sides(body, countries, participants)
    participants = sorted([*participants, *country_only], key=lambda p: p.spans[0])
    return ArticleInput(
        body=body,
        published_on=published_on,
        headline=headline,
        outlet=outlet,
        participants=tuple(participants),
        countries=countries,
    )


def _name_spans(body: str, name: str) -> tuple[tuple[int, int], ...]:
    """Return where ``name`` stands in ``body`` as whole words, and its surname after the first time."""
    full = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body)]
    if not full:
        return ()
    words = name.split()
    # "Li Qiang", then "Premier Li": a Chinese or Korean family name is written first.
    surnames = {words[-1], *([words[0]] if len(words) in (2, 3) and fold(words[0]) in FAMILY_NAME_FIRST else [])}
    later = [
        m.span()
        for surname in surnames
        for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", body)
        if m.start() > full[0][0] and not any(s <= m.start() < e for s, e in full)
    ]
    return tuple(sorted(full + later))
