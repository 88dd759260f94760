"""Does a new proposal describe a meeting already on record? (meetings.propose.matching)"""

from dataclasses import replace
from datetime import date

import pytest

from meetings.propose.matching import RecordedMeeting, date_span, find_match, same_meeting
from meetings.propose.proposals import MeetingProposal, ParticipantProposal, PlaceProposal

HASANOV, BAGHERI, ILHAM = 1, 2, 5


def proposal(people=(HASANOV, BAGHERI), start=date(2019, 1, 16), precision="day", city="Baku", country="AZ", **more):
    participants = tuple(ParticipantProposal(name=f"person {i}", person_id=i, side="participant") for i in people)
    fields = {
        "start": start,
        "precision": precision,
        "end": None,
        "date_from_publication": False,
        "place": PlaceProposal(city=city, country=country),
        "mode": "visit",
        "format": "",
        "protocol_level": "",
        "status": "held",
        "relation": "primary",
        "participants": participants,
        "agreements": (),
        "evidence": (),
    }
    return MeetingProposal(**{**fields, **more})


ON_RECORD = RecordedMeeting.from_proposal(proposal(), id=7)


def test_the_same_meeting_reported_again():
    assert same_meeting(proposal(), ON_RECORD)
    assert same_meeting(proposal(city="", country=None), ON_RECORD)  # a report that names no place


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (proposal(people=(ILHAM, BAGHERI)), "the visitor's meeting with another host"),
        (proposal(start=date(2019, 1, 18)), "two days later"),
        (proposal(city="Tehran", country="IR"), "another country"),
        (proposal(city="Ganja"), "another city"),
        (proposal(mode="remote", place=PlaceProposal(stated=False)), "a call is not the visit"),
    ],
)
def test_not_the_same_meeting(other, why):
    assert not same_meeting(other, ON_RECORD), why


def test_dates_agree_within_their_precision():
    assert same_meeting(proposal(start=date(2019, 1, 1), precision="month"), ON_RECORD)  # "in January"
    assert same_meeting(proposal(start=date(2019, 1, 1), precision="year"), ON_RECORD)
    assert not same_meeting(proposal(start=date(2019, 2, 1), precision="month"), ON_RECORD)
    last_week = proposal(start=date(2019, 1, 14), end=date(2019, 1, 20))
    assert same_meeting(last_week, ON_RECORD)


def test_a_late_report_without_a_date_of_its_own():
    late = proposal(start=date(2019, 1, 18), date_from_publication=True)
    assert same_meeting(late, ON_RECORD)
    assert not same_meeting(replace(late, start=date(2019, 1, 25)), ON_RECORD)


def test_a_report_naming_fewer_people_still_matches_but_not_one_naming_others():
    trilateral = RecordedMeeting.from_proposal(proposal(people=(HASANOV, BAGHERI, ILHAM)), id=8)
    assert same_meeting(proposal(), trilateral)
    assert not same_meeting(proposal(people=(HASANOV, BAGHERI, 99)), trilateral)


def test_an_assumed_city_does_not_contradict():
    assumed = proposal(place=PlaceProposal(city="Baku", country="AZ", stated=False))
    assert same_meeting(assumed, replace(ON_RECORD, city="Gabala"))


def test_suggested_names_count_as_people():
    raza = ParticipantProposal(name="Nadeem Raza", person_id=None, side="visitor")
    hasanov = ParticipantProposal(name="Zakir Hasanov", person_id=HASANOV, side="host")
    with_suggestion = proposal(participants=(hasanov, raza))
    recorded = RecordedMeeting.from_proposal(with_suggestion, id=9)
    assert recorded.suggested_names == {"nadeem raza"}
    assert same_meeting(with_suggestion, recorded)
    assert not same_meeting(with_suggestion, ON_RECORD)


def test_a_side_named_by_its_country_counts_as_that_country():
    hasanov = ParticipantProposal(name="Zakir Hasanov", person_id=HASANOV, side="host")
    iranians = ParticipantProposal(name="", person_id=None, side="visitor", country="IR")
    georgians = replace(iranians, country="GE")
    with_iran = proposal(participants=(hasanov, iranians))
    recorded = RecordedMeeting.from_proposal(with_iran, id=11)
    assert recorded.suggested_names == {"country:IR"}
    assert same_meeting(with_iran, recorded)
    assert not same_meeting(proposal(participants=(hasanov, georgians)), recorded)


def test_find_match_takes_the_closest():
    nearby = RecordedMeeting.from_proposal(proposal(start=date(2019, 1, 1), precision="month"), id=3)
    assert find_match(proposal(), [nearby, ON_RECORD]).id == 7
    assert find_match(proposal(start=date(2020, 1, 16)), [nearby, ON_RECORD]) is None


def test_date_span():
    assert date_span(date(2019, 2, 1), "month") == (date(2019, 2, 1), date(2019, 2, 28))
    assert date_span(date(2019, 5, 1), "year") == (date(2019, 1, 1), date(2019, 12, 31))
    assert date_span(date(2019, 1, 14), "day", date(2019, 1, 20)) == (date(2019, 1, 14), date(2019, 1, 20))
