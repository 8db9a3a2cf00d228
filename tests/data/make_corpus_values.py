"""Test-range values with correct checksums for the evaluation corpus.

Every value is derived deterministically from a short key ("visa:3"), so rebuilding the corpus
gives the same file. Card numbers start from published test BINs; IBANs, ABA routing numbers and
crypto addresses carry correct check digits, because a corpus of values that fail their checksum
would measure nothing: a validating recognizer is right to ignore those.
"""

from __future__ import annotations

import hashlib

# Published test BINs / test card prefixes of each brand, and the PAN length.
CARD_BRANDS: dict[str, tuple[str, int]] = {
    "visa": ("411111", 16),
    "visa2": ("424242", 16),
    "visa3": ("400005", 16),
    "visa19": ("401288", 19),
    "mc": ("555555", 16),
    "mc5": ("510510", 16),
    "mc2": ("222300", 16),
    "mc27": ("272011", 16),
    "amex": ("378282", 15),
    "amex2": ("371449", 15),
    "disc": ("601111", 16),
    "disc65": ("650000", 16),
    "diners": ("305693", 14),
    "jcb": ("353011", 16),
    "unionpay": ("620000", 16),
    "unionpay19": ("625094", 19),
    "maestro": ("675964", 19),
}

# Grouping as printed on the card / typed by people.
CARD_GROUPS = {14: (4, 6, 4), 15: (4, 6, 5), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3)}

# Country → (BBAN shape, example bank code). Shapes: n = digit, a = upper letter, c = alnum.
IBAN_SHAPES: dict[str, str] = {
    "DE": "nnnnnnnnnnnnnnnnnn",
    "FR": "nnnnnnnnnnnnnnnnnnnnnnn",
    "ES": "nnnnnnnnnnnnnnnnnnnn",
    "NL": "aaaannnnnnnnnn",
    "GB": "aaaannnnnnnnnnnnnn",
    "IE": "aaaannnnnnnnnnnnnn",
    "IT": "annnnnnnnnnnnnnnnnnnnnn",
    "BE": "nnnnnnnnnnnn",
    "AT": "nnnnnnnnnnnnnnnn",
    "CH": "nnnnnnnnnnnnnnnnn",
    "PL": "nnnnnnnnnnnnnnnnnnnnnnnn",
    "PT": "nnnnnnnnnnnnnnnnnnnnn",
}
IBAN_BANKS = {"NL": "INGB", "GB": "NWBK", "IE": "AIBK", "IT": "X"}

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _digits(key: str, count: int) -> str:
    stream = ""
    n = 0
    while len(stream) < count:
        stream += "".join(str(b % 10) for b in hashlib.sha256(f"{key}/{n}".encode()).digest())
        n += 1
    return stream[:count]


def _bytes(key: str, count: int) -> bytes:
    return hashlib.sha256(key.encode()).digest()[:count]


def luhn_check_digit(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card(brand: str, seed: str, sep: str = " ") -> str:
    prefix, length = CARD_BRANDS[brand]
    body = prefix + _digits(f"card/{brand}/{seed}", length - len(prefix) - 1)
    return group(body + luhn_check_digit(body), sep)


def bad_card(seed: str, sep: str = " ") -> str:
    """A 16-digit number that fails Luhn (an order or gift-card number look-alike)."""
    body = "4" + _digits(f"bad/{seed}", 14)
    wrong = str((int(luhn_check_digit(body)) + 3) % 10)
    return group(body + wrong, sep)


def group(number: str, sep: str) -> str:
    if sep == "":
        return number
    parts, i = [], 0
    for size in CARD_GROUPS[len(number)]:
        parts.append(number[i : i + size])
        i += size
    return sep.join(parts)


def iban(country: str, seed: str, style: str = "g") -> str:
    shape = IBAN_SHAPES[country]
    raw = _digits(f"iban/{country}/{seed}", len(shape))
    bank = IBAN_BANKS.get(country, "")
    bban = ""
    for i, kind in enumerate(shape):
        if kind == "a":
            bban += bank[i] if i < len(bank) else "ABCDEFGHJKLMNPRSTUVWXZ"[int(raw[i]) * 2 % 22]
        else:
            bban += raw[i]
    check = 98 - _mod97(bban + country + "00")
    value = f"{country}{check:02d}{bban}"
    if style == "g":
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    elif style == "l":
        value = value.lower()
    elif style == "lg":
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4)).lower()
    return value


def _mod97(text: str) -> int:
    numeric = "".join(str(int(c, 36)) for c in text.upper())
    return int(numeric) % 97


def iban_valid(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    return _mod97(compact[4:] + compact[:4]) == 1


def aba(seed: str) -> str:
    # First two digits 01–12 / 21–32 are the Federal Reserve routing symbols in use.
    prefix = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31"]
    d = prefix[int(_digits(f"aba/{seed}", 2)) % len(prefix)] + _digits(f"aba/{seed}/b", 6)
    for last in "0123456789":
        if aba_valid(d + last):
            return d + last
    raise AssertionError("unreachable: one check digit always fits")


def aba_valid(number: str) -> bool:
    d = [int(c) for c in number]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def btc_legacy(seed: str, version: int = 0) -> str:
    payload = bytes([version]) + _bytes(f"btc/{seed}", 20)
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    full = payload + checksum
    n = int.from_bytes(full, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    pad = len(full) - len(full.lstrip(b"\0"))
    return "1" * pad + out


def _bech32_polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (b >> i) & 1 else 0
    return chk


def btc_bech32(seed: str, hrp: str = "bc") -> str:
    program = _bytes(f"bech32/{seed}", 20)
    # 8-bit → 5-bit groups
    acc, bits, data = 0, 0, []
    for byte in program:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    data = [0] + data  # witness version 0
    hrp_exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _bech32_polymod(hrp_exp + data + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[d] for d in data + checksum)


def eth(seed: str) -> str:
    # All-lowercase hex is a valid (non-checksummed) address; EIP-55 mixed case needs keccak.
    return "0x" + hashlib.sha256(f"eth/{seed}".encode()).hexdigest()[:40]


def token(seed: str, length: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") -> str:
    out = ""
    n = 0
    while len(out) < length:
        for b in hashlib.sha256(f"tok/{seed}/{n}".encode()).digest():
            out += alphabet[b % len(alphabet)]
        n += 1
    return out[:length]


def expand(spec: str) -> str:
    """`kind:arg:arg…` → value. Used by build_corpus.py for `<<…>>` markers."""
    kind, *args = spec.split(":")
    seps = {"s": " ", "d": "-", "n": "", "dot": "."}
    if kind == "card":
        brand, seed, *rest = args
        if rest and rest[0] == "nl":  # pasted from a narrow window: split after the 2nd group
            parts = card(brand, seed, " ").split(" ")
            return " ".join(parts[:2]) + "\n" + " ".join(parts[2:])
        return card(brand, seed, seps[rest[0]] if rest else " ")
    if kind == "badcard":
        seed, *rest = args
        return bad_card(seed, seps[rest[0]] if rest else " ")
    if kind == "iban":
        country, seed, *rest = args
        return iban(country, seed, rest[0] if rest else "g")
    if kind == "aba":
        return aba(args[0])
    if kind == "btc":
        return btc_legacy(args[0])
    if kind == "btc3":
        return btc_legacy(args[0], version=5)
    if kind == "bech32":
        return btc_bech32(args[0])
    if kind == "eth":
        return eth(args[0])
    if kind == "openai":
        return "sk-proj-" + token(f"openai/{args[0]}", 48)
    if kind == "anthropic":
        return "sk-ant-api03-" + token(f"ant/{args[0]}", 40)
    if kind == "github":
        return "ghp_" + token(f"gh/{args[0]}", 36)
    if kind == "aws":
        return "AKIA" + token(f"aws/{args[0]}", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    if kind == "stripe":
        return "sk_live_" + token(f"stripe/{args[0]}", 24)
    if kind == "slack":
        return "xoxb-" + _digits(f"slack/{args[0]}", 11) + "-" + _digits(f"slack2/{args[0]}", 12) + "-" + token(f"slack/{args[0]}", 24)
    if kind == "google":
        return "AIza" + token(f"google/{args[0]}", 35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    if kind == "hex":
        return token(f"hex/{args[0]}", int(args[1]), "0123456789abcdef")
    if kind == "b64":
        return token(f"b64/{args[0]}", int(args[1]), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    if kind == "digits":
        return _digits(f"digits/{args[0]}", int(args[1]))
    raise ValueError(f"unknown value kind {kind!r}")


if __name__ == "__main__":
    import sys

    for spec in sys.argv[1:]:
        print(spec, expand(spec))
