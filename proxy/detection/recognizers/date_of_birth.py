"""Dates of birth: a date right after a birth cue ("born on", "DOB", "my birthday is").

Dates are everywhere in chat ("meet on 3/4", "due 2024-05-01") and are not personal data;
a date of birth is, and it is nearly always announced. Presidio's DateRecognizer (every date)
is therefore not used at all. Only the date itself is reported, not the cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|"
    # German, French, Spanish, Dutch, Italian month names for the cues below in those languages.
    "januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    "januari|februari|maart|mei|augustus|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?:19|20)\d{2}"
_MONTH = rf"(?:{_MONTHS})\.?"
_DATE = (
    r"(?:"
    rf"\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}\s?[/.\-]\s?(?:{_YEAR}|\d{{2}})(?![\d/.\-]\d)"  # 04/12/1988, 4.12.88
    rf"|{_YEAR}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}(?!\d)"  # 1988-04-12
    rf"|{_DAY}\s*(?:of\s+|de\s+)?{_MONTH}(?:\s*(?:de\s+)?,?\s*'?(?:{_YEAR}|\d{{2}}))?(?![\w])"  # 12 April 1988, 3rd of March
    rf"|{_MONTH}\s*{_DAY}(?:\s*,?\s*(?:{_YEAR}|'\d{{2}}))?(?![\w])"  # April 12th, 1988
    rf"|{_MONTH}\s*,?\s*{_YEAR}(?!\d)"  # March 1990 (after "born in")
    rf"|\d{{1,2}}\s?/\s?\d{{1,2}}(?![\d/])"  # 4/12 (birthday without a year)
    r")"
)
_CUE = (
    r"(?:born(?:\s+(?:on|in))?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date|birthday|bday|b-day|"
    r"birth\s+day|geboren(?:\s+am)?|geb\.|geburtstag|geburtsdatum|n[ée]e?\s+le|date\s+de\s+naissance|"
    r"anniversaire|nac[ií](?:d[oa])?\s+el|nasci(?:d[oa])?\s+(?:em|a|no|na)|fecha\s+de\s+nacimiento|cumpleaños|geboortedatum|geboren\s+op|"
    r"verjaardag|nato\s+il|nata\s+il|data\s+di\s+nascita|compleanno)"
)
# Between cue and date: "is", "was", "on", ":", "'s", "=" and the like; never another sentence.
_FILLER = r"(?:['’]s)?[\s:=\-–,]*(?:(?:is|was|are|on|the|am|le|el|il|op|ist|c'est|es)\b[\s:=\-–,]*){0,3}"
_DATE_OF_BIRTH = re.compile(rf"\b{_CUE}{_FILLER}(?P<date>{_DATE})", re.IGNORECASE)


class DateOfBirthRecognizer(SpanRecognizer):
    ENTITIES = ("DATE_OF_BIRTH",)

    def spans(self, text: str) -> Iterator[Span]:
        for m in _DATE_OF_BIRTH.finditer(text):
            # "12 May." — the full stop ends the sentence, it is not part of the date.
            end = m.start("date") + len(m.group("date").rstrip("."))
            yield Span("DATE_OF_BIRTH", m.start("date"), end, 0.9)
