"""Crypto wallet addresses: Bitcoin (legacy base58check and bech32/bech32m), Ethereum and kin.

Legacy and bech32 addresses carry checksums, so a random-looking token is only reported when
its checksum holds. An Ethereum address has no checksum unless it is mixed-case (EIP-55, which
needs Keccak, not in hashlib), but "0x" followed by exactly 40 hex digits is a shape almost
nothing else has; 64-digit transaction hashes are not matched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(_BASE58)}
# Version bytes of pay-to-pubkey-hash / script-hash addresses: Bitcoin (0, 5), Bitcoin testnet
# (111, 196), Litecoin (48, 50), Dogecoin (30, 22).
_VERSIONS = {0, 5, 111, 196, 48, 50, 30, 22}

_LEGACY = re.compile(r"(?<![A-Za-z0-9])[13mn2LMD][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])")
_BECH32 = re.compile(r"(?<![A-Za-z0-9])(?:bc|tb|ltc|tltc|bcrt)1[02-9ac-hj-np-z]{6,87}(?![A-Za-z0-9])", re.IGNORECASE)
_ETHEREUM = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])")

_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3


def base58check_valid(address: str) -> bool:
    n = 0
    for c in address:
        if c not in _BASE58_INDEX:
            return False
        n = n * 58 + _BASE58_INDEX[c]
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(address) - len(address.lstrip("1"))) + body
    if len(raw) != 25 or raw[0] not in _VERSIONS:
        return False
    payload, checksum = raw[:-4], raw[-4:]
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] == checksum


def _polymod(values: list[int]) -> int:
    generators = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= generators[i] if (top >> i) & 1 else 0
    return chk


def bech32_valid(address: str) -> bool:
    """BIP-173 (bech32) or BIP-350 (bech32m) checksum; one case throughout, as the BIPs require."""
    if address.lower() != address and address.upper() != address:
        return False
    address = address.lower()
    hrp, _, data = address.rpartition("1")
    if not hrp or len(data) < 6 or any(c not in _BECH32_CHARSET for c in data):
        return False
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [_BECH32_CHARSET.index(c) for c in data]
    return _polymod(values) in (_BECH32_CONST, _BECH32M_CONST)


class CryptoWalletRecognizer(SpanRecognizer):
    ENTITIES = ("CRYPTO",)

    def spans(self, text: str) -> Iterator[Span]:
        for m in _LEGACY.finditer(text):
            if base58check_valid(m.group()):
                yield Span("CRYPTO", m.start(), m.end(), 1.0)
        for m in _BECH32.finditer(text):
            if bech32_valid(m.group()):
                yield Span("CRYPTO", m.start(), m.end(), 1.0)
        for m in _ETHEREUM.finditer(text):
            yield Span("CRYPTO", m.start(), m.end(), 0.95)
