"""The page, the API, the exports and the feed return the same articles for the same parameters."""

import csv
import datetime
import io
import json
import re
from urllib.parse import urlencode

import feedparser
import pytest

from archive.models import Article, Country, Participation
from index.build import build_whoosh_index
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db

PARAMETER_SETS = [
    {},
    {"sort": "oldest"},
    {"q": "frigate"},
    {"q": "frigate OR submarine", "sort": "newest"},
    {"country": ["AZ", "TR"]},
    {"country": "IR", "date_from": "2021-03-01", "date_to": "2022-06-30"},
    {"official": "ada-rahimova"},
    {"official": ["ada-rahimova", "bora-kaya"], "year": "2022"},
    {"source": "harbour-wire", "q": "-submarine"},
    {"year": ["2021", "2023"], "sort": "oldest"},
]


@pytest.fixture
def corpus(seeds, search_index):
    """28 published articles over three years, plus hidden ones that must never appear."""
    countries = [Country.objects.get(code=c) for c in ("AZ", "IR", "TR", "GE")]
    people = [make_person(n, country=countries[i]) for i, n in enumerate(["Ada Rahimova", "Bora Kaya", "Cem Demir"])]
    sources = [make_source("Harbour Wire"), make_source("Inland Daily")]
    topics = ["frigate visit", "submarine drill", "border talks", "frigate and submarine exercise"]
    for n in range(28):
        make_article(
            title=f"Meeting {n}: {topics[n % 4]}",
            body=f"Officials discussed the {topics[n % 4]} in meeting number {n}.",
            published_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=41 * n),
            source=sources[n % 2],
            countries=[countries[n % 4], countries[(n + 1) % 4]],
            people=[(people[n % 3], Participation.Role.PARTICIPANT), (people[(n + 1) % 3], "mentioned")],
        )
    for status in (Article.Status.DRAFT, Article.Status.WITHDRAWN):
        make_article(title=f"Hidden {status}", body=f"A {status} frigate submarine border talks.", status=status)
    build_whoosh_index()
    # Withdrawn after indexing: still in the index until the next build, never shown.
    Article.objects.filter(title="Meeting 3: frigate and submarine exercise").update(status=Article.Status.WITHDRAWN)


def query_string(params) -> str:
    return urlencode(params, doseq=True)


def from_page(client, params) -> list[int]:
    slugs, number = [], 1
    while True:
        html = client.get(f"/search/?{query_string(params)}&page={number}").content.decode()
        slugs += re.findall(r'<article class="hit">\s*<h3><a href="/articles/([^/]+)/">', html)
        if 'rel="next"' not in html:
            break
        number += 1
    by_slug = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [by_slug[s] for s in slugs]


def from_api(client, params) -> list[int]:
    ids, url = [], f"/api/search?{query_string(params)}&page_size=7"
    while url:
        data = client.get(url).json()
        ids += [r["id"] for r in data["results"]]
        url = data["next"]
    return ids


def from_csv(client, params) -> list[int]:
    text = b"".join(client.get(f"/search/export.csv?{query_string(params)}").streaming_content).decode()
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))]


def from_jsonl(client, params) -> list[int]:
    text = b"".join(client.get(f"/search/export.jsonl?{query_string(params)}").streaming_content).decode()
    return [json.loads(line)["id"] for line in text.splitlines()]


def from_feed(client, params) -> list[int]:
    feed = feedparser.parse(client.get(f"/search/feed.atom?{query_string(params)}").content)
    slugs = [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries]
    by_slug = dict(Article.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [by_slug[s] for s in slugs]


@pytest.mark.parametrize("params", PARAMETER_SETS, ids=query_string)
def test_every_renderer_returns_the_same_articles(client, corpus, params):
    page = from_page(client, params)
    assert page, "each parameter set matches something"
    assert from_api(client, params) == page
    assert from_csv(client, params) == page
    assert from_jsonl(client, params) == page
    # The feed is always newest first: same articles, newest-first order.
    newest = from_page(client, {**params, "sort": "newest"})
    assert from_feed(client, params) == newest and sorted(newest) == sorted(page)
    visible = set(Article.objects.published().values_list("pk", flat=True))
    assert set(page) <= visible
