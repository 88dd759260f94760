"""Sides named only by their country (meetings.propose.delegations), and how the pairing seats them.

The texts go through the real linking (the real country fixture, the evaluation's people).
"""

from datetime import date

import pytest

from archive.ingest.linking import link
from meetings.propose import article_input, propose
from tests.meeting_eval import gazetteer, people

HASANOV, BAGHERI, ILHAM = 1, 2, 5


def reading(body):
    countries = {p.id: p.country for p in people()}
    return article_input(body, link(body, gazetteer()), gazetteer(), date(2024, 6, 12), person_countries=countries)


def sides(body):
    """Return the country sides of ``body``, each as its code and the words that name it."""
    return [(p.country, [body[s:e] for s, e in p.spans]) for p in reading(body).participants if p.is_country_side]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Zakir Hasanov received a delegation of Iran's Ministry of Defense.", [("IR", ["Iran"])]),
        ("Zakir Hasanov received an Iranian military delegation on Tuesday.", [("IR", ["Iranian"])]),
        ("Zakir Hasanov held talks with officials of the Georgian Defense Ministry.", [("GE", ["Georgian"])]),
        # A body's name between "delegation of the" and its country (blind-c h148: the visit was missed).
        (
            "Zakir Hasanov received a delegation of the Defence and Security Committee of Georgia's parliament.",
            [("GE", ["Georgia"])],
        ),
    ],
)
def test_the_shapes_of_a_side_named_by_its_country(body, expected):
    assert sides(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Zakir Hasanov spoke about the situation in Iran and cooperation with Georgia.",
        "The Iranian side thanked Zakir Hasanov.",
        "Azerbaijan and Iran are neighbours, Zakir Hasanov said.",
        "Zakir Hasanov said that Azerbaijan and Armenia held talks on the border last week.",
    ],
)
def test_a_country_named_otherwise_is_no_side(body):
    assert sides(body) == []


def test_a_delegation_led_by_someone_is_that_persons_side():
    body = (
        "Azerbaijan and Iran held consultations in Tehran on Tuesday. The Azerbaijani delegation was led by "
        "Deputy Foreign Minister Elnur Mammadov, who held talks with officials of the Iranian Foreign Ministry."
    )
    found = {p.key: p.country for p in reading(body).participants}
    assert found == {"name:Elnur Mammadov": "AZ", "country:IR": "IR"}  # the head takes the delegation's country


def test_a_meeting_with_a_side_named_by_its_country():
    body = (
        "Defense Minister Zakir Hasanov on Tuesday received a delegation of Iran's Ministry of Defense, which "
        "arrived in Baku for talks. At the end of the meeting, a roadmap was signed."
    )
    (meeting,) = propose(reading(body))
    parts = {(p.person_id, p.name, p.country, p.side) for p in meeting.participants}
    assert parts == {(HASANOV, "Zakir Hasanov", "AZ", "host"), (None, "", "IR", "visitor")}
    assert (meeting.start, meeting.place.city, meeting.mode) == (date(2024, 6, 11), "Baku", "visit")
    assert [a.kind for a in meeting.agreements] == ["roadmap"]


def test_a_country_side_gives_way_to_a_person_of_its_country():
    body = (
        "Zakir Hasanov met with Mohammad Bagheri in Baku on Tuesday. "
        "Prior to the meeting, the Iranian delegation visited the Alley of Martyrs. "
        "Hasanov greeted the Iranian delegation."
    )
    (meeting,) = propose(reading(body))
    assert {p.person_id for p in meeting.participants} == {HASANOV, BAGHERI}


def test_countries_alone_make_no_meeting():
    assert propose(reading("An Iranian delegation met officials of the Georgian Defense Ministry on Tuesday.")) == []
