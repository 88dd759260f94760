"""Hits over time, drawn as a server-side SVG bar chart.

Built from the engine's facet counts on the ``year`` and ``month`` index fields
of the current result set. By year, or by month when the active range (the date
filters, or the years that have hits where a bound is open) spans at most
``MONTHLY_MAX_YEARS`` calendar years. Bars run in date order with empty periods
drawn as gaps; each bar with hits links to the same search narrowed to its dates.
"""

import calendar
import datetime
from dataclasses import dataclass

from query.links import Params, query_string
from query.vocabulary import MONTHLY_MAX_YEARS

# SVG geometry (user units; the SVG scales to its container).
WIDTH, HEIGHT, AXIS = 640, 120, 22
# Room above the tallest bar for its count.
HEADROOM = 16
# Counts are written above the bars when there are at most this many.
MAX_LABELLED_BARS = 24
# Beyond this many years of gaps only the years with hits are drawn.
MAX_YEAR_BARS = 150


@dataclass(frozen=True)
class Bar:
    label: str  # "2019", "January 2019"
    axis_label: str  # what is written under the bar ("" for none)
    start: datetime.date
    end: datetime.date
    count: int
    url: str  # "" for a bar without hits
    x: float
    width: float
    y: float
    height: float

    @property
    def description(self) -> str:
        return f"{self.label}: {self.count} article{'' if self.count == 1 else 's'}"

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Histogram:
    granularity: str  # "year" or "month"
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT + AXIS
    baseline: int = HEIGHT
    noun: str = "Articles"  # what the bars count

    @property
    def show_counts(self) -> bool:
        return len(self.bars) <= MAX_LABELLED_BARS

    @property
    def max_count(self) -> int:
        return max((bar.count for bar in self.bars), default=0)

    @property
    def caption(self) -> str:
        first, last = self.bars[0].label, self.bars[-1].label
        span = first if first == last else f"{first} to {last}"
        return f"{self.noun} per {self.granularity}, {span}"


def _years(year_counts: dict[str, int]) -> dict[int, int]:
    return {int(key): count for key, count in year_counts.items() if key.isdigit() and count > 0}


def _months(month_counts: dict[str, int]) -> dict[tuple[int, int], int]:
    months = {}
    for key, count in month_counts.items():
        year, _, month = key.partition("-")
        if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12 and count > 0:
            months[int(year), int(month)] = count
    return months


def build_histogram(
    year_counts: dict[str, int],
    month_counts: dict[str, int],
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    params: Params,
) -> Histogram | None:
    """Return the :class:`Histogram` of the counts, or ``None`` when nothing has a date."""
    years = _years(year_counts)
    if not years:
        return None
    first_year = date_from.year if date_from else min(years)
    last_year = date_to.year if date_to else max(years)
    months = _months(month_counts)
    if last_year - first_year + 1 <= MONTHLY_MAX_YEARS and months:
        periods = _month_periods(months, date_from, date_to)
        granularity = "month"
    else:
        periods = _year_periods(years)
        granularity = "year"
    return Histogram(granularity, _bars(periods, date_from, date_to, params, granularity))


def _month_periods(months, date_from, date_to):
    """Return ``(label, axis_label, start, end, count)`` for every month of the axis."""
    first = (date_from.year, date_from.month) if date_from else min(months)
    last = (date_to.year, date_to.month) if date_to else max(months)
    first, last = min(first, min(months)), max(last, max(months))
    periods, (year, month) = [], first
    count_months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    while (year, month) <= last:
        start = datetime.date(year, month, 1)
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        # Month names when they fit; otherwise the year under its first month.
        axis = f"{start:%b}" if count_months <= 12 else (str(year) if month == 1 or (year, month) == first else "")
        periods.append((f"{start:%B %Y}", axis, start, end, months.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def _year_periods(years):
    """Return ``(label, axis_label, start, end, count)`` for the years of the axis."""
    first, last = min(years), max(years)
    span = range(first, last + 1) if last - first < MAX_YEAR_BARS else sorted(years)
    step = max(1, len(span) // 12)
    return [
        (
            str(year),
            str(year) if i % step == 0 else "",
            datetime.date(year, 1, 1),
            datetime.date(year, 12, 31),
            years.get(year, 0),
        )
        for i, year in enumerate(span)
    ]


def _bars(periods, date_from, date_to, params, granularity):
    peak = max(count for *_, count in periods) or 1
    slot = WIDTH / len(periods)
    bars = []
    for i, (label, axis, start, end, count) in enumerate(periods):
        # A bar narrows to its period, within the dates already chosen.
        start = max(start, date_from) if date_from else start
        end = min(end, date_to) if date_to else end
        url = query_string(params, drop=("year",), date_from=start.isoformat(), date_to=end.isoformat())
        height = round(max(2.0, (HEIGHT - HEADROOM) * count / peak), 1) if count else 0.0
        bars.append(
            Bar(
                label=label,
                axis_label=axis,
                start=start,
                end=end,
                count=count,
                url=url if count else "",
                x=round(i * slot + slot * 0.1, 1),
                width=round(slot * 0.8, 1),
                y=round(HEIGHT - height, 1),
                height=height,
            )
        )
    return bars
