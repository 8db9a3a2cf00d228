"""E-mail addresses, validated against the bundled Public Suffix List snapshot."""

from __future__ import annotations

import re
from collections.abc import Iterator

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer

# Presidio's EmailRecognizer calls `tldextract.extract`, whose default extractor downloads the
# Public Suffix List on first use. `suffix_list_urls=()` makes it use the snapshot shipped inside
# the tldextract package, and `cache_dir=None` keeps it from writing a cache file: no network,
# no disk.
_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# Mailboxes that name a role, not a person: RFC 2142's list plus the no-reply and help-desk
# senders found in every forwarded notification. "support@shop.example" identifies no one.
_ROLE_MAILBOX = re.compile(
    r"(?:postmaster|hostmaster|webmaster|abuse|noc|security|info|marketing|sales|support|"
    r"no-?reply|do-?not-?reply|helpdesk|help|customer-?service|notifications?|mailer-daemon)@",
    re.IGNORECASE,
)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text.rsplit("@", 1)[-1]).suffix != ""

    def invalidate_result(self, pattern_text: str) -> bool:
        return _ROLE_MAILBOX.match(pattern_text) is not None


# "jake [at] example [dot] com", "jake(at)example(dot)co(dot)uk", "jake at gmail dot com":
# people spell addresses out to dodge scrapers, and they are just as identifying.
_AT = r"\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s+at\s+|\s*@\s*)\s*"
_DOT = r"\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*"
_SPELLED_OUT = re.compile(
    rf"(?<![\w.@])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]{{0,63}}(?:{_DOT}[A-Za-z0-9][A-Za-z0-9_%+\-]{{0,63}}){{0,3}}){_AT}"
    rf"(?P<domain>[A-Za-z0-9][A-Za-z0-9\-]{{0,62}}(?:{_DOT}[A-Za-z0-9][A-Za-z0-9\-]{{0,62}}){{1,4}})(?![\w@])",
    re.IGNORECASE,
)
_SPELLED_DOT = re.compile(_DOT, re.IGNORECASE)
_EMAIL_CUE = re.compile(r"\b(?:e-?mail|mail|gmail|inbox|contact|reach|write|address|courriel|correo)\b", re.IGNORECASE)


class SpelledOutEmailRecognizer(SpanRecognizer):
    ENTITIES = ("EMAIL_ADDRESS",)

    def spans(self, text: str) -> Iterator[Span]:
        for m in _SPELLED_OUT.finditer(text):
            if "@" in m.group() and not re.search(r"\s", m.group()) and "[" not in m.group() and "(" not in m.group():
                continue  # an ordinary address: OfflineEmailRecognizer's
            if not re.search(r"\b(?:at)\b|\[at\]|\(at\)|\{at\}|@", m.group(), re.IGNORECASE):
                continue
            labels = _SPELLED_DOT.split(m.group("domain"))
            if len(labels) < 2 or not labels[-1].isalpha():
                continue
            domain = ".".join(labels)
            if _OFFLINE_EXTRACT(domain).suffix == "" or _OFFLINE_EXTRACT(domain).domain == "":
                continue
            # With plain words ("jake at gmail dot com") "at" is also just a word ("look at
            # google dot com"): it needs the spelled "dot" and an e-mail cue before it or a
            # local part that does not read as a word.
            if re.search(r"\s+at\s+", m.group(), re.IGNORECASE):
                spelled_dot = re.search(r"\bdot\b", m.group(), re.IGNORECASE)
                cue = _EMAIL_CUE.search(text, max(0, m.start() - 40), m.start())
                wordlike = re.fullmatch(r"[A-Za-z]+", m.group("local")) is not None
                if not spelled_dot or (wordlike and not cue):
                    continue
            yield Span("EMAIL_ADDRESS", m.start(), m.end(), 0.85)
