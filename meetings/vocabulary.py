"""The controlled vocabularies of meetings, and their mapping to the event-data field.

Parley stores its own fields (mode, side, status ...); the PLOVER event and mode and
the CAMEO codes are derived from them on export, never stored. The choices are
``TextChoices`` so that the models can use them as they are.

PLOVER codes every meeting as ``CONSULT`` with a mode (``visit``, ``third-party``,
``multilateral``, ``phone``), the visitor as actor and the host as recipient;
announced meetings are ``AGREE`` and signing is ``SUPPORT``. CAMEO codes a visit
twice, 042 for the visitor and 043 for the host.
"""

from django.db import models


class Mode(models.TextChoices):
    """How the sides came together."""

    VISIT = "visit", "visit"  # one side travels to the other
    THIRD_PARTY = "third_party", "third party"  # both abroad, e.g. on the sidelines of a summit
    MULTILATERAL = "multilateral", "multilateral"  # more than two countries at one table
    REMOTE = "remote", "remote"  # telephone or video


class Format(models.TextChoices):
    """The kind of session, where the article says."""

    TALKS = "talks", "talks"
    ONE_ON_ONE = "one_on_one", "one-on-one"
    EXPANDED = "expanded", "expanded format"
    WORKING_GROUP = "working_group", "working group session"
    COMMISSION = "commission", "joint commission session"
    COURTESY_CALL = "courtesy_call", "courtesy call"
    CREDENTIALS = "credentials", "presentation of credentials"
    PHONE_CALL = "phone_call", "telephone conversation"
    VIDEO_CALL = "video_call", "video conference"
    WORKING_LUNCH = "working_lunch", "working lunch or dinner"


class ProtocolLevel(models.TextChoices):
    """The protocol level of a visit, as curated visit datasets list them."""

    STATE = "state", "state visit"
    OFFICIAL = "official", "official visit"
    OFFICIAL_WORKING = "official_working", "official working visit"
    WORKING = "working", "working visit"
    PRIVATE = "private", "private visit"
    INFORMAL = "informal", "informal visit"
    GOODWILL = "goodwill", "goodwill visit"


class Status(models.TextChoices):
    """Whether the meeting took place."""

    HELD = "held", "held"
    PLANNED = "planned", "planned"
    POSTPONED = "postponed", "postponed"
    CANCELLED = "cancelled", "cancelled"


class Side(models.TextChoices):
    """A participant's part in the meeting."""

    HOST = "host", "host"
    VISITOR = "visitor", "visitor"
    PARTICIPANT = "participant", "participant"  # no host or visitor: calls, summits, third places
    MEDIATOR = "mediator", "mediator"
    DELEGATION_MEMBER = "delegation_member", "delegation member"


class Relation(models.TextChoices):
    """What an article is to a meeting it speaks of."""

    PRIMARY = "primary", "primary report"
    FOLLOW_UP = "follow_up", "follow-up"  # refers back to a meeting it did not first report
    BACKGROUND = "background", "background mention"  # recalls an earlier meeting in passing


class AgreementKind(models.TextChoices):
    """The kind of document signed at a meeting."""

    PROTOCOL = "protocol", "protocol"
    MEMORANDUM = "memorandum", "memorandum of understanding"
    PLAN = "plan", "plan of cooperation"
    AGREEMENT = "agreement", "agreement"
    JOINT_STATEMENT = "joint_statement", "joint statement"
    DECLARATION = "declaration", "declaration"
    CONTRACT = "contract", "contract"
    ROADMAP = "roadmap", "roadmap"


class DatePrecision(models.TextChoices):
    """How much of a date the text gives."""

    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


# --- Export: PLOVER and CAMEO -------------------------------------------------------------------

PLOVER_CONSULT, PLOVER_AGREE, PLOVER_SUPPORT = "CONSULT", "AGREE", "SUPPORT"
_PLOVER_MODES = {
    Mode.VISIT: "visit",
    Mode.THIRD_PARTY: "third-party",
    Mode.MULTILATERAL: "multilateral",
    Mode.REMOTE: "phone",
}
CAMEO_CONSULT, CAMEO_PHONE, CAMEO_VISIT, CAMEO_HOST = "040", "041", "042", "043"
CAMEO_THIRD_PLACE, CAMEO_NEGOTIATE, CAMEO_SIGN = "044", "046", "057"


def plover_event(status: str) -> str:
    """Return the PLOVER event of a meeting: ``CONSULT`` once held, ``AGREE`` (to meet) before."""
    return PLOVER_CONSULT if status == Status.HELD else PLOVER_AGREE


def plover_mode(mode: str) -> str:
    """Return the PLOVER mode of a Parley mode (``remote`` is PLOVER's ``phone``), or "" if unknown."""
    return _PLOVER_MODES.get(mode, "")


def cameo_code(mode: str, side: str = "", negotiation: bool = False) -> str:
    """Return the CAMEO code of one participant's part in a held meeting.

    A visit is two codes: 042 for the visitor, 043 for the host; a side that is
    neither (a delegation member is coded with its head) gets 040. ``negotiation``
    marks talks reported as negotiations (046), which CAMEO ranks above a plain
    third-place meeting.
    """
    if mode == Mode.REMOTE:
        return CAMEO_PHONE
    if negotiation:
        return CAMEO_NEGOTIATE
    if mode == Mode.VISIT:
        if side == Side.HOST:
            return CAMEO_HOST
        if side in (Side.VISITOR, Side.DELEGATION_MEMBER):
            return CAMEO_VISIT
        return CAMEO_CONSULT
    if mode in (Mode.THIRD_PARTY, Mode.MULTILATERAL):
        return CAMEO_THIRD_PLACE
    return CAMEO_CONSULT


def cameo_codes(mode: str, sides: list[str], agreements: int = 0, negotiation: bool = False) -> list[str]:
    """Return the CAMEO codes of a held meeting: one per distinct part, then 057 when something was signed."""
    codes = list(dict.fromkeys(cameo_code(mode, side, negotiation) for side in sides or [""]))
    if agreements:
        codes.append(CAMEO_SIGN)
    return codes
