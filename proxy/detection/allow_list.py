"""The policy's allow list: terms that are never redacted, above all the AI persona's name.

Matched case-, accent-, spacing- and punctuation-insensitively: "Luna, you're sweet" must reach
Luna. A finding that is only an allowed term is dropped; an allowed term at its edge that
punctuation or a line break separates from the rest is cut off ("Luna, Jake" -> "Jake"). An
allowed word inside a full name ("I'm Nova Reyes") is not cut: that is the user's own name, and
leaking half of it is worse than redacting the persona's.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def fold(value: str) -> str:
    """Case-, accent-, spacing- and punctuation-insensitive form of a term."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", value.casefold()).strip()


class AllowList:
    def __init__(self, terms: tuple[str, ...] | list[str]):
        self.terms = frozenset(t for t in (fold(term) for term in terms) if t)
        self._longest = max((len(t.split()) for t in self.terms), default=0)

    def trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span without allowed terms at its edges; None if nothing else is left."""
        if not self.terms:
            return start, end
        if fold(text[start:end]) in self.terms:
            return None
        words = [m.span() for m in _WORD.finditer(text, start, end)]
        trimmed = False
        while words:
            k = self._allowed_prefix(text, words)
            if not k:
                break
            words, trimmed = words[k:], True
        while words:
            k = self._allowed_prefix(text, words[::-1], reverse=True)
            if not k:
                break
            words, trimmed = words[:-k], True
        if not words:
            return None
        return (words[0][0], words[-1][1]) if trimmed else (start, end)

    def _allowed_prefix(self, text: str, words: list[tuple[int, int]], reverse: bool = False) -> int:
        """How many words at the front of `words` (the back, if reversed) form an allowed term
        that punctuation separates from the rest: "Luna, Jake" -> "Jake", but "Nova Reyes" is
        someone's full name and stays whole."""
        for k in range(min(self._longest, len(words) - 1), 0, -1):
            first, last = (words[k - 1], words[0]) if reverse else (words[0], words[k - 1])
            gap = text[words[k][1] : first[0]] if reverse else text[last[1] : words[k][0]]
            if fold(text[first[0] : last[1]]) in self.terms and (gap.strip() or "\n" in gap):
                return k
        return 0
