"""Numbered pagination with ellipses (1 … 4 5 [6] 7 8 … 20), from Django's own paginator."""

from dataclasses import dataclass

from django.core.paginator import Paginator

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

    ``current`` past either end counts as that end. The count of hits is the
    engine's; Django's paginator only needs its length, which a ``range`` gives.
    """
    paginator = Paginator(range(max(last, 1)), 1)
    current = min(max(current, 1), paginator.num_pages)
    elided = paginator.get_elided_page_range(current, on_each_side=around, on_ends=ends)
    return [None if n == Paginator.ELLIPSIS else n for n in elided]


def page_links(params: Params, current: int, last: int) -> list[PageLink]:
    """Return the :class:`PageLink` list for pages 1 to ``last`` around ``current``."""
    return [
        PageLink(None)
        if n is None
        else PageLink(n, query_string(params, page=str(n)) if n > 1 else query_string(params), n == current)
        for n in page_numbers(current, last)
    ]
