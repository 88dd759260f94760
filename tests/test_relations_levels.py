"""The level of a meeting: its most senior participant's, from offices held or, failing them, from titles."""

from meetings.vocabulary import Format
from offices.roles import Role
from offices.titles import ParsedTitle
from relations.levels import (
    Level,
    MeetingLevel,
    ParticipantLevel,
    meeting_level,
    participant_level,
    role_level,
)


def test_every_role_has_a_level_and_the_brief_groups_hold():
    assert {role_level(role) for role in Role} <= set(Level)
    assert role_level(Role.HEAD_OF_STATE) == role_level(Role.HEAD_OF_GOVERNMENT) == Level.HEAD
    assert role_level(Role.DEFENSE_MINISTER) == role_level(Role.FOREIGN_MINISTER) == Level.MINISTER
    assert role_level(Role.CHIEF_OF_GENERAL_STAFF) == role_level(Role.SERVICE_CHIEF) == Level.CHIEF
    assert role_level(Role.DEPUTY_DEFENSE_MINISTER) == role_level(Role.DEPUTY_CHIEF_OF_GENERAL_STAFF) == Level.DEPUTY
    assert {role_level(r) for r in (Role.AMBASSADOR, Role.MILITARY_ATTACHE, Role.ENVOY)} == {Level.ENVOY}
    assert role_level(Role.SPOKESPERSON) == role_level("no-such-role") == Level.OTHER


def test_offices_on_record_come_before_the_title_as_reported():
    minister_title = ParsedTitle("Defense Minister", role=Role.DEFENSE_MINISTER)
    assert participant_level([Role.AMBASSADOR], minister_title) == ParticipantLevel(Level.ENVOY, from_title=False)
    assert participant_level([], minister_title) == ParticipantLevel(Level.MINISTER, from_title=True)
    assert (
        participant_level([], ParsedTitle("Former Defense Minister", role=Role.DEFENSE_MINISTER, former=True)) is None
    )
    assert participant_level([], ParsedTitle("Mr")) is None
    assert participant_level([], None) is None
    # A double-hatted title counts its highest hat.
    hats = ParsedTitle("First Deputy Minister - Chief of General Staff", role=Role.DEPUTY_DEFENSE_MINISTER,
                       other_roles=(Role.CHIEF_OF_GENERAL_STAFF,))  # fmt: skip
    assert participant_level([], hats).level == Level.CHIEF


def test_a_meeting_takes_its_most_senior_participant_and_says_when_titles_decided():
    envoy = ParticipantLevel(Level.ENVOY, from_title=False)
    minister_by_title = ParticipantLevel(Level.MINISTER, from_title=True)
    minister_on_record = ParticipantLevel(Level.MINISTER, from_title=False)
    assert meeting_level("", [envoy, minister_by_title]) == MeetingLevel(Level.MINISTER, from_titles=True)
    assert meeting_level("", [minister_on_record, minister_by_title]) == MeetingLevel(Level.MINISTER)
    assert meeting_level("", [envoy, None]) == MeetingLevel(Level.ENVOY)
    assert meeting_level("", [None, None]) == MeetingLevel(Level.OTHER)
    assert meeting_level(Format.COMMISSION, [minister_on_record]) == MeetingLevel(Level.WORKING_GROUP)
    assert meeting_level(Format.WORKING_GROUP, []).label == "Working groups and commissions"
