"""Text normalisation shared by linking, fingerprints and the search analyzer.

One definition of "the same word" for the whole product: case-, accent- and
alphabet-insensitive, with the Azerbaijani and Turkish letters handled the way
their names are usually romanised (Həsənov → hasanov, İlham → ilham).
"""

import functools
import hashlib
import unicodedata

from anyascii import anyascii

# anyascii romanises the schwa as "e"; Azerbaijani names are written with "a" in
# English news (Həsənov → Hasanov, Əliyev → Aliyev), so map it first.
_PRE_FOLD = str.maketrans({"ə": "a", "Ə": "A"})


class _FoldTable(dict):
    """A ``str.translate`` table: each character's folded form, computed once on first sight.

    anyascii maps character by character, so translating with this table gives
    exactly ``anyascii(text)``, at C speed once the characters have been seen.
    ``non_unit`` collects the characters that fold to more or fewer than one
    character (ß → ss, … → ...), after which positions shift.
    """

    def __init__(self):
        super().__init__()
        self.non_unit: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = anyascii(chr(code).translate(_PRE_FOLD)).lower()
        if len(folded) != 1:
            self.non_unit.add(chr(code))
        self[code] = folded
        return folded


FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Return ``text`` in ASCII lower case for matching.

    ``str.lower()`` alone turns ``İ`` into ``i`` plus a combining dot, which then
    never equals ``i``; transliterating before lowering avoids that.
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).translate(FOLD_TABLE)


def collapse_whitespace(text: str) -> str:
    """Return ``text`` with every run of white space turned into one space, trimmed."""
    # str.split() splits on exactly the characters ``\s`` matches, about four times faster.
    return " ".join(text.split())


# The import asks for one body's fingerprint three times (deduplication, the model's save,
# remembering the article); the body is the same string object, so a small cache answers at once.
@functools.lru_cache(maxsize=32)
def content_fingerprint(body: str) -> str:
    """Return the SHA-256 hex digest of the folded, whitespace-collapsed body.

    Two bodies that differ only in case, accents or spacing share a fingerprint.
    """
    return hashlib.sha256(collapse_whitespace(fold(body)).encode("utf-8")).hexdigest()
