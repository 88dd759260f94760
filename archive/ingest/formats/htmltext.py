"""HTML fragments (feed entry content) to plain paragraphs."""

import lxml.html
from lxml.etree import ParserError

_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article"}


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment, one paragraph a line; scripts and styles dropped."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    for element in root.iter():
        if element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()
