"""A synthetic archive of seed-like articles, written in bulk (for benchmarks and load tests).

``generate(n)`` adds ``n`` published articles with participants, countries and an
outlet, deterministic for a given ``seed``. It writes with ``bulk_create`` (no
model signals: nothing is queued for the index), so build the index afterwards.
"""

import datetime
import random

from django.db import transaction

from archive.models import Article, Country, Participation, Person, Source
from archive.text import content_fingerprint

FIRST = ["Zakir", "Mohammad", "Ilham", "Javad", "Hulusi", "Sergei", "Ali", "Kamran", "Elchin", "Hikmet", "Vugar"]
LAST = ["Hasanov", "Bagheri", "Aliyev", "Akar", "Shoigu", "Mammadov", "Guliyev", "Hajiyev", "Mustafayev", "Karimov"]
PLACES = ["Baku", "Tehran", "Ankara", "Moscow", "Ganja", "Tabriz", "Nakhchivan", "Tbilisi", "Astana", "Yerevan"]
TOPICS = ["military cooperation", "border security", "joint exercises", "defense industry", "regional stability"]
WORDS_TEXT = (
    "the sides discussed prospects for cooperation in the fields of defense and security and exchanged "
    "views on regional issues of mutual interest noting the importance of the meeting for both countries "
    "a protocol was signed at the end of the talks delegations held consultations on training programmes"
)
WORDS = WORDS_TEXT.split(" ")


def generate(n: int, seed: int = 1, start=datetime.date(2015, 1, 1), words=300) -> int:
    """Add ``n`` published synthetic articles; return how many were written."""
    rng = random.Random(seed)
    countries = list(Country.objects.filter(code__in=["AZ", "IR", "TR", "RU", "GE", "KZ", "AM"]))
    with transaction.atomic():
        sources = [
            Source.objects.get_or_create(slug=f"synthetic-{i}", defaults={"name": f"Wire {i}"})[0] for i in range(5)
        ]
        people = []
        for first in FIRST:
            for last in LAST:
                slug = f"synthetic-{first}-{last}".lower()
                people.append(Person.objects.get_or_create(slug=slug, defaults={"name": f"{first} {last}"})[0])
        offset = Article.objects.count()
        articles = []
        for i in range(n):
            number = offset + i + 1
            day = start + datetime.timedelta(days=rng.randrange(3650))
            place, topic = rng.choice(PLACES), rng.choice(TOPICS)
            body = " ".join(rng.choice(WORDS) for _ in range(words))
            body = f"{place}, {day:%B %d}. Officials met in {place} to discuss {topic} (synthetic {number}). {body}."
            articles.append(
                Article(
                    title=f"Talks on {topic} in {place} ({number})",
                    slug=f"synthetic-{seed}-{number}",
                    body=body,
                    published_on=day,
                    source=rng.choice(sources),
                    status=Article.Status.PUBLISHED,
                    fingerprint=content_fingerprint(body),
                    origin="bench/synthetic.py",
                )
            )
        Article.objects.bulk_create(articles, batch_size=500)
        created = Article.objects.filter(slug__in=[a.slug for a in articles]).only("pk")
        participations, links = [], []
        for article in created:
            for person in rng.sample(people, 2):
                participations.append(Participation(article=article, person=person, title="Minister of Defense"))
            for country in rng.sample(countries, 2):
                links.append(Article.countries.through(article_id=article.pk, country_id=country.pk))
        Participation.objects.bulk_create(participations, batch_size=1000)
        Article.countries.through.objects.bulk_create(links, batch_size=1000)
    return n
