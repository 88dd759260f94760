"""The network of who met whom in a set of public meetings: people as nodes, meetings together as edges.

Counted over public meetings only (proposed or reviewed, with a published report), never over
shared articles: two people named in one article have not necessarily met. Two SQL queries
whatever the number of meetings (the participants of the meetings, then the people drawn);
pairs are counted in Python, as a meeting has a handful of participants.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Exists, OuterRef, QuerySet

from archive.models import Article, Participation, Person
from meetings.models import Meeting, MeetingParticipant

# Most counterparts drawn; the rest are counted in "and K more" (the table lists the drawn ones).
DEFAULT_LIMIT = 40


@dataclass(frozen=True)
class Node:
    """One person in the network."""

    slug: str
    name: str
    country_code: str  # "" when the person's country is unknown
    country_name: str
    meetings: int  # with the centre when there is one, otherwise in the network's meetings
    public: bool  # whether the person has a public page to link to
    centre: bool = False

    @property
    def url(self) -> str:
        """Return the official page's path, or "" when the person has no public page."""
        return f"/officials/{self.slug}/" if self.public else ""


@dataclass(frozen=True)
class Edge:
    """Two people who met: how many public meetings, the first and the last."""

    source: str  # slugs, in the order the nodes are listed
    target: str
    meetings: int
    first: datetime.date
    last: datetime.date


@dataclass
class Network:
    """Who met whom: the nodes drawn (the centre first, then by meetings), their edges, and how many
    counterparts were left out (``hidden``) to keep the drawing readable."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    hidden: int = 0
    label: str = ""  # what the network shows, for the figure's caption

    @property
    def centre(self) -> Node | None:
        return next((node for node in self.nodes if node.centre), None)

    def node(self, slug: str) -> Node:
        return next(node for node in self.nodes if node.slug == slug)

    def rows(self) -> list[tuple[Node, Node, Edge]]:
        """Return ``(who, with whom, edge)`` for the table beside the drawing, most meetings first."""
        by_slug = {node.slug: node for node in self.nodes}
        ordered = sorted(self.edges, key=lambda e: (-e.meetings, -e.last.toordinal(), e.source, e.target))
        return [(by_slug[e.source], by_slug[e.target], e) for e in ordered]

    def countries(self) -> list[tuple[str, str]]:
        """Return the ``(code, name)`` of the nodes' countries in order of first appearance (the legend's)."""
        seen = {}
        for node in self.nodes:
            seen.setdefault(node.country_code, node.country_name or "Country unknown")
        return list(seen.items())


@dataclass
class _Pair:
    meetings: int = 0
    first: datetime.date | None = None
    last: datetime.date | None = None

    def add(self, day: datetime.date) -> None:
        self.meetings += 1
        self.first = day if self.first is None or day < self.first else self.first
        self.last = day if self.last is None or day > self.last else self.last


def counterpart_network(
    meetings: QuerySet,
    *,
    centre: Person | None = None,
    across: tuple[str, str] | None = None,
    limit: int = DEFAULT_LIMIT,
    label: str = "",
) -> Network:
    """Return the :class:`Network` of who met whom in the public ones of ``meetings`` (a Meeting queryset).

    With ``centre``, the nodes are the centre and its ``limit`` most frequent counterparts, edges
    are every pair of them at a meeting together (counterparts who met each other there too).
    With ``across`` (two country codes), only pairs of people representing one country each are
    edges: the relationship between two countries, not colleagues on one side. Without a centre,
    the ``limit`` people with the most edges' meetings are drawn.
    """
    public = meetings.model.objects.public().filter(pk__in=meetings.values("pk"))
    rows = (
        MeetingParticipant.objects.filter(meeting__in=public.values("pk"), person__isnull=False)
        .order_by()
        .values_list("meeting_id", "person_id", "country__code", "person__country__code", "meeting__start")
    )
    attendance = defaultdict(list)
    for meeting_id, person_id, represented, own, start in rows:
        attendance[meeting_id, start].append((person_id, represented or own or ""))
    pairs, met = _count_pairs(attendance, across)
    chosen, hidden, weight = _choose(pairs, met, centre.pk if centre else None, limit)
    people = _people(chosen)
    nodes = [
        Node(
            slug=people[pk]["slug"],
            name=people[pk]["name"],
            country_code=people[pk]["country__code"] or "",
            country_name=people[pk]["country__name"] or "",
            meetings=weight.get(pk, 0),
            public=people[pk]["public"],
            centre=centre is not None and pk == centre.pk,
        )
        for pk in chosen
        if pk in people
    ]
    slugs = {pk: people[pk]["slug"] for pk in chosen if pk in people}
    edges = [
        Edge(slugs[a], slugs[b], pair.meetings, pair.first, pair.last)
        for (a, b), pair in pairs.items()
        if a in slugs and b in slugs
    ]
    order = {pk: index for index, pk in enumerate(chosen)}
    slug_order = {slugs[pk]: order[pk] for pk in slugs}
    edges = [e if slug_order[e.source] < slug_order[e.target] else _flipped(e) for e in edges]
    return Network(nodes=nodes, edges=edges, hidden=hidden, label=label)


def _flipped(edge: Edge) -> Edge:
    return Edge(edge.target, edge.source, edge.meetings, edge.first, edge.last)


def _count_pairs(attendance: dict, across: tuple[str, str] | None) -> tuple[dict, dict[int, int]]:
    """Return the meetings of every pair of people (smaller id first) who attended one together, and
    each person's number of meetings with at least one such pair."""
    pairs: dict[tuple[int, int], _Pair] = defaultdict(_Pair)
    met: dict[int, int] = defaultdict(int)
    sides = set(across) if across else None
    for (_, start), present in attendance.items():
        counted = set()
        for (a, country_a), (b, country_b) in combinations(sorted(present), 2):
            if sides and not (country_a != country_b and {country_a, country_b} == sides):
                continue
            pairs[a, b].add(start)
            counted.update((a, b))
        for pk in counted:
            met[pk] += 1
    return pairs, met


def _choose(pairs: dict, met: dict, centre_id: int | None, limit: int) -> tuple[list[int], int, dict[int, int]]:
    """Return the person ids drawn (centre first, then by meetings), how many were left out, and each
    one's meetings (a counterpart's with the centre; otherwise all of the person's in the network)."""
    if centre_id is None:
        weight, last = dict(met), {}
        for (a, b), pair in pairs.items():
            for pk in (a, b):
                last[pk] = max(last.get(pk, pair.last), pair.last)
    else:
        weight, last = {centre_id: met.get(centre_id, 0)}, {}
        for (a, b), pair in pairs.items():
            if centre_id in (a, b):
                other = b if a == centre_id else a
                weight[other], last[other] = pair.meetings, pair.last
    others = sorted(last, key=lambda pk: (-weight[pk], -last[pk].toordinal(), pk))
    others = [pk for pk in others if pk != centre_id]
    head = ([centre_id] if centre_id is not None and others else []) + others[:limit]
    return head, max(0, len(others) - limit), weight


def _people(ids: list[int]) -> dict[int, dict]:
    """Return the name, slug, country and whether the page is public of each person in ``ids``, by id."""
    if not ids:
        return {}
    published = Participation.objects.filter(person=OuterRef("pk"), article__status=Article.Status.PUBLISHED)
    rows = (
        Person.objects.filter(pk__in=ids)
        .annotate(public=Exists(published))
        .values("pk", "slug", "name", "country__code", "country__name", "public")
    )
    return {row["pk"]: row for row in rows}


def official_network(person: Person, limit: int = DEFAULT_LIMIT) -> Network:
    """Return the network of ``person``'s public meetings, ``person`` at the centre."""
    theirs = Meeting.objects.filter(participants__person=person)
    return counterpart_network(theirs, centre=person, limit=limit, label=f"Who {person.name} met")


def pair_network(code_a: str, code_b: str, limit: int = DEFAULT_LIMIT) -> Network:
    """Return who met whom across two countries: officials representing ``code_a`` and ``code_b`` at a
    public meeting together, an edge only between one of each side."""
    code_a, code_b = code_a.upper(), code_b.upper()
    both = Meeting.objects.filter(participants__country__code=code_a).filter(participants__country__code=code_b)
    return counterpart_network(both, across=(code_a, code_b), limit=limit, label=f"Who met whom, {code_a} and {code_b}")
