"""The meeting proposer: one article's text and linked people in, meeting proposals out.

Plain Python, no database: the import calls :func:`article_input` on what linking
found, then :func:`propose`; :func:`~meetings.propose.matching.find_match` says
whether a proposal describes a meeting already on record.
"""

from meetings.propose.inputs import ArticleInput, CountryMention, NamedParticipant, article_input
from meetings.propose.proposals import (
    AgreementProposal,
    Evidence,
    MeetingProposal,
    ParticipantProposal,
    PlaceProposal,
)
from meetings.propose.proposer import propose

__all__ = [
    "AgreementProposal",
    "ArticleInput",
    "CountryMention",
    "Evidence",
    "MeetingProposal",
    "NamedParticipant",
    "ParticipantProposal",
    "PlaceProposal",
    "article_input",
    "propose",
]
