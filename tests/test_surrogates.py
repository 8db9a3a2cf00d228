"""Surrogates for the `fake` style: invented values of the same kind, shape and country."""

from __future__ import annotations

import re

import pytest

from proxy import surrogates
from proxy.surrogates import card_brand, iban_check_digits_valid, luhn_valid, surrogate

REPEAT = range(20)  # surrogates are random: check each property on several draws


def shape(value: str) -> str:
    """Digits → 9, letters → a: what "the same format" means for numbers and codes."""
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", value))


@pytest.mark.parametrize(
    "card",
    ["4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "3782 822463 10005", "6011 1111 1111 1117", "3530 1113 3330 0000"],
)
def test_card_surrogate_is_luhn_valid_test_range_card_of_same_brand_length_and_grouping(card):
    for _ in REPEAT:
        fake = surrogate("CREDIT_CARD", card)
        digits = re.sub(r"\D", "", fake)
        assert shape(fake) == shape(card)
        assert luhn_valid(digits)
        assert card_brand(digits) == card_brand(re.sub(r"\D", "", card))
        assert any(digits.startswith(p) for prefixes in surrogates._TEST_PREFIXES.values() for p in prefixes)


@pytest.mark.parametrize("iban", ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR14 2004 1010 0505 0001 3M02 606"])
def test_iban_surrogate_keeps_country_length_grouping_and_has_valid_check_digits(iban):
    for _ in REPEAT:
        fake = surrogate("IBAN_CODE", iban)
        assert fake[:2] == iban[:2] and len(fake) == len(iban)
        assert [i for i, c in enumerate(fake) if c == " "] == [i for i, c in enumerate(iban) if c == " "]
        assert iban_check_digits_valid(fake)
        assert re.sub(r"\s", "", fake) != re.sub(r"\s", "", iban)


@pytest.mark.parametrize(
    ("phone", "fictional"),
    [
        ("+1 (415) 555-0123", r"\+1 \(\d{3}\) 555-01\d\d"),
        ("(212) 867-5309", r"\(\d{3}\) 555-01\d\d"),
        ("07700 900123", r"07700 900\d{3}"),
        ("+44 7911 123456", r"\+44 7700 900\d{3}"),
        ("020 7946 0958", r"016 3296 0\d{3}"),
    ],
)
def test_phone_surrogate_keeps_layout_and_comes_from_a_range_reserved_for_fiction(phone, fictional):
    for _ in REPEAT:
        fake = surrogate("PHONE_NUMBER", phone)
        assert shape(fake) == shape(phone)
        assert re.fullmatch(fictional, fake), fake


def test_phone_surrogate_elsewhere_keeps_country_code_and_layout():
    for _ in REPEAT:
        fake = surrogate("PHONE_NUMBER", "+49 30 1234567")
        assert fake.startswith("+49 ") and shape(fake) == shape("+49 30 1234567")


@pytest.mark.parametrize("name", ["Priya Raman", "Jake", "Dr. Hannah Louise Okafor", "JAKE MORRISON"])
def test_name_surrogate_is_a_name_with_as_many_words_and_the_same_case(name):
    for _ in range(5):
        fake = surrogate("PERSON", name)
        assert len(fake.split()) == len(name.split())
        assert fake != name
        if name.startswith("Dr."):
            assert fake.startswith("Dr. ")
        if name.isupper():
            assert fake.isupper()
        assert all(w[0].isupper() for w in fake.split())


def test_name_surrogate_follows_the_names_own_language():
    assert surrogates.locale_for("Jürgen Müller") == "de_DE"
    assert surrogates.locale_for("Иван Петров") == "ru_RU"
    assert surrogates.locale_for("Priya Raman", "fr") == "fr_FR"
    assert re.search(r"[\u0400-\u04ff]", surrogate("PERSON", "Иван Петров"))


@pytest.mark.parametrize(
    ("address", "locale", "pattern"),
    [
        ("48 Elm Court, Leeds LS1 4AB", "en_GB", r"\d+ [^,]+, [^,]+ [A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}"),
        ("221 Baker St, Springfield, IL 62704", "en_US", r"\d+ [^,]+, [^,]+, [A-Z]{2} \d{5}"),
        ("Hauptstraße 5, 10115 Berlin", "de_DE", r"[^,]+ \d+, \d{5} [^,]+"),
        ("12 rue de la Paix, 75002 Paris", "fr_FR", r"\d+ [^,]+, \d{5} [^,]+"),
    ],
)
def test_address_surrogate_is_in_the_same_countrys_format(address, locale, pattern):
    assert surrogates._address_locale(address, "en") == locale
    for _ in range(5):
        fake = surrogate("STREET_ADDRESS", address)
        assert re.fullmatch(pattern, fake), fake
        assert fake != address


def test_email_surrogate_uses_an_example_domain():
    for _ in REPEAT:
        assert re.fullmatch(r"[a-z0-9._-]+@example\.(com|org|net)", surrogate("EMAIL_ADDRESS", "jake.morrison@gmail.com"))


@pytest.mark.parametrize(
    ("entity_type", "value", "pattern"),
    [
        ("US_SSN", "123-45-6789", r"9\d\d-\d\d-\d{4}"),
        ("UK_NINO", "AB 12 34 56 C", r"QQ \d\d \d\d \d\d [A-D]"),
        ("IP_ADDRESS", "10.1.2.3", r"(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+"),
        ("CARD_EXPIRY", "09/27", r"(0[1-9]|1[0-2])/\d\d"),
        ("CARD_CVV", "123", r"\d{3}"),
        ("DATE_OF_BIRTH", "12/03/1985", r"(0[1-9]|1[0-2])/(0[1-9]|1[0-2])/(19|20)\d\d"),
        ("DATE_OF_BIRTH", "March 12th, 1985", r"[A-Z][a-z]+ \d{1,2}(st|nd|rd|th), (19|20)\d\d"),
        ("SECRET", "sk-abcdEFGH1234", r"sk-[a-z]{4}[A-Z]{4}\d{4}"),
        ("CRYPTO", "0x52908400098527886E0F7030069857D2E4169EE7", r"0x[0-9a-f]{40}"),
    ],
)
def test_identifier_surrogates_keep_their_format_and_use_reserved_ranges(entity_type, value, pattern):
    for _ in REPEAT:
        assert re.fullmatch(pattern, surrogate(entity_type, value)), surrogate(entity_type, value)


def test_unknown_entity_type_gets_a_format_preserving_surrogate():
    fake = surrogate("MEMBERSHIP_ID", "AB-1234-xy")
    assert shape(fake) == shape("AB-1234-xy")


def test_a_surrogate_is_never_the_value_itself_even_when_faker_draws_it(monkeypatch):
    import proxy.surrogates as module

    draws = iter(["Jake", "JAKE", "Tomas"])
    monkeypatch.setitem(module.GENERATORS, "PERSON", lambda value, language: next(draws))
    assert surrogate("PERSON", "Jake") == "Tomas"
