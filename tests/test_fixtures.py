import datetime

import pycountry
import pytest
from django.core import serializers
from django.core.management import call_command

from archive.models import Article, Country, Participation, Person, PersonAlias, Source

pytestmark = pytest.mark.django_db


def snapshot():
    models = [Country, Source, Person, PersonAlias, Article, Participation]
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


def test_loading_the_fixtures_twice_changes_nothing(seeds):
    before = snapshot()
    call_command("loaddata", "countries", "seeds", verbosity=0)
    assert snapshot() == before


def test_every_iso_country_is_there_with_words_for_the_region(seeds):
    assert Country.objects.count() == len(pycountry.countries)
    iran = Country.objects.get(code="IR")
    assert iran.name == "Iran"
    assert "Iranian" in iran.demonyms and "Islamic Republic of Iran" in iran.names()
    assert "Azerbaijani" in Country.objects.get(code="AZ").demonyms
    for code in ["AM", "GE", "TR", "RU", "IQ", "TM"]:
        assert Country.objects.get(code=code).demonyms, code


def _people(article, role):
    return {p.person.slug: p.title for p in article.participations.all() if p.role == role}


def test_first_seed_facts(seeds):
    article = Article.objects.get(origin__endswith="000_b4fb515cffe29073.txt")
    assert article.published_on == datetime.date(2019, 1, 16)
    assert article.source.name == "News.Az" and article.is_published
    assert _people(article, "participant") == {
        "zakir-hasanov": "Defense Minister, Colonel General",
        "mohammad-bagheri": (
            "Chief of the General Staff of the Armed Forces of the Islamic Republic of Iran, Major General"
        ),
    }
    assert set(_people(article, "mentioned")) == {"heydar-aliyev", "ilham-aliyev"}
    assert {c.code for c in article.countries.all()} == {"AZ", "IR", "AM"}
    assert "16 px" not in article.body and not article.body.rstrip().endswith("News.Az")
    assert article.body.startswith("Azerbaijani Defense Minister") and article.raw_text.startswith(" date 2019-01-16")


def test_second_seed_facts(seeds):
    article = Article.objects.get(origin__endswith="003_858d54ea39a6aa04.txt")
    assert article.published_on == datetime.date(2019, 7, 18)
    assert article.byline == "Abdul Kerimkhanov" and article.source is None
    assert _people(article, "participant") == {
        "zakir-hasanov": "Defense Minister, Colonel General",
        "javad-jahangirzadeh": "Ambassador of Iran to Azerbaijan",
    }
    assert _people(article, "mentioned") == {}
    assert {c.code for c in article.countries.all()} == {"AZ", "IR"}
    assert "By Abdul" not in article.body


def test_bootstrap_loads_seeds_once_and_keeps_curators_edits(db):
    call_command("bootstrap", verbosity=0)
    assert Article.objects.count() == 2
    Article.objects.filter(slug__startswith="2019-01-16").update(title="Edited by a curator")
    call_command("bootstrap", verbosity=0)
    assert Article.objects.count() == 2
    assert Article.objects.filter(title="Edited by a curator").exists()
