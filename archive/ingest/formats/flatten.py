"""HTML nested deeper than libxml2 parses, made shallow enough without losing its text.

libxml2 (under lxml, and so trafilatura) gives up on elements nested more than 255
deep: a page whose article sits inside 300 ``<div>``s (page builders and broken
templates make them) parsed as nothing. :func:`flatten` drops the start and end
tags of layout wrappers below :data:`MAX_DEPTH`; their text, and the tags that
carry meaning (paragraphs, headings, lists, the article itself), stay where they were.
"""

from html.parser import HTMLParser

MAX_DEPTH = 150  # well under libxml2's 255, with room for the few levels a real article adds
WRAPPERS = frozenset(
    {
        *("div", "span", "section", "font", "center", "main", "aside", "header", "footer", "nav", "form", "label"),
        *("table", "tbody", "thead", "tr", "td", "th", "b", "i", "u", "em", "strong", "small", "big"),
    }
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


class _Flattener(HTMLParser):
    """Re-emits a document as written, except the wrapper tags found below ``MAX_DEPTH``."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, kept) for each element not closed yet

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text() or ""
        if tag in VOID:
            self.out.append(text)
            return
        kept = not (len(self.open) >= MAX_DEPTH and tag in WRAPPERS)
        if kept:
            self.out.append(text)
        self.open.append((tag, kept))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                # Elements left open inside it close with it, as a browser would close them.
                closing = self.open[index:]
                del self.open[index:]
                self.out.extend(f"</{name}>" for name, kept in reversed(closing) if kept)
                return
        # An end tag with no start: kept as written, the parser after us decides.
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass  # comments are not article text

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def depth(html: str) -> int:
    """Return how deep elements nest in ``html`` (void elements not counted)."""
    counter = _DepthCounter()
    counter.feed(html)
    counter.close()
    return counter.deepest


def flatten(html: str) -> str:
    """Return ``html`` with the layout wrappers nested below :data:`MAX_DEPTH` left out."""
    flattener = _Flattener()
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


class _DepthCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)
            self.deepest = max(self.deepest, len(self.open))

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
