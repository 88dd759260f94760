"""Golden files: every parser's output on tests/data/ingest/<format>/<name> is <name>.expected.json.

To accept a deliberate change of output: ``PARLEY_UPDATE_GOLDEN=1 pytest tests/test_ingest_formats.py``,
then read the diff of the .expected.json files before committing them.
"""

import json
import os

import pytest

from archive.ingest.formats import detect_format
from tests.ingest_helpers import INGEST_DATA, parsed_records

FORMATS = ["text", "jsonl", "json", "csv", "feed", "html"]
INPUTS = sorted(
    path for fmt in FORMATS for path in (INGEST_DATA / fmt).iterdir() if not path.name.endswith(".expected.json")
)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden(path):
    expected_path = path.with_name(path.stem + ".expected.json")
    actual = parsed_records(path)
    if os.environ.get("PARLEY_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected_path.read_text())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_format_detected_from_extension(path):
    assert detect_format(path.name, "") == path.parent.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2019-01-16 + ↺ − 16 px\n\nText", "text"),
        ('{"title": "a"}\n{"title": "b"}', "jsonl"),
        ('[{"title": "a"}]', "json"),
        ('<?xml version="1.0"?><rss version="2.0"></rss>', "feed"),
        ("<!DOCTYPE html><html></html>", "html"),
    ],
)
def test_format_detected_from_content(text, expected):
    assert detect_format("upload", text) == expected


def test_both_seeds_are_golden_inputs():
    names = {path.name for path in INPUTS}
    assert {"000_b4fb515cffe29073.txt", "003_858d54ea39a6aa04.txt"} <= names


def test_flatten_keeps_the_text_and_the_meaningful_tags_of_a_page_nested_too_deep():
    from archive.ingest.formats.flatten import MAX_DEPTH, depth, flatten

    page = "<body>" + '<div class="x">' * 400 + "<article><p>Deep &amp; <b>bold</b></p></article>" + "</div>" * 400
    flat = flatten(page + "</body>")
    assert depth(page) > 400 and depth(flat) <= MAX_DEPTH + 2
    assert "<article><p>Deep &amp; bold</p></article>" in flat
    shallow = '<div class="x"><p>Kept <b>as</b> written &#8212; <br> all</p></div>'
    assert flatten(shallow) == shallow
