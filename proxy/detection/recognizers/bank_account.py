"""Bank accounts: IBANs (every registry country, mod-97), US routing + account, UK sort code + account.

An IBAN carries its own checksum and its exact length per country, so it is found anywhere,
grouped or not, in capitals or typed in lowercase. A US routing number has a checksum too but
is only nine digits, and an account number is just digits, so both count only after a cue
("routing", "acct #", "checking"); the same goes for a UK sort code, which looks like a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, overlaps

# IBAN length per country code, from the SWIFT IBAN registry.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

# A country code, two check digits, then alphanumerics in groups of any size.
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})(?=[ \-]?[A-Za-z0-9])")
_IBAN_BODY_CHAR = re.compile(r"[ \-\u00a0]?([A-Za-z0-9])")

_ACCOUNT_CUE = re.compile(
    r"\b(?:(?:(?:bank|checking|savings|current)\s+)?(?:account|acct|acc|a/c)|checking|savings|"
    # German, Dutch, French, Spanish, Italian, Portuguese; BLZ/BSB are bank codes that only
    # appear with an account.
    r"konto(?:nummer|nr)?|kontonr|blz|bankleitzahl|rekening(?:nummer)?|num[ée]ro\s+de\s+compte|compte|"
    r"n[úu]mero\s+de\s+cuenta|cuenta|numero\s+di\s+conto|conto(?:\s+corrente)?|n[úu]mero\s+da\s+conta|conta|bsb)\b\.?"
    r"(?:\s*(?:number|num|no\.?|nr\.?|#))?\s*(?:is\s+|:\s*|=\s*|-\s*|#\s*)?",
    re.IGNORECASE,
)
_ACCOUNT_VALUE = re.compile(r"(?<![\w.])(\d(?:[ \-]?\d){5,16})(?![\w.,]\d|\d)")
_ROUTING_CUE = re.compile(
    r"\b(?:routing|aba|rtn|ach|transit|wire)(?:\s*(?:number|num|no\.?|#))?\s*(?:is\s+|:\s*|=\s*|-\s*|#\s*)?",
    re.IGNORECASE,
)
_NINE_DIGITS = re.compile(r"(?<![\w.\-])(\d{9})(?![\w.\-]?\d)")
_SORT_CODE_CUE = re.compile(r"\b(?:sort\s*code|sortcode|s/c|sort)\b", re.IGNORECASE)
_SORT_CODE = re.compile(r"(?<![\w.\-/])(\d{2})([\-–\s.]?)(\d{2})\2(\d{2})(?![\w\-/]|\.\d)")
# UK accounts are eight digits; a few banks still issue seven ("5780757"), which is how
# spreadsheets that drop a leading zero write them too.
_UK_ACCOUNT = re.compile(r"(?<![\w.\-])\d{7,8}(?![\w\-]|\.\d)")
# "pay from 12345678, sort code 11-22-33": the account written before its sort code, with at
# most a few words and no other digits in between.
_UK_ACCOUNT_BEFORE = re.compile(r"(?<![\w.\-])(\d{7,8})(?![\w\-]|\.\d)[^\d\n]{0,6}$")
_PAIRED_ACCOUNT = re.compile(r"\s*[/,|;\-]?\s*(\d{4,17})(?![\w.\-]|\.\d)")
# "order 12345678, sort code …": a number labelled as something else is not the account.
_OTHER_NUMBER_LABEL = re.compile(
    r"(?:\b(?:order|invoice|ref(?:erence)?|tracking|ticket|case|phone|tel|mobile|customer|member|policy)\b[^\d\n]{0,8}|#\s*)$",
    re.IGNORECASE,
)
_PAYMENT_VERB = re.compile(r"\b(?:pay|paid|payment|transfer|wire|deposit|send|sent|invoice|rent|direct\s+deposit|bank)\b", re.IGNORECASE)
_VALUE_LABEL = re.compile(r"[:#=]|\b(?:number|no|num|nr)\b", re.IGNORECASE)
_DATE_SHAPED = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4}")
_CUE_WINDOW = 30


def iban_valid(compact: str) -> bool:
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def aba_routing_valid(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    # Federal Reserve prefixes: 00–12 banks, 21–32 thrifts, 61–72 electronic, 80 traveller's cheques.
    prefix = int(digits[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    d = [int(c) for c in digits]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


class BankAccountRecognizer(SpanRecognizer):
    ENTITIES = ("IBAN_CODE", "BANK_ACCOUNT")

    def spans(self, text: str) -> Iterator[Span]:
        found: list[Span] = list(self._ibans(text))
        found += self._routing_numbers(text, found)
        found += self._sort_codes(text, found)
        found += self._account_numbers(text, found)
        return iter(found)

    @staticmethod
    def _ibans(text: str) -> Iterator[Span]:
        for m in _IBAN_START.finditer(text):
            length = IBAN_LENGTHS.get(m.group(1).upper())
            if length is None:
                continue
            chars = m.group(1) + m.group(2)
            pos = m.end()
            while len(chars) < length:
                c = _IBAN_BODY_CHAR.match(text, pos)
                if not c:
                    break
                chars += c.group(1)
                pos = c.end()
            # The IBAN must end where a group ends, not in the middle of a following word.
            if len(chars) == length and not (pos < len(text) and text[pos].isalnum()) and iban_valid(chars):
                yield Span("IBAN_CODE", m.start(), pos, 1.0)

    @staticmethod
    def _routing_numbers(text: str, taken: list[Span]) -> list[Span]:
        spans = []
        for m in _NINE_DIGITS.finditer(text):
            if overlaps(m.start(), m.end(), taken) or not aba_routing_valid(m.group(1)):
                continue
            before = text[max(0, m.start() - _CUE_WINDOW) : m.start()]
            # "pay the invoice to 029128730 / 7302918845": a valid routing number paired with an
            # account number, in a message about paying, is a US bank account without the words.
            account = _PAIRED_ACCOUNT.match(text, m.end())
            paired = account is not None and _PAYMENT_VERB.search(text) is not None
            if _ROUTING_CUE.search(before) or re.search(r"\bbank\b", before, re.IGNORECASE) or paired:
                spans.append(Span("BANK_ACCOUNT", m.start(), m.end(), 0.95))
                if account and not overlaps(account.start(1), account.end(1), taken):
                    spans.append(Span("BANK_ACCOUNT", account.start(1), account.end(1), 0.9))
        return spans

    @staticmethod
    def _sort_codes(text: str, taken: list[Span]) -> list[Span]:
        spans = []
        for m in _SORT_CODE.finditer(text):
            if overlaps(m.start(), m.end(), taken):
                continue
            cue = _SORT_CODE_CUE.search(text, max(0, m.start() - _CUE_WINDOW), m.start())
            account = _UK_ACCOUNT.search(text, m.end(), min(len(text), m.end() + 40))
            if account and account.start() - m.end() > 30:
                account = None
            # "12-34-56 87654321": a dashed sort code followed straight by an 8-digit account
            # is the way UK bank details are written, cue or not.
            paired = account is not None and m.group(2) == "-" and re.fullmatch(r"[\s,/]{1,3}", text[m.end() : account.start()])
            if cue or paired or (account and _ACCOUNT_CUE.search(text, max(0, m.start() - 60), account.start())):
                spans.append(Span("BANK_ACCOUNT", m.start(), m.end(), 0.95))
                if account and not overlaps(account.start(), account.end(), taken):
                    spans.append(Span("BANK_ACCOUNT", account.start(), account.end(), 0.95))
                if cue and not account:
                    before = _UK_ACCOUNT_BEFORE.search(text, max(0, cue.start() - 20), cue.start())
                    labelled_other = before and _OTHER_NUMBER_LABEL.search(text, max(0, before.start(1) - 20), before.start(1))
                    if before and not labelled_other and not overlaps(before.start(1), before.end(1), taken + spans):
                        spans.append(Span("BANK_ACCOUNT", before.start(1), before.end(1), 0.9))
        return spans

    @staticmethod
    def _account_numbers(text: str, taken: list[Span]) -> list[Span]:
        spans = []
        for cue in _ACCOUNT_CUE.finditer(text):
            m = _ACCOUNT_VALUE.match(text, cue.end())
            if m is None:
                # "account and routing: 12345678 / 021000021" — a few words in between, then a
                # label ("number", ":", "#") that introduces the value; "the account was opened
                # 2019-03-12" has none.
                m = _ACCOUNT_VALUE.search(text, cue.end(), min(len(text), cue.end() + 24))
                between = text[cue.end() : m.start()] if m else ""
                if not m or re.search(r"[.!?]\s|\d", between) or not _VALUE_LABEL.search(between):
                    continue
            if _DATE_SHAPED.fullmatch(m.group(1)) or overlaps(m.start(), m.end(), taken + spans):
                continue
            spans.append(Span("BANK_ACCOUNT", m.start(), m.end(), 0.9))
        return spans
