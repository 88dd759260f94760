"""Offices on the record pages, with the seeds: the official page's offices held, rank and titles; the
position page; the meeting page's offices held then; markup in offices stays text; bad slugs are 404."""

import re

import pytest

from archive.models import Participation, Person
from offices import curation
from offices.models import Position, Tenure, TenureEvidence, TenureSuggestion
from tests.factories import make_article
from tests.offices_factories import day, make_position, make_tenure
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db
DEFENSE = "/positions/minister-of-defense-of-azerbaijan/"
JANUARY = "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"
JULY = "/articles/2019-07-18-hasanov-meets-iranian-ambassador-jahangirzadeh/"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, heading_id: str) -> str:
    """Return the HTML of the section whose heading has ``heading_id``."""
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_the_official_page_shows_offices_held_with_their_evidence(client, seeds):
    html = client.get("/officials/zakir-hasanov/").content.decode()
    offices = section(html, "offices-heading")
    assert f'<a href="{DEFENSE}">Minister of Defense of Azerbaijan</a>' in offices
    assert "From unknown To unknown Evidence reported in this office from 2019-01-16 to 2019-07-18" in text(offices)
    assert f'from <a href="{JANUARY}"><time datetime="2019-01-16">' in offices
    assert f'to <a href="{JULY}"><time datetime="2019-07-18">' in offices
    assert "2 articles in evidence" in text(offices)
    assert "Proposed by the import" not in html  # no open suggestion in the seeds
    assert "Colonel General 2019-07-18 2019-01-16 2" in text(section(html, "ranks-heading"))
    assert "Defense Minister, Colonel General 2019-01-16 2019-07-18 2" in text(section(html, "titles-heading"))


def test_partial_dates_acting_and_what_ended_a_tenure(client, seeds):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    chief = make_position("Chief of the General Staff of Azerbaijan", role="chief_of_general_staff")
    make_tenure(hasanov, chief, start="2012-03", end="2013", acting=True, end_cause="replaced")
    flat = text(section(client.get("/officials/zakir-hasanov/").content.decode(), "offices-heading"))
    assert (
        "Chief of the General Staff of Azerbaijan acting From 2012-03 To 2013 Ended Replaced or moved to another "
        "office Evidence no published article on record Minister of Defense of Azerbaijan" in flat
    )


def test_a_suggestion_shows_as_a_proposal_until_accepted_then_as_a_tenure(client, seeds):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    article = make_article(title="Hasanov in Sheki", published_on=day("2018-02-01"), people=[hasanov])
    suggestion = TenureSuggestion.objects.create(
        article=article, date=article.published_on, name=hasanov.name, person=hasanov, position=defense,
        reported_title="Defense Minister", role="defense_minister", conflict="before_start",
    )  # fmt: skip
    html = client.get("/officials/zakir-hasanov/").content.decode()
    flat = text(section(html, "offices-heading"))
    assert "Proposed Proposed by the import, not reviewed" in flat
    assert "“Defense Minister” in Hasanov in Sheki ( 2018-02-01 ), read as Minister of Defense of Azerbaijan" in flat
    assert flat.count("Minister of Defense of Azerbaijan") == 2  # one tenure, one proposal
    curation.accept(suggestion)
    flat = text(section(client.get("/officials/zakir-hasanov/").content.decode(), "offices-heading"))
    assert "Proposed by the import" not in flat
    assert "reported in this office on 2018-02-01" in flat  # the new tenure, shown at once


def test_the_position_page_lists_what_the_office_is_and_its_holders(client, seeds):
    html = client.get(DEFENSE).content.decode()
    flat = text(html)
    assert (
        "Office Defense minister Sector Military Country Azerbaijan Organisation Ministry of Defense "
        "Also written Defense Minister; Defence Minister; Minister of Defense; Müdafiə naziri" in flat
    )
    holders = section(html, "holders-heading")
    assert '<a href="/officials/zakir-hasanov/">Zakir Hasanov</a>' in holders
    assert "reported in this office from 2019-01-16 to 2019-07-18" in text(holders)
    assert "2019-07-18 Zakir Hasanov · Javad Jahangirzadeh 2019-01-16 Zakir Hasanov · Mohammad Bagheri" in text(holders)
    assert '<a href="/meetings/1/">' in holders and '<a href="/meetings/2/">' in holders
    assert "2 meetings on record while in this office." in text(holders)
    assert '<a href="/meetings/?official=zakir-hasanov">Search the meetings of Zakir Hasanov</a>' in holders
    assert "Unknown after 2019-07-18 . No later report or recorded end" in text(holders)


def test_the_envoy_page_names_the_country_it_is_accredited_to(client, seeds):
    flat = text(client.get("/positions/ambassador-of-iran-to-azerbaijan/").content.decode())
    assert "Country Iran Accredited to Azerbaijan Also written Iranian Ambassador to Azerbaijan Holders" in flat
    assert "Javad Jahangirzadeh From unknown To unknown Evidence reported in this office on 2019-07-18" in flat


def test_a_change_of_holder_and_the_gap_before_the_next_report(client, seeds):
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    abiyev = Person.objects.create(name="Safar Abiyev", country_id="AZ")
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22", end_cause="replaced")
    flat = text(client.get(DEFENSE).content.decode())
    assert (
        "Safar Abiyev From 1995-02 To 2013-10-22 Ended Replaced or moved to another office "
        "Evidence no published article on record Meetings in this office No meeting on record while in this "
        "office. Search the meetings of Safar Abiyev "
        "Unknown after 2013-10-22 and before 2019-01-16 . The record does not say who held the office then. "
        "Zakir Hasanov From unknown" in flat
    )


def test_the_position_page_costs_a_fixed_number_of_queries(client, seeds, django_assert_max_num_queries):
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    for n in range(6):
        holder = Person.objects.create(name=f"Minister {n}", country_id="AZ")
        article = make_article(published_on=day(f"200{n}-06-01"), people=[holder])
        make_tenure(holder, defense, start=f"200{n}", end=f"200{n}-12-31", evidence=[article])
    with django_assert_max_num_queries(9):
        response = client.get(DEFENSE)
    assert text(response.content.decode()).count("Evidence reported in this office on") == 6


def test_the_meeting_page_links_the_office_each_participant_held_then(client, seeds):
    html = client.get("/meetings/1/").content.decode()
    assert f'In office then:</span> <a href="{DEFENSE}">Minister of Defense of Azerbaijan</a>' in html
    assert (
        '<a href="/positions/chief-of-the-general-staff-of-the-armed-forces-of-iran/">Chief of the General Staff of'
        in html
    )
    # Hasanov's tenure has no recorded start: a meeting before his first report is not "in office then".
    Tenure.objects.filter(person__slug="zakir-hasanov").update(end_date=day("2019-01-01"), end_precision="day")
    assert DEFENSE not in client.get("/meetings/1/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/positions/nobody/",
        "/positions/%3Cscript%3E/",
        "/positions/" + "a" * 500 + "/",
        "/positions/m%C3%BCdafi%C9%99/",
        "/positions/..%2F..%2Fetc/",
        "/positions/minister-of-defense-of-azerbaijan%00/",
        "/positions/-/",
    ],
)
def test_bad_position_slugs_are_404(client, seeds, url):
    assert client.get(url).status_code == 404


def test_markup_in_offices_and_titles_stays_text(client, seeds):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    article = make_article(title="Hasanov again", published_on=day("2020-02-02"), people=[hasanov])
    for number, payload in enumerate(PAYLOADS, 1):
        position = make_position(
            f"Office {number} {payload}"[:200],
            role="minister",
            organisation=f"Ministry {number} {payload}"[:200],
            other_labels=[f"Label {number} {payload}"],
        )
        tenure = make_tenure(hasanov, position, start=f"{1990 + number}", end=f"{1990 + number}")
        TenureEvidence.objects.create(tenure=tenure, article=article, reported_title=f"Title {number} {payload}")
        TenureSuggestion.objects.create(
            article=article, date=article.published_on, name=hasanov.name, person=hasanov, position=position,
            reported_title=f"Proposed {number} {payload}", role="minister",
        )  # fmt: skip
    Participation.objects.filter(article=article, person=hasanov).update(title=f"Major General {PAYLOADS[0]}")
    pages = {"/officials/zakir-hasanov/": ["Office", "Title", "Proposed"]}
    for position in Position.objects.filter(label__startswith="Office "):
        pages[position.get_absolute_url()] = ["Office", "Ministry", "Label", "Title"]
    for url, kinds in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        audit = MarkupAudit.of(response.content.decode())
        assert audit.dangers == [], f"{url}: {audit.dangers}"
        shown = audit.page_text
        numbers = range(1, len(PAYLOADS) + 1) if url.startswith("/officials/") else [int(url.split("-")[1])]
        for number in numbers:
            for kind in kinds:
                assert f"{kind} {number} {PAYLOADS[number - 1]}" in shown, (url, kind, number)
    assert (
        f"Major General {PAYLOADS[0]}"
        in MarkupAudit.of(client.get("/officials/zakir-hasanov/").content.decode()).page_text
    )
