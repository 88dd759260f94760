"""What a revision would change in its article, field by field, with the text's differences marked.

The body is compared paragraph by paragraph first (cheap whatever the length),
then word by word inside the paragraphs that changed, so that a curator sees the
corrected words, not two walls of text.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]+")  # spaces, words, punctuation
# Word-level matching is quadratic in the worst case: paragraphs longer than this are
# shown as removed and added whole.
MAX_WORD_DIFF_CHARS = 20_000


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its label, and the old and new values as shown to the curator."""

    label: str
    old: str
    new: str


def field_changes(article, revision) -> list[FieldChange]:
    """Return the metadata fields (headline, date, outlet, byline, language) in which ``revision`` differs."""
    pairs = [
        ("headline", article.title, revision.title),
        ("publication date", article.published_on.isoformat(), revision.published_on.isoformat()),
        ("outlet", str(article.source or "—"), str(revision.source or "—")),
        ("byline", article.byline or "—", revision.byline or "—"),
        ("language", article.language, revision.language),
    ]
    return [FieldChange(label, old, new) for label, old, new in pairs if old != new]


def body_diff(old: str, new: str) -> SafeString:
    """Return the new body as HTML paragraphs, removed text in ``<del>``, added text in ``<ins>`` (all escaped)."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    blocks = []
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = old_paragraphs[old_start:old_end], new_paragraphs[new_start:new_end]
        if op == "equal":
            blocks.extend(format_html("<p>{}</p>", text) for text in added)
        elif op == "replace" and len(removed) == len(added):
            blocks.extend(mark_safe(f"<p>{_words_diff(a, b)}</p>") for a, b in zip(removed, added, strict=True))  # noqa: S308 (escaped)
        else:
            blocks.extend(format_html('<p class="removed"><del>{}</del></p>', text) for text in removed)
            blocks.extend(format_html('<p class="added"><ins>{}</ins></p>', text) for text in added)
    return mark_safe("".join(blocks))  # noqa: S308 - every block escaped above


def changes_table(article, revision) -> SafeString:
    """Return the metadata changes as rows of an HTML table (escaped), or a sentence when there are none."""
    changes = field_changes(article, revision)
    if not changes:
        return format_html("<p>{}</p>", "Headline, date, outlet, byline and language are the same.")
    rows = format_html_join(
        "",
        "<tr><th scope='row'>{}</th><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
        ((c.label, c.old, c.new) for c in changes),
    )
    return format_html(
        '<table class="field-changes"><thead><tr>'
        "<th scope='col'>Field</th><th scope='col'>Now</th><th scope='col'>Revision</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        rows,
    )


def _paragraphs(text: str) -> list[str]:
    return [paragraph.strip() for paragraph in text.split("\n") if paragraph.strip()]


def _words_diff(old: str, new: str) -> str:
    """Return ``new`` as escaped HTML with the words removed from ``old`` and added to it marked."""
    if len(old) + len(new) > MAX_WORD_DIFF_CHARS:
        return f"<del>{escape(old)}</del> <ins>{escape(new)}</ins>"
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(old_tokens[old_start:old_end]), "".join(new_tokens[new_start:new_end])
        if op == "equal":
            out.append(escape(added))
            continue
        if removed.strip():
            out.append(f"<del>{escape(removed)}</del>")
        if added.strip():
            out.append(f"<ins>{escape(added)}</ins>")
        elif added:
            out.append(escape(added))
    return "".join(out)
