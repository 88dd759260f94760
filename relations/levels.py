"""The level of a meeting: the highest level among its participants, from the offices they held that day.

A participant's level is read from the offices on record as held on the meeting's date
(offices/held.py, each position's role); when no office is on record, from the title
as reported (offices/titles.py). A level read from a title is the machine's reading
and is labelled so wherever it is shown. A working group or joint commission session
is counted as such whoever co-chairs it: analysts count those sessions apart from
the talks of the officials who chair them.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from meetings.vocabulary import Format
from offices.roles import Role


class Level(models.TextChoices):
    """Levels of a meeting, highest first (the order of :data:`RANK`)."""

    HEAD = "head", "Heads of state or government"
    MINISTER = "minister", "Ministers"
    CHIEF = "chief", "Chiefs of staff and service chiefs"
    DEPUTY = "deputy", "Deputies"
    ENVOY = "envoy", "Envoys (ambassadors, attachés, special envoys)"
    WORKING_GROUP = "working_group", "Working groups and commissions"
    OTHER = "other", "Other officials, or level not known"


# Higher is more senior; a working group outranks nobody: its format decides, not its members.
RANK = {
    Level.HEAD: 6,
    Level.MINISTER: 5,
    Level.CHIEF: 4,
    Level.DEPUTY: 3,
    Level.ENVOY: 2,
    Level.WORKING_GROUP: 1,
    Level.OTHER: 0,
}

ROLE_LEVELS = {
    Role.HEAD_OF_STATE: Level.HEAD,
    Role.HEAD_OF_GOVERNMENT: Level.HEAD,
    Role.FOREIGN_MINISTER: Level.MINISTER,
    Role.DEFENSE_MINISTER: Level.MINISTER,
    Role.INTERIOR_MINISTER: Level.MINISTER,
    Role.MINISTER: Level.MINISTER,
    # The secretaries of the security councils sit at the ministers' table (Iran's SNSC, Azerbaijan's).
    Role.SECURITY_COUNCIL_SECRETARY: Level.MINISTER,
    Role.CHIEF_OF_GENERAL_STAFF: Level.CHIEF,
    Role.SERVICE_CHIEF: Level.CHIEF,
    Role.COMMANDER: Level.CHIEF,
    Role.SECURITY_SERVICE_CHIEF: Level.CHIEF,
    # A vice president stands in for the head of state as a deputy does for a minister.
    Role.VICE_PRESIDENT: Level.DEPUTY,
    Role.DEPUTY_FOREIGN_MINISTER: Level.DEPUTY,
    Role.DEPUTY_DEFENSE_MINISTER: Level.DEPUTY,
    Role.DEPUTY_MINISTER: Level.DEPUTY,
    Role.DEPUTY_CHIEF_OF_GENERAL_STAFF: Level.DEPUTY,
    Role.AMBASSADOR: Level.ENVOY,
    Role.MILITARY_ATTACHE: Level.ENVOY,
    Role.ENVOY: Level.ENVOY,
}

WORKING_FORMATS = frozenset({Format.WORKING_GROUP, Format.COMMISSION})


def role_level(role: str) -> str:
    """Return the :class:`Level` of an office's role (``Level.OTHER`` for speakers, spokespeople, unknown roles)."""
    return ROLE_LEVELS.get(role, Level.OTHER)


def highest(levels: Iterable[str]) -> str:
    """Return the most senior of ``levels`` (``Level.OTHER`` when there is none)."""
    return max(levels, key=RANK.__getitem__, default=Level.OTHER)


@dataclass(frozen=True)
class ParticipantLevel:
    """One participant's level, and whether it was read from the title as reported (no office on record)."""

    level: str
    from_title: bool


@dataclass(frozen=True)
class MeetingLevel:
    """A meeting's level; ``from_titles`` when no office on record reaches it (the machine read it from titles)."""

    level: str
    from_titles: bool = False

    @property
    def label(self) -> str:
        return Level(self.level).label


def participant_level(office_roles: Iterable[str], parsed_title=None) -> ParticipantLevel | None:
    """Return a participant's level from the roles of the offices they held that day or, with none, from
    ``parsed_title`` (an :class:`offices.titles.ParsedTitle`); ``None`` when neither says anything."""
    roles = list(office_roles)
    if roles:
        return ParticipantLevel(highest(role_level(role) for role in roles), from_title=False)
    if parsed_title is not None and parsed_title.role and not parsed_title.former:
        roles = [parsed_title.role, *parsed_title.other_roles]
        return ParticipantLevel(highest(role_level(role) for role in roles), from_title=True)
    return None


def meeting_level(meeting_format: str, participants: Iterable[ParticipantLevel | None]) -> MeetingLevel:
    """Return the level of a meeting of ``meeting_format`` with these participants' levels."""
    if meeting_format in WORKING_FORMATS:
        return MeetingLevel(Level.WORKING_GROUP)
    known = [p for p in participants if p is not None]
    if not known:
        return MeetingLevel(Level.OTHER)
    level = highest(p.level for p in known)
    on_record = any(p.level == level and not p.from_title for p in known)
    return MeetingLevel(level, from_titles=not on_record)
