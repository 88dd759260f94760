"""Who held an office on a date, and which offices a person held on a date.

The reverse of ``Position.holder_on`` lives here (``positions_on``) rather than on
``archive.Person``: the archive does not know about offices.
"""

import datetime
from dataclasses import dataclass

from archive.models import Person
from offices.holding import Held
from offices.models import Position, Tenure


@dataclass(frozen=True)
class HeldOffice:
    """One tenure's answer for a date: who, which office, and how sure (``Held.YES`` or ``Held.POSSIBLY``)."""

    tenure: Tenure
    held: Held

    @property
    def person(self) -> Person:
        return self.tenure.person

    @property
    def position(self) -> Position:
        return self.tenure.position

    @property
    def sure(self) -> bool:
        return self.held is Held.YES


def answers_on(tenures, date: datetime.date) -> list[HeldOffice]:
    """Return a :class:`HeldOffice` per tenure held or possibly held on ``date``: sure ones first,
    non-acting before acting, then by start."""
    answers = [HeldOffice(t, t.held_on(date)) for t in tenures]
    answers = [a for a in answers if a.held is not Held.NO]
    answers.sort(key=lambda a: (not a.sure, a.tenure.acting, a.tenure.start_date or datetime.date.min))
    return answers


def holders_on(position: Position, date: datetime.date) -> list[HeldOffice]:
    """Return who held ``position`` on ``date``, sure holders first, then possible ones."""
    tenures = Tenure.objects.filter(position=position).with_reports().select_related("person", "position")
    return answers_on(tenures, date)


def holder_on(position: Position, date: datetime.date) -> HeldOffice | None:
    """Return the one tenure of ``position`` surely held on ``date`` (a regular holder before an acting one),
    or ``None`` when nobody surely held it then."""
    sure = [answer for answer in holders_on(position, date) if answer.sure]
    return sure[0] if sure else None


def positions_on(person: Person, date: datetime.date) -> list[HeldOffice]:
    """Return the offices ``person`` held on ``date``: sure ones first, then possible ones."""
    tenures = Tenure.objects.filter(person=person).with_reports().select_related("person", "position")
    return answers_on(tenures, date)


def in_order(tenures) -> list[Tenure]:
    """Return ``tenures`` in order of time: by the first day each was surely held (unknown starts by their
    first report), then by an imprecise start; tenures with nothing dated last."""

    def first_day(tenure: Tenure) -> datetime.date:
        return tenure.span().certain_from() or (tenure.start.earliest if tenure.start else datetime.date.max)

    return sorted(tenures, key=first_day)


def tenures_in_order(position: Position) -> list[Tenure]:
    """Return the tenures of ``position`` in order of time (unknown starts by their first report), evidence dates
    annotated: for a position page that lists its holders."""
    return in_order(Tenure.objects.filter(position=position).with_reports().select_related("person"))
