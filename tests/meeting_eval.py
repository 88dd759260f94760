"""The meeting proposer's evaluation: hand-written articles through the real import steps, then scored.

Each article goes through the real parse → validate → link steps (with the real
country fixture and the people of ``tests/data/meetings/people.json``), then
through the proposer. :func:`score` compares the proposals with the expected
meetings written by hand beside each article (format in the data folder's README).
"""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from archive.ingest import formats
from archive.ingest.linking import Gazetteer, link
from archive.ingest.read import InputFile, read_text
from archive.ingest.validate import validate
from archive.text import fold
from meetings.propose import MeetingProposal, article_input, propose

DATA = Path(__file__).parent / "data" / "meetings"
COUNTRIES_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "countries.json"
TODAY = date(2026, 1, 1)


@dataclass(frozen=True)
class Person:
    id: int
    slug: str
    name: str
    aliases: tuple[str, ...]
    country: str


@cache
def people() -> tuple[Person, ...]:
    """Return the people the archive knows for the evaluation."""
    rows = json.loads((DATA / "people.json").read_text())
    return tuple(Person(r["id"], r["slug"], r["name"], tuple(r["aliases"]), r["country"]) for r in rows)


@cache
def gazetteer() -> Gazetteer:
    """Return the linking gazetteer: every country of the real fixture and the evaluation's people."""
    countries = []
    for record in json.loads(COUNTRIES_FIXTURE.read_text()):
        fields = record["fields"]
        countries.append((record["pk"], [fields["name"], fields["official_name"], *fields["long_forms"], *fields["demonyms"]]))
    return Gazetteer(countries, [(p.id, [p.name, *p.aliases]) for p in people()])


@dataclass
class Article:
    """One evaluation article: its name, what the import made of it, the proposals and the expectation."""

    name: str
    body: str
    published_on: date
    proposals: list[MeetingProposal]
    expected: dict


def read_article(path: Path) -> Article:
    """Return ``path`` read, parsed, validated, linked and proposed, with its expected meetings."""
    text_file = read_text(InputFile.from_path(path, display_name=path.name))
    (draft,) = formats.parse(text_file, formats.ParseContext())
    candidate = validate(draft, path.name, TODAY)
    links = link(candidate.body, gazetteer(), title="" if candidate.title_is_derived else candidate.title)
    countries = {p.id: p.country for p in people()}
    source = article_input(
        candidate.body, links, gazetteer(), candidate.published_on, candidate.title, candidate.source, countries
    )
    expected = json.loads(path.with_suffix(".json").read_text())
    return Article(path.stem, candidate.body, candidate.published_on, propose(source), expected)


def read_set(folder: str) -> list[Article]:
    """Return every article of ``dev`` or ``heldout``."""
    return [read_article(path) for path in sorted((DATA / folder).glob("*.txt"))]


# --- Scoring ------------------------------------------------------------------------------------


def participant_keys(proposal: MeetingProposal) -> set[str]:
    """Return a proposal's participants as the expectation names them: slugs, or suggested names."""
    slugs = {p.id: p.slug for p in people()}
    return {slugs[p.person_id] if p.person_id is not None else p.name for p in proposal.participants}


def date_right(proposal: MeetingProposal, expected: dict) -> bool:
    """Whether the proposal's dates hold the expected date, within its tolerance."""
    text, tolerance = expected["date"], timedelta(days=expected.get("date_tolerance_days", 0))
    start, end = proposal.start, proposal.end or proposal.start
    if len(text) == 7:  # a month
        year, month = map(int, text.split("-"))
        return (start.year, start.month) == (year, month) or (start <= date(year, month, 15) <= end)
    wanted = date.fromisoformat(text)
    return start - tolerance <= wanted <= end + tolerance


def place_right(proposal: MeetingProposal, expected: dict) -> bool:
    """Whether the proposal's place agrees with every part of the place the text states."""
    place = expected["place"]
    if place.get("city") and fold(proposal.place.city or "") != fold(place["city"]):
        return False
    return not place.get("country") or proposal.place.country == place["country"]


@dataclass
class Score:
    """Counts over a set of articles; each figure is right / total."""

    counts: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)

    def add(self, figure: str, right: bool, where: str) -> None:
        got, total = self.counts.get(figure, (0, 0))
        self.counts[figure] = (got + bool(right), total + 1)
        if not right:
            self.failures.append(f"{figure}: {where}")

    def ratio(self, figure: str) -> float:
        got, total = self.counts.get(figure, (0, 0))
        return got / total if total else 1.0

    def lines(self) -> list[str]:
        return [f"{name:28} {got:3}/{total:<3} {got / total if total else 1:6.1%}" for name, (got, total) in self.counts.items()]


def _pairing(article: Article) -> list[tuple[dict, MeetingProposal | None]]:
    """Return each expected meeting with the proposal that best matches it (or None), one to one."""
    free = list(article.proposals)
    pairs = []
    for expected in article.expected["meetings"]:
        wanted = set(expected["people"])
        ranked = sorted(
            free,
            key=lambda p: (len(participant_keys(p) & wanted), date_right(p, expected), p.status == expected["status"]),
            reverse=True,
        )
        best = ranked[0] if ranked and len(participant_keys(ranked[0]) & wanted) >= min(2, len(wanted)) else None
        if best is not None:
            free.remove(best)
        pairs.append((expected, best))
    return pairs


def score(articles: list[Article]) -> Score:
    """Return the figures of the acceptance floor over ``articles``."""
    result = Score()
    for article in articles:
        pairs = _pairing(article)
        matched = {id(p) for _, p in pairs if p is not None}
        for expected, proposal in pairs:
            where = f"{article.name} {'+'.join(expected['people'])}"
            if proposal is None:
                if not expected.get("optional"):
                    result.add("meetings found", False, where)
                continue
            if not expected.get("optional"):
                result.add("meetings found", True, where)
            result.add("right people", participant_keys(proposal) == set(expected["people"]), where)
            result.add("right date", date_right(proposal, expected), f"{where} got {proposal.start}")
            if expected["place"]:
                result.add("right place (stated)", place_right(proposal, expected), f"{where} got {proposal.place}")
            result.add("right mode", proposal.mode == expected["mode"], f"{where} got {proposal.mode}")
            result.add("right status", proposal.status == expected["status"], f"{where} got {proposal.status}")
            result.add("right relation", proposal.relation == expected["relation"], f"{where} got {proposal.relation}")
            for side_of, side in expected.get("sides", {}).items():
                got = {k: p.side for p in proposal.participants for k in participant_keys_of(p)}
                result.add("right side", got.get(side_of) == side, f"{where} {side_of} got {got.get(side_of)}")
            kinds = [a.kind for a in proposal.agreements]
            for kind in expected["agreements"]:
                result.add("agreements found", kind in kinds, f"{where} {kind} got {kinds}")
        for proposal in article.proposals:
            result.add("proposals expected", id(proposal) in matched, f"{article.name} extra {participant_keys(proposal)}")
        mentioned = set(article.expected.get("mentioned", []))
        for proposal in article.proposals:
            for key in participant_keys(proposal) & mentioned:
                result.failures.append(f"MENTIONED AS PARTICIPANT: {article.name} {key}")
                result.counts["mentioned as participant"] = (result.counts.get("mentioned as participant", (0, 0))[0] + 1, 0)
        for expected, proposal in pairs:
            if proposal is not None and expected["status"] != "held" and proposal.status == "held":
                result.failures.append(f"ANNOUNCED AS HELD: {article.name}")
                result.counts["announced as held"] = (result.counts.get("announced as held", (0, 0))[0] + 1, 0)
    return result


def participant_keys_of(participant) -> set[str]:
    slugs = {p.id: p.slug for p in people()}
    return {slugs[participant.person_id] if participant.person_id is not None else participant.name}
