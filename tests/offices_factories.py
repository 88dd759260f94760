"""Builders for offices test data (plain functions, real models)."""

import datetime

from archive.models import Country
from offices.dates import PartialDate
from offices.models import Position, Tenure, TenureEvidence
from offices.roles import Role


def make_position(label="Minister of Defense of Azerbaijan", role=Role.DEFENSE_MINISTER, country="AZ", **fields):
    country = Country.objects.get(code=country) if isinstance(country, str) else country
    accredited_to = fields.pop("accredited_to", None)
    if isinstance(accredited_to, str):
        accredited_to = Country.objects.get(code=accredited_to)
    return Position.objects.create(label=label, role=role, country=country, accredited_to=accredited_to, **fields)


def make_tenure(person, position, start="", end="", evidence=(), **fields):
    """Create a tenure; ``start``/``end`` are partial dates as text ("2013", "2013-10", "2013-10-22") or ""."""
    start, end = (PartialDate.parse(value) if value else None for value in (start, end))
    tenure = Tenure.objects.create(
        person=person,
        position=position,
        start_date=start.date if start else None,
        start_precision=start.precision if start else "",
        end_date=end.date if end else None,
        end_precision=end.precision if end else "",
        **fields,
    )
    for article in evidence:
        TenureEvidence.objects.create(tenure=tenure, article=article)
    return tenure


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
