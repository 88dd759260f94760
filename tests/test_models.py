import datetime

import pytest
from django.db import IntegrityError, transaction

from archive.models import Article, Participation, Person, Source
from archive.text import content_fingerprint, fold
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zakir Həsənov", "zakir hasanov"),
        ("ZAKIR HASANOV", "zakir hasanov"),
        ("İlham Əliyev", "ilham aliyev"),
        ("Ağdam", "agdam"),
    ],
)
def test_fold_is_case_accent_and_alphabet_insensitive(text, folded):
    assert fold(text) == folded


def test_fingerprint_ignores_case_and_spacing():
    assert content_fingerprint("Hasanov  met\nBagheri") == content_fingerprint("hasanov met Bagheri ")
    assert content_fingerprint("Hasanov met Bagheri") != content_fingerprint("Hasanov met Jahangirzadeh")


def test_article_gets_slug_and_fingerprint():
    article = make_article(title="Hasanov meets Bagheri", published_on=datetime.date(2019, 1, 16))
    assert article.slug == "2019-01-16-hasanov-meets-bagheri"
    assert article.fingerprint == content_fingerprint(article.body)
    twin = make_article(title="Hasanov meets Bagheri", published_on=datetime.date(2019, 1, 16), body="Other text")
    assert twin.slug == "2019-01-16-hasanov-meets-bagheri-2"


def test_same_body_twice_is_refused_by_the_database():
    make_article(body="Identical body")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Another headline", body="identical   BODY")


def test_url_is_unique_when_present_but_blank_urls_may_repeat():
    make_article(body="one", url="")
    make_article(body="two", url="")
    make_article(body="three", url="https://news.az/a/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(body="four", url="https://news.az/a/1")


def test_invalid_status_is_refused_by_the_database():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="lost")


def test_invalid_role_and_duplicate_participation_are_refused():
    person = make_person("Zakir Hasanov")
    article = make_article(people=[person])
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(article=article, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.filter(article=article).update(role="host")


def test_slugs_are_unique_and_made_from_folded_names():
    first = make_person("Zakir Həsənov")
    assert first.slug == "zakir-hasanov"
    second = Person.objects.create(name="Zakir Hasanov")
    assert second.slug == "zakir-hasanov-2"
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="X", slug="zakir-hasanov")
    assert Source.objects.create(name="News.Az").slug == "news-az"


def test_published_queryset_hides_drafts_and_withdrawn():
    make_article(body="a", status=Article.Status.PUBLISHED)
    make_article(body="b", status=Article.Status.DRAFT)
    make_article(body="c", status=Article.Status.WITHDRAWN)
    assert [a.body for a in Article.objects.published()] == ["a"]


@pytest.mark.parametrize("prefix", ["/", "/parley/"])
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("records:official", "zakir-hasanov"),
        ("records:country", "AZ"),
        ("records:article", "a_b-9"),
        ("records:country", "Ümid x"),  # not a slug: through reverse, quoted
        ("records:country", "0parley0key0"),
    ],
)
def test_page_paths_equal_reverse_under_any_script_prefix(prefix, name, key):
    from django.urls import reverse, set_script_prefix

    from records.links import page_path

    set_script_prefix(prefix)
    try:
        assert page_path(name, key) == reverse(name, args=[key])
    finally:
        set_script_prefix("/")
