"""Pseudonyms back to the user's own words, in text that arrives a few characters at a time.

A chat service streams its answer token by token, so `<PERSON_1>` may arrive as `<PER`, `SON`,
`_1>`, and a surrogate name as `Laura` then ` Smith`. The restorer emits text as soon as it cannot
be the start of a pseudonym and holds back only the shortest tail that still could be (at most
one pseudonym's length, plus one character after a surrogate that ends in a letter to see that
the word ends there).

Restoration is exact, never fuzzy: `<PERSON_99>` (no such pseudonym), `<PERSON_1` (unclosed) or
`Laura Smithson` (a surrogate the model altered) are left as they are, because a guessed
restoration would put the user's real data into text the user did not write it into.

The result does not depend on how the text was split: feeding any chunking and then `flush()`
gives exactly `restore(whole text)`. Pure Python, no mitmproxy: the response addon wires it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_WORD = re.compile(r"\w")
# What a stream "had" before its first character: a non-word character, so that a surrogate at the
# very start counts as starting a word.
_START_CONTEXT = " "


def _is_word(char: str) -> bool:
    return bool(_WORD.match(char))


class TextRestorer:
    """Knows one conversation's pseudonyms (replacement → original) and restores text with them."""

    def __init__(self, originals: Mapping[str, str]):
        self.originals = {r: o for r, o in originals.items() if r}
        self.longest = max((len(r) for r in self.originals), default=0)
        self.prefixes = frozenset(r[:n] for r in self.originals for n in range(1, len(r)))
        if self.originals:
            # Longest first: at one position `re` takes the first alternative that matches, and
            # the longest pseudonym that fits is the one meant.
            alternatives = sorted(self.originals, key=len, reverse=True)
            self.pattern: re.Pattern[str] | None = re.compile("|".join(map(self._alternative, alternatives)))
        else:
            self.pattern = None

    @staticmethod
    def _alternative(replacement: str) -> str:
        # A surrogate that starts or ends with a letter must be a whole word: "Ann Lee" is not
        # inside "Ann Leeds". Placeholders (`<...>`) are delimited by themselves.
        before = r"(?<!\w)" if _is_word(replacement[0]) else ""
        after = r"(?!\w)" if _is_word(replacement[-1]) else ""
        return before + re.escape(replacement) + after

    def __bool__(self) -> bool:
        return bool(self.originals)

    def restore(self, text: str) -> str:
        """Restore a complete text (a JSON response, one WebSocket frame)."""
        if self.pattern is None or not text:
            return text
        stream = self.stream()
        return stream.feed(text) + stream.flush()

    def stream(self) -> StreamRestorer:
        return StreamRestorer(self)


class StreamRestorer:
    """One text stream (one choice of a completion, one content block): feed chunks, then flush."""

    def __init__(self, restorer: TextRestorer):
        self.restorer = restorer
        # Pending input with one character of context before it: whether a surrogate starts a
        # word depends on the character before it, which may have been emitted already.
        self._buffer = _START_CONTEXT

    @property
    def held_back(self) -> int:
        """How many characters are held back, waiting to see whether they start a pseudonym."""
        return len(self._buffer) - 1

    def feed(self, chunk: str) -> str:
        if self.restorer.pattern is None:
            return chunk
        self._buffer += chunk
        return self._drain(final=False)

    def flush(self) -> str:
        """The end of the stream: whatever was held back, restored if it is a whole pseudonym."""
        if self.restorer.pattern is None:
            return ""
        out = self._drain(final=True)
        self._buffer = _START_CONTEXT
        return out

    def _drain(self, final: bool) -> str:
        restorer, buf = self.restorer, self._buffer
        assert restorer.pattern is not None
        n = len(buf)
        pos = 1
        hold = n if final else self._hold_start(pos)
        out: list[str] = []
        while pos < n:
            m = restorer.pattern.search(buf, pos)
            if m is None or m.start() >= hold:
                break
            replacement = m.group()
            if not final and m.end() == n and _is_word(replacement[-1]):
                # "Ann Lee" at the very end may yet become "Ann Leeds": wait for one more character.
                hold = m.start()
                break
            out.append(buf[pos : m.start()])
            out.append(restorer.originals[replacement])
            pos = m.end()
            if pos > hold:
                hold = self._hold_start(pos)
        out.append(buf[pos:hold])
        self._buffer = buf[hold - 1 :]  # hold ≥ 1: the context character is kept
        return "".join(out)

    def _hold_start(self, pos: int) -> int:
        """Where the shortest tail that could still grow into a pseudonym begins (len if none)."""
        buf, restorer = self._buffer, self.restorer
        n = len(buf)
        for i in range(max(pos, n - restorer.longest + 1), n):
            if _is_word(buf[i]) and _is_word(buf[i - 1]):
                continue  # a surrogate starts a word; mid-word text cannot start one
            if buf[i:] in restorer.prefixes:
                return i
        return n
