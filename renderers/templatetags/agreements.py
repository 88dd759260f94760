"""What the agreements tracker's page shows of one agreement beyond its fields: its signatories then."""

from dataclasses import dataclass

from django import template

from records.links import position_url
from renderers.agreement_data import signatories

register = template.Library()


@dataclass(frozen=True)
class OfficeThen:
    label: str
    url: str


@dataclass(frozen=True)
class Signatory:
    """A signatory of an agreement: the meeting's participant and the offices held on the meeting's date."""

    participant: object
    offices: list[OfficeThen]


@register.filter
def signed_by(agreement) -> list[Signatory]:
    """Return the signatories of ``agreement`` with their offices held then (attached beforehand for a page)."""
    return [
        Signatory(participant, [OfficeThen(o.label, position_url(o)) for o in offices])
        for participant, offices in signatories(agreement)
    ]
