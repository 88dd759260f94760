"""What kind of meeting a sentence reports: the words of mode, status, format and protocol level.

Each function reads text and returns a vocabulary value (or "" / None when the
text does not say). They are read over the sentences of one meeting; the
proposer decides which sentences count for what (the status only from the
sentences that name both sides, so that "he is scheduled to visit the naval
base on Thursday" does not turn a held meeting into a planned one).
"""

import re
from functools import lru_cache

from meetings.vocabulary import Format, ProtocolLevel, Status


class _Words:
    """A case-insensitive pattern, matched on the lower-cased text: several times faster than ``re.IGNORECASE``."""

    def __init__(self, source: str):
        self._pattern = re.compile(source)

    def search(self, text: str):
        return self._pattern.search(text.lower())

    def finditer(self, text: str):
        return self._pattern.finditer(text.lower())


def _words(source: str) -> _Words:
    return _Words(source)


# Any word that makes a sentence about a meeting.
MEETING_CUE = _words(
    r"\b(?:met|meet|meets|meeting|meetings|received|receives|receive|hosted|hosts|host|welcomed|welcomes|greeted|"
    r"talks|conferred|visit|visited|visits|visiting|phone|phoned|telephone|telephoned|video|conversation|call|summit|"
    r"called\s+on|calls\s+on|sat\s+down|sit\s+down|issued\s+a\s+joint|"
    # "The presidents also adopted a joint declaration": a document of the meeting told.
    r"adopted\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:declaration|statement|roadmap|communiqu[eé])|"
    r"session|"
    r"co-chaired|chaired|co-chair|co-chairs|credentials|attended|signed|inked|initial+ed|discussed|discuss|exchanged\s+views|"
    r"negotiations|consultations|trilateral|"
    r"spoke|conference)\b"
)
_REMOTE = _words(
    r"\b(?:by\s+(?:tele)?phone|(?:over|on)\s+the\s+(?:tele)?phone|(?:tele)?phone\s+(?:calls?|conversations?|talks?)|"
    r"telephone|phoned|video\s*conferences?|"
    r"video\s+calls?|video\s+link|videoconferences?|online\s+meetings?|virtual\s+meetings?)\b"
)
_SIDELINES = _words(r"\b(?:sidelines|margins)\s+of\b")
_MULTILATERAL = _words(
    r"\b(?:trilateral|multilateral|quadrilateral|summit|heads\s+of\s+state\s+of|ministers\s+of\s+\w+,\s+\w+\s+and)\b"
)
# "did not take place", "did not meet", "refused to meet": no meeting held.
_CANCELLED = _words(
    r"\b(?:cancel+ed|called\s+off|scrapped|did\s+not\s+take\s+place|was\s+not\s+held|"
    r"(?:did\s+not|didn['’]t|failed\s+to|refused\s+to|declined\s+to)\s+meet)\b"
)
_POSTPONED = _words(r"\b(?:postponed|put\s+off|delayed|rescheduled|deferred)\b")
# The future, or a past plan ("was to meet"): an intention, not a meeting held.
_FUTURE = _words(
    # "is expected to", "is also expected to", "are now scheduled to": an adverb does not make it a meeting held.
    r"\b(?:will|shall|(?:is|are|was|were)\s+(?:(?:also|now|still|further|reportedly|\w+ly)\s+)?"
    r"(?:expected\s+to|scheduled\s+to|due\s+to|to)|plans?\s+to|planned|upcoming|"
    # "agreed to hold a trilateral meeting" (but "agreed to hold a joint exercise, as they met in Ankara" was held).
    r"agreed\s+to\s+(?:meet|visit|host|hold\s+(?:[\w-]+\s+){0,4}?(?:meeting|talks|summit|consultations|session|round))|"
    r"intends?\s+to|would\s+(?:[a-z]+\s+)?(?:visit|meet|hold|host|travel|receive)|next\s+(?:week|month|year)|"
    r"expected\s+to\s+(?:visit|meet|hold)|"
    # "is set to meet", "is slated to visit", "is planning to travel", "are likely to hold talks".
    r"(?:is|are|was|were)\s+(?:(?:also|now|still|\w+ly)\s+)?(?:set|slated|poised|likely|going|planning|preparing)\s+to|"
    # "is expected in Baku on Friday", "is due in Tehran", "talks scheduled for Friday", "to be held in Baku".
    r"(?:is|are)\s+(?:(?:also|now|\w+ly)\s+)?(?:expected|due)\s+(?:in|at|back)\b|(?:scheduled|slated)\s+for|"
    r"to\s+be\s+held|forthcoming|in\s+the\s+coming\s+(?:days|weeks|months)|"
    r"(?:may|might|could)\s+(?:also\s+)?(?:meet|visit|hold|host|travel|receive|be\s+received)|"
    # "Preparations are under way for a meeting", "a possible meeting", "have not yet met", "are yet to meet",
    # "have been invited to meet": no meeting held.
    r"preparations?\s+(?:[\w-]+\s+){0,3}?for|preparations?\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:visit|meeting|summit|talks)|(?:possible|potential|prospective|mooted)\s+(?:[\w-]+\s+)?"
    r"(?:meeting|visit|talks|summit)|(?:have|has|had)\s+(?:not|never)\s+(?:yet\s+)?met|(?:yet|still)\s+to\s+meet|"
    r"invited\s+to\s+(?:meet|visit|hold|come)|"
    # Readiness, wishes and invitations: "ready to meet", "invited Zarif to visit Baku".
    r"(?:ready|willing|hopes?|hoped|hoping|wants?|wanted|would\s+like|offered|proposed|invited\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+to\s+"
    r"(?:meet|visit|hold|host|come)|"
    # The noun of the same: "thanked him for the invitation to visit Dushanbe" (blind-c h135).
    r"(?:invitation|offer|proposal)\s+to\s+(?:meet|visit|hold|host|come)|"
    # "welcomed the decision of X to visit Baku", "his intention to travel to Tehran".
    r"(?:decision|plans?|intention|readiness|desire|wish|willingness)\s+(?:of\s+(?:[\w'’.-]+\s+){1,5}?)?to\s+"
    r"(?:meet|visit|hold|host|come|travel))\b"
)
_HELD = _words(
    # "welcomed the decision": approval, not a guest welcomed.
    r"\b(?:met|received|hosted|held|greeted|"
    r"welcomed(?!\s+(?:the\s+|this\s+|his\s+|her\s+)?(?:decision|proposal|initiative|statement|readiness|idea|news|"
    r"move|step|efforts?|announcement|plans?|intention)\b)|discussed|signed|spoke|talked|conferred|visited|"
    r"co-chaired|chaired|had\s+(?:a\s+)?(?:phone|telephone|video)|took\s+place|was\s+held|exchanged\s+views|sat\s+down|"
    # "recalled his telephone conversation with X": a meeting recalled was held.
    r"recall(?:ed|s|ing)?\s+(?:his|her|their)\s+(?:[\w-]+\s+)?(?:meeting|talks|visit|conversation|call)|"
    r"presented)\b"
)
# Each with a word it cannot match without, looked for first: a substring test costs far less than a pattern.
_PROTOCOL_LEVELS = [
    ("state", _words(r"\bstate\s+visit"), ProtocolLevel.STATE),
    ("official", _words(r"\bofficial\s+working\s+visit"), ProtocolLevel.OFFICIAL_WORKING),
    ("official", _words(r"\bofficial\s+visit"), ProtocolLevel.OFFICIAL),
    ("working", _words(r"\bworking\s+visit"), ProtocolLevel.WORKING),
    ("private", _words(r"\bprivate\s+visit"), ProtocolLevel.PRIVATE),
    ("informal", _words(r"\binformal\s+(?:visit|meeting)"), ProtocolLevel.INFORMAL),
    ("goodwill", _words(r"\bgoodwill\s+visit"), ProtocolLevel.GOODWILL),
]
_FORMATS = [
    ("credentials", _words(r"\bcredentials\b"), Format.CREDENTIALS),
    ("group", _words(r"\bworking\s+group\b"), Format.WORKING_GROUP),
    ("commission", _words(r"\b(?:joint|intergovernmental)\s+(?:\w+\s+)?commission\b"), Format.COMMISSION),
    ("courtesy", _words(r"\bcourtesy\s+(?:call|visit)"), Format.COURTESY_CALL),
    ("farewell", _words(r"\bfarewell"), Format.COURTESY_CALL),
    ("diplomatic", _words(r"\bcompletion\s+of\s+his\s+diplomatic"), Format.COURTESY_CALL),
    ("video", _words(r"\bvideo\s*conference|video\s+call|videoconference\b"), Format.VIDEO_CALL),
    ("phone", _words(r"\b(?:tele)?phone\b"), Format.PHONE_CALL),
    ("expanded", _words(r"\bexpanded\s+format"), Format.EXPANDED),
    ("delegations", _words(r"\bparticipation\s+of\s+(?:the\s+)?delegations"), Format.EXPANDED),
    ("-", _words(r"\bone-on-one|tete-a-tete|tête-à-tête|face-to-face"), Format.ONE_ON_ONE),
    ("working", _words(r"\bworking\s+(?:lunch|dinner|breakfast)"), Format.WORKING_LUNCH),
    ("talks", _words(r"\btalks\b"), Format.TALKS),
]
# Words that look back to an earlier meeting, and that refer back to one the article did not first report.
BACKGROUND = _words(
    r"\b(?:last\s+(?:met|spoke|talked|sat\s+down)|previously\s+(?:met|spoke|talked|held|visited|hosted|received)|"
    r"already\s+(?:met|spoken|spoke|talked)|"
    r"had\s+(?:previously|earlier)\s+met|previous\s+(?:[\w-]+\s+){0,2}meeting|earlier\s+meeting|"
    r"recall(?:ed|s|ing)?\s+(?:that|(?:the|his|her|their)\s+(?:\w+\s+)?(?:meeting|talks|visit|trip|conversation))|"
    r"last\s+(?:visited|held\s+talks)|"
    # "The call comes three months after the two presidents met in Kazan": a meeting of theirs months before.
    r"(?:weeks|months|years)\s+after\s+(?:the\s+two\s+[a-z]+|they|both\s+[a-z]+)\s+(?:last\s+)?(?:met|held\s+talks))\b"
)
FOLLOW_UP = _words(
    r"\b(?:a\s+day\s+earlier|the\s+day\s+before|had\s+held|had\s+met|had\s+received|following\s+the\s+talks\s+held|"
    r"talks\s+held\s+(?:between|on|in|a\s+day)|(?:following|after)\s+(?:the|their)\s+(?:talks|meeting)\s+between|"
    r"after\s+concluding|concluding\s+(?:his|her|their)|returned|wrapped\s+up)\b"
)


@lru_cache(maxsize=8192)  # asked of one sentence many times while its article is read
def is_meeting_sentence(text: str) -> bool:
    """Return whether ``text`` speaks of a meeting at all."""
    return MEETING_CUE.search(text) is not None


@lru_cache(maxsize=8192)
def is_intention(text: str) -> bool:
    """Return whether ``text`` speaks of the future or of a plan ("will visit", "was to meet")."""
    return _FUTURE.search(text) is not None


def intention_at(text: str) -> int:
    """Return where ``text`` first speaks of an intention ("the preparation of the visit"), or -1."""
    found = _FUTURE.search(text)
    return found.start() if found is not None else -1


@lru_cache(maxsize=8192)
def is_held(text: str) -> bool:
    """Return whether ``text`` reports a meeting held and speaks of no intention ("visited Tehran in January")."""
    return _held_without_future(text) and _FUTURE.search(text) is None


@lru_cache(maxsize=8192)
def has_held_verb(text: str) -> bool:
    """Return whether ``text`` has a verb of a meeting held, whatever else it says ("X, who will leave tomorrow,
    met Y")."""
    return _held_without_future(text)


@lru_cache(maxsize=8192)
def is_remote(text: str) -> bool:
    """Return whether ``text`` reports a call or a video conference."""
    return _REMOTE.search(text) is not None


def is_called_off(text: str) -> bool:
    """Return whether ``text`` says a meeting was cancelled or postponed."""
    return _CANCELLED.search(text) is not None or _POSTPONED.search(text) is not None


def on_sidelines(text: str) -> bool:
    """Return whether the meeting was on the sidelines of another event."""
    return _SIDELINES.search(text) is not None


@lru_cache(maxsize=8192)
def is_multilateral(text: str) -> bool:
    """Return whether ``text`` speaks of a gathering of more than two countries."""
    return _MULTILATERAL.search(text) is not None


def status_of(anchor_texts: list[str], all_texts: list[str]) -> str:
    """Return the status: cancelled or postponed if any sentence says so; held if a sentence naming both
    sides says they met; planned if those sentences speak of intentions and none says they met; else held.
    """
    joined = " ".join(all_texts)
    if _CANCELLED.search(joined):
        return Status.CANCELLED
    if _POSTPONED.search(joined):
        return Status.POSTPONED
    if any(_held_without_future(t) for t in anchor_texts):
        return Status.HELD
    if any(_FUTURE.search(t) for t in anchor_texts):
        return Status.PLANNED
    return Status.HELD  # "X and Y attended the summit": no intention either


# "According to two sources who spoke to Al-Monitor, X will hold talks": the source's words, not the meeting's.
_SOURCE = _words(r"\baccording\s+to\s[^,]{1,80},")


def _held_without_future(text: str) -> bool:
    """Whether ``text`` has a past meeting verb that is not part of an intention ("held" in "will be held"),
    nor of the source it is told by ("according to sources who spoke to ...")."""
    sources = [m.span() for m in _SOURCE.finditer(text)] if "according" in text.lower() else []
    for match in _HELD.finditer(text):
        if any(start <= match.start() < end for start, end in sources):
            continue
        before = text[max(0, match.start() - 12) : match.start()].lower()
        # "will be held", "is being discussed", "have not yet met": no meeting held.
        if not re.search(r"\b(?:be|been|being|to|will|would|not|never|yet)\s+$", before):
            return True
    return False


def protocol_level_of(texts: list[str]) -> str:
    """Return the protocol level a visit is reported at ("official visit" → ``official``), or ""."""
    joined = " ".join(texts).lower()
    for word, pattern, level in _PROTOCOL_LEVELS:
        if word in joined and pattern.search(joined):
            return level
    return ""


def format_of(texts: list[str], remote: bool) -> str:
    """Return the format the text states, the most specific first, or ""."""
    joined = " ".join(texts).lower()
    for word, pattern, value in _FORMATS:
        if value in (Format.PHONE_CALL, Format.VIDEO_CALL) and not remote:
            continue
        if word in joined and pattern.search(joined):
            return value
    return ""
