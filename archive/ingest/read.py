"""Step 1: bytes → text. Refuses what is not a text file we can read.

Encodings: a byte-order mark wins; then UTF-8 (nearly every scrape, and the
fast path); then charset-normalizer's best guess for legacy encodings
(Windows-1251, Latin-1...). A file none of these can decode is refused as of
unknown encoding rather than decoded into mojibake.
"""

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from archive.ingest.records import IngestError, TextFile

MAX_BYTES = 20 * 1024 * 1024

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


@dataclass
class InputFile:
    """Something to import: a display name, its size in bytes, and how to get its bytes."""

    name: str
    size: int
    read_bytes: Callable[[], bytes]

    @classmethod
    def from_path(cls, path: Path, display_name: str | None = None) -> "InputFile":
        return cls(display_name or str(path), path.stat().st_size, path.read_bytes)

    @classmethod
    def from_upload(cls, upload) -> "InputFile":
        """Wrap a Django ``UploadedFile``; its bytes are read only when needed."""

        def read() -> bytes:
            upload.seek(0)
            return upload.read()

        return cls(upload.name, upload.size, read)


def read_text(source: InputFile) -> TextFile:
    """Return the decoded file, or raise :class:`IngestError` saying why it cannot be read."""
    if source.size > MAX_BYTES:
        raise IngestError(f"file is too large ({source.size / 1024 / 1024:.1f} MB; the limit is 20 MB)")
    data = source.read_bytes()
    if len(data) > MAX_BYTES:
        raise IngestError(f"file is too large ({len(data) / 1024 / 1024:.1f} MB; the limit is 20 MB)")
    if not data.strip():
        raise IngestError("file is empty")
    text, encoding = decode(data)
    if not text.strip():
        raise IngestError("file is empty")
    return TextFile(source.name, text, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``; raise :class:`IngestError` for binary or unknown encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise IngestError(f"invalid {encoding} text at byte {error.start}") from error
    head = data[:_SNIFF]
    if any(head.startswith(magic) for magic in _BINARY_MAGIC) or b"\x00" in head:
        raise IngestError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError("unknown encoding: not UTF-8, and no known encoding decodes it cleanly")
    text = str(best)
    # Random or foreign bytes decode "cleanly" in some CJK code page, as text of no known
    # language. Real legacy files are either mostly ASCII (Latin scripts) or recognised as a
    # language (Cyrillic, Greek, CJK...).
    if best.coherence == 0 and sum(not c.isascii() for c in text) > 0.3 * len(text):
        raise IngestError(f"unknown encoding: no encoding gives readable text (best guess {best.encoding})")
    return text, best.encoding
