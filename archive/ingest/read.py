"""Step 1: bytes → text. Refuses what is not a text file we can read.

Encodings: a byte-order mark wins; then UTF-16 without a mark when the zero bytes
say so; then UTF-8 (nearly every scrape, and the fast path); then
charset-normalizer's best guess for legacy encodings (Windows-1251, Latin-1...),
made on a sample. A file none of these can decode is refused as of unknown
encoding rather than decoded into mojibake.

Files are read as streams, a chunk at a time: checking that a 19 MB file decodes
holds one chunk, not the file, and parsers that can go record by record (JSON
Lines, CSV) never hold the whole text either (:class:`TextFile`).
"""

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from archive.ingest.records import IngestError, TextFile

MAX_BYTES = 20 * 1024 * 1024
CHUNK = 256 * 1024
# Enough text for charset-normalizer to tell Windows-1251 from KOI8-R; it would decode
# (and copy) the whole file otherwise, several times over.
SAMPLE = 512 * 1024

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Signatures of common binary formats someone may drop into an import folder by mistake.
_BINARY_MAGIC = [
    b"%PDF",
    b"\x89PNG",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"SQLite format",
]
_SNIFF = 8192
MIN_UTF16_CHARS = 32


@dataclass
class InputFile:
    """Something to import: a display name, its size in bytes, and how to open its bytes (from the start)."""

    name: str
    size: int
    open: Callable[[], BinaryIO]

    @classmethod
    def from_path(cls, path: Path, display_name: str | None = None) -> "InputFile":
        return cls(display_name or str(path), path.stat().st_size, lambda: path.open("rb"))

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> "InputFile":
        return cls(name, len(data), lambda: io.BytesIO(data))

    @classmethod
    def from_upload(cls, upload) -> "InputFile":
        """Wrap a Django ``UploadedFile``; its bytes are read only when needed, from disk for large ones."""
        path = getattr(upload, "temporary_file_path", None)
        if path is not None:
            return cls.from_path(Path(path()), display_name=upload.name)

        def reopen() -> BinaryIO:
            upload.seek(0)
            return io.BytesIO(upload.read())

        return cls(upload.name, upload.size, reopen)


def read_text(source: InputFile) -> TextFile:
    """Return the file as text to parse, or raise :class:`IngestError` saying why it cannot be read.

    The whole file is decoded once to check it (a chunk at a time); parsers read it
    again as they go.
    """
    if source.size > MAX_BYTES:
        raise IngestError(f"file is too large ({source.size / 1024 / 1024:.1f} MB; the limit is 20 MB)")
    encoding = detect_encoding(source.open)
    return TextFile(source.name, encoding, source.open)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``; raise :class:`IngestError` for binary or unknown encodings."""
    encoding = detect_encoding(lambda: io.BytesIO(data))
    return data.decode(encoding), encoding


def detect_encoding(open_binary: Callable[[], BinaryIO]) -> str:
    """Return the codec that decodes the whole stream ``open_binary()`` gives.

    Raises :class:`IngestError` for an empty, too large, binary, invalid or unknown-encoding file.
    """
    with open_binary() as stream:
        head = stream.read(_SNIFF)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            _check_whole(open_binary, encoding, f"invalid {encoding} text")
            return encoding
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        raise IngestError("binary file, not text")
    if b"\x00" in head:
        encoding = _utf16_without_bom(head)
        if encoding is None or not _decodes(open_binary, encoding):
            raise IngestError("binary file, not text")
        return encoding
    if _decodes(open_binary, "utf-8"):
        return "utf-8"
    return _legacy_encoding(open_binary)


def _legacy_encoding(open_binary: Callable[[], BinaryIO]) -> str:
    with open_binary() as stream:
        sample = stream.read(SAMPLE)
        if stream.read(1):
            # Cut at a line end so that the guess never sees half a multi-byte character.
            sample = sample[: sample.rfind(b"\n") + 1] or sample
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise IngestError("unknown encoding: not UTF-8, and no known encoding decodes it cleanly")
    text = str(best)
    # Random or foreign bytes decode "cleanly" in some CJK code page, as text of no known
    # language. Real legacy files are either mostly ASCII (Latin scripts) or recognised as a
    # language (Cyrillic, Greek, CJK...).
    if best.coherence == 0 and sum(not c.isascii() for c in text) > 0.3 * len(text):
        raise IngestError(f"unknown encoding: no encoding gives readable text (best guess {best.encoding})")
    if not _decodes(open_binary, best.encoding):
        raise IngestError(f"unknown encoding: {best.encoding} fits the beginning but not the rest")
    return best.encoding


def _utf16_without_bom(head: bytes) -> str | None:
    """Return ``utf-16-le`` or ``-be`` when the zero bytes of ``head`` fall on one side of each pair
    and it decodes to readable text; else ``None`` (binary).

    In UTF-16 every character below U+0100 (Latin letters, digits, punctuation, the
    keys of a JSON file) has a zero high byte; binary data has zeros on both sides.
    """
    even, odd = head[0::2], head[1::2]
    if len(odd) < MIN_UTF16_CHARS:
        return None  # a few bytes with a zero: nothing to tell text by
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.2 and zeros_even < 0.02:
        encoding = "utf-16-le"
    elif zeros_even > 0.2 and zeros_odd < 0.02:
        encoding = "utf-16-be"
    else:
        return None
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    readable = sum(c.isprintable() or c in "\t\n\r" for c in text)
    return encoding if readable >= 0.95 * len(text) else None


def _decodes(open_binary: Callable[[], BinaryIO], encoding: str) -> bool:
    """Whether the whole stream decodes as ``encoding`` (raises for an empty or too large file)."""
    try:
        _check_whole(open_binary, encoding, "")
    except UnicodeDecodeError:
        return False
    return True


def _check_whole(open_binary: Callable[[], BinaryIO], encoding: str, invalid: str) -> None:
    """Decode the whole stream a chunk at a time, keeping nothing.

    Raises :class:`IngestError` for a file over :data:`MAX_BYTES` or with no text but
    white space, and for bytes ``encoding`` cannot decode when ``invalid`` names the
    problem; without ``invalid``, the ``UnicodeDecodeError`` itself.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    size, has_text = 0, False
    with open_binary() as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:
                raise IngestError(f"file is too large (over {MAX_BYTES / 1024 / 1024:.0f} MB; the limit is 20 MB)")
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                if not invalid:
                    raise
                raise IngestError(f"{invalid} at byte {size - len(chunk) + error.start}") from error
            has_text = has_text or bool(text.strip())
        try:
            has_text = bool(decoder.decode(b"", final=True).strip()) or has_text
        except UnicodeDecodeError as error:
            if not invalid:
                raise
            raise IngestError(f"{invalid}: the file ends inside a character") from error
    if not has_text:
        raise IngestError("file is empty")
