"""A deterministic synthetic archive at any size, in the style of the seed articles.

Used by ``manage.py generate_corpus`` and the benchmark (bench/). The same
``(articles, seed)`` always gives the same archive: outlets, officials with
aliases, and articles about meetings between them, with bodies whose words follow
a Zipf-like frequency curve (a few very common words, a long tail of rare ones).
As in the news, a story is often told by several outlets: about a third of the
articles re-report a story already written (same officials and countries, a day
or two later, another outlet, other words), so that a meeting has reports in
several outlets (bench/synthetic_records.py makes the meetings). Every article
has a URL on its outlet's site. Rows are written with ``bulk_create``: 100,000
articles take about a minute. That sends no per-row signal, so the index queue hears
nothing: ``queue_bypassed`` is sent before and after, and the search index counts as
stale until rebuilt.

Every synthetic article says so in its ``origin`` (:data:`ORIGIN`), and its outlets and
officials have slugs starting with :data:`SLUG_PREFIX`: :func:`delete` removes them all.
"""

import datetime
import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from archive.models import Article, Country, Participation, Person, PersonAlias, Source, slug_for
from archive.signals import queue_bypassed
from archive.text import content_fingerprint

COUNTRIES = 60
SOURCES = 40
OFFICIALS = 300
FIRST_DATE = datetime.date(2000, 1, 1)
LAST_DATE = datetime.date(2026, 6, 30)
BATCH = 2000
SLUG_PREFIX = "syn-"
# The provenance of every synthetic article, as the admin shows it.
ORIGIN = "synthetic: manage.py generate_corpus"

# Word lists live in a data file; this module keeps the logic.
_WORDS = json.loads((Path(__file__).parent / "reference" / "synthetic_words.json").read_text(encoding="utf-8"))
OFFICES = _WORDS["offices"]
RANKS = _WORDS["ranks"]
FIRST_NAMES = _WORDS["first_names"]
LAST_NAMES = _WORDS["last_names"]
CITIES = _WORDS["cities"]
SOURCE_WORDS_A = _WORDS["source_words_a"]
SOURCE_WORDS_B = _WORDS["source_words_b"]
TOPICS = _WORDS["topics"]
SENTENCES = _WORDS["sentences"]
CORE_WORDS = _WORDS["core_words"]
SYLLABLES = _WORDS["syllables"]
# Transliterations that Parley must treat as the same name.
ALIAS_RULES = [("ov", "ev"), ("H", "G"), ("a", "ə"), ("kh", "x"), ("i", "ı"), ("y", "i")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# The share of articles that re-report a recent story, how many reports a story has at most,
# and how many recent stories a re-report is chosen from.
RETOLD_SHARE = 0.35
REPORTS_PER_STORY = 4
RECENT_STORIES = 40


@dataclass
class Story:
    """What the reports of one story share: the people, countries, words filled into the sentences,
    the date of the first report and the outlets that told it so far."""

    participants: list
    mentioned: list
    countries: list
    fill: dict
    published: datetime.date
    sources: list

    @property
    def retellable(self) -> bool:
        return len(self.sources) < REPORTS_PER_STORY


@dataclass
class Corpus:
    articles: int
    officials: int
    countries: int
    sources: int


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Return the body vocabulary, most frequent first: real words, then a long invented tail."""
    words = list(dict.fromkeys(CORE_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _zipf_weights(n: int, exponent: float = 1.07) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


def _alias(name: str, rng: random.Random) -> str:
    old, new = rng.choice(ALIAS_RULES)
    return name.replace(old, new, 1) if old in name else name + " oglu"


def _countries(rng: random.Random) -> list[Country]:
    """Return about 60 countries: every one with demonyms, then others, deterministically."""
    with_words = list(Country.objects.exclude(demonyms=[]).order_by("code"))
    others = list(Country.objects.filter(demonyms=[]).order_by("code"))
    chosen = with_words[:COUNTRIES]
    chosen += rng.sample(others, min(len(others), COUNTRIES - len(chosen)))
    if not chosen:
        raise RuntimeError("No countries: run `manage.py bootstrap` (or loaddata countries) first.")
    return chosen


def _sources(rng: random.Random, countries: list[Country]) -> list[Source]:
    a_words, b_words = SOURCE_WORDS_A.split(), SOURCE_WORDS_B.split()
    names = sorted({f"{a} {b}" for a in a_words for b in b_words})
    names = rng.sample(names, SOURCES)
    sources = [
        Source(name=name, slug=SLUG_PREFIX + slug_for(name), country=rng.choice(countries), homepage="")
        for name in names
    ]
    Source.objects.bulk_create(sources, ignore_conflicts=True)
    return list(Source.objects.filter(slug__in=[s.slug for s in sources]).order_by("slug"))


def _officials(rng: random.Random, countries: list[Country]) -> list[tuple[Person, str, str]]:
    """Return ``(person, office, rank)`` for each synthetic official, with aliases saved."""
    names = sorted({f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES})
    names = rng.sample(names, OFFICIALS)
    people = [
        Person(name=name, slug=SLUG_PREFIX + slug_for(name), country=countries[i % len(countries)])
        for i, name in enumerate(names)
    ]
    Person.objects.bulk_create(people, ignore_conflicts=True)
    saved = {p.slug: p for p in Person.objects.filter(slug__in=[p.slug for p in people])}
    aliases = []
    for person in people:
        for _ in range(rng.choice([0, 1, 1, 2])):
            alias = _alias(person.name, rng)
            if alias != person.name:
                aliases.append(PersonAlias(person=saved[person.slug], name=alias))
    PersonAlias.objects.bulk_create(aliases, ignore_conflicts=True)
    return [(saved[p.slug], rng.choice(OFFICES), rng.choice(RANKS)) for p in people]


def _words_for(country: Country, rng: random.Random) -> tuple[str, str]:
    """Return ``(adjective, name)`` for ``country``: a demonym when it has one, and its
    name or, now and then, one of its other names (long forms, the official name)."""
    names = [
        country.name,
        country.name,
        *country.long_forms,
        *([country.official_name] if country.official_name else []),
    ]
    return (country.demonyms[0] if country.demonyms else country.name), rng.choice(names)


def generate(articles: int, seed: int = 1, stdout=None) -> Corpus:
    """Create ``articles`` synthetic published articles (and their outlets, officials).

    Returns what was created. Deterministic for a given ``(articles, seed)`` on an
    archive that has the reference countries; running it twice adds a second set.
    """
    rng = random.Random(seed)
    # Before and after: a build that starts while this runs must not clear the mark.
    queue_bypassed.send(sender=Article, reason=f"{articles} synthetic articles added without the queue")
    countries = _countries(rng)
    sources = _sources(rng, countries)
    officials = _officials(rng, countries)
    vocabulary = _vocabulary(rng)
    cumulative = _zipf_weights(len(vocabulary))
    # A few officials and countries are in the news much more than others.
    official_weights = _zipf_weights(len(officials), 0.8)
    country_weights = _zipf_weights(len(countries), 0.9)
    source_weights = _zipf_weights(len(sources), 0.7)
    weights = (official_weights, country_weights, source_weights)
    span = (LAST_DATE - FIRST_DATE).days
    start = Article.objects.count()
    made = 0
    recent: list[Story] = []
    while made < articles:
        size = min(BATCH, articles - made)
        rows = []
        for i in range(size):
            number = start + made + i + 1
            story = _story_to_retell(rng, recent)
            rows.append(
                _article(rng, number, countries, sources, officials, vocabulary, cumulative, span, weights, story)
            )
            if story is None:
                recent.append(rows[-1][3])
                del recent[:-RECENT_STORIES]
        with transaction.atomic():
            Article.objects.bulk_create([row for row, _, _, _ in rows])
            saved = dict(Article.objects.filter(slug__in=[row.slug for row, _, _, _ in rows]).values_list("slug", "pk"))
            through = Article.countries.through
            through.objects.bulk_create(
                [through(article_id=saved[row.slug], country_id=c.code) for row, cs, _, _ in rows for c in cs]
            )
            Participation.objects.bulk_create(
                [
                    Participation(article_id=saved[row.slug], person=person, role=role, title=title)
                    for row, _, people, _ in rows
                    for person, role, title in people
                ]
            )
        made += size
        if stdout and made % 10000 == 0:
            stdout.write(f"  {made} articles")
    queue_bypassed.send(sender=Article, reason=f"{made} synthetic articles added without the queue")
    return Corpus(articles=made, officials=len(officials), countries=len(countries), sources=len(sources))


def _story_to_retell(rng: random.Random, recent: list[Story]) -> Story | None:
    """Return a recent story for the next article to re-report, or ``None`` for a new story."""
    if rng.random() >= RETOLD_SHARE:
        return None
    open_stories = [story for story in recent if story.retellable]
    return rng.choice(open_stories) if open_stories else None


def _retold(rng, story: Story, sources, source_weights) -> tuple[datetime.date, Source]:
    """Return the date (the first report's, or a day or two later) and an outlet that has not told ``story`` yet."""
    published = min(story.published + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2])), LAST_DATE)
    for _ in range(8):
        source = rng.choices(sources, cum_weights=source_weights, k=1)[0]
        if source not in story.sources:
            break
    else:
        source = next((s for s in sources if s not in story.sources), source)
    return published, source


def _article(rng, number, countries, sources, officials, vocabulary, cumulative, span, weights, story=None):
    """Return ``(unsaved Article, countries, [(person, role, title)], Story)``: a new story's first report,
    or with ``story`` one more report of it by another outlet."""
    if story is not None:
        published, source = _retold(rng, story, sources, weights[2])
        story.sources.append(source)
        return (*_write(rng, number, story, vocabulary, cumulative, published, source), story)
    ow, cw, sw = weights
    picked = []
    for person, office, rank in rng.choices(officials, cum_weights=ow, k=rng.randint(1, 4) + 3):
        if all(p is not person for p, _, _ in picked):
            picked.append((person, office, rank))
    participants = picked[: rng.randint(1, min(4, len(picked)))]
    mentioned = [p for p in picked[len(participants) :] if rng.random() < 0.35][:2]
    if len(participants) == 1 and not mentioned:
        mentioned = picked[1:2]  # the counterpart the headline names is at least mentioned
    article_countries = list(dict.fromkeys([p.country for p, _, _ in participants if p.country]))
    extra = rng.choices(countries, cum_weights=cw, k=rng.randint(0, 2))
    article_countries = list(dict.fromkeys(article_countries + extra))[:4]
    a_person, a_office, a_rank = participants[0]
    b_person, b_office, b_rank = participants[-1] if len(participants) > 1 else (mentioned or participants)[0]
    a_country, b_country = a_person.country, b_person.country
    a_demonym, a_country_name = _words_for(a_country, rng)
    b_demonym, b_country_name = _words_for(b_country, rng)
    published = FIRST_DATE + datetime.timedelta(days=rng.randrange(span))
    source = rng.choices(sources, cum_weights=sw, k=1)[0]
    topic, topic2 = rng.sample(TOPICS, 2)
    fill = {
        "a_country": a_demonym,
        "a_country_name": a_country_name,
        "b_country_name": b_country_name,
        "a_demonym": a_demonym,
        "b_demonym": b_demonym,
        "a_office": f"{a_office} {a_rank}".strip(),
        "b_office": f"{b_office} {b_rank}".strip(),
        "a_name": a_person.name,
        "b_name": b_person.name,
        "office_word": b_office.split()[-1].lower(),
        "city": rng.choice(CITIES),
        "weekday": rng.choice(WEEKDAYS),
        "topic": topic,
        "topic2": topic2,
        "mention": mentioned[0][0].name if mentioned else b_person.name,
    }
    story = Story(participants, mentioned, article_countries, fill, published, [source])
    return (*_write(rng, number, story, vocabulary, cumulative, published, source), story)


def _write(rng, number, story: Story, vocabulary, cumulative, published, source):
    """Return ``(unsaved Article, countries, [(person, role, title)])``: one report of ``story`` in its own words."""
    participants, mentioned, fill = story.participants, story.mentioned, story.fill
    a_person, a_office, a_rank = participants[0]
    b_person, b_office, b_rank = participants[-1] if len(participants) > 1 else (mentioned or participants)[0]
    target = rng.randint(250, 600)
    paragraphs, words = [], 0
    while words < target:
        sentences = [rng.choice(SENTENCES).format(**fill) for _ in range(rng.randint(1, 2))]
        if not paragraphs:  # every report leads with who met whom, where and when
            sentences[0] = SENTENCES[0].format(**fill)
        filler = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(25, 60))
        sentences.append(" ".join(filler).capitalize() + ".")
        paragraph = " ".join(sentences)
        words += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    body = "\n\n".join(paragraphs)
    a_demonym, b_demonym = fill["a_demonym"], fill["b_demonym"]
    title = f"{a_demonym} {a_office} {a_person.name} meets {b_demonym} {b_office} {b_person.name}"
    slug = f"{SLUG_PREFIX}{number}-{published:%Y-%m-%d}"
    article = Article(
        title=title[:300],
        slug=slug,
        url=f"https://{source.slug.removeprefix(SLUG_PREFIX)}.example.org/news/{published:%Y/%m/%d}/{number}",
        body=body,
        published_on=published,
        source=source,
        byline=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        status=Article.Status.PUBLISHED,
        fingerprint=content_fingerprint(body),
        language="en",
        origin=ORIGIN,
    )
    people = [(p, Participation.Role.PARTICIPANT, f"{o} {r}".strip()) for p, o, r in participants]
    people += [(p, Participation.Role.MENTIONED, o) for p, o, _ in mentioned]
    return article, story.countries, people


@dataclass
class Removed:
    articles: int
    officials: int
    sources: int


def synthetic_articles():
    """Return the synthetic articles: made by :func:`generate`, whatever was edited since."""
    return Article.objects.filter(origin=ORIGIN, slug__startswith=SLUG_PREFIX)


def delete(batch: int = BATCH) -> Removed:
    """Delete every synthetic article, then the synthetic officials and outlets no other article refers to.

    Through the ORM's delete, batch by batch, so that the index queue hears of each
    article (the worker removes them from the index). Return how many of each went.
    """
    removed = 0
    while pks := list(synthetic_articles().values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            Article.objects.filter(pk__in=pks).delete()
        removed += len(pks)
    people = Person.objects.filter(slug__startswith=SLUG_PREFIX, participations__isnull=True)
    sources = Source.objects.filter(slug__startswith=SLUG_PREFIX, articles__isnull=True)
    with transaction.atomic():
        _, officials = people.delete()
        _, outlets = sources.delete()
    return Removed(removed, officials.get("archive.Person", 0), outlets.get("archive.Source", 0))
