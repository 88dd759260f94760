"""The ranks articles give a person, read from the titles as reported.

"Defense Minister, Colonel General" gives the rank *Colonel General*; a rank is
what the articles wrote, dated by them, not a promotion on record.
"""

import datetime
from dataclasses import dataclass, field

from offices.titles import TitleReader


@dataclass
class RankReported:
    """A rank as the articles report it: first and last article dates, how many articles, from which titles."""

    rank: str
    first: datetime.date
    last: datetime.date
    articles: int = 0
    titles: list[str] = field(default_factory=list)


def ranks_reported(titles: list[dict], reader: TitleReader | None = None) -> list[RankReported]:
    """Return the ranks read from ``titles`` (rows of ``archive.relations.titles_held``: ``title``, ``first``,
    ``last``, ``articles``), the most recently reported first."""
    if not titles:
        return []
    reader = reader or TitleReader.from_database()
    ranks: dict[str, RankReported] = {}
    for row in titles:
        rank = reader.read(row["title"]).rank
        if not rank:
            continue
        found = ranks.setdefault(rank, RankReported(rank, row["first"], row["last"]))
        found.first, found.last = min(found.first, row["first"]), max(found.last, row["last"])
        found.articles += row["articles"]
        found.titles.append(row["title"])
    return sorted(ranks.values(), key=lambda r: (r.last, r.first), reverse=True)
