"""Folded text with a way back to the original: matching runs on the folded form,
titles and roles are read from the original.
"""

from archive.text import FOLD_TABLE as _TABLE


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
        self.folded = text.translate(_TABLE)  # text is NFC already (normalise step)
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
