"""Step 2: one shape for all text: Unicode NFC, tidy white space, no page debris.

Debris is what a scraper picks up around an article: font-size widgets
(``+ ↺ − 16 px``), share buttons, "Read more" links. It is recognised line by
line, so a paragraph that merely contains such a word is kept.
"""

import re
import unicodedata

# Invisible characters that break matching: zero-width spaces and joiners, soft hyphens, BOMs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Every control character except tab and line feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")

_DEBRIS_LINE = re.compile(
    r"""^(?:
        [+\-−–↺↻⟲A-Za-z\s]{0,12}\d{1,2}\s*px(?:\s*[+\-−↺])*     # font-size widget: + ↺ − 16 px
      | [+\-−–—↺↻⟲×✕|•·*#=_~\s]+                                 # only symbols
      | \|?(?:[^|»›]{0,40}\s*[|»›]\s*){2,}[^|»›]{0,40}\|?          # breadcrumbs: | Politics | 14 May 2024 | Print
      | (?:print|printable|mobile|text|pdf)\s+version
      | (?:share|print|tweet|email|e-mail|comments?|advertisement|read\s+more|read\s+also:?
          |follow\s+us.*|subscribe.*|facebook|twitter|telegram|whatsapp|linkedin|copy\s+link
          |photo:?.{0,40}|video|listen|font\s+size:?)
        (?:\s*[|/,•·]\s*(?:share|print|tweet|email|facebook|twitter|telegram|whatsapp|linkedin|copy\s+link))*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with Unix line ends, single spaces, trimmed lines, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.translate(_INVISIBLE))
    # Per line, runs of white space (NBSP and the Unicode line separators included) become one
    # space: str.split() does that about five times faster than a regular expression.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_debris(line: str) -> bool:
    """Return whether a whole line is page debris rather than article text."""
    line = line.strip()
    return bool(line) and bool(_DEBRIS_LINE.match(line))


def strip_debris(text: str) -> str:
    """Return normalised ``text`` without its debris lines, paragraphs separated by one blank line."""
    paragraphs = [p for p in normalise_text(text).split("\n") if p and not (len(p) < 60 and is_debris(p))]
    return "\n\n".join(paragraphs)
