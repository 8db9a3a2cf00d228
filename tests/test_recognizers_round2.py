"""Round-2 categories of payment and identifier recognizers: voice-typed card details, UK bank
details in tables and written account-first, phones in Brazilian and list shapes, secrets named
in short, year-first expiries, first-person birth cues, and the near-misses that must stay
untouched (router defaults, network ranges, role mailboxes, tracking-number tails).

All values are invented: test card numbers, 555-01xx phones, documentation IP ranges.
"""

from __future__ import annotations

import pytest

from proxy.detection.recognizers.bank_account import BankAccountRecognizer
from proxy.detection.recognizers.date_of_birth import DateOfBirthRecognizer
from proxy.detection.recognizers.email import OfflineEmailRecognizer
from proxy.detection.recognizers.ip_address import IpAddressRecognizer
from proxy.detection.recognizers.payment_card import PaymentCardRecognizer
from proxy.detection.recognizers.spoken_numbers import spoken_digits
from proxy.detection.recognizers.phone import PhoneRecognizer
from proxy.detection.recognizers.secret import SecretRecognizer

# Below this a finding is not acted on by default (policy min_score).
MIN_SCORE = 0.5


def found(recognizer, text: str, entity_type: str) -> list[str]:
    return [
        text[r.start : r.end]
        for r in recognizer.analyze(text, [entity_type])
        if r.entity_type == entity_type and r.score >= MIN_SCORE
    ]


def assert_finds(recognizer, text: str, entity_type: str, expected: list[str]) -> None:
    assert sorted(found(recognizer, text, entity_type)) == sorted(expected)


# ---------------------------------------------------------------- cards read aloud

CARDS = PaymentCardRecognizer()


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("five five two", "552"),
        ("ten twenty eight", "1028"),
        ("oh nine twenty seven", "0927"),
        ("twenty", "20"),
        ("Seven-three-seven", "737"),
        ("oh nine slash twenty seven", "0927"),
        ("nine apples", None),
    ],
)
def test_number_words_read_as_the_digits_spoken(words, digits):
    assert spoken_digits(words) == digits


@pytest.mark.parametrize(
    ("text", "expiry", "cvv"),
    [
        ("reading it out: 4111 1111 1111 1111 expiry ten twenty eight security code five five two", ["ten twenty eight"], ["five five two"]),
        ("card number 5555 5555 5555 4444, expires oh nine twenty seven, cvv is three one four", ["oh nine twenty seven"], ["three one four"]),
        ("the cvc is nine nine one and the exp date is twelve thirty", ["twelve thirty"], ["nine nine one"]),
        ("4111 1111 1111 1111 expiry oh nine slash twenty seven cvv two two four", ["oh nine slash twenty seven"], ["two two four"]),
    ],
)
def test_voice_typed_expiry_and_cvv_after_their_cues_are_found(text, expiry, cvv):
    assert_finds(CARDS, text, "CARD_EXPIRY", expiry)
    assert_finds(CARDS, text, "CARD_CVV", cvv)


@pytest.mark.parametrize(
    "text",
    [
        "the coupon expires in five days",
        "the security code is three digits long",
        "see you at ten twenty eight minutes later",
        "cvv oh wait I lost it",
        "my card expires in twenty twenty nine, should I renew",  # a year, not a month and year
    ],
)
def test_number_words_without_a_card_value_stay_untouched(text):
    assert found(CARDS, text, "CARD_EXPIRY") == []
    assert found(CARDS, text, "CARD_CVV") == []


@pytest.mark.parametrize(
    ("text", "card", "expiry"),
    [
        ("my visa is four one one one one one one one one one one one one one one one expiry march twenty eight",
         "four one one one one one one one one one one one one one one one", "march twenty eight"),
        ("card number forty one eleven, eleven eleven, eleven eleven, eleven eleven exp june twenty twenty nine",
         "forty one eleven, eleven eleven, eleven eleven, eleven eleven", "june twenty twenty nine"),
    ],
)
def test_a_card_and_month_name_expiry_read_aloud_are_found(text, card, expiry):
    assert_finds(CARDS, text, "CREDIT_CARD", [card])
    assert_finds(CARDS, text, "CARD_EXPIRY", [expiry])


@pytest.mark.parametrize(
    "text",
    [
        # Sixteen number words that fail the Luhn check are not a card.
        "count along: four one one one one one one one one one one one one one one two",
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
        "we met in march twenty eight people came",
    ],
)
def test_number_words_that_are_no_card_or_expiry_stay_untouched(text):
    assert found(CARDS, text, "CREDIT_CARD") == []
    assert found(CARDS, text, "CARD_EXPIRY") == []


@pytest.mark.parametrize(
    ("text", "expiry"),
    [
        ("card 4111 1111 1111 1111 and expiry 03 29, fill the form", "03 29"),
        ("exp 7 31 on the visa", "7 31"),
        ("card number 4111.1111.1111.1111, expiration 2030-06, CVV2 120", "2030-06"),
        ("my debit card is valid thru 2027/11", "2027/11"),
    ],
)
def test_expiry_written_with_a_space_or_year_first_after_a_cue_is_found(text, expiry):
    assert_finds(CARDS, text, "CARD_EXPIRY", [expiry])


@pytest.mark.parametrize(
    "text",
    [
        "we meet on 11 27 people came",  # no cue
        "the roadmap for 2028-04 is ready",  # a month in a plan
        "the lease expires 2031-05",  # "expires" without a card in the message
        "passport expiration 2030-09, renew early?",  # a document, not a card
        "exp 10 20 mins of farming per level",  # game experience points
        "the card game deals seven cards, exp 12 30 points per round",  # a quantity, not a date
    ],
)
def test_spaced_and_year_first_dates_without_a_card_cue_stay_untouched(text):
    assert found(CARDS, text, "CARD_EXPIRY") == []


def test_german_card_check_digits_word_names_the_cvv():
    text = "Karte 4111 1111 1111 1111 gültig bis 09/28 Prüfziffer 123"
    assert_finds(CARDS, text, "CARD_CVV", ["123"])


# ---------------------------------------------------------------- UK bank details

BANKS = BankAccountRecognizer()


def test_each_row_of_a_sort_code_and_account_table_is_found_including_seven_digit_accounts():
    table = "payee,sort code,account\nIvo Tamsin,11-22-33,12345678\nRue Okafor,44-55-66,7654321\n"
    assert_finds(BANKS, table, "BANK_ACCOUNT", ["11-22-33", "12345678", "44-55-66", "7654321"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please pay from 87654321, sort code 12-34-56, thanks", ["87654321", "12-34-56"]),
        ("Account 1234567 sort code 20-00-00", ["1234567", "20-00-00"]),
    ],
)
def test_an_account_written_before_its_sort_code_is_found(text, expected):
    assert_finds(BANKS, text, "BANK_ACCOUNT", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order 12345678, sort code 12-34-56 is mine", ["12-34-56"]),
        ("ticket #7654321 sort code 10-20-30", ["10-20-30"]),
        ("Meeting on 12-03-24 with 1234567 attendees", []),
    ],
)
def test_numbers_labelled_as_something_else_next_to_a_sort_code_stay_untouched(text, expected):
    assert_finds(BANKS, text, "BANK_ACCOUNT", expected)


# ---------------------------------------------------------------- phones

PHONES = PhoneRecognizer()


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("meu telefone é (11) 98765-4321, me liga", "(11) 98765-4321"),
        ("escribe al (55) 1234-5678 por favor", "(55) 1234-5678"),
        ("emergency contacts: mum Ada Roe 555-0101, dad Bo Roe 555-0102", "555-0101"),
    ],
)
def test_bracketed_area_codes_and_listed_local_numbers_are_phones(text, phone):
    assert phone in found(PHONES, text, "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "The parcel code is 1Z 888 BB2 02 3456 7890, which carrier?",
        "shipment JJD0 0161 496 0123 is late",
        "the recipe needs 555-0101 grams",  # no phone word anywhere
    ],
)
def test_tails_of_alphanumeric_codes_and_uncued_local_numbers_are_not_phones(text):
    assert found(PHONES, text, "PHONE_NUMBER") == []


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("call me on five five five, oh one two three", "five five five, oh one two three"),
        ("my number is oh seven seven oh oh nine oh oh one two three", "oh seven seven oh oh nine oh oh one two three"),
    ],
)
def test_a_dictated_phone_after_a_phone_word_is_found(text, phone):
    assert_finds(PHONES, text, "PHONE_NUMBER", [phone])


@pytest.mark.parametrize(
    "text",
    [
        "text me one two three times",  # too short for a phone
        "order number five five five oh one two three four",  # labelled as something else
        "we counted one two three four five six seven sheep",  # no phone word
    ],
)
def test_number_words_that_are_not_a_dictated_phone_stay_untouched(text):
    assert found(PHONES, text, "PHONE_NUMBER") == []


# ---------------------------------------------------------------- secrets

SECRETS = SecretRecognizer()


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the log prints whsec=9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0 each time",
         "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"),
        ("HMAC_KEY: c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ=", "c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ="),
        ("key id AKIAIOSFODNN7EXAMPLE and secret is Zx9pQ2wL7vT4mN8kR3sB6yH1cF5gJ0dEaU",
         "Zx9pQ2wL7vT4mN8kR3sB6yH1cF5gJ0dEaU"),
    ],
)
def test_secrets_named_in_short_are_found(text, secret):
    assert secret in found(SECRETS, text, "SECRET")


@pytest.mark.parametrize(
    "text",
    [
        "the secret is to practice every day",
        "set hmac = sha256 please",
        "signing_key = load_key(path)",
    ],
)
def test_prose_and_code_after_secret_words_stay_untouched(text):
    assert found(SECRETS, text, "SECRET") == []


# ---------------------------------------------------------------- e-mail, IP, birth dates

EMAILS = OfflineEmailRecognizer()


def test_role_mailboxes_are_not_personal_but_a_persons_address_next_to_them_is():
    text = "From: Help Desk <helpdesk@example.com>, cc noreply@example.org and ivo.tamsin@example.com"
    assert_finds(EMAILS, text, "EMAIL_ADDRESS", ["ivo.tamsin@example.com"])


def test_a_personal_address_that_starts_like_a_role_word_is_found():
    assert_finds(EMAILS, "write to helpme.ivo@example.org", "EMAIL_ADDRESS", ["helpme.ivo@example.org"])


IPS = IpAddressRecognizer()


@pytest.mark.parametrize(
    "text",
    [
        "is 192.168.0.1 or 10.0.0.1 the usual router address?",
        "my router login page is 172.16.0.1",
        "what is the difference between 172.16.0.0/12 and 192.168.0.0/16",
    ],
)
def test_router_defaults_and_network_ranges_are_not_reported(text):
    assert found(IPS, text, "IP_ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("my NAS is at 192.168.1.77", "192.168.1.77"),
        ("the gateway here is 192.168.7.1", "192.168.7.1"),
        ("static address 192.168.0.42/24 on eth0", "192.168.0.42/24"),
        ("blocked 198.51.100.1 yesterday", "198.51.100.1"),
    ],
)
def test_chosen_lan_hosts_and_public_addresses_are_still_reported(text, address):
    assert_finds(IPS, text, "IP_ADDRESS", [address])


BIRTHS = DateOfBirthRecognizer()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("nací el 3 de mayo de 1990 en Lima", "3 de mayo de 1990"),
        ("naci el 21/06/1987, cuántos años tengo", "21/06/1987"),
        ("eu nasci em 12/03/1985", "12/03/1985"),
    ],
)
def test_first_person_birth_cues_in_spanish_and_portuguese_are_found(text, date):
    assert_finds(BIRTHS, text, "DATE_OF_BIRTH", [date])


def test_a_birthplace_without_a_date_is_not_a_birth_date():
    assert found(BIRTHS, "naci en Madrid y vivo en Sevilla", "DATE_OF_BIRTH") == []
