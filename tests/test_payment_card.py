from __future__ import annotations

import pytest

from proxy.detection.recognizers.payment_card import PaymentCardRecognizer, issuer_accepts, luhn_valid
from tests.recognizer_spans import assert_finds, found

CARDS = PaymentCardRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my card is 4111 1111 1111 1111", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("4111-1111-1111-1111", [("CREDIT_CARD", "4111-1111-1111-1111")]),
        ("4111.1111.1111.1111 pls", [("CREDIT_CARD", "4111.1111.1111.1111")]),
        ("visa:4111111111111111.", [("CREDIT_CARD", "4111111111111111")]),
        ("mixed 4111 1111-1111.1111 ok", [("CREDIT_CARD", "4111 1111-1111.1111")]),
        ("4111 - 1111 - 1111 - 1111", [("CREDIT_CARD", "4111 - 1111 - 1111 - 1111")]),
        ("full-width ４１１１ １１１１ １１１１ １１１１", [("CREDIT_CARD", "４１１１ １１１１ １１１１ １１１１")]),
        ("mc 5555 5555 5555 4444", [("CREDIT_CARD", "5555 5555 5555 4444")]),
        ("new mastercard 2223 0031 2200 3222", [("CREDIT_CARD", "2223 0031 2200 3222")]),
        ("2720000000000005", [("CREDIT_CARD", "2720000000000005")]),
        ("amex 3782 822463 10005", [("CREDIT_CARD", "3782 822463 10005")]),
        ("discover 6011 1111 1111 1117", [("CREDIT_CARD", "6011 1111 1111 1117")]),
        ("jcb 3530 1113 3330 0000", [("CREDIT_CARD", "3530 1113 3330 0000")]),
        ("diners 3056 930902 5904", [("CREDIT_CARD", "3056 930902 5904")]),
        ("unionpay 6200 0000 0000 0005", [("CREDIT_CARD", "6200 0000 0000 0005")]),
        ("maestro 6759 6498 2643 8453", [("CREDIT_CARD", "6759 6498 2643 8453")]),
        ("19 digits 4000 1234 5678 9000 009", [("CREDIT_CARD", "4000 1234 5678 9000 009")]),
        ("card number\n4111 1111\n1111 1111\nthanks", [("CREDIT_CARD", "4111 1111\n1111 1111")]),
        ("😅 4111 1111 1111 1111 😅", [("CREDIT_CARD", "4111 1111 1111 1111")]),
    ],
)
def test_card_numbers_in_any_format_are_found(text, expected):
    assert_finds(CARDS, text, expected, ["CREDIT_CARD"])


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # fails Luhn
        "1234 5678 9012 3456",  # fails Luhn
        "5555555555554445",  # Mastercard prefix, fails Luhn
        "2721000000000004",  # passes Luhn, just above the Mastercard 2-series
        "9400 1000 0000 0000 0000 00",  # USPS tracking number
        "order #4111111111111111 has shipped",  # an order number that happens to pass Luhn
        "tracking number 4111111111111111",
        "my IMEI is 353012111111110",
        "amazon order 112-3456789-1234567",
        "it costs 1,234.56 and 4,111.11",
        "call 555-010-1234",
        "invoice 2024-000123",
    ],
)
def test_numbers_that_are_not_cards_survive(text):
    assert_finds(CARDS, text, [], ["CREDIT_CARD"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("card 4111 1111 1111 1111 exp 09/27 cvv 123", [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "09/27"), ("CARD_CVV", "123")]),
        ("4111111111111111 12/27 737", [("CREDIT_CARD", "4111111111111111"), ("CARD_EXPIRY", "12/27"), ("CARD_CVV", "737")]),
        ("4111 1111 1111 1111 | 9/2027 | 737", [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "9/2027"), ("CARD_CVV", "737")]),
        ("4111 1111 1111 1111, 09-27, cvc 0737", [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "09-27"), ("CARD_CVV", "0737")]),
        ("the 3 digits on the back are 737", [("CARD_CVV", "737")]),
        ("sec code: 1234", [("CARD_CVV", "1234")]),
        ("CVV2 is 482", [("CARD_CVV", "482")]),
        ("security code 991, thanks", [("CARD_CVV", "991")]),
        ("cvv is 482.", [("CARD_CVV", "482")]),
        ("exp sept 27", [("CARD_EXPIRY", "sept 27")]),
        ("Exp. Sep '27", [("CARD_EXPIRY", "Sep '27")]),
        ("valid thru 03/28", [("CARD_EXPIRY", "03/28")]),
        ("expiry date: 11/2029", [("CARD_EXPIRY", "11/2029")]),
        ("my debit card expires 11/29", [("CARD_EXPIRY", "11/29")]),
        ("meine Kreditkarte ist gültig bis 09/27", [("CARD_EXPIRY", "09/27")]),
        ("fecha de vencimiento 03/28", [("CARD_EXPIRY", "03/28")]),
        ("cc 371449635398431 exp 0928 cvv 5512", [("CREDIT_CARD", "371449635398431"), ("CARD_EXPIRY", "0928"), ("CARD_CVV", "5512")]),
        ("tarjeta 4111 1111 1111 1111 caduca 05/28 código 246", [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "05/28"), ("CARD_CVV", "246")]),
        ("carte 5555 5555 5555 4444, cryptogramme 038", [("CREDIT_CARD", "5555 5555 5555 4444"), ("CARD_CVV", "038")]),
        ("card 4111111111111111, the code on the back is 4 4 1", [("CREDIT_CARD", "4111111111111111"), ("CARD_CVV", "4 4 1")]),
        ("4111111111111111 1126 123", [("CREDIT_CARD", "4111111111111111"), ("CARD_EXPIRY", "1126"), ("CARD_CVV", "123")]),
        ("cvv#123 and CVV:456", [("CARD_CVV", "123"), ("CARD_CVV", "456")]),
        ("exp11/26", [("CARD_EXPIRY", "11/26")]),
        ("4111 1111 1111 1111 September 27 737", [("CREDIT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "September 27"), ("CARD_CVV", "737")]),
        ("booking:\n4242 4242\n4242 4242\nexp 12/27", [("CREDIT_CARD", "4242 4242\n4242 4242"), ("CARD_EXPIRY", "12/27")]),
        ("Atlanta, GA 30309\n3782 822463 10005", [("CREDIT_CARD", "3782 822463 10005")]),
        ("order 4111111111111111 exp 09/27", [("CREDIT_CARD", "4111111111111111"), ("CARD_EXPIRY", "09/27")]),
    ],
)
def test_cvv_and_expiry_next_to_a_card_or_after_a_cue_are_found(text, expected):
    assert_finds(CARDS, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "see you 09/27 at 5pm",
        "the offer expires 11/29",  # no card in sight: a date, not an expiry
        "it was $737 in total",
        "room 123 on the 3rd floor",
        "we scored 123 points, back at 12:30",
        "my verification code is 123456",  # a one-time code, not a CVV
        "score 9/10, rated 5/5",
        "promo code 1234 works",  # "code" counts only in a message with a card
        "I paid 0928 times",
        "my card was charged at 10:305 cvv not asked",
    ],
)
def test_everyday_numbers_and_dates_are_not_cvv_or_expiry(text):
    assert_finds(CARDS, text, [])


def test_luhn_and_issuer_ranges():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert issuer_accepts("2221000000000009") and issuer_accepts("2720000000000005")
    assert issuer_accepts("4222222222222")  # 13-digit Visa
    assert not issuer_accepts("411111111111111")  # Visa has no 15-digit numbers
    assert not issuer_accepts("9111111111111111")


def test_results_need_no_nlp_artifacts_and_carry_the_recognizer_name():
    [result] = CARDS.analyze("4111 1111 1111 1111", ["CREDIT_CARD"], None)
    assert result.score == 1.0
    assert result.recognition_metadata["recognizer_name"] == "PaymentCardRecognizer"


def test_only_the_requested_entity_types_are_returned():
    text = "4111 1111 1111 1111 exp 09/27 cvv 123"
    assert [r.entity_type for r in CARDS.analyze(text, ["CARD_CVV"], None)] == ["CARD_CVV"]


@pytest.mark.parametrize(
    "text",
    ["pay for my order 4111 1111 1111 1111 thanks", "use 5555 5555 5555 4444 for the order", "po 4111111111111111"],
)
def test_card_after_an_unlabelled_order_word_is_still_a_card(text):
    assert [entity for entity, _ in found(CARDS, text)] == ["CREDIT_CARD"]
