"""Phone numbers: international (+44 20 7946 0958), North American ((555) 010-1234, 555.010.1234),
national trunk formats (07700 900123, 0612345678, 030 123456) and bare numbers after a cue.

Presidio's PhoneRecognizer runs `phonenumbers.PhoneNumberMatcher` over the whole text for
several regions, which is slow, and it reads times, ZIP+4 codes and order numbers as phones.
Here one precompiled regex finds candidates, cheap shape checks throw out dates, IP addresses,
versions and prices, and `phonenumbers` is asked only about what is left. Fictional numbers
(the 555-01xx range, Ofcom's 07700 900xxx drama range) are not "valid" to `phonenumbers` but are
exactly what people paste from examples, so well-formed shapes count without the metadata check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import phonenumbers

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, cue_before
from proxy.detection.recognizers.spoken_numbers import SPOKEN_NUMBER, spoken_digits

# A run of digits, parentheses and separators on one line, optionally starting with + or 00.
_CANDIDATE = re.compile(
    # "/" for the German "030/1234567"; dates with two slashes are thrown out below.
    r"(?<![\w/.,$€£¥#+\-@=])(?:\+\s?|(?<!\d)00\s?)?\(?\d[\d() \u00a0.\-/]{5,22}\d(?![\w\-/%]|[.,]\d)"
)
_SEPARATOR = re.compile(r"[\s.\-()\u00a0]+")
_NANP = re.compile(r"(?:\+?1[\s.\-]?)?(?:\(\s?[2-9]\d{2}\s?\)|[2-9]\d{2})[\s.\-]?\d{3}[\s.\-]\d{4}")
_NANP_BUSINESS = re.compile(r"8(?:00|33|44|55|66|77|88)|900")
_NANP_LOCAL = re.compile(r"[2-9]\d{2}[\s.\-]\d{4}")
_UK_MOBILE = re.compile(r"07\d{3}\s?\d{3}\s?\d{3}|07\d{3}\s?\d{6}")
_DATE_LIKE = re.compile(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")

_PHONE_CUE = re.compile(
    r"\b(?:phones?|ph|tel|telephone|mobile|mob|cell|cellphone|call|calling|text|txt|sms|whatsapp|"
    r"signal|telegram|viber|contacts?|reach|ring|dial|fax|landline|handy|telefon|"
    r"telefoon|mobiel|t[ée]l[ée]phone|t[ée]l|portable|m[óo]vil|tel[ée]fono|telefone|celular|cellulare|nummer)\b"
    # "number" alone is too common ("the number of items is …"); someone's number counts.
    r"|\b(?:my|his|her|your|our|their|[a-z]+'s|[a-z]+’s|mi|su|mon|ma|son|mein|meine|seine|ihre|mijn|"
    r"il\s+mio|meu|mera|meri|mere)\s+(?:new\s+|home\s+|work\s+|private\s+|personal\s+)?"
    r"(?:number|no\.?|num|#|n[úu]mero|num[ée]ro|nummer|numero)(?!\s+(?:of|de|di|du|van)\b)",
    re.IGNORECASE,
)
_NOT_A_PHONE_CUE = re.compile(
    r"\b(?:order|tracking|track|invoice|ref(?:erence)?|account|acct|routing|sort\s?code|iban|"
    r"confirmation|case|ticket|serial|sku|isbn|ssn|social|booking|flight|transaction|txn|zip|"
    r"postcode|postal|pin|card|cvv|policy|claim|member|membership|customer|id|passport|license|"
    r"licence|vin|imei|part|model|version|build|patient|nhs|student|employee|upc|ean|gtin|asin|"
    r"meeting(?:\s+id)?|zoom|webinar|conference\s+id)\b[^\n\d]{0,12}$",
    re.IGNORECASE,
)
# "(11) 95555-0134", "(021) 555 0199": an area code in parentheses, then grouped digits, is how
# Brazil, Argentina, Mexico and others write phones.
_BRACKETED_AREA_CODE = re.compile(r"\(\d{2,4}\)\s?\d{3,5}[\s.\-]\d{3,4}")
# The last token before the digits mixes letters and digits ("1Z 999 AA1 01 2345 6784"): the
# digits are the tail of a longer code such as a parcel tracking number.
_CODE_TOKEN_BEFORE = re.compile(r"(?:^|[^\w])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+[ \-]$")
# Regions tried for numbers written without a country code, in rough order of traffic.
_REGIONS = ("US", "GB", "IN", "CA", "AU", "DE", "FR", "NL", "ES", "IE", "IT", "BE", "AT", "CH", "NZ", "SG", "ZA", "BR", "MX")


class PhoneRecognizer(SpanRecognizer):
    ENTITIES = ("PHONE_NUMBER",)

    def spans(self, text: str) -> Iterator[Span]:
        for m in _CANDIDATE.finditer(text):
            start, candidate = m.start(), m.group().rstrip(" .-(\u00a0")
            if candidate.count("(") != candidate.count(")"):
                candidate = candidate.lstrip("(")
                start = m.start() + m.group().index(candidate[0])
            score = self._score(candidate, text, start)
            if score:
                yield Span("PHONE_NUMBER", start, start + len(candidate), score)
        for m in SPOKEN_NUMBER.finditer(text):
            # "call me on oh seven seven oh oh, nine double… ": dictated, a phone arrives as
            # words. Only after a phone word, and only as long as a phone number.
            digits = spoken_digits(m.group()) or ""
            if 7 <= len(digits) <= 15 and cue_before(_PHONE_CUE, text, m.start(), 30) and not _NOT_A_PHONE_CUE.search(text, max(0, m.start() - 30), m.start()):
                yield Span("PHONE_NUMBER", m.start(), m.end(), 0.8)

    @staticmethod
    def _score(candidate: str, text: str, start: int) -> float:
        digits = re.sub(r"\D", "", candidate)
        if not 7 <= len(digits) <= 15 or len(re.findall(r"\d+", candidate)) > 6:
            return 0.0  # phones are written in at most six groups ("+33 6 12 34 56 78")
        if _NOT_A_PHONE_CUE.search(text, max(0, start - 30), start):
            return 0.0
        if _CODE_TOKEN_BEFORE.search(text[max(0, start - 20) : start]):
            return 0.0
        bare = candidate.lstrip("+(").strip()
        if _DATE_LIKE.fullmatch(bare) or _DOTTED_QUAD.fullmatch(bare) or candidate.count("/") > 1:
            return 0.0
        if "/" in candidate and not bare.startswith("0"):
            return 0.0  # "1/2", "2019/2020": only a trunk-prefixed area code is written with a slash
        separators = set(re.sub(r"[\d\s+()]", "", candidate))
        if separators == {"."} and not (_NANP.fullmatch(bare) or candidate[0] in "+0"):
            return 0.0  # version strings and amounts: 10.0.19045.2965, 1.234.567
        cue = cue_before(_PHONE_CUE, text, start, 30)
        if candidate.startswith("+") or candidate.startswith("00"):
            number = _parse(candidate if candidate.startswith("+") else "+" + candidate[2:].lstrip(), None)
            if number is None:
                return 0.0
            if phonenumbers.is_valid_number(number):
                return 0.95
            return 0.8 if phonenumbers.is_possible_number(number) else 0.0
        if _NANP.fullmatch(candidate):
            # Toll-free and premium numbers belong to businesses, never to the person typing.
            return 0.0 if _NANP_BUSINESS.match(digits[-10:]) else 0.9
        if _NANP_LOCAL.fullmatch(candidate):
            # Seven digits ("555-0123") are a phone only when someone says so: right before it,
            # or, for the dashed form, once for a list ("emergency contacts: mum … 555-0101,
            # dad … 555-0102").
            listed = "-" in candidate and _PHONE_CUE.search(text, 0, start) is not None
            return 0.75 if cue or listed else 0.0
        if _UK_MOBILE.fullmatch(candidate):
            return 0.85
        valid_in = _valid_region(candidate)
        if valid_in and _BRACKETED_AREA_CODE.fullmatch(candidate):
            return 0.85
        if bare.startswith("0") and valid_in:
            return 0.85 if len(digits) >= 9 or cue else 0.0
        grouped_as_phone = all(len(g) >= 3 for g in re.findall(r"\d+", candidate)) and len(candidate) > len(digits)
        if valid_in and (cue or grouped_as_phone):
            # Bare national numbers ("98765 43210", "612 345 678") are common, but so are
            # other grouped digits ("4 8 15 16 23 42"); they count with a cue or when grouped
            # the way those countries write phones.
            return 0.85 if cue else (0.6 if valid_in in ("IN", "ES") else 0.0)
        if cue and (bare.startswith("0") and len(digits) >= 9 or re.fullmatch(r"1?[2-9]\d{9}", digits)):
            # Said to be a phone and shaped like one, though not in `phonenumbers`' ranges
            # (the 555 numbers of examples, new number blocks).
            return 0.7
        return 0.0


def _parse(candidate: str, region: str | None):
    try:
        return phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None


@functools.lru_cache(maxsize=4096)  # chat clients resend the same numbers every turn
def _valid_region(candidate: str) -> str | None:
    for region in _REGIONS:
        number = _parse(candidate, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return region
    return None
