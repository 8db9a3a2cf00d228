"""Numbers read aloud and voice-typed: "five five two", "ten twenty eight", "oh nine slash twenty seven".

Dictation writes what was said, so a card, its expiry and CVV, or a phone number can arrive as
words. The recognizers that expect digits ask this module what digits a run of number words
stands for, and decide with their own cues and checksums whether the digits are theirs.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Said between the month and the year, or between groups; carries no digit.
_SPOKEN_SEPARATORS = frozenset({"slash", "dash"})
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TEENS, *_TENS], key=len, reverse=True))
SPOKEN_RUN = rf"(?:{_NUMBER_WORD})(?:[\s,\-]+(?:(?:slash|dash)[\s,\-]+)?(?:{_NUMBER_WORD}))*"
SPOKEN_NUMBER = re.compile(rf"\b{SPOKEN_RUN}\b", re.IGNORECASE)


def spoken_digits(words: str) -> str | None:
    """The digits a run of number words is read as: "five five two" → "552", "ten twenty eight"
    → "1028", "oh nine" → "09", "twenty" → "20". None when a word is not a number word."""
    tokens = [t.lower() for t in re.split(r"[\s,\-]+", words) if t and t.lower() not in _SPOKEN_SEPARATORS]
    digits = ""
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in _UNITS:
            digits += str(_UNITS[t])
        elif t in _TEENS:
            digits += str(_TEENS[t])
        elif t in _TENS:
            # "twenty eight" is 28; "twenty oh" is not a number anyone says, so 20 then 0.
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if following in _UNITS and following not in ("zero", "oh"):
                digits += str(_TENS[t] + _UNITS[following])
                i += 1
            else:
                digits += str(_TENS[t])
        else:
            return None
        i += 1
    return digits
