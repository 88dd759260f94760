"""Text normalisation shared by linking, fingerprints and the search analyzer.

One definition of "the same word" for the whole product: case-, accent- and
alphabet-insensitive, with the Azerbaijani and Turkish letters handled the way
their names are usually romanised (Həsənov → hasanov, İlham → ilham).
"""

import hashlib
import re
import unicodedata

from anyascii import anyascii

# anyascii romanises the schwa as "e"; Azerbaijani names are written with "a" in
# English news (Həsənov → Hasanov, Əliyev → Aliyev), so map it first.
_PRE_FOLD = str.maketrans({"ə": "a", "Ə": "A"})
_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` in ASCII lower case for matching.

    ``str.lower()`` alone turns ``İ`` into ``i`` plus a combining dot, which then
    never equals ``i``; transliterating before lowering avoids that.
    """
    return anyascii(unicodedata.normalize("NFC", text).translate(_PRE_FOLD)).lower()


def collapse_whitespace(text: str) -> str:
    """Return ``text`` with every run of white space turned into one space, trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def content_fingerprint(body: str) -> str:
    """Return the SHA-256 hex digest of the folded, whitespace-collapsed body.

    Two bodies that differ only in case, accents or spacing share a fingerprint.
    """
    return hashlib.sha256(collapse_whitespace(fold(body)).encode("utf-8")).hexdigest()
