"""Folded text with a way back to the original: matching runs on the folded form,
titles and roles are read from the original.
"""

from archive.text import fold


class _FoldTable(dict):
    """A ``str.translate`` table that folds each character once and remembers it.

    ``non_unit`` collects the characters that fold to more or fewer than one
    character (ß → ss, … → ...), after which positions shift.
    """

    non_unit: set[str]

    def __init__(self):
        super().__init__()
        self.non_unit = set()

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        if len(folded) != 1:
            self.non_unit.add(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


class FoldedText:
    """``text`` folded as :func:`archive.text.fold` does, with offsets back into ``text``.

    Most characters fold to exactly one (é → e, ə → a, ’ → '), and then positions
    are shared; only otherwise is a per-character offset table built.
    """

    def __init__(self, text: str):
        self.original = text
        self._offsets = None
        if text.isascii():
            self.folded = text.lower()
            return
        self.folded = text.translate(_TABLE)
        if _TABLE.non_unit.isdisjoint(text):
            return
        offsets = []
        for index, char in enumerate(text):
            offsets.extend([index] * len(_TABLE[ord(char)]))
        offsets.append(len(text))
        self._offsets = offsets

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span in the original text of the folded span ``[start, end)``."""
        if self._offsets is None:
            return start, end
        return self._offsets[start], self._offsets[end - 1] + 1
