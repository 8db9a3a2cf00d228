"""Realistic surrogates for the `fake` style: a name for a name, a test card for a card.

A companion chat that reads "<PERSON_1> said…" stops feeling like a conversation, so with
`style: fake` each value is replaced by an invented one of the same kind and shape, from Faker
in the value's own locale: a name with as many words, an address in the same country's format,
a card of the same brand, length and grouping from a test range with a valid Luhn digit, an IBAN
of the same country with valid check digits, a phone number in the same layout from a range
reserved for fiction (555-01xx, Ofcom's 07700 900xxx).

Surrogates must be invented, never someone's real data: test ranges and example domains
wherever a kind has them. This module only invents; `pseudonyms.py` checks that a surrogate does
not collide with anything in the conversation and keeps the mapping back to the original.
"""

from __future__ import annotations

import datetime
import functools
import ipaddress
import random
import re
import secrets
import string
from collections.abc import Callable

from faker import Faker

# Policy language → Faker locale, for values that carry no hint of their own country.
_LANGUAGE_LOCALES = {
    "en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL",
    "pt": "pt_PT", "pl": "pl_PL", "sv": "sv_SE", "da": "da_DK", "nb": "no_NO", "fi": "fi_FI",
    "ru": "ru_RU", "ja": "ja_JP", "zh": "zh_CN", "ko": "ko_KR", "el": "el_GR", "tr": "tr_TR",
}

# Letters that point to a language when a name or address carries them.
_SCRIPT_LOCALES = [
    (re.compile(r"[\u0400-\u04ff]"), "ru_RU"),
    (re.compile(r"[\u0370-\u03ff]"), "el_GR"),
    (re.compile(r"[\u3040-\u30ff]"), "ja_JP"),
    (re.compile(r"[\uac00-\ud7af]"), "ko_KR"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh_CN"),
    (re.compile(r"[äöüßÄÖÜ]"), "de_DE"),
    (re.compile(r"[ñÑ¿¡]"), "es_ES"),
    (re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]"), "pl_PL"),
    (re.compile(r"[åøæÅØÆ]"), "da_DK"),
    (re.compile(r"[çèêëîïôûœÇÈÊ]"), "fr_FR"),
]

_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
_US_STATE_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_ADDRESS_WORDS = [
    (re.compile(r"stra(ß|ss)e\b|str\.|\bweg\b|gasse\b|platz\b|allee\b", re.IGNORECASE), "de_DE"),
    (re.compile(r"\b(rue|boulevard|chemin|impasse|allée)\b", re.IGNORECASE), "fr_FR"),
    (re.compile(r"\b(calle|avenida|plaza|paseo)\b", re.IGNORECASE), "es_ES"),
    (re.compile(r"\b(via|viale|piazza|corso)\b", re.IGNORECASE), "it_IT"),
    (re.compile(r"(straat|laan|gracht|plein)\b", re.IGNORECASE), "nl_NL"),
]

_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "m", "sr", "sra"}


@functools.lru_cache(maxsize=32)
def _faker(locale: str) -> Faker:
    try:
        fake = Faker(locale)
    except AttributeError:  # Faker raises this for a locale it does not ship
        fake = Faker("en_US")
    # Not reproducible on purpose: a fixed seed would make surrogates guessable across users.
    fake.seed_instance(secrets.randbits(64))
    return fake


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def locale_for(value: str, language: str = "en") -> str:
    for pattern, locale in _SCRIPT_LOCALES:
        if pattern.search(value):
            return locale
    return _LANGUAGE_LOCALES.get(language.split("_")[0].lower(), "en_US")


def _same_case(template: str, text: str) -> str:
    letters = [c for c in template if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return text.upper()
    if letters and all(c.islower() for c in letters):
        return text.lower()
    return text


def _into_layout(template: str, digits: str) -> str:
    """Put `digits` where the template has digits, keeping its spaces, dashes and brackets."""
    it = iter(digits)
    return "".join(next(it) if c.isdigit() else c for c in template)


def _random_like(template: str, rng: random.Random) -> str:
    """Same length and character classes: a digit for a digit, a capital for a capital."""
    out = []
    for c in template:
        if c.isdigit():
            out.append(rng.choice(string.digits))
        elif c.isascii() and c.isupper():
            out.append(rng.choice(string.ascii_uppercase))
        elif c.isascii() and c.islower():
            out.append(rng.choice(string.ascii_lowercase))
        else:
            out.append(c)
    return "".join(out)


# ----- names ---------------------------------------------------------------------------------


def person(value: str, language: str = "en") -> str:
    fake = _faker(locale_for(value, language))
    words = value.split()
    title = []
    if len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        title = [words.pop(0)]
    if len(words) <= 1:
        invented = [fake.first_name()]
    else:
        invented = [fake.first_name()] + [fake.first_name() for _ in words[1:-1]] + [fake.last_name()]
    return _same_case(value, " ".join(title + invented))


# ----- addresses -----------------------------------------------------------------------------


def _address_locale(value: str, language: str) -> str:
    if _UK_POSTCODE.search(value):
        return "en_GB"
    if _US_STATE_ZIP.search(value):
        return "en_US"
    for pattern, locale in _ADDRESS_WORDS:
        if pattern.search(value):
            return locale
    return locale_for(value, language)


def street_address(value: str, language: str = "en") -> str:
    locale = _address_locale(value, language)
    fake, rng = _faker(locale), _rng()
    # Keep the separators ("48 Elm Court, Leeds LS1 4AB" has two parts) so the surrogate
    # reads like the original in the sentence around it.
    parts = re.split(r"(\s*[,\n]\s*)", value.strip())
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(part)
        elif index == 0:
            out.append(_street_line(part, fake, rng))
        else:
            out.append(_locality(part, fake, locale))
    return "".join(out)


def _street_line(part: str, fake: Faker, rng: random.Random) -> str:
    number = str(rng.randint(1, 199))
    street = fake.street_name()
    if re.match(r"\d", part):
        return f"{number} {street}"
    if re.search(r"\d+\w?$", part):  # "Hauptstraße 5": the number after the street
        return f"{street} {number}"
    return street


def _locality(part: str, fake: Faker, locale: str) -> str:
    if _UK_POSTCODE.fullmatch(part.strip()):
        return fake.postcode()
    if m := _UK_POSTCODE.search(part):
        return f"{fake.city()} {fake.postcode()}" if m.start() > 0 else f"{fake.postcode()} {fake.city()}"
    if _US_STATE_ZIP.fullmatch(part.strip()):
        return f"{fake.state_abbr()} {fake.postcode()}"
    if re.fullmatch(r"\d{4,5}(-\d{4})?", part.strip()):
        return fake.postcode()
    if re.match(r"\d{4,5}\s", part):  # "10115 Berlin", "75001 Paris"
        return f"{fake.postcode()} {fake.city()}"
    if re.search(r"\s\d{4,5}$", part):
        return f"{fake.city()} {fake.postcode()}"
    if locale == "en_US" and len(part.strip()) == 2 and part.strip().isupper():
        return fake.state_abbr()
    if re.fullmatch(r"(United Kingdom|UK|USA|United States|Germany|Deutschland|France|Spain|Italy)", part.strip(), re.I):
        return part  # the country stays: it is what tells the model the address format
    return fake.city()


# ----- e-mail, phone -------------------------------------------------------------------------


def email_address(value: str, language: str = "en") -> str:
    fake = _faker(locale_for(value, language))
    user = re.sub(r"[^a-z0-9._-]", "", fake.user_name().lower()) or "user"
    # Example domains (RFC 2606) only: a realistic domain might be a real person's mailbox.
    return f"{user}{_rng().randint(1, 99)}@{_rng().choice(['example.com', 'example.org', 'example.net'])}"


def phone_number(value: str, language: str = "en") -> str:
    rng = _rng()
    digits = re.sub(r"\D", "", value)
    international = value.lstrip().startswith("+") or value.lstrip().startswith("00")
    body = digits[2:] if value.lstrip().startswith("00") else digits
    prefix = digits[: len(digits) - len(body)]
    if (international and body.startswith("1") and len(body) == 11) or (not international and len(body) in (10, 11) and not body.startswith("0")):
        # North America: 555-0100…0199 is reserved for fiction in every area code.
        country = body[:-10]
        area = str(rng.randint(2, 9)) + f"{rng.randint(0, 99):02d}"
        new = country + area + "555" + "01" + f"{rng.randint(0, 99):02d}"
    elif (international and body.startswith("44")) or (not international and body.startswith("0") and len(body) == 11):
        country = body[:2] if international else ""
        national = body[len(country):]
        trunk = "0" if national.startswith("0") else ""
        # Ofcom's drama ranges: 07700 900000–900999 (mobile), 01632 960000–960999 (landline).
        significant = ("7700900" if national.lstrip("0").startswith("7") else "1632960") + f"{rng.randint(0, 999):03d}"
        new = country + trunk + significant
    else:
        # Elsewhere: keep the country code, invent the rest.
        keep = 2 if international else 1
        new = body[:keep] + "".join(rng.choice(string.digits) for _ in body[keep:])
    new = prefix + new
    if len(new) != len(digits):
        new = digits[: len(digits) - len(new)] + new if len(new) < len(digits) else new[-len(digits):]
    return _into_layout(value, new)


# ----- payment -------------------------------------------------------------------------------

# Test BINs of each brand (the networks' published test cards), so a surrogate card is never
# someone's real card.
_TEST_PREFIXES = {
    "visa": ("411111", "401288", "424242", "400005"),
    "mastercard": ("555555", "510510", "222300"),
    "amex": ("378282", "371449"),
    "discover": ("601111", "601100"),
    "diners": ("305693", "385200"),
    "jcb": ("353011", "356600"),
    "unionpay": ("620000",),
}


def card_brand(digits: str) -> str:
    if digits.startswith("4"):
        return "visa"
    if re.match(r"5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720)", digits):
        return "mastercard"
    if re.match(r"3[47]", digits):
        return "amex"
    if re.match(r"6011|65|64[4-9]", digits):
        return "discover"
    if re.match(r"35", digits):
        return "jcb"
    if re.match(r"3(0[0-5]|[68])", digits):
        return "diners"
    if digits.startswith("62"):
        return "unionpay"
    return "visa"


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _luhn_check_digit(partial: str) -> str:
    for d in string.digits:
        if luhn_valid(partial + d):
            return d
    raise AssertionError("unreachable: one of ten digits always completes a Luhn number")


def credit_card(value: str, language: str = "en") -> str:
    digits = re.sub(r"\D", "", value)
    rng = _rng()
    prefix = rng.choice(_TEST_PREFIXES[card_brand(digits)])
    length = max(len(digits), len(prefix) + 2)
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return _into_layout(value, body + _luhn_check_digit(body)) if len(digits) == length else body + _luhn_check_digit(body)


def card_expiry(value: str, language: str = "en") -> str:
    rng = _rng()
    m = re.fullmatch(r"(\s*)(\d{1,2})(\s*[/\-.]\s*)(\d{2}|\d{4})(\s*)", value)
    if not m:
        return _random_like(value, rng)
    month = rng.randint(1, 12)
    year = datetime.date.today().year + rng.randint(1, 5)
    month_text = f"{month:02d}" if len(m.group(2)) == 2 else str(month)
    year_text = str(year) if len(m.group(4)) == 4 else f"{year % 100:02d}"
    return m.group(1) + month_text + m.group(3) + year_text + m.group(5)


def iban(value: str, language: str = "en") -> str:
    compact = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", compact):
        return _random_like(value, _rng())
    country, bban = compact[:2], _random_like(compact[4:], _rng())
    # ISO 13616: check digits make the rearranged number ≡ 1 (mod 97).
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = f"{98 - int(numeric) % 97:02d}"
    new = iter(country + check + bban)
    return "".join(c if c in " -" else next(new) for c in value)


def iban_check_digits_valid(value: str) -> bool:
    compact = re.sub(r"[\s-]", "", value).upper()
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# ----- identifiers ---------------------------------------------------------------------------


def us_ssn(value: str, language: str = "en") -> str:
    rng = _rng()
    # Area numbers 900–999 are never issued by the SSA.
    digits = f"9{rng.randint(0, 99):02d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    return _into_layout(value, digits) if sum(c.isdigit() for c in value) == 9 else digits


def uk_nino(value: str, language: str = "en") -> str:
    rng = _rng()
    # The prefix QQ is never allocated (HMRC uses it in examples).
    new = iter("QQ" + "".join(rng.choice(string.digits) for _ in range(6)) + rng.choice("ABCD"))
    compact = re.sub(r"\s", "", value)
    if len(compact) != 9:
        return "QQ" + "".join(rng.choice(string.digits) for _ in range(6)) + rng.choice("ABCD")
    return _same_case(value, "".join(c if c.isspace() else next(new) for c in value))


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_MONTH_WORD = re.compile(r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?", re.IGNORECASE)


def date_of_birth(value: str, language: str = "en") -> str:
    rng = _rng()
    year = datetime.date.today().year - rng.randint(20, 75)

    def month_word(m: re.Match) -> str:
        word = m.group(0).rstrip(".")
        name = rng.choice(_MONTHS)
        name = name[:3] if len(word) <= 3 else name
        return _same_case(word, name) + ("." if m.group(0).endswith(".") else "")

    out = _MONTH_WORD.sub(month_word, value)
    numbers = list(re.finditer(r"(?<!\d)(\d{1,4})(st|nd|rd|th)?(?!\d)", out))
    # The year is the four-digit number, or else the last one ("12/03/85").
    year_at = next((i for i, m in enumerate(numbers) if len(m.group(1)) == 4), len(numbers) - 1)
    pieces, cursor = [], 0
    for i, m in enumerate(numbers):
        digits, suffix = m.group(1), m.group(2) or ""
        if i == year_at and not suffix:
            text = str(year) if len(digits) == 4 else f"{year % 100:02d}"
        else:
            # Day and month both at most 12: a valid date whichever order it is read in.
            n = rng.randint(1, 12)
            text = f"{n:02d}" if len(digits) == 2 else str(n)
            text += _ordinal_suffix(n, suffix) if suffix else ""
        pieces += [out[cursor : m.start()], text]
        cursor = m.end()
    return "".join(pieces) + out[cursor:]


def _ordinal_suffix(n: int, like: str) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return suffix.upper() if like.isupper() else suffix


def ip_address(value: str, language: str = "en") -> str:
    rng = _rng()
    try:
        parsed = ipaddress.ip_address(value.strip())
    except ValueError:
        return _random_like(value, rng)
    if parsed.version == 4:
        # The three documentation networks of RFC 5737.
        return f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(1, 254)}"
    return str(ipaddress.IPv6Address(int(ipaddress.IPv6Address("2001:db8::")) + rng.getrandbits(64)))


def secret(value: str, language: str = "en") -> str:
    # Keep a recognisable key prefix ("sk-", "ghp_", "AKIA") so the model still knows what kind
    # of key the user is talking about.
    m = re.match(r"^([A-Za-z]{2,4}[-_]|AKIA|ASIA)", value)
    head = m.group(0) if m else ""
    return head + _random_like(value[len(head) :], _rng())


def payment_handle(value: str, language: str = "en") -> str:
    m = re.match(r"^([@$]|[\w.]+\.me/|venmo\.com/|cash\.app/\$?)", value, re.IGNORECASE)
    head = m.group(0) if m else ""
    user = re.sub(r"[^A-Za-z0-9]", "", _faker(locale_for(value, language)).user_name()) or "user"
    return head + user + str(_rng().randint(10, 99))


def crypto_address(value: str, language: str = "en") -> str:
    rng = _rng()
    if re.fullmatch(r"0x[0-9a-fA-F]{40}", value):  # Ethereum: hex only
        return "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40))
    m = re.match(r"^(bc1|tb1|ltc1|[13LM])", value)
    head = m.group(0) if m else ""
    return head + _random_like(value[len(head) :], rng)


def format_preserving(value: str, language: str = "en") -> str:
    return _random_like(value, _rng())


GENERATORS: dict[str, Callable[[str, str], str]] = {
    "PERSON": person,
    "STREET_ADDRESS": street_address,
    "LOCATION": street_address,
    "EMAIL_ADDRESS": email_address,
    "PHONE_NUMBER": phone_number,
    "CREDIT_CARD": credit_card,
    "CARD_CVV": format_preserving,
    "CARD_EXPIRY": card_expiry,
    "IBAN_CODE": iban,
    "BANK_ACCOUNT": format_preserving,
    "US_SSN": us_ssn,
    "UK_NINO": uk_nino,
    "DATE_OF_BIRTH": date_of_birth,
    "IP_ADDRESS": ip_address,
    "SECRET": secret,
    "PAYMENT_HANDLE": payment_handle,
    "CRYPTO": crypto_address,
}


def surrogate(entity_type: str, value: str, language: str = "en") -> str:
    """An invented value of the same kind and shape as `value`, never `value` itself.

    Other collisions (with the rest of the conversation) are checked by the caller. Faker draws
    from finite lists, so "Jake" can come back as "Jake": that would send the original.
    """
    generate = GENERATORS.get(entity_type, format_preserving)
    original = value.casefold()
    fake = generate(value, language)
    for _ in range(20):
        if fake.casefold() != original:
            return fake
        fake = generate(value, language)
    raise ValueError(f"no surrogate of {entity_type} differs from the value")
