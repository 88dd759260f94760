"""Documents signed at a meeting: "signed a protocol on the results of the meeting", "an action plan was signed".

A sentence counts when it has a signing verb and a document word (or "issued" and a
joint statement or declaration); the title is
the document's words as the article writes them, from its article ("a", "the")
to the end of its "of/on/for/between ..." phrases. A sentence about signing in
the future, or about a signing that may come ("will sign", "are expected to sign",
"before the treaty can be signed"), reports no agreement, and "the document" that
only refers back to one already found is not a second one.
"""

import re
from dataclasses import dataclass

from meetings.vocabulary import AgreementKind

# "put their signatures on a memorandum" too.
_SIGN = re.compile(
    r"\b(?:signed|inked|initial(?:l)?ed|adopted|concluded|signing|(?:put|affixed)\s+(?:their|his|her)\s+signatures?)\b",
    re.IGNORECASE,
)
_ISSUED = re.compile(r"\b(?:issued|released)\b", re.IGNORECASE)
_NOT_YET = re.compile(
    # "before the treaty can be signed", "could sign": a signing that may come, not one reported.
    r"\b(?:will|shall|to|expected\s+to|plan\s+to|plans\s+to|is\s+due\s+to|are\s+due\s+to|would|can|cannot|could|"
    r"may|might|must)\s+(?:not\s+)?(?:be\s+)?"
    r"(?:sign|signed|ink|adopt)\b",
    re.IGNORECASE,
)
_KINDS = [
    (r"memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?", AgreementKind.MEMORANDUM),
    (r"protocols?", AgreementKind.PROTOCOL),
    (r"(?:action\s+)?plans?|programmes?|programs?", AgreementKind.PLAN),  # "a programme of cooperation"
    (r"joint\s+statements?|statements?", AgreementKind.JOINT_STATEMENT),
    (r"(?:joint\s+)?declarations?", AgreementKind.DECLARATION),
    (r"road\s?maps?", AgreementKind.ROADMAP),
    (r"contracts?", AgreementKind.CONTRACT),
    (r"agreements?|treaty|treaties|accords?|documents?", AgreementKind.AGREEMENT),
]
_DOCUMENT = re.compile(
    r"(?P<lead>\b(?:an?|the|two|three|several|\d+)\s+)?"
    r"(?P<modifiers>(?:(?-i:[A-Z][\w-]+)\s+|(?:bilateral|trilateral|military|defen[cs]e|intergovernmental|"
    r"interdepartmental|new|joint|comprehensive|strategic|final)\s+){0,3})"
    rf"(?P<noun>\b(?:{'|'.join(pattern for pattern, _ in _KINDS)})\b)",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TAIL_START = _words("on of in for between about regarding to")
_TAIL_STOP = _words("was were is are has have had by during following after at signed opens which that with who as")
_ARTICLES = _words("a an the")
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_KIND_PATTERNS = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), kind) for pattern, kind in _KINDS]
_GENERIC = {"document", "documents", "agreement", "agreements"}


@dataclass(frozen=True)
class SignedDocument:
    """A document a sentence reports signed: kind, title as written, and its span in the body."""

    kind: str
    title: str
    start: int
    end: int


def signed_documents(text: str, offset: int = 0, known: int = 0) -> list[SignedDocument]:
    """Return the documents ``text`` reports signed (``offset``: where ``text`` starts in the body).

    ``known`` is how many documents the meeting already has: with one, "the
    document" is taken to be it.
    """
    issued_only = False
    if not _SIGN.search(text):
        if not _ISSUED.search(text):
            return []
        issued_only = True  # "the participants issued a joint statement": a joint document, never another kind
    if _NOT_YET.search(text):
        return []
    found = []
    for match in _DOCUMENT.finditer(text):
        noun = match["noun"]
        kind = _kind(noun)
        lead = (match["lead"] or "").strip().lower()
        title_end = _tail_end(text, match.end())
        if noun.lower() in _GENERIC and lead == "the" and (known or found) and title_end == match.end():
            continue  # "the document" that refers back to the one just named
        joint = re.match(r"joint", noun, re.IGNORECASE) or "joint" in (match["modifiers"] or "").lower()
        if kind == AgreementKind.JOINT_STATEMENT and not joint:
            continue  # "statements made against Azerbaijan": only a joint statement is a document
        if issued_only and not (joint and kind in (AgreementKind.JOINT_STATEMENT, AgreementKind.DECLARATION)):
            continue
        title = text[match.start() : title_end].strip()
        found.append(SignedDocument(kind, title, offset + match.start(), offset + title_end))
    return found


def _tail_end(text: str, position: int) -> int:
    """Return where a document's title ends: after its "on/of/for/between ..." phrases, before a verb or a comma."""
    end, inside = position, False
    for word in _WORD.finditer(text, position):
        token = word.group().lower()
        if not word.group()[0].isalnum() or token in _TAIL_STOP:
            break
        if token == "and":
            following = _WORD.search(text, word.end())
            if not inside or following is None or following.group().lower() in _ARTICLES:
                break
            continue
        if not inside and token not in _TAIL_START:
            break
        inside = True
        end = word.end()
    return end


def _kind(noun: str) -> str:
    for pattern, kind in _KIND_PATTERNS:
        if pattern.match(noun):
            return kind
    return AgreementKind.AGREEMENT
