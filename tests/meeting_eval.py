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
from meetings.propose import ArticleInput, MeetingProposal, article_input, propose

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
        countries.append(
            (record["pk"], [fields["name"], fields["official_name"], *fields["long_forms"], *fields["demonyms"]])
        )
    return Gazetteer(countries, [(p.id, [p.name, *p.aliases]) for p in people()])


@dataclass
class Article:
    """One evaluation article: its name, what the import made of it, the proposals and the expectation."""

    name: str
    body: str
    published_on: date
    proposals: list[MeetingProposal]
    expected: dict


def imported(path: Path) -> ArticleInput:
    """Return the proposer's input for a raw text file: read, parsed, validated and linked as the import does."""
    text_file = read_text(InputFile.from_path(path, display_name=path.name))
    (draft,) = formats.parse(text_file, formats.ParseContext())
    candidate = validate(draft, path.name, TODAY)
    links = link(candidate.body, gazetteer(), title="" if candidate.title_is_derived else candidate.title)
    countries = {p.id: p.country for p in people()}
    return article_input(
        candidate.body, links, gazetteer(), candidate.published_on, candidate.title, candidate.source, countries
    )


def read_article(path: Path) -> Article:
    """Return ``path`` through the import's steps and the proposer, with its expected meetings."""
    source = imported(path)
    expected = json.loads(path.with_suffix(".json").read_text())
    return Article(path.stem, source.body, source.published_on, propose(source), expected)


def read_set(folder: str, first: str = "", last: str = "") -> list[Article]:
    """Return every article of ``dev`` or ``heldout``, or those whose names run from ``first`` to ``last``."""
    paths = sorted((DATA / folder).glob("*.txt"))
    if first or last:
        paths = [p for p in paths if (not first or p.stem[: len(first)] >= first) and p.stem[: len(last)] <= last]
    return [read_article(path) for path in paths]


# --- Scoring ------------------------------------------------------------------------------------


def participant_key(participant) -> str:
    """Return a participant as the expectation names them.

    That is the person's slug, a suggestion's name, or ``country:XX`` for a side
    named only by its country or delegation (no person, no name).
    """
    if participant.person_id is None:
        if not participant.name and participant.country:
            return f"country:{participant.country}"
        return participant.name
    return next(p.slug for p in people() if p.id == participant.person_id)


def participant_keys(proposal: MeetingProposal) -> set[str]:
    """Return a proposal's participants as the expectation names them."""
    return {participant_key(p) for p in proposal.participants}


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
    """Figures over a set of articles: each a count right out of a total; and the errors tolerated zero times."""

    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(
        default_factory=lambda: {"mentioned person as participant": [], "announced meeting as held": []}
    )

    def add(self, figure: str, right: bool, where: str) -> None:
        got, total = self.counts.get(figure, (0, 0))
        self.counts[figure] = (got + bool(right), total + 1)
        if not right:
            self.misses.append(f"{figure}: {where}")

    def ratio(self, figure: str) -> float:
        """Return the share right of ``figure`` (1.0 when nothing was counted)."""
        got, total = self.counts.get(figure, (0, 0))
        return got / total if total else 1.0

    def lines(self) -> list[str]:
        """Return the figures as a table, then the zero-tolerance counts."""
        lines = [f"{name:32} {got:3}/{total:<3} {self.ratio(name):6.1%}" for name, (got, total) in self.counts.items()]
        lines += [f"{name:32} {len(found):3}" for name, found in self.violations.items()]
        return lines


def _pairing(article: Article) -> list[tuple[dict, MeetingProposal | None]]:
    """Return each expected meeting with the proposal that best matches it (or None), one to one.

    The best-fitting pairs are taken first over the whole article, so that a proposal goes to the expected
    meeting it fits (people, then date, then status), not to the first one listed that shares its people.
    """

    def rank(expected, proposal):
        shared = len(participant_keys(proposal) & set(expected["people"]))
        return shared, date_right(proposal, expected), proposal.status == expected["status"]

    candidates = [
        (rank(expected, proposal), e, p)
        for e, expected in enumerate(article.expected["meetings"])
        for p, proposal in enumerate(article.proposals)
        if rank(expected, proposal)[0] >= min(2, len(expected["people"]))
    ]
    chosen: dict[int, int] = {}
    for _, e, p in sorted(candidates, key=lambda c: (c[0], -c[1], -c[2]), reverse=True):
        if e not in chosen and p not in chosen.values():
            chosen[e] = p
    return [
        (expected, article.proposals[chosen[e]] if e in chosen else None)
        for e, expected in enumerate(article.expected["meetings"])
    ]


def score(articles: list[Article]) -> Score:
    """Return the figures of the acceptance floor over ``articles``."""
    result = Score()
    for article in articles:
        pairs = _pairing(article)
        for expected, proposal in pairs:
            _score_meeting(result, f"{article.name} {'+'.join(expected['people'])}", expected, proposal)
        matched = {id(p) for _, p in pairs if p is not None}
        mentioned = set(article.expected.get("mentioned", []))
        for proposal in article.proposals:
            extra = f"{article.name} extra {sorted(participant_keys(proposal))}"
            result.add("proposals expected", id(proposal) in matched, extra)
            for key in participant_keys(proposal) & mentioned:
                result.violations["mentioned person as participant"].append(f"{article.name} {key}")
            if proposal.status == "held" and id(proposal) not in matched and _announcement_only(article):
                result.violations["announced meeting as held"].append(f"{article.name} (extra)")
        for expected, proposal in pairs:
            if proposal is not None and expected["status"] != "held" and proposal.status == "held":
                result.violations["announced meeting as held"].append(article.name)
    return result


def _announcement_only(article: Article) -> bool:
    """Whether the article reports no meeting held, only intentions."""
    meetings = article.expected["meetings"]
    return bool(meetings) and all(m["status"] != "held" for m in meetings)


def _score_meeting(result: Score, where: str, expected: dict, proposal: MeetingProposal | None) -> None:
    """Count one expected meeting against the proposal paired with it."""
    if proposal is None:
        if not expected.get("optional"):
            result.add("meetings found", False, where)
            for kind in expected.get("agreements", []):  # a document of a meeting not found is not found either
                result.add("agreements found", False, f"{where} {kind} (meeting not found)")
        return
    if not expected.get("optional"):
        result.add("meetings found", True, where)
    result.add("right people", participant_keys(proposal) == set(expected["people"]), where)
    result.add("right date", date_right(proposal, expected), f"{where} got {proposal.start}")
    if expected["place"]:
        result.add("right place (where stated)", place_right(proposal, expected), f"{where} got {proposal.place}")
    result.add("right mode", proposal.mode == expected["mode"], f"{where} got {proposal.mode}")
    result.add("right status", proposal.status == expected["status"], f"{where} got {proposal.status}")
    result.add("right relation", proposal.relation == expected["relation"], f"{where} got {proposal.relation}")
    sides = {participant_key(p): p.side for p in proposal.participants}
    for person, side in expected.get("sides", {}).items():
        result.add("right side", sides.get(person) == side, f"{where} {person} got {sides.get(person)}")
    kinds = [a.kind for a in proposal.agreements]
    for kind in expected.get("agreements", []):
        result.add("agreements found", kind in kinds, f"{where} {kind} got {kinds}")


def proposer_ms_per_article(folders=("dev", "heldout"), rounds: int = 5) -> float:
    """Return the proposer's time per article in milliseconds (``propose`` alone, best of ``rounds``)."""
    import time

    inputs = [imported(path) for folder in folders for path in sorted((DATA / folder).glob("*.txt"))]
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for source in inputs:
            propose(source)
        best = min(best, time.perf_counter() - started)
    return best / len(inputs) * 1000


def main(argv: list[str]) -> None:
    """Print the figures and misses of a set or of a batch (``heldout h51 h60``), then the proposer's time."""
    folder, *bounds = argv or ["heldout"]
    articles = read_set(folder, *bounds)
    result = score(articles)
    print(f"{len(articles)} articles\n" + "\n".join(result.lines()))
    print("misses:\n  " + "\n  ".join(result.misses))
    for kind, found in result.violations.items():
        if found:
            print(f"{kind}: {found}")
    print(f"proposer: {proposer_ms_per_article():.3f} ms per article over dev and heldout")
