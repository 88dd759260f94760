"""Offices and sectors in search: filters, facets, the sector read per country, machine formats, bad input.

On a real Whoosh index: the seeds (three positions, undated tenures with their articles as
evidence, two meetings) and small archives built here with dated tenures.
"""

import csv
import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db.models import F, Q
from django.http import QueryDict

from archive.models import Article, Participation
from index.build import build_whoosh_index
from offices.models import Position
from query.search import ArticleSearch, MeetingSearch
from tests.factories import make_article, make_person
from tests.offices_factories import day, make_position, make_tenure
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db

DEFENSE_AZ = "minister-of-defense-of-azerbaijan"
STAFF_IR = "chief-of-the-general-staff-of-the-armed-forces-of-iran"
AMBASSADOR_IR = "ambassador-of-iran-to-azerbaijan"


@pytest.fixture
def seeded(seeds, search_index):
    build_whoosh_index()
    return search_index


def article_page(query: str):
    return ArticleSearch(QueryDict(query)).page()


def meeting_page(query: str):
    return MeetingSearch(QueryDict(query)).page()


def counts(page, name):
    return {v.value: v.count for f in page.facets if f.name == name for v in f.values}


def meeting_ids(client, query):
    response = client.get(f"/api/meetings?{query}")
    assert response.status_code == 200, response.content
    return sorted(m["id"] for m in response.json()["results"])


# Seeds: "every meeting between Azerbaijani and Iranian defense officials in 2019" ------------------


def test_meetings_between_azerbaijani_and_iranian_defense_officials_in_2019_is_one_url(client, seeded):
    url = "/meetings/?country=AZ&country=IR&all=country&sector=military&year=2019"
    page = client.get(url).content.decode()
    assert "1 meeting<" in page and "Mohammad Bagheri" in page and "Javad Jahangirzadeh" not in page
    assert meeting_ids(client, url.split("?")[1]) == [1]
    # The other seed meeting: Azerbaijan's defense minister with Iran's ambassador (diplomatic).
    assert meeting_ids(client, "country=AZ&country=IR&all=country&year=2019") == [1, 2]
    assert meeting_ids(client, "country=AZ&country=IR&all=country&sector=diplomatic") == []
    assert meeting_ids(client, "country=IR&sector=diplomatic") == [2]


def test_a_sector_is_read_with_each_chosen_country_not_with_any_participant(seeded):
    # Meeting 2 has an Azerbaijani participant and a military office-holder, but no Iranian military one.
    assert [h.meeting.pk for h in meeting_page("country=AZ&country=IR&all=country&sector=military").hits] == [1]
    # Any of the chosen countries: either an Azerbaijani or an Iranian military office-holder.
    assert sorted(h.meeting.pk for h in meeting_page("country=AZ&country=IR&sector=military").hits) == [1, 2]
    # Without countries: any country.
    assert sorted(h.meeting.pk for h in meeting_page("sector=diplomatic").hits) == [2]
    # Articles read the sector with the participants' countries, the same way.
    page = article_page("participant_country=AZ&participant_country=IR&all=participant_country&sector=military")
    assert [h.article.published_on.isoformat() for h in page.hits] == ["2019-01-16"]
    assert [h.article.published_on.isoformat() for h in article_page("sector=diplomatic").hits] == ["2019-07-18"]


def test_sector_counts_follow_the_chosen_countries_and_ignore_their_own_selection(seeded):
    page = meeting_page("country=AZ&country=IR&all=country&sector=military")
    assert counts(page, "sector") == {"military": 1}  # no meeting has an AZ *and* an IR diplomat
    assert next(f for f in page.facets if f.name == "sector").disjunctive
    page = meeting_page("country=IR")
    assert counts(page, "sector") == {"military": 1, "diplomatic": 1}
    page = meeting_page("year=2019")
    assert counts(page, "sector") == {"military": 2, "diplomatic": 1}
    assert counts(page, "office") == {DEFENSE_AZ: 2, STAFF_IR: 1, AMBASSADOR_IR: 1}


def test_office_facet_is_labelled_from_the_database_and_chips_name_it(client, seeded):
    page = meeting_page(f"office={STAFF_IR}")
    labels = {v.value: v.label for f in page.facets if f.name == "office" for v in f.values}
    assert labels[STAFF_IR] == "Chief of the General Staff of the Armed Forces of Iran"
    html = client.get(f"/search/?office={STAFF_IR}").content.decode()
    assert "Office held: Chief of the General Staff of the Armed Forces of Iran" in html  # the chip
    assert "possibly held then (dates unknown) does not count" in html  # the facet's help


def test_all_office_asks_for_every_office(seeded):
    both = f"office={DEFENSE_AZ}&office={AMBASSADOR_IR}"
    assert len(article_page(both).hits) == 2
    assert [h.article.published_on.isoformat() for h in article_page(both + "&all=office").hits] == ["2019-07-18"]


# Dated tenures: a change of holder, counts against the database -----------------------------------


@pytest.fixture
def two_holders(db, search_index):
    """Azerbaijan's defense ministry held by one minister in 2018 and another from 2019; articles of both."""
    call_command("loaddata", "countries", verbosity=0)
    first, second = make_person("Safar Abiyev", country=None), make_person("Zakir Hasanov", country=None)
    ministry = make_position()
    make_tenure(first, ministry, start="2018-01-01", end="2018-12-31")
    make_tenure(second, ministry, start="2019-01-01", end="2020-12-31")
    articles = {
        "first in office": make_article(published_on=day("2018-06-01"), people=[first]),
        "first after": make_article(published_on=day("2019-06-01"), people=[first]),
        "second before": make_article(published_on=day("2018-03-01"), people=[second]),
        "second in office": make_article(published_on=day("2019-03-01"), people=[second]),
        "both in 2019": make_article(published_on=day("2019-09-01"), people=[first, second]),
        "second mentioned": make_article(
            published_on=day("2019-10-01"), people=[(second, Participation.Role.MENTIONED)]
        ),
    }
    build_whoosh_index()
    return ministry, articles


def test_an_office_filter_matches_whoever_held_it_on_each_articles_date(two_holders):
    ministry, articles = two_holders
    found = {h.article.pk for h in article_page(f"office={ministry.slug}").hits}
    names = {name for name, article in articles.items() if article.pk in found}
    assert names == {"first in office", "second in office", "both in 2019"}


def test_office_facet_counts_are_exact_against_the_database(two_holders):
    ministry, _ = two_holders
    staff = make_person("Najmeddin Sadikov")
    staff_office = make_position("Chief of General Staff", role="chief_of_general_staff")
    make_tenure(staff, staff_office, start="2018-06-01", end="2019-05-31")
    for date in ("2018-05-31", "2018-06-01", "2019-05-31", "2019-06-01"):
        make_article(published_on=day(date), people=[staff, make_person(f"Visitor {date}")])
    build_whoosh_index()
    # The office facet's own selection leaves its counts alone (disjunctive): same as no filter.
    for query, narrowed in (("", {}), ("year=2019", {"published_on__year": 2019}), (f"office={ministry.slug}", {})):
        facet = counts(article_page(query), "office")
        for position in Position.objects.all():
            # Tenures with day-precise dates here: the stored start and end bound the days held.
            in_office = Q(
                participations__role=Participation.Role.PARTICIPANT,
                participations__person__tenures__position=position,
                participations__person__tenures__start_date__lte=F("published_on"),
                participations__person__tenures__end_date__gte=F("published_on"),
            )
            expected = Article.objects.published().filter(in_office, **narrowed).distinct().count()
            assert expected and facet.get(position.slug, 0) == expected, (query, position.slug)


# Machine formats -----------------------------------------------------------------------------------


def test_participants_in_the_api_carry_the_offices_held_that_day(client, seeded):
    data = client.get("/api/search?official=mohammad-bagheri").json()
    (result,) = data["results"]
    offices = {p["slug"]: p["offices"] for p in result["officials"]}
    assert offices["mohammad-bagheri"] == [
        {
            "slug": STAFF_IR,
            "label": "Chief of the General Staff of the Armed Forces of Iran",
            "role": "chief_of_general_staff",
            "sector": "military",
            "country": "IR",
        }
    ]
    assert offices["heydar-aliyev"] == []  # only mentioned
    facet = next(f for f in data["facets"] if f["name"] == "sector")
    assert {v["value"]: v["count"] for v in facet["values"]} == {"military": 1}
    meeting = client.get("/api/meetings/2").json()
    assert {p["person"]["slug"]: [o["slug"] for o in p["offices"]] for p in meeting["participants"]} == {
        "zakir-hasanov": [DEFENSE_AZ],
        "javad-jahangirzadeh": [AMBASSADOR_IR],
    }


def test_exports_and_feeds_gain_the_offices(client, seeded):
    text = read(client.get("/search/export.csv?sector=diplomatic"))
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["office_slugs"] == f"{AMBASSADOR_IR}; {DEFENSE_AZ}"
    assert row["offices"] == (
        "Javad Jahangirzadeh: Ambassador of Iran to Azerbaijan; Zakir Hasanov: Minister of Defense of Azerbaijan"
    )
    text = read(client.get("/meetings/export.csv?office=" + STAFF_IR))
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["office_slugs"] == f"{DEFENSE_AZ}; {STAFF_IR}"
    line = read(client.get("/meetings/export.jsonl?sector=diplomatic"))
    assert f'"slug": "{AMBASSADOR_IR}"' in line
    feed = client.get("/meetings/feed.atom?country=AZ&country=IR&all=country&sector=military").content.decode()
    assert feed.count("<entry>") == 1 and 'term="Chief of the General Staff of the Armed Forces of Iran"' in feed
    feed = client.get("/search/feed.atom?office=" + AMBASSADOR_IR).content.decode()
    assert feed.count("<entry>") == 1 and 'term="Ambassador of Iran to Azerbaijan"' in feed


# Bad input -------------------------------------------------------------------------------------------

BAD_QUERIES = [
    "office=no-such-office",
    "office=" + quote(PAYLOADS[0]),
    "office=" + "a" * 5000,
    "&".join(["office=" + DEFENSE_AZ] * 30),
    "sector=navy",
    "sector=" + quote(PAYLOADS[1]),
    "sector=military&sector=military&sector=MILITARY",
    "sector=" + "x" * 5000,
    "all=sector&sector=military",
    "all=office&office=" + DEFENSE_AZ,
    "country=AZ&country=IR&all=country&sector=military&sector=diplomatic&office=" + STAFF_IR,
    "participant_country=ZZ&sector=military",
    "sector=%00",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_office_and_sector_parameters_never_fail(client, seeded, query):
    for path in ("/search/", "/meetings/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)
        assert MarkupAudit.of(response.content.decode()).dangers == []
    for path in ("/api/search", "/api/meetings", "/search/export.csv", "/meetings/feed.atom"):
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 400), (path, query)
        read(response)


def read(response) -> str:
    """Return a response's text, streamed or not.

    Not ``response.close()``: the test client closes a streamed response once its content is read,
    with Django's ``close_old_connections`` unhooked; closing it again fires ``request_finished``
    hooked, which closes the test's database connection inside its transaction (PostgreSQL)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def test_an_unknown_office_or_sector_is_named(client, seeded):
    html = client.get("/meetings/?office=no-such-office&sector=navy").content.decode()
    assert "Unknown office: no-such-office" in html and "Unknown sector: navy" in html
    response = client.get("/api/search?sector=navy")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"parameter": "sector", "message": "Unknown sector: navy."}]
    assert client.get("/api/meetings?sector=military&sector=military").status_code == 200


def test_a_position_label_with_markup_stays_text(client, seeded):
    Position.objects.filter(slug=STAFF_IR).update(label=PAYLOADS[0])
    Position.objects.filter(slug=AMBASSADOR_IR).update(label=PAYLOADS[1])
    for url in ("/search/", f"/meetings/?office={STAFF_IR}&office={AMBASSADOR_IR}"):
        audit = MarkupAudit.of(client.get(url).content.decode())
        assert audit.dangers == [] and PAYLOADS[0] in audit.page_text and PAYLOADS[1] in audit.page_text
    data = client.get(f"/api/search?office={STAFF_IR}").json()
    assert PAYLOADS[0] in {v["label"] for f in data["facets"] for v in f["values"]}
