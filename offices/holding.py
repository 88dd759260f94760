"""Whether a tenure was held on a date: yes, no, or possibly (EveryPolitician's fuzzy answer).

A tenure is one continuous spell in an office. What bounds it:

* its recorded start and end, each a partial date or unknown;
* the articles that report the person in the office: they were in office on
  those dates, so from the first such report to the last the tenure was held
  even when neither start nor end is known;
* ``current``: curators know the person is still in office, so an open end runs to today.

On a date inside the certain span the answer is *yes*; before a known start or
after a known end it is *no*; anywhere else (an unknown or imprecise bound) it is
*possibly*. Nothing here invents a date.
"""

import datetime
import enum
from dataclasses import dataclass

from offices.dates import PartialDate


class Held(enum.Enum):
    YES = "yes"
    POSSIBLY = "possibly"
    NO = "no"

    def __bool__(self) -> bool:
        return self is Held.YES


@dataclass(frozen=True)
class Span:
    """What is known about when a tenure ran."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    reported_from: datetime.date | None = None
    reported_to: datetime.date | None = None
    current: bool = False

    def certain_from(self) -> datetime.date | None:
        """Return the first day the tenure was surely held, or ``None`` when no day is sure."""
        days = [d for d in (self.start.latest if self.start else None, self.reported_from) if d]
        return min(days) if days else None

    def certain_to(self, today: datetime.date) -> datetime.date | None:
        """Return the last day the tenure was surely held, or ``None`` when no day is sure."""
        days = [d for d in (self.end.earliest if self.end else None, self.reported_to) if d]
        if self.current and self.end is None:
            days.append(today)
        return max(days) if days else None

    def held_on(self, date: datetime.date, today: datetime.date | None = None) -> Held:
        """Return whether the tenure was held on ``date``: ``Held.YES``, ``Held.NO`` or ``Held.POSSIBLY``."""
        today = today or datetime.date.today()
        if self.start and date < self.start.earliest:
            return Held.NO
        if self.end and date > self.end.latest:
            return Held.NO
        if self.current and self.end is None and date > today:
            return Held.POSSIBLY  # nobody knows the future
        first, last = self.certain_from(), self.certain_to(today)
        if first and last and first <= date <= last:
            return Held.YES
        return Held.POSSIBLY

    def after_end(self, date: datetime.date) -> bool:
        """Return whether ``date`` is surely after the tenure ended (the end is recorded and passed)."""
        return bool(self.end) and date > self.end.latest

    def before_start(self, date: datetime.date) -> bool:
        """Return whether ``date`` is surely before the tenure began."""
        return bool(self.start) and date < self.start.earliest

    def describe(self) -> str:
        """Return the span in words, with the evidence: "from 2013 to unknown (reported in office from ... to ...)"."""
        start = str(self.start) if self.start else "unknown"
        end = str(self.end) if self.end else ("present" if self.current else "unknown")
        text = f"from {start} to {end}"
        if self.reported_from:
            if self.reported_from == self.reported_to:
                text += f" (reported in this office on {self.reported_from.isoformat()})"
            else:
                text += (
                    f" (reported in this office from {self.reported_from.isoformat()}"
                    f" to {self.reported_to.isoformat()})"
                )
        return text
