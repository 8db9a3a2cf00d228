"""Payment handles: PayPal.me links, Venmo usernames, Cash App $cashtags (and revolut.me, monzo.me).

A handle is a name people pay you by, as identifying as a phone number. Links are found by
their domain. A bare "@name" is only a Venmo handle after a Venmo cue, and "$name" only a
cashtag after a Cash App cue: "$AAPL", "$HOME" and prices like "$20" or "$5.99" must survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer, overlaps

_LINK = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:www\.)?"
    r"(?:paypal\.me/|paypal\.com/paypalme/|venmo\.com/(?:u/|code\?user_id=)?|cash\.app/|cash\.me/|"
    r"revolut\.me/|monzo\.me/|buymeacoffee\.com/|ko-fi\.com/)"
    r"\$?[A-Za-z0-9][A-Za-z0-9_.\-]{1,39}(?<![.\-])",
    re.IGNORECASE,
)
# Apps where "@name" is the handle people pay you by.
_VENMO_CUE = re.compile(r"\b(?:venmo|revolut|monzo|paypal)\b", re.IGNORECASE)
# UPI ids (India): "name@bank" with no dot after the @, which an e-mail address always has.
_UPI_ID = re.compile(r"(?<![\w.@])[A-Za-z0-9][A-Za-z0-9._\-]{1,63}@[A-Za-z]{2,20}(?![\w.@\-]|\.\w)")
_UPI_CUE = re.compile(r"\b(?:upi|vpa|gpay|google\s+pay|phonepe|paytm|bhim)\b", re.IGNORECASE)
_UPI_PROVIDERS = frozenset(
    "okaxis okhdfcbank okicici oksbi ybl ibl axl paytm upi apl yapl ptyes ptaxis pthdfc ptsbi icici sbi hdfcbank "
    "axisbank kotak airtel jio freecharge timecosmos waaxis wahdfcbank wasbi fam slice".split()
)
# "pay up 😤 $bigdawg_jr": a cashtag with lowercase letters in a message about paying.
_PAY_CUE = re.compile(r"\b(?:pay|paid|owe|owes|send|sent|tip|split|venmo|zelle)\b", re.IGNORECASE)
_CASHAPP_CUE = re.compile(r"\b(?:cash\s?app|cashtag|cash\s?tag|\$cashtag)\b", re.IGNORECASE)
_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9][A-Za-z0-9_\-]{2,29}(?![\w@.]\w)")
# A cashtag has at least one letter; "$20", "$5.99" and "$1,200" never match.
_CASHTAG = re.compile(r"(?<![\w$])\$(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{1,20}(?![\w.]\w|\w)")
# "my venmo is jake-morrison-4", "venmo: jakem22": a bare username right after the cue.
_VENMO_BARE = re.compile(
    r"\bvenmo(?:\s+(?:handle|username|user\s?name|name|id))?\s*(?:is|:|=|-)\s*@?"
    r"([A-Za-z][A-Za-z0-9_\-]{3,29})\b",
    re.IGNORECASE,
)
# "venmo me jakem22", "venmo to jake_m": no "is", so only a name that cannot be a word (it has a
# digit or "_"; "pay-per-view" has a dash too) counts.
_VENMO_VERB = re.compile(
    r"\b(?:venmo|revolut|monzo)\s+(?:me\s+)?(?:at\s+|to\s+|on\s+)?@?((?=[A-Za-z0-9_\-]*[\d_])[A-Za-z][A-Za-z0-9_\-]{3,29})\b",
    re.IGNORECASE,
)
_NOT_A_HANDLE = frozenset({"the", "my", "your", "fine", "down", "broken", "better", "easier", "faster", "free", "best", "not", "also", "good", "okay", "ok", "cool", "great"})
_TICKER = re.compile(r"\$[A-Z]{1,5}")
_CUE_WORDS = frozenset({"cashtag", "cashapp", "venmo", "paypal"})
_CUE_WINDOW = 120


class PaymentHandleRecognizer(SpanRecognizer):
    ENTITIES = ("PAYMENT_HANDLE",)

    def spans(self, text: str) -> Iterator[Span]:
        links = [Span("PAYMENT_HANDLE", m.start(), m.end(), 0.95) for m in _LINK.finditer(text)]
        found = list(links)
        seen: set[int] = set()
        for cue, pattern in ((_VENMO_CUE, _AT_HANDLE), (_CASHAPP_CUE, _CASHTAG)):
            for c in cue.finditer(text):
                lo, hi = max(0, c.start() - _CUE_WINDOW), min(len(text), c.end() + _CUE_WINDOW)
                for m in pattern.finditer(text, lo, hi):
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    if m.group().lower().lstrip("$@") in _CUE_WORDS:
                        continue  # "my $cashtag is …"
                    if _TICKER.fullmatch(m.group()) and not _CASHAPP_CUE.search(text, max(0, m.start() - 20), m.start()):
                        continue  # "$AMZN went up" in a sentence that mentions Cash App
                    if not overlaps(m.start(), m.end(), links):
                        found.append(Span("PAYMENT_HANDLE", m.start(), m.end(), 0.9))
        for m in _UPI_ID.finditer(text):
            provider = m.group().rsplit("@", 1)[1].lower()
            if provider in _UPI_PROVIDERS or _UPI_CUE.search(text, max(0, m.start() - 40), m.start()):
                if not overlaps(m.start(), m.end(), found):
                    found.append(Span("PAYMENT_HANDLE", m.start(), m.end(), 0.9))
        if _PAY_CUE.search(text):
            for m in _CASHTAG.finditer(text):
                tag = m.group()
                if m.start() not in seen and re.search(r"[a-z]", tag) and len(tag) >= 5 and not overlaps(m.start(), m.end(), found):
                    seen.add(m.start())
                    found.append(Span("PAYMENT_HANDLE", m.start(), m.end(), 0.75))
        for m in _VENMO_VERB.finditer(text):
            if m.start(1) not in seen and not overlaps(m.start(1), m.end(1), found):
                seen.add(m.start(1))
                found.append(Span("PAYMENT_HANDLE", m.start(1), m.end(1), 0.8))
        for m in _VENMO_BARE.finditer(text):
            if m.group(1).lower() not in _NOT_A_HANDLE and m.start(1) not in seen and not overlaps(m.start(1), m.end(1), links):
                found.append(Span("PAYMENT_HANDLE", m.start(1), m.end(1), 0.85))
        return iter(found)
