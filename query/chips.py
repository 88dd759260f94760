"""The chips above the results: each active filter of a search, with the link that removes it.

Facet values (and the officials' role), the date range, and each facet whose
selected values must *all* match (``all=<facet>``): whatever narrows the search
is shown, so it can be seen and undone in one click.
"""

import datetime
from dataclasses import dataclass

from query.links import Params, query_string


@dataclass(frozen=True)
class Chip:
    """One active filter: what it says and the URL of the same search without it."""

    label: str
    url: str
    kind: str = "facet"  # facet, role, dates, combine


def date_range_label(date_from: datetime.date | None, date_to: datetime.date | None) -> str:
    """Return the range in words: "16 January 2019 to 31 January 2019", "from …", "until …"."""

    def day(value):
        return f"{value.day} {value:%B %Y}"

    if date_from and date_to:
        return f"{day(date_from)} to {day(date_to)}"
    return f"from {day(date_from)}" if date_from else f"until {day(date_to)}"


def search_chips(page) -> list[Chip]:
    """Return the chips of a :class:`~query.search.SearchPage`, in the order of the filters on the page."""
    params, form = page.params, page.form
    chips = []
    date_from, date_to = form.value("date_from"), form.value("date_to")
    if date_from or date_to:
        label = f"{form.date_label}: {date_range_label(date_from, date_to)}"
        chips.append(Chip(label, query_string(params, date_from=None, date_to=None), "dates"))
    for facet in page.facets:
        chips.extend(Chip(f"{facet.label}: {value.label}", value.toggle_url) for value in facet.selected_values)
        if facet.name in form.match_all:
            chips.append(Chip(f"{facet.label}: all must match", _without_all(params, facet.name), "combine"))
    if page.role_facet is not None:
        chips.extend(
            Chip(f"{page.role_facet.label}: {value.label.lower()}", value.toggle_url, "role")
            for value in page.role_facet.values
            if value.selected and value.value != "any"
        )
    return chips


def _without_all(params: Params, name: str) -> str:
    kept = [value for value in params.get("all", []) if value != name]
    return query_string(params, all=kept or None)
