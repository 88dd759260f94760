"""Meetings for the synthetic corpus, with reports in several outlets, from its stories.

archive/synthetic.py tells many stories in several outlets (the same officials, a
day or two apart, another outlet). ``generate_meetings(seed)`` finds those stories
again (articles with the same participants, published within ``STORY_DAYS`` of the
story's first report) and makes one meeting of each story whose participants hold
an office on its date (bench/synthetic_offices.py) and represent at least two
countries: participants with their side (host and visitors on a visit), the mode,
the place the lead sentence names, an agreement where the first report says that
a protocol was signed, and one ``MeetingReport`` per article (primary on the first
day, follow-up after). About a third are reviewed, the rest stay proposals.
Deterministic for a seed; written with ``bulk_create`` (nothing is queued for the
index: build it afterwards).
"""

import datetime
import random
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, StrIndex, Substr

from archive.models import Article, Participation
from archive.synthetic import SLUG_PREFIX
from bench.synthetic_offices import office_holders
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport, Review
from meetings.vocabulary import AgreementKind, Format, Mode, Relation, Side, Status

STORY_DAYS = 2
REVIEWED_SHARE = 0.35
BILATERAL_SHARE = 0.8
SIGNED = "sides signed a protocol on "
LEAD_END = ", the ministry reported."
LEAD_CITY = re.compile(r" in ([A-Z][^,.]*?) on [A-Z][a-z]+day")
MODES = [Mode.VISIT] * 14 + [Mode.THIRD_PARTY] * 3 + [Mode.REMOTE] * 2
FORMATS = [Format.TALKS, Format.TALKS, Format.EXPANDED, Format.ONE_ON_ONE, Format.COURTESY_CALL, ""]
BATCH = 2000


@dataclass
class Meetings:
    stories: int
    meetings: int
    reports: int
    agreements: int
    reviewed: int


@dataclass
class StoryArticle:
    pk: int
    published: datetime.date
    source_id: int
    lead: str
    signed_at: int  # 1-based position of SIGNED in the body, 0 when absent
    signed_window: str  # the text around it


def generate_meetings(seed: int = 1) -> Meetings:
    """Create the meetings of the synthetic corpus's stories; return how many of each row were written."""
    rng = random.Random(seed)
    articles, people = _articles()
    holders = office_holders()
    stories = _stories(articles, people)
    made = Meetings(stories=len(stories), meetings=0, reports=0, agreements=0, reviewed=0)
    for first in range(0, len(stories), BATCH):
        drafts = [
            draft
            for story in stories[first : first + BATCH]
            if (draft := _draft(rng, story, people, holders)) is not None
        ]
        _write(drafts, made)
    return made


def _articles() -> tuple[dict[int, StoryArticle], dict[int, list[tuple]]]:
    """Return the synthetic articles (date, outlet, lead, where a signing is reported) and, per article,
    its participants ``(person id, country code, title as reported)`` in the order the article names them."""
    signed = StrIndex("body", Value(SIGNED))
    rows = (
        Article.objects.published()
        .filter(slug__startswith=SLUG_PREFIX)
        .order_by()
        .annotate(lead=Substr("body", 1, 400), signed_at=signed)
        .annotate(window=Substr("body", Greatest(F("signed_at") - 80, 1), 240))
        .values_list("pk", "published_on", "source_id", "lead", "signed_at", "window")
    )
    articles = {
        pk: StoryArticle(pk, published, source_id, lead, signed_at, window if signed_at else "")
        for pk, published, source_id, lead, signed_at, window in rows.iterator(chunk_size=5000)
    }
    people: dict[int, list[tuple]] = {}
    participations = (
        Participation.objects.filter(role=Participation.Role.PARTICIPANT, article__slug__startswith=SLUG_PREFIX)
        .order_by("pk")
        .values_list("article_id", "person_id", "person__country_id", "title")
    )
    for article_id, person_id, country, title in participations.iterator(chunk_size=5000):
        if article_id in articles:
            people.setdefault(article_id, []).append((person_id, country, title))
    return articles, people


def _stories(articles: dict[int, StoryArticle], people: dict[int, list[tuple]]) -> list[list[StoryArticle]]:
    """Return the stories: articles with the same participants within ``STORY_DAYS`` of the first report,
    each outlet once, oldest first."""
    open_stories: dict[tuple, list[StoryArticle]] = {}
    stories = []
    for article in sorted(articles.values(), key=lambda a: (a.published, a.pk)):
        key = tuple(sorted(person for person, _, _ in people.get(article.pk, [])))
        story = open_stories.get(key)
        fits = story and (article.published - story[0].published).days <= STORY_DAYS
        if fits and all(a.source_id != article.source_id for a in story):
            story.append(article)
            continue
        open_stories[key] = [article]
        stories.append(open_stories[key])
    return stories


@dataclass
class Draft:
    meeting: Meeting
    participants: list[MeetingParticipant]
    reports: list[MeetingReport]
    agreement: Agreement | None
    parties: list[str]


def _holds_office(holders, person_id: int, day: datetime.date) -> bool:
    return any(first <= day <= last for first, last, _ in holders.get(person_id, ()))


def _draft(rng, story: list[StoryArticle], people, holders) -> Draft | None:
    """Return the unsaved meeting of ``story``, or ``None`` when fewer than two countries' office holders took part."""
    primary = story[0]
    day = primary.published - datetime.timedelta(days=rng.choice([0, 0, 1]))
    present = [(p, c, t) for p, c, t in people.get(primary.pk, []) if c and _holds_office(holders, p, day)]
    countries = list(dict.fromkeys(c for _, c, _ in present))
    if len(countries) < 2:
        return None
    if len(countries) > 2 and rng.random() < BILATERAL_SHARE:  # most talks are between two countries
        countries = countries[:2]
        present = [p for p in present if p[1] in countries]
    mode = Mode.MULTILATERAL if len(countries) > 2 else rng.choice(MODES)
    city_match = LEAD_CITY.search(primary.lead)
    city = city_match.group(1)[:120] if city_match and mode != Mode.REMOTE else ""
    host = countries[0]
    meeting = Meeting(
        start=day,
        start_precision="day",
        city=city,
        place_country_id=host if mode == Mode.VISIT else None,
        mode=mode,
        format=Format.PHONE_CALL if mode == Mode.REMOTE else rng.choice(FORMATS),
        status=Status.PLANNED if rng.random() < 0.03 else Status.HELD,
        review=Review.REVIEWED if rng.random() < REVIEWED_SHARE else Review.PROPOSED,
        independent_outlets=len({a.source_id for a in story}),
    )
    heads = set()
    participants = []
    for person_id, country, title in present:
        side = Side.PARTICIPANT
        if mode == Mode.VISIT:
            side = Side.HOST if country == host else Side.VISITOR
        participants.append(
            MeetingParticipant(
                meeting=meeting,
                person_id=person_id,
                country_id=country,
                side=side,
                head_of_delegation=country not in heads,
                title=title[:300],
            )
        )
        heads.add(country)
    lead_end = primary.lead.find(LEAD_END)
    reports = [
        MeetingReport(
            meeting=meeting,
            article_id=article.pk,
            relation=Relation.PRIMARY if article.published == primary.published else Relation.FOLLOW_UP,
            evidence=[[0, lead_end + len(LEAD_END)]] if lead_end > 0 else [],
            asserted_date=day,
            asserted_precision="day",
            asserted_city=city,
            asserted_country_id=meeting.place_country_id,
            proposed=meeting.review != Review.REVIEWED,
        )
        for article in story
    ]
    agreement = _agreement(meeting, primary) if primary.signed_at and rng.random() < 0.5 else None
    return Draft(meeting, participants, reports, agreement, countries)


def _agreement(meeting: Meeting, article: StoryArticle) -> Agreement | None:
    """Return the protocol the article reports signed, quoting its sentence with offsets into the body."""
    window, offset = article.signed_window, article.signed_at - 1
    window_start = max(offset - 80, 0)  # the window began 80 characters before the match (or at the start)
    at = offset - window_start
    begin, end = window.rfind("The ", 0, at), window.find(".", at)
    if begin < 0 or end < 0:
        return None
    sentence = window[begin : end + 1]
    topic = window[at + len(SIGNED) : end]
    return Agreement(
        meeting=meeting,
        kind=AgreementKind.PROTOCOL,
        title=f"a protocol on {topic}"[:400],
        article_id=article.pk,
        sentence=sentence,
        sentence_start=window_start + begin,
        sentence_end=window_start + end + 1,
    )


def _write(drafts: list[Draft], made: Meetings) -> None:
    with transaction.atomic():
        Meeting.objects.bulk_create([d.meeting for d in drafts])
        for draft in drafts:  # the meetings have their keys now
            for row in (*draft.participants, *draft.reports, *([draft.agreement] if draft.agreement else [])):
                row.meeting = draft.meeting
        MeetingParticipant.objects.bulk_create([p for d in drafts for p in d.participants], batch_size=1000)
        MeetingReport.objects.bulk_create([r for d in drafts for r in d.reports], batch_size=1000)
        signed = [d for d in drafts if d.agreement]
        Agreement.objects.bulk_create([d.agreement for d in signed], batch_size=1000)
        through = Agreement.parties.through
        through.objects.bulk_create(
            [through(agreement_id=d.agreement.pk, country_id=code) for d in signed for code in d.parties]
        )
    made.meetings += len(drafts)
    made.reports += sum(len(d.reports) for d in drafts)
    made.agreements += len(signed)
    made.reviewed += sum(d.meeting.review == Review.REVIEWED for d in drafts)
