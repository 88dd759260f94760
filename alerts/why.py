"""Why an item is in a digest: the words it matched, marked in its snippet, and the filters it satisfied.

The snippet is the page's own (query/snippets.py: every character escaped, only
``<mark>`` added); the filters are the saved search's conditions (alerts/saved.py)
with, for each, the values this item has, read by the search index's own
``prepare_<field>`` so that "satisfied" means what the index matched.
"""

import html
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from haystack import connections

from alerts.saved import Condition
from archive.models import Article
from meetings.models import Meeting
from query.search import meeting_snippet
from query.snippets import match_spans, snippet


@dataclass
class Reason:
    """Why one item matched one saved search."""

    snippet: SafeString  # escaped HTML, matches marked
    words: list[str] = field(default_factory=list)  # the words of the item the keywords matched
    filters: list[str] = field(default_factory=list)  # "Country: Azerbaijan", one per satisfied filter
    change: str = "new"  # or "updated" (since the last digest)

    @property
    def snippet_text(self) -> str:
        """Return the snippet as plain text, the matches in [brackets] (for the plain-text email)."""
        marked = str(self.snippet).replace("<mark>", "[").replace("</mark>", "]")
        return html.unescape(marked)  # the snippet escaped every character of the text: this restores it

    @property
    def is_update(self) -> bool:
        return self.change == "updated"


def _item_text(item) -> str:
    if isinstance(item, Article):
        return f"{item.title}\n{item.body}"
    return " ".join(s for report in item.published_reports() for s in report.sentences())


def _index_values(item, field_name: str) -> set[str]:
    """Return the values the search index gives ``item`` in ``field_name``, as strings."""
    index = connections["default"].get_unified_index().get_index(type(item))
    prepare = getattr(index, f"prepare_{field_name}", None)
    value = prepare(item) if prepare else index.fields[field_name].prepare(item)
    values = value if isinstance(value, list | tuple | set) else [value]
    return {str(v) for v in values if v not in (None, "")}


def _satisfied(condition: Condition, item) -> str | None:
    """Return the condition as this item satisfies it ("Country: Iran" of "Azerbaijan or Iran"), or ``None``."""
    if not condition.keys:
        return None
    has = _index_values(item, condition.field)
    labels = [label for key, label in zip(condition.keys, condition.values, strict=True) if key in has]
    return f"{condition.label}: {', '.join(labels)}" if labels else None


def explain(item: Article | Meeting, terms, conditions: list[Condition], change: str) -> Reason:
    """Return why ``item`` matched: its snippet for ``terms``, the matched words, the filters it satisfied."""
    text = _item_text(item)
    words = list(dict.fromkeys(text[start:end] for start, end in match_spans(text, terms)))
    marked = snippet(item.body, terms) if isinstance(item, Article) else meeting_snippet(item, terms)
    filters = [reason for reason in (_satisfied(c, item) for c in conditions if c.label != "Keywords") if reason]
    filters.extend(c.text for c in conditions if c.label in ("Dates", "Officials who"))
    return Reason(snippet=marked, words=words[:12], filters=filters, change=change)
