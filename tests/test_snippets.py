"""Snippets: the passage that covers most of the query's terms, stemmed matches marked (query/snippets.py)."""

from query.snippets import snippet
from query.syntax import Term

BODY = (
    "Chief of General Staff Mohammad Bagheri arrived in the capital on Tuesday. "
    + "Routine words fill the middle of this article for a long while. " * 12
    + "The Iranian delegation laid wreaths in Baku. "
    + "More routine words fill the rest of this article for a long while. " * 12
    + "In the end, the sides signed a protocol on the results of the meeting."
)


def terms(*words, stems=()):
    return [Term(w, "word", stem=s) for w, s in zip(words, [*stems, *[""] * len(words)], strict=False)]


def test_the_excerpt_shows_every_term_in_passages_in_text_order():
    html = str(snippet(BODY, terms("bagheri", "sign", "baku", stems=("", "sign", ""))))
    assert html.count(" … ") == 2
    bagheri, baku, signed = html.index("<mark>Bagheri</mark>"), html.index("<mark>Baku</mark>"), html.index("signed")
    assert bagheri < baku < signed
    assert "In the end, the sides <mark>signed</mark> a protocol on the results of the meeting." in html


def test_one_window_when_one_holds_every_term():
    html = str(snippet(BODY, terms("bagheri", "capital")))
    assert " … " not in html.rstrip(" …") and html.startswith("Chief of General Staff")


def test_stemmed_matches_are_marked_but_not_capitalised_names():
    text = "Signing ceremonies: the sides signed. Sign Street is a name; signs were hung."
    html = str(snippet(text, terms("sign", stems=("sign",))))
    assert "<mark>signed</mark>" in html and "<mark>signs</mark>" in html
    assert "<mark>Signing</mark>" not in html  # capitalised: perhaps a name, never stemmed
    assert "<mark>Sign</mark> Street" in html  # the exact word, as the exact field finds it
    # Without a stem (the index has no stemmed field), only the exact word.
    assert "<mark>signed</mark>" not in str(snippet(text, terms("sign")))


def test_non_ascii_text_marks_stems_and_folds():
    text = "Həsənov və Bagheri görüşdü; the sides signed a protocol."
    html = str(snippet(text, terms("hasanov", "sign", stems=("", "sign"))))
    assert "<mark>Həsənov</mark>" in html and "<mark>signed</mark>" in html
