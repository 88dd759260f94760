"""Offices for the synthetic corpus: positions per country and tenures that change over the years.

``generate_offices(seed)`` gives each country of the synthetic officials
(archive/synthetic.py) its defense minister, chief of general staff, foreign
minister, deputy defense minister and two ambassadors, and lets the country's
officials hold them in turn: every few years a reshuffle swaps the holders of two
offices (one office of the six is vacant at any time, so someone is sometimes out
of office). The first holders' start is often unknown, the last ones are current;
each tenure cites up to three of its holder's articles dated within it
(``TenureEvidence``, with the title as that article reports it). Deterministic for
a seed; written with ``bulk_create``.
"""

import bisect
import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from archive.models import Participation, Person
from archive.synthetic import FIRST_DATE, LAST_DATE, SLUG_PREFIX
from offices.models import Position, Tenure, TenureEvidence
from offices.roles import Role, facts

# (role, label pattern): the offices every country gets; two ambassadors, so offices outnumber officials.
OFFICES = [
    (Role.DEFENSE_MINISTER, "Minister of Defense of {country}"),
    (Role.CHIEF_OF_GENERAL_STAFF, "Chief of the General Staff of {country}"),
    (Role.FOREIGN_MINISTER, "Minister of Foreign Affairs of {country}"),
    (Role.DEPUTY_DEFENSE_MINISTER, "Deputy Minister of Defense of {country}"),
    (Role.AMBASSADOR, "Ambassador of {country} to {partner}"),
    (Role.AMBASSADOR, "Ambassador of {country} to {partner}"),
]
# Days between two reshuffles of a country's offices.
RESHUFFLE_DAYS = (500, 1600)
EVIDENCE_PER_TENURE = 3


@dataclass
class Offices:
    positions: int
    tenures: int
    evidence: int


def position_slug(role: str, code: str, partner: str = "") -> str:
    """Return the slug of a synthetic position: ``syn-defense-minister-az``, ``syn-ambassador-az-ir``."""
    return f"{SLUG_PREFIX}{role.replace('_', '-')}-{code}{'-' + partner if partner else ''}".lower()


def generate_offices(seed: int = 1) -> Offices:
    """Create the positions and tenures of the synthetic officials' countries; return how many rows were written."""
    rng = random.Random(seed)
    people = list(Person.objects.filter(slug__startswith=SLUG_PREFIX).select_related("country").order_by("slug"))
    by_country = defaultdict(list)
    for person in people:
        if person.country_id:
            by_country[person.country_id].append(person)
    codes = sorted(by_country)
    countries = {p.country_id: p.country for p in people if p.country_id}
    reports = _reports_by_person()
    positions, spells = [], []
    for code in codes:
        partners = rng.sample([c for c in codes if c != code], min(2, len(codes) - 1)) or [code]
        country_positions = []
        for n, (role, pattern) in enumerate(OFFICES):
            partner = partners[n % len(partners)] if role == Role.AMBASSADOR else ""
            country_positions.append(
                Position(
                    label=pattern.format(country=countries[code].name, partner=partner and countries[partner].name),
                    role=role,
                    sector=facts(role).sector,
                    country_id=code,
                    accredited_to_id=partner or None,
                    several_holders=role == Role.DEPUTY_DEFENSE_MINISTER,
                    slug=position_slug(role, code, partner),
                )
            )
        positions += country_positions
        spells += _spells(rng, country_positions, by_country[code])
    with transaction.atomic():
        Position.objects.bulk_create(positions, batch_size=500)
        saved = dict(Position.objects.filter(slug__in=[p.slug for p in positions]).values_list("slug", "pk"))
        tenures = [
            _tenure(rng, saved[position.slug], person, first, last, n) for position, person, first, last, n in spells
        ]
        Tenure.objects.bulk_create(tenures, batch_size=500)
        evidence = []
        for tenure, (_, person, first, last, _) in zip(tenures, spells, strict=True):
            evidence += _evidence(rng, tenure, reports.get(person.pk, ([], [])), first, last)
        TenureEvidence.objects.bulk_create(evidence, batch_size=1000)
    return Offices(positions=len(positions), tenures=len(tenures), evidence=len(evidence))


def _spells(rng, positions, people) -> list[tuple]:
    """Return ``(position, person, first day, last day or None while current, index in the position)`` for each
    spell in office: holders assigned at random, then swapped between two offices at every reshuffle."""
    holders = (people + [None] * len(positions))[: max(len(positions), len(people))]
    holders = rng.sample(holders, len(holders))[: len(positions)]
    since = [FIRST_DATE] * len(positions)
    held = [0] * len(positions)
    spells = []

    def close(slot, last_day):
        if holders[slot] is not None:
            spells.append((positions[slot], holders[slot], since[slot], last_day, held[slot]))
            held[slot] += 1

    day = FIRST_DATE + datetime.timedelta(days=rng.randint(*RESHUFFLE_DAYS))
    while day < LAST_DATE:
        a, b = rng.sample(range(len(positions)), 2)
        for slot in (a, b):
            close(slot, day - datetime.timedelta(days=1))
            since[slot] = day
        holders[a], holders[b] = holders[b], holders[a]
        day += datetime.timedelta(days=rng.randint(*RESHUFFLE_DAYS))
    for slot in range(len(positions)):
        close(slot, None)
    return spells


def _tenure(rng, position_id: int, person: Person, first: datetime.date, last, index: int) -> Tenure:
    """Return the unsaved tenure of one spell: a first holder's start is often unknown (the corpus begins
    with them in office), a start may be known to the month only, the last holder is current."""
    start, start_precision = first, "day"
    if index == 0 and first == FIRST_DATE:
        start, start_precision = (None, "") if rng.random() < 0.6 else (first.replace(month=1, day=1), "year")
    elif rng.random() < 0.2:
        start, start_precision = first.replace(day=1), "month"
    return Tenure(
        person=person,
        position_id=position_id,
        start_date=start,
        start_precision=start_precision,
        end_date=last,
        end_precision="day" if last else "",
        current=last is None,
        end_cause="replaced" if last else "",
    )


def _reports_by_person() -> dict[int, tuple[list, list]]:
    """Return ``{person id: (dates, [(article id, title as reported)])}``, sorted by date: who took part where."""
    rows = (
        Participation.objects.filter(
            person__slug__startswith=SLUG_PREFIX, role=Participation.Role.PARTICIPANT, article__status="published"
        )
        .order_by("article__published_on", "article_id")
        .values_list("person_id", "article__published_on", "article_id", "title")
    )
    found: dict[int, tuple[list, list]] = {}
    for person_id, published, article_id, title in rows.iterator(chunk_size=5000):
        dates, articles = found.setdefault(person_id, ([], []))
        dates.append(published)
        articles.append((article_id, title))
    return found


def _evidence(rng, tenure: Tenure, reports, first, last) -> list[TenureEvidence]:
    """Return up to ``EVIDENCE_PER_TENURE`` of the holder's articles dated within the spell, as evidence."""
    dates, articles = reports
    low = bisect.bisect_left(dates, first)
    high = bisect.bisect_right(dates, last or LAST_DATE)
    if high <= low:
        return []
    chosen = rng.sample(range(low, high), min(EVIDENCE_PER_TENURE, high - low))
    return [
        TenureEvidence(tenure=tenure, article_id=articles[i][0], reported_title=articles[i][1][:300])
        for i in sorted(chosen)
    ]


def office_holders() -> dict[int, list[tuple]]:
    """Return ``{person id: [(first day, last day, position id)]}`` of the synthetic tenures (unknown starts
    read as the corpus's first day, current tenures as running to its last): who held what, when."""
    held = defaultdict(list)
    rows = Tenure.objects.filter(position__slug__startswith=SLUG_PREFIX).values_list(
        "person_id", "start_date", "end_date", "position_id"
    )
    for person_id, start, end, position_id in rows:
        held[person_id].append((start or FIRST_DATE, end or LAST_DATE, position_id))
    return held
