"""National identifiers: US Social Security numbers and UK National Insurance numbers.

An SSN written 123-45-6789 has a shape little else has, so it counts on its own; nine bare
digits or "123 45 6789" count only after a cue ("ssn", "social security"). Numbers the SSA never
issues (area 000, 666 or 900–999, group 00, serial 0000) are discarded. A NINO's letter
prefixes follow HMRC's rules; QQ 12 34 56 C, HMRC's own specimen, is kept because that is what
people paste when they test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, cue_before

_SSN_DASHED = re.compile(r"(?<![\w\-./])(\d{3})-(\d{2})-(\d{4})(?![\w\-]|[./]\d)")
_SSN_OTHER = re.compile(r"(?<![\w\-./])(\d{3})([ .]?)(\d{2})\2(\d{4})(?![\w\-]|[./]\d)")
_SSN_CUE = re.compile(r"\b(?:ssn|ssns|social(?:\s+security)?(?:\s+(?:number|no|#))?|ss#|ss\s?no|tin|itin)\b", re.IGNORECASE)

_NINO = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z])([A-Za-z])[ \-]?(\d{2})[ \-]?(\d{2})[ \-]?(\d{2})(?:[ \-]?([A-Da-d]))?(?![A-Za-z0-9])"
)
_NINO_CUE = re.compile(r"\b(?:ni|nino|national\s+insurance|nat\s+ins|insurance\s+number)\b", re.IGNORECASE)
_NINO_FIRST_FORBIDDEN = set("DFIQUV")
_NINO_SECOND_FORBIDDEN = set("DFIOQUV")
_NINO_PREFIX_FORBIDDEN = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def ssn_valid(area: str, group: str, serial: str) -> bool:
    a = int(area)
    return a != 0 and a != 666 and a < 900 and group != "00" and serial != "0000"


def nino_prefix_valid(prefix: str) -> bool:
    prefix = prefix.upper()
    if prefix == "QQ":  # HMRC's specimen number
        return True
    return (
        prefix[0] not in _NINO_FIRST_FORBIDDEN
        and prefix[1] not in _NINO_SECOND_FORBIDDEN
        and prefix not in _NINO_PREFIX_FORBIDDEN
    )


class NationalIdRecognizer(SpanRecognizer):
    ENTITIES = ("US_SSN", "UK_NINO")

    def spans(self, text: str) -> Iterator[Span]:
        seen = set()
        for m in _SSN_DASHED.finditer(text):
            if ssn_valid(*m.groups()):
                seen.add(m.start())
                yield Span("US_SSN", m.start(), m.end(), 0.85 if not cue_before(_SSN_CUE, text, m.start(), 30) else 1.0)
        for m in _SSN_OTHER.finditer(text):
            if m.start() in seen or not ssn_valid(m.group(1), m.group(3), m.group(4)):
                continue
            if cue_before(_SSN_CUE, text, m.start(), 30):
                yield Span("US_SSN", m.start(), m.end(), 0.9)
        for m in _NINO.finditer(text):
            if not nino_prefix_valid(m.group(1) + m.group(2)):
                continue
            value = m.group()
            cue = cue_before(_NINO_CUE, text, m.start(), 40)
            # All lowercase ("ab123456c") or without the suffix letter ("AB123456") it could be
            # an identifier of anything; HMRC's full shape in capitals, or a cue, make it a NINO.
            if (value.islower() or m.group(6) is None) and not cue:
                continue
            yield Span("UK_NINO", m.start(), m.end(), 0.9)
