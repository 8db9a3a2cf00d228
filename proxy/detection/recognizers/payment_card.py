"""Payment cards: the number (Luhn and issuer ranges), its CVV and its expiry date.

The number is found however it is typed: in 4s, in Amex 4-6-5, with spaces, dashes, dots or
nothing between groups, and split over a line break when a chat box wraps it. A 12–19 digit
run is a card only if it passes Luhn *and* starts with an issuer prefix of the right length,
which keeps order numbers, tracking numbers and IMEIs (all of which can pass Luhn by chance)
mostly out. The CVV and expiry are everyday numbers and dates, so they are findings only next
to a card or after a cue word ("cvv 123", "exp 09/27"); "see you 09/27" is left alone.
Voice typing writes what was read aloud: "expiry ten twenty eight", "security code five five
two", "exp 11 27". After a cue, number words are read as the digits they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, cue_before, overlaps
from proxy.detection.recognizers.spoken_numbers import SPOKEN_NUMBER as _SPOKEN_NUMBER
from proxy.detection.recognizers.spoken_numbers import SPOKEN_RUN as _SPOKEN_RUN
from proxy.detection.recognizers.spoken_numbers import spoken_digits

# Digit groups joined by up to three separator characters ("4111 - 1111"), or by a line break
# (wrapped text).
_SEP = r"(?:[ \t\u00a0\u2009\u202f.\-_]{1,3}|[ \t]*\r?\n[ \t]*)"
_DIGIT_RUN = re.compile(rf"(?<![\w.,\-/])\d++(?:{_SEP}\d++)*+(?!\w)")
_GROUP = re.compile(r"\d+")

# Words that make a Luhn-valid number something else; a card word in between overrides them.
_NOT_A_CARD_CUE = re.compile(
    # The cue labels this very number: "order #…", "tracking number: …", "IMEI is …".
    # Words that name an identifier on their own may stand alone; "order", "ref", "package"...
    # need a label ("order no.", "order #") because "pay for my order 4111 1111 1111 1111"
    # is a card: leaking it would cost far more than redacting a lucky order number.
    r"(?:\b(?:tracking|invoice|imei|serial|s/n|sku|isbn|transaction|txn)"
    r"(?:\s+(?:number|no|num|nr|id|code|ref))?\.?"
    r"|\b(?:order|track|ref(?:erence)?|confirmation|conf|shipment|parcel|package|po)"
    r"(?:\s+(?:number|no|num|nr|id|code|ref)\.?|\s*[:#=]))"
    r"\s*(?:[:#=]\s*)?(?:is\s+|was\s+)?$",
    re.IGNORECASE,
)
_CARD_WORD = re.compile(
    r"\b(?:card|visa|master\s?card|mc|amex|american express|discover|diners|jcb|maestro|"
    r"unionpay|debit|credit|cc|pan|karte|kreditkarte|tarjeta|carte|carta|kaart|creditcard|cart[ãa]o)\b",
    re.IGNORECASE,
)

# An expiry or CVV right after the number: whatever the number was called, it is a card.
_CARD_DETAIL_AFTER = re.compile(r"\b(?:exp|expiry|expires|valid|cvv|cvc|cid|csc|security)\b", re.IGNORECASE)

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))

# 09/27, 9/2027, 09-27, 09 / 27, 09.27 and "sept 27", "Sep '27", "september 2027".
_EXPIRY_DATE = (
    rf"(?:(?<![\d/.\-])(?:0?[1-9]|1[0-2])\s?[/\-.]\s?(?:20)?\d{{2}}(?![\d/.\-]?\d)"
    rf"|\b(?:{_MONTH_NAME})\.?,?\s*(?:'|’)?(?:20)?\d{{2}}\b)"
)
_EXPIRY_ANYWHERE = re.compile(_EXPIRY_DATE, re.IGNORECASE)
# Strong cues are specific to cards; "expires" alone also fits an offer or a lease, so it only
# counts in a message that is about a card.
_STRONG_EXPIRY_CUE = re.compile(
    r"\b(?:exp(?:iry|iration)?(?:\s*date)?|exp\.|valid\s*(?:thru|through|till|until|to)|"
    r"good\s*(?:thru|through)|mm\s*/\s*yy(?:yy)?|ablaufdatum|g[üu]ltig\s+bis|fecha\s+de\s+(?:vencimiento|caducidad)|"
    r"date\s+d'expiration|vervaldatum|geldig\s+tot|scadenza|validade)\b\.?",
    re.IGNORECASE,
)
_WEAK_EXPIRY_CUE = re.compile(r"\b(?:expires?|expiring|expired|caduca|vence|expire|g[üu]ltig\s+bis|scade|scadenza)\b", re.IGNORECASE)
# "exp 0426": month and year run together, only straight after a cue.
_COMPACT_EXPIRY = re.compile(r"(?<![\d/.\-])(?:0[1-9]|1[0-2])[1-4]\d(?![\d/.\-]?\d)")
# "expiration 2028-04", "valid till 2029/02": year first, as forms and ISO dates write it;
# only straight after a cue, since "2028-04" is also just a month in a plan.
_YEAR_FIRST_EXPIRY = re.compile(r"(?<![\d/.\-])20[1-4]\d[/\-](?:0[1-9]|1[0-2])(?![\d/.\-]?\d)")
# "exp 11 27": month and year with only a space between, only straight after a cue.
# Not "exp 12 30 points", "10 45 am": a unit after the second number makes it a quantity or time.
_SPACED_EXPIRY = re.compile(
    r"(?<![\d/.\-])(?:0?[1-9]|1[0-2]) (?:20)?\d{2}(?![\d/.\-]?\d)"
    r"(?!\s*(?:points?|pts|xp|hp|mins?|minutes?|secs?|seconds?|hours?|hrs?|days?|am|pm|%)\b)",
    re.IGNORECASE,
)
_CUE_TO_VALUE = re.compile(r"[\s:=\-–,]*(?:(?:is|are|on|in|of|date|at)\b[\s:=\-–,]*){0,2}")

_CVV_CUE = re.compile(
    r"\b(?:cvv2?|cvc2?|cid|csc|cvn|cav2|"
    r"sec(?:urity)?\.?\s*(?:code|number|no\.?|#)|card\s*(?:verification|security)\s*(?:code|value|number)?|"
    r"(?:three|3|four|4)[\s-]?digit(?:s)?(?:\s+(?:code|number))?(?:\s+on\s+the\s+(?:back|front))?|"
    r"(?:code|digits|numbers?)\s+on\s+the\s+(?:back|front)(?:\s+of\s+(?:the|my)\s+card)?)",
    re.IGNORECASE,
)
_CVV_VALUE = re.compile(
    # "737", or read off the card digit by digit: "4 4 1".
    r"(?<![\d/.,\-$€£])(?<!\d:)(?:\d{3,4}|\d(?: \d){2,3})(?![\d/%]|[.:,]\d|\s?(?:am|pm|usd|eur|gbp|dollars?|euros?|pounds?|k|st|nd|rd|th)\b)", re.IGNORECASE
)
# Words that name the CVV only in a message that carries a card: "and the code 509",
# "código 246", "cryptogramme 038", "Prüfnummer 123".
_CARD_CONTEXT_CVV_CUE = re.compile(
    r"\b(?:code|c[óo]digo(?:\s+de\s+seguridad)?|cryptogramme(?:\s+visuel)?|pr[üu]fnummer|kartenpr[üu]fnummer|"
    r"sicherheitscode|pr[üu]fziffer|kartenpr[üu]fziffer|codice(?:\s+di\s+sicurezza)?|beveiligingscode|digits)\b",
    re.IGNORECASE,
)
# "exp march twenty eight", "expires june twenty twenty nine".
_SPOKEN_MONTH_EXPIRY = re.compile(rf"\b(?:{_MONTH_NAME})\s+(?P<year>{_SPOKEN_RUN})\b", re.IGNORECASE)
_SPOKEN_CUE_TO_VALUE = re.compile(r"[\s:=\-–,]*(?:(?:is|are|it's|its|on|of|date)\b[\s:=\-–,]*){0,2}")
# Between a cue and its value: a colon, "is", "are", a few words at most, no digits.
_CVV_FILLER = re.compile(r"[^\d\n]{0,24}?(?=\d)")
_PAYMENT_CONTEXT = re.compile(
    r"\b(?:card|visa|master\s?card|amex|discover|debit|credit|cvv|cvc|payment|billing|checkout|"
    r"karte|kreditkarte|tarjeta|carte|carta|kaart|creditcard|cart[ãa]o)\b",
    re.IGNORECASE,
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)  # also full-width and other Unicode digits, which `\d` matches
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def issuer_accepts(digits: str) -> bool:
    """Whether an issuer network issues cards that start like `digits` and have its length."""
    n = len(digits)
    p2, p3, p4, p6 = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4":  # Visa
        return n in (13, 16, 19)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:  # Mastercard incl. the 2-series
        return n == 16
    if p2 in (34, 37):  # American Express
        return n == 15
    if 2200 <= p4 <= 2204:  # Mir
        return 16 <= n <= 19
    if 300 <= p3 <= 305 or p2 in (36, 38, 39):  # Diners Club
        return 14 <= n <= 19
    if 3528 <= p4 <= 3589:  # JCB
        return 16 <= n <= 19
    if p4 == 6011 or 644 <= p3 <= 649 or p2 == 65 or 622126 <= p6 <= 622925:  # Discover
        return 16 <= n <= 19
    if p2 == 62 or p2 == 81:  # UnionPay
        return 16 <= n <= 19
    if p2 == 50 or 56 <= p2 <= 69:  # Maestro, RuPay, Verve and other domestic debit networks
        return 12 <= n <= 19
    if p2 in (60, 82) or p4 == 9792:  # RuPay, Troy
        return n == 16
    return False


class PaymentCardRecognizer(SpanRecognizer):
    ENTITIES = ("CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY")

    def spans(self, text: str) -> Iterator[Span]:
        cards = list(self._cards(text))
        yield from cards
        expiries = list(self._expiries(text, cards))
        yield from expiries
        yield from self._cvvs(text, cards, expiries)

    def _cards(self, text: str) -> Iterator[Span]:
        for run in _DIGIT_RUN.finditer(text):
            groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run.group())]
            total = sum(e - s for s, e in groups)
            if total < 12:
                continue
            # A card may be followed in the same run by its expiry or CVV ("4111 … 1111 123"):
            # take the longest run of whole groups from the start that is a valid card. It may
            # also start on a new line after other digits ("Atlanta, GA 30309\n3782 …").
            # When both are possible, the reading that uses the whole rest of the run wins.
            candidates = []
            for k in range(len(groups)):
                if k and "\n" not in text[groups[k - 1][1] : groups[k][0]]:
                    continue
                digits, best = "", None
                for s, e in groups[k:]:
                    piece = text[s:e]
                    digits += piece if piece.isascii() else "".join(str(int(c)) for c in piece)
                    if len(digits) > 19:
                        break
                    if len(digits) >= 12 and luhn_valid(digits) and issuer_accepts(digits):
                        best = (groups[k][0], e, digits)
                if best:
                    candidates.append(best)
            if not candidates:
                continue
            found = max(candidates, key=lambda c: (c[1] == groups[-1][1], -c[0]))
            start, end, digits = found
            if (
                _NOT_A_CARD_CUE.search(text, max(0, start - 40), start)
                and not cue_before(_CARD_WORD, text, start, 25)
                and not _CARD_DETAIL_AFTER.search(text, end, min(len(text), end + 30))
            ):
                continue
            yield Span("CREDIT_CARD", start, end, 1.0 if len(groups) > 1 or len(digits) in (15, 16) else 0.9)
        for m in _SPOKEN_NUMBER.finditer(text):
            # "four one one one, one one one one, …": a card read aloud and voice-typed.
            digits = spoken_digits(m.group()) or ""
            if 12 <= len(digits) <= 19 and luhn_valid(digits) and issuer_accepts(digits):
                yield Span("CREDIT_CARD", m.start(), m.end(), 0.9)

    def _expiries(self, text: str, cards: list[Span]) -> Iterator[Span]:
        payment_message = bool(cards) or _PAYMENT_CONTEXT.search(text) is not None
        for m in _EXPIRY_ANYWHERE.finditer(text):
            if overlaps(m.start(), m.end(), cards) or not _plausible_expiry(m.group()):
                continue
            if self._near_card(m.start(), m.end(), cards, text) or self._after_cue(text, m.start(), payment_message):
                yield Span("CARD_EXPIRY", m.start(), m.end(), 0.95)
        yield from self._compact_expiries(text, cards, payment_message)
        if payment_message:
            # These shapes are weaker than "09/27" ("exp 10 20" in a game, a passport's
            # "expiration 2028-04", number words): only in a message about a card or payment.
            yield from self._loose_expiries(text, cards)

    def _loose_expiries(self, text: str, cards: list[Span]) -> Iterator[Span]:
        payment_message = True
        for m in (*_SPACED_EXPIRY.finditer(text), *_YEAR_FIRST_EXPIRY.finditer(text)):
            plausible = _plausible_expiry(m.group()) or m.re is _YEAR_FIRST_EXPIRY
            if not overlaps(m.start(), m.end(), cards) and plausible and self._after_cue(text, m.start(), payment_message):
                yield Span("CARD_EXPIRY", m.start(), m.end(), 0.9)
        for m in _SPOKEN_NUMBER.finditer(text):
            if overlaps(m.start(), m.end(), cards):
                continue
            if _spoken_expiry(m.group()) and self._after_cue(text, m.start(), payment_message, _SPOKEN_CUE_TO_VALUE):
                yield Span("CARD_EXPIRY", m.start(), m.end(), 0.9)
        for m in _SPOKEN_MONTH_EXPIRY.finditer(text):
            year = spoken_digits(m.group("year")) or ""
            if len(year) == 4 and year.startswith("20"):
                year = year[2:]  # "twenty twenty nine"
            plausible = len(year) == 2 and _plausible_expiry(year)
            if plausible and self._after_cue(text, m.start(), payment_message, _SPOKEN_CUE_TO_VALUE):
                yield Span("CARD_EXPIRY", m.start(), m.end(), 0.9)

    def _compact_expiries(self, text: str, cards: list[Span], payment_message: bool) -> Iterator[Span]:
        for m in _COMPACT_EXPIRY.finditer(text):
            if overlaps(m.start(), m.end(), cards):
                continue
            # "4111111111111111 1126 123": right after the card and followed by the CVV, a
            # four-digit MMYY is the expiry even without a cue.
            card_then_cvv = any(
                0 <= m.start() - c.end <= 4 for c in cards
            ) and re.match(r"[\s,;|/]{1,3}\d{3,4}(?!\d)", text[m.end() : m.end() + 8])
            if card_then_cvv or self._after_cue(text, m.start(), payment_message):
                yield Span("CARD_EXPIRY", m.start(), m.end(), 0.9)

    @staticmethod
    def _after_cue(text: str, start: int, payment_message: bool, cue_to_value: re.Pattern[str] = _CUE_TO_VALUE) -> bool:
        before = text[max(0, start - 30) : start]
        for cue, needs_payment_context in ((_STRONG_EXPIRY_CUE, False), (_WEAK_EXPIRY_CUE, True)):
            for c in cue.finditer(before):
                gap = before[c.end() :]
                if cue_to_value.fullmatch(gap) and (payment_message or not needs_payment_context):
                    return True
        return False

    @staticmethod
    def _near_card(start: int, end: int, cards: list[Span], text: str) -> bool:
        # "4111 1111 1111 1111 09/27 123", "card …1111, exp 09/27": within a short stretch
        # after the card (or just before it), with no line of other text in between.
        for card in cards:
            if 0 <= start - card.end <= 40 and "\n\n" not in text[card.end : start]:
                return True
            if 0 <= card.start - end <= 25 and "\n" not in text[end : card.start]:
                return True
        return False

    def _cvvs(self, text: str, cards: list[Span], expiries: list[Span]) -> Iterator[Span]:
        taken = cards + expiries
        seen: set[int] = set()
        cues = list(_CVV_CUE.finditer(text))
        if cards:
            cues += _CARD_CONTEXT_CVV_CUE.finditer(text)
        for cue in cues:
            filler = _CVV_FILLER.match(text, cue.end())
            if not filler:
                continue
            m = _CVV_VALUE.match(text, filler.end())
            if m and not overlaps(m.start(), m.end(), taken) and m.start() not in seen:
                seen.add(m.start())
                yield Span("CARD_CVV", m.start(), m.end(), 0.95)
        for cue in cues:
            # "security code five five two": a cue, then the digits read aloud.
            gap = _SPOKEN_CUE_TO_VALUE.match(text, cue.end())
            m = _SPOKEN_NUMBER.match(text, gap.end())
            if m and len(spoken_digits(m.group()) or "") in (3, 4) and not overlaps(m.start(), m.end(), taken) and m.start() not in seen:
                seen.add(m.start())
                yield Span("CARD_CVV", m.start(), m.end(), 0.9)
        for card in cards:
            # "4111 1111 1111 1111 09/27 737": the first 3–4 digit number right after the card
            # and its expiry, separated only by punctuation or a couple of short words.
            cursor = card.end
            for exp in sorted(expiries, key=lambda s: s.start):
                if exp.start >= cursor and exp.start - cursor <= 40:
                    cursor = exp.end
            window = text[cursor : cursor + 24]
            lead = re.match(r"[\s,;|/()\-–:]*(?:(?:and|cvv2?|cvc2?|code|sec|cid|csc)\b[\s,;|/()\-–:.]*)?", window, re.I)
            m = _CVV_VALUE.match(text, cursor + lead.end()) if lead else None
            if m and not overlaps(m.start(), m.end(), taken) and m.start() not in seen:
                seen.add(m.start())
                yield Span("CARD_CVV", m.start(), m.end(), 0.9)


def _plausible_expiry(value: str) -> bool:
    year = re.search(r"(\d+)\D*$", value)
    if not year:
        return False
    y = int(year.group(1)) % 100
    # Cards are issued for up to ~10 years; a two-digit "year" of 75 is not an expiry.
    return 10 <= y <= 49


def _spoken_expiry(words: str) -> bool:
    # "ten twenty eight" (1028), "oh nine twenty seven" (0927), "nine twenty seven" (927).
    digits = spoken_digits(words)
    if not digits or len(digits) not in (3, 4):
        return False
    month, year = int(digits[:-2]), digits[-2:]
    return 1 <= month <= 12 and _plausible_expiry(year)
