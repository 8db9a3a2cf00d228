"""Masked hints and keyed hashes: how a detected value may appear anywhere outside the message.

A raw value is never logged. The log, the console and the dashboard show a hint that lets a
person recognise their own data (`J*** M*******`, `**** **** **** 1111`) and store an HMAC of the
normalised value so "was my card ever caught?" can be answered without keeping the card.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from pathlib import Path

from proxy.paths import data_dir, private_file

# Types whose identity is their digits/letters alone: "4111-1111 1111 1111" is the same card.
_ALNUM_TYPES = {"CREDIT_CARD", "IBAN_CODE", "BANK_ACCOUNT", "US_SSN", "UK_NINO", "PHONE_NUMBER", "CARD_CVV", "CRYPTO"}


def normalise(value: str, entity_type: str = "") -> str:
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    if entity_type in _ALNUM_TYPES:
        return re.sub(r"[^0-9a-z]", "", value)
    return re.sub(r"[\W_]+", " ", value).strip()


def mask(value: str, entity_type: str = "") -> str:
    """A hint that shows shape, not content: initials of words, the last 4 of long numbers."""
    digits = sum(c.isdigit() for c in value)
    if digits >= 8 and digits >= len(re.sub(r"\W", "", value)) * 0.6:
        keep_from = _index_of_nth_digit_from_end(value, 4)
        return "".join("*" if c.isalnum() and i < keep_from else c for i, c in enumerate(value))
    if "@" in value:
        local, _, domain = value.rpartition("@")
        return _mask_words(local) + "@" + _mask_words(domain.split(".")[0]) + (
            "." + domain.split(".")[-1] if "." in domain else ""
        )
    if len(value) <= 4:
        return "*" * len(value)
    return _mask_words(value)


def _mask_words(text: str) -> str:
    return re.sub(r"\w+", lambda m: m.group()[0] + "*" * (len(m.group()) - 1), text)


def _index_of_nth_digit_from_end(value: str, n: int) -> int:
    seen = 0
    for i in range(len(value) - 1, -1, -1):
        if value[i].isdigit():
            seen += 1
            if seen == n:
                return i
    return 0


class KeyedHasher:
    """HMAC-SHA256 with a local secret (0600 file, created on first use, never leaves the device)."""

    def __init__(self, secret: bytes):
        self._secret = secret

    @classmethod
    def from_file(cls, path: Path | None = None) -> KeyedHasher:
        path = path or data_dir() / "secret.key"
        if not path.exists() or path.stat().st_size == 0:
            private_file(path)
            with open(path, "wb") as f:
                f.write(secrets.token_bytes(32))
        os.chmod(path, 0o600)
        return cls(path.read_bytes())

    def digest(self, value: str, entity_type: str = "") -> str:
        return hmac.new(self._secret, normalise(value, entity_type).encode(), hashlib.sha256).hexdigest()
