"""Step 1 on awkward files: UTF-16 without a byte-order mark, and big files read as streams."""

import json
import tracemalloc

import pytest

from archive.ingest import formats
from archive.ingest.read import MAX_BYTES, InputFile, decode, read_text
from archive.ingest.records import IngestError

LATIN = "Azerbaijani Defense Minister Zakir Hasanov met the Iranian ambassador in Baku on Monday.\n" * 4


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(encoding):
    text, found = decode(LATIN.encode(encoding))
    assert (text, found) == (LATIN, encoding)


def test_utf16_without_a_mark_with_cyrillic_and_latin_mixed():
    mixed = '{"title": "Встреча в Баку", "body": "Министр обороны Закир Гасанов встретился с послом Ирана."}\n' * 3
    assert decode(mixed.encode("utf-16-le")) == (mixed, "utf-16-le")


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",  # too short to tell
        bytes(range(256)) * 8,  # zeros on both sides of the pairs
        b"\x00\x00\x01\x02" * 400,
    ],
)
def test_bytes_with_zeros_are_still_binary(data):
    with pytest.raises(IngestError, match="binary"):
        decode(data)


def _cp1251_jsonl(path, megabytes: int) -> int:
    """Write a Windows-1251 JSON Lines file of about ``megabytes`` MB; return its number of records."""
    body = "Министр обороны Азербайджана встретился с начальником генштаба Ирана в Баку. " * 40
    records = 0
    with path.open("w", encoding="cp1251") as handle:
        while handle.tell() < megabytes * 1024 * 1024:
            record = {"title": f"Встреча {records}", "body": body, "date": "2019-01-16"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            records += 1
    return records


def test_a_19_mb_windows_1251_file_is_read_and_parsed_in_bounded_memory(tmp_path):
    """Decoding the whole file (38 MB as text) and charset-normalizer's copies cost +378 MB;
    a chunk at a time, a sample for the guess and a record a line, it costs a few."""
    path = tmp_path / "big-1251.jsonl"
    records = _cp1251_jsonl(path, 19)
    tracemalloc.start()
    try:
        text_file = read_text(InputFile.from_path(path))
        parsed = sum(1 for _ in formats.parse(text_file, formats.ParseContext()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text_file.encoding == "cp1251" and parsed == records
    assert peak < 24 * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"


def test_a_file_that_grows_past_the_limit_is_refused_while_reading(tmp_path):
    """The size given (an upload's, a file's at listing time) can be wrong: the limit holds on the bytes read."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"date 2019-01-16\n\n" + b"x" * (MAX_BYTES + 10))
    with pytest.raises(IngestError, match="too large"):
        read_text(InputFile(path.name, 100, lambda: path.open("rb")))


def test_text_that_only_a_later_chunk_breaks_is_refused_with_its_place(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("\ufeffdate 2019-01-16\n\n".encode() + b"ok " * 200_000 + b"\xff\xfe bad")
    with pytest.raises(IngestError, match=r"invalid utf-8-sig text at byte 6000\d\d"):
        read_text(InputFile.from_path(path))
