"""Numbered pagination with ellipses: 1 … 4 5 [6] 7 8 … 20."""

from dataclasses import dataclass

from query.links import Params, query_string

# Pages shown on each side of the current one, and at each end.
AROUND = 2
ENDS = 1


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    url: str = ""
    current: bool = False

    @property
    def is_gap(self) -> bool:
        return self.number is None


def page_numbers(current: int, last: int, around: int = AROUND, ends: int = ENDS) -> list[int | None]:
    """Return the page numbers to show, ``None`` where a run of pages is left out.

    A gap of exactly one page shows that page instead of an ellipsis.
    """
    if last <= 1:
        return [1]
    current = min(max(current, 1), last)
    wanted = set(range(1, ends + 1)) | set(range(last - ends + 1, last + 1))
    wanted |= set(range(current - around, current + around + 1))
    shown = sorted(n for n in wanted if 1 <= n <= last)
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] == 2:
            numbers.append(n - 1)
        elif numbers and n - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


def page_links(params: Params, current: int, last: int) -> list[PageLink]:
    """Return the :class:`PageLink` list for pages 1 to ``last`` around ``current``."""
    return [
        PageLink(None)
        if n is None
        else PageLink(n, query_string(params, page=str(n)) if n > 1 else query_string(params), n == current)
        for n in page_numbers(current, last)
    ]
