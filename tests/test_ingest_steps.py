"""The pipeline's small steps, one by one: read, normalise, headline, validate, dedupe."""

import io
from datetime import date, timedelta

import pytest

from archive.ingest.dedupe import containment, shingles
from archive.ingest.headline import derive_title
from archive.ingest.normalise import is_debris, normalise_text, strip_debris
from archive.ingest.read import MAX_BYTES, InputFile, decode, read_text
from archive.ingest.records import Draft, IngestError
from archive.ingest.validate import parse_date, validate


def source_of(data: bytes, size=None) -> InputFile:
    return InputFile("upload.txt", len(data) if size is None else size, lambda: io.BytesIO(data))


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Həsənov".encode(), "Həsənov", "utf-8"),
        ("\ufeffHəsənov".encode(), "Həsənov", "utf-8-sig"),
        ("Həsənov".encode("utf-16"), "Həsənov", "utf-16"),
        (("Министр обороны Азербайджана встретился с послом Ирана в Баку. " * 3).encode("cp1251"), None, "cp1251"),
    ],
)
def test_decode(data, text, encoding):
    decoded, found = decode(data)
    assert found == encoding
    assert decoded == (text or data.decode("cp1251"))


def test_read_refuses_before_reading_a_huge_file():
    def never():
        raise AssertionError("a file over the limit must not be read")

    with pytest.raises(IngestError, match="too large"):
        read_text(InputFile("huge.txt", MAX_BYTES + 1, never))


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b" \n\n ", "empty"), (b"abc\x00def", "binary")])
def test_read_refuses(data, reason):
    with pytest.raises(IngestError, match=reason):
        read_text(source_of(data))


def test_normalise_text():
    assert normalise_text("A\u00a0 b\u200b\r\n\r\n\r\n\r\nc\t d ") == "A b\n\nc d"
    assert normalise_text("Cafe\u0301") == "Café"  # NFC


@pytest.mark.parametrize(
    "line",
    [
        "+ ↺ − 16 px",
        "16 px",
        "Share",
        "Facebook | Twitter",
        "Read more",
        "—",
        "| Politics | 14 May 2024, 17:20 | Print version",  # an unseen outlet's date line became the headline
        "Home » Politics » Defence",
        "Print version",
    ],
)
def test_debris(line):
    assert is_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "The share of trade grew.",
        "News.Az",
        "Print media were invited.",
        "Trade grew by 20 % | the ministry said | in Baku, where the two ministers met on Tuesday to sign the plan.",
    ],
)
def test_not_debris(line):
    assert not is_debris(line)


def test_strip_debris_keeps_paragraphs():
    assert strip_debris("First.\n+ ↺ − 16 px\n\n\nSecond.\nShare") == "First.\n\nSecond."


@pytest.mark.parametrize("dateline", ["Baku, May 14, AZERTAC", "TEHRAN, Jan. 16 (IRNA) -", "Tbilisi, 3 March 2024"])
def test_a_derived_title_skips_a_dateline_paragraph(dateline):
    body = f"{dateline}\n\nHasanov received the Iranian delegation on Tuesday. They talked."
    assert derive_title(body) == "Hasanov received the Iranian delegation on Tuesday"
    assert derive_title("Baku, May 14, AZERTAC") == "Baku, May 14, AZERTAC"  # nothing else to take


def test_derived_title_first_sentence_cut_at_a_word():
    assert derive_title("Gen. Smith met J. Doe in Baku. Then he left.") == "Gen. Smith met J. Doe in Baku"
    long = "Azerbaijani Defense Minister " + "and the delegation " * 20 + "met."
    title = derive_title(long)
    assert len(title) <= 120 and title.endswith("…") and not title.endswith(" and…")
    assert long.startswith(title[:-1])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "missing date"),
        ("2019-02-30", "impossible date"),
        ("16/01/2019", "unreadable date"),
        ("2999-01-01", "in the future"),
    ],
)
def test_bad_dates(text, reason):
    with pytest.raises(IngestError, match=reason):
        parse_date(text, date(2026, 1, 1), "line 1")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2019-01-16", date(2019, 1, 16)),
        ("2019-01-16T09:30:00+04:00", date(2019, 1, 16)),
        ("Wed, 16 Jan 2019 10:00:00 GMT", date(2019, 1, 16)),
    ],
)
def test_good_dates(text, value):
    assert parse_date(text, date(2026, 1, 1), "line 1") == value


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("body", "Short.", "body too short"),
        ("url", "javascript:alert(1)", "not an http"),
        ("title", "x" * 301, "title too long"),
        ("language", "English!", "not a language code"),
    ],
)
def test_validation_names_the_problem(field, value, reason):
    draft = Draft(
        where="line 3", body="Zakir Hasanov met the Iranian ambassador in Baku on Monday.", date_text="2019-01-16"
    )
    setattr(draft, field, value)
    with pytest.raises(IngestError, match=reason) as error:
        validate(draft, "file.jsonl line 3", date(2026, 1, 1))
    assert error.value.where == "line 3"


def test_containment_survives_a_cut_paragraph_and_a_typo():
    story = " ".join(f"word{i}" for i in range(200))
    shorter = " ".join(f"word{i}" for i in range(150)).replace("word7 ", "wrod7 ")
    assert containment(shingles(story), shingles(shorter)) > 0.9
    assert containment(shingles(story), shingles("something else entirely, about other people")) == 0


def test_raw_text_is_kept_whole_up_to_its_bound_and_cut_with_a_note_beyond():
    from archive.ingest.validate import MAX_RAW_CHARS

    story = "Zakir Hasanov met the Iranian ambassador in Baku on Monday."
    small = validate(
        Draft(where="page", body=story, date_text="2019-01-16", raw_text="<p>raw</p>"), "f", date(2026, 1, 1)
    )
    assert small.raw_text == "<p>raw</p>"
    page = "<html>\n" + "<div>layout</div>\n" * 1_000_000 + f"<p>{story}</p></html>"  # 18 MB around the story
    big = validate(Draft(where="page", body=story, date_text="2019-01-16", raw_text=page), "f", date(2026, 1, 1))
    assert len(big.raw_text) < MAX_RAW_CHARS + 100 and page.startswith(big.raw_text.rsplit("\n[…", 1)[0])
    assert big.raw_text.endswith("more characters of the file not kept]")


@pytest.mark.django_db
def test_the_deduplicator_remembers_an_article_in_a_few_kilobytes():
    """A 6,500-record import held 250 MB of shingle sets (32 KB an article); arrays take 1.8 KB."""
    import tracemalloc

    from archive.ingest.dedupe import Deduplicator

    dedupe = Deduplicator()
    bodies = [" ".join(f"w{n}x{i}" for i in range(450)) for n in range(200)]
    days = [date(2000, 1, 1) + timedelta(days=10 * n) for n in range(len(bodies))]  # windows apart
    for day in days:
        dedupe.check("load the date windows first", "", day)
    tracemalloc.start()
    try:
        for n, (body, day) in enumerate(zip(bodies, days, strict=True)):
            dedupe.check(body, "", day)
            dedupe.remember(n, f"Article {n}", body, "", day)
        remembered, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert remembered / len(bodies) < 4 * 1024, f"{remembered / len(bodies) / 1024:.1f} KB per article"
