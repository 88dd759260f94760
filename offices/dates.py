"""Partial dates, as Popolo writes them (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

A tenure's start or end is often known only to the month or the year. It is
stored as a date plus a precision; the date is the first day of the period
(2019-01-01 for "2019"), and the period's first and last days bound it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A day, a month or a year."""

    date: datetime.date
    precision: str = Precision.DAY

    def __post_init__(self):
        # One stored form per period, so that two equal periods compare equal.
        if self.precision == Precision.YEAR:
            object.__setattr__(self, "date", self.date.replace(month=1, day=1))
        elif self.precision == Precision.MONTH:
            object.__setattr__(self, "date", self.date.replace(day=1))

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Return the partial date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``ValueError`` otherwise."""
        match = _PARTIAL.fullmatch(text.strip())
        if not match:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year, month, day = match.groups()
        if day:
            return cls(datetime.date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return cls(datetime.date(int(year), int(month), 1), Precision.MONTH)
        return cls(datetime.date(int(year), 1, 1), Precision.YEAR)

    @classmethod
    def stored(cls, date: datetime.date | None, precision: str) -> "PartialDate | None":
        """Return the partial date kept in a date field and a precision field, or ``None`` when unknown."""
        if date is None:
            return None
        return cls(date, precision or Precision.DAY)

    @property
    def earliest(self) -> datetime.date:
        """Return the first day the period covers."""
        return self.date

    @property
    def latest(self) -> datetime.date:
        """Return the last day the period covers."""
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def __str__(self) -> str:
        if self.precision == Precision.YEAR:
            return f"{self.date:%Y}"
        if self.precision == Precision.MONTH:
            return f"{self.date:%Y-%m}"
        return self.date.isoformat()
