"""Article slugs: at most 60 characters, cut at a word, unique; the data migration that shortened
the long ones and kept each old slug as a redirect."""

import datetime
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import ARTICLE_SLUG_LENGTH, Article, ArticleRedirect, cut_at_word
from tests.factories import make_article

pytestmark = pytest.mark.django_db
LONG_HEADLINE = (
    "Azerbaijani Defense Minister Colonel General Zakir Hasanov receives the Chief of the General Staff "
    "of the Armed Forces of Iran"
)


@pytest.mark.parametrize(
    ("slug", "limit", "expected"),
    [
        ("short-slug", 60, "short-slug"),
        ("alpha-beta-gamma", 10, "alpha-beta"),  # the cut falls on a hyphen: the words before it
        ("alpha-beta-gamma", 12, "alpha-beta"),  # inside "gamma": back to the last whole word
        ("alpha-beta-gamma", 16, "alpha-beta-gamma"),
        ("2019-01-16-" + "x" * 70, 60, "2019-01-16-" + "x" * 49),  # one huge word: cut inside it
        ("-edge-", 60, "edge"),
    ],
)
def test_cut_at_word(slug, limit, expected):
    assert cut_at_word(slug, limit) == expected


def test_a_long_headline_makes_a_slug_of_whole_words_within_60_characters():
    article = make_article(title=LONG_HEADLINE, published_on=datetime.date(2019, 1, 16))
    assert len(article.slug) <= ARTICLE_SLUG_LENGTH
    assert article.slug == "2019-01-16-azerbaijani-defense-minister-colonel-general"  # 55; "-zakir" makes 61
    full = "2019-01-16-" + "-".join(LONG_HEADLINE.lower().split())
    assert full.startswith(article.slug + "-")  # cut between two words, not inside one


def test_the_same_long_headline_twice_gets_a_unique_slug_still_within_the_limit():
    first = make_article(title=LONG_HEADLINE, published_on=datetime.date(2019, 1, 16))
    second = make_article(title=LONG_HEADLINE, published_on=datetime.date(2019, 1, 16))
    assert second.slug != first.slug and second.slug.endswith("-2") and len(second.slug) <= ARTICLE_SLUG_LENGTH


def test_a_headline_taken_more_often_than_one_query_asks_about_still_gets_the_next_free_slug():
    from archive.models import core

    day = datetime.date(2020, 5, 2)
    kept = make_article(title="Talks in Baku", published_on=day)
    for _ in range(core.SLUG_TRIES):  # -2 to -21
        make_article(title="Talks in Baku", published_on=day)
    ArticleRedirect.objects.create(old_slug=f"2020-05-02-talks-in-baku-{core.SLUG_TRIES + 2}", article=kept)
    with CaptureQueriesContext(connection) as queries:
        slug = core.unique_slug(
            Article, "2020-05-02 Talks in Baku", ARTICLE_SLUG_LENGTH, reserved=ArticleRedirect.objects
        )
    assert slug == f"2020-05-02-talks-in-baku-{core.SLUG_TRIES + 3}"  # the one a redirect holds is skipped too
    assert len(queries) == 4  # two candidates' batches, each asked of articles and of redirects


def test_a_former_slug_is_not_given_to_a_new_article():
    kept = make_article(title="Talks in Baku", published_on=datetime.date(2020, 5, 1))
    ArticleRedirect.objects.create(old_slug="2020-05-01-talks-in-ganja", article=kept)
    newcomer = make_article(title="Talks in Ganja", published_on=datetime.date(2020, 5, 1))
    assert newcomer.slug == "2020-05-01-talks-in-ganja-2"


def test_the_import_cuts_derived_headlines_slugs_too(db, tmp_path):
    from django.core.management import call_command

    call_command("loaddata", "countries", verbosity=0)
    path = tmp_path / "long.jsonl"
    body = LONG_HEADLINE + ". They discussed military cooperation between the two countries at length."
    path.write_text(json.dumps({"text": body, "date": "2019-01-16", "source": "News.Az"}) + "\n")
    report = run_import([InputFile.from_path(path)], ImportOptions(publish=True))
    assert report.ok and len(report.created) == 1
    article = Article.objects.get()
    assert len(article.slug) <= ARTICLE_SLUG_LENGTH and article.slug.startswith("2019-01-16-azerbaijani-defense")
    assert not article.slug.endswith("-")


@pytest.mark.django_db(transaction=True)
def test_the_migration_shortens_long_slugs_and_keeps_them_as_redirects():
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0009_former_slugs")])
    old_apps = executor.loader.project_state([("archive", "0009_former_slugs")]).apps
    OldArticle = old_apps.get_model("archive", "Article")
    # Within the 120 characters the old column allowed (PostgreSQL enforces them; SQLite does not).
    long_slug = cut_at_word("2019-01-16-" + "-".join(LONG_HEADLINE.lower().split()), 110)
    clash = cut_at_word(long_slug, 60)
    rows = [
        OldArticle.objects.create(
            title=LONG_HEADLINE, slug=slug, body=f"body {n}", published_on="2019-01-16", fingerprint=f"f{n}"
        )
        for n, slug in enumerate([long_slug, long_slug + "-2", clash, "2019-01-16-short"])
    ]
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0010_shorten_article_slugs")])
    slugs = dict(Article.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "slug"))
    first, second, clashing, short = (slugs[r.pk] for r in rows)
    assert (clashing, short) == (clash, "2019-01-16-short")  # slugs already short are left alone
    assert len({first, second, clashing}) == 3 and all(len(s) <= 60 for s in (first, second))
    assert first.startswith(clash[:50]) and not first.endswith("-")
    redirects = dict(ArticleRedirect.objects.values_list("old_slug", "article_id"))
    assert redirects == {long_slug: rows[0].pk, long_slug + "-2": rows[1].pk}
