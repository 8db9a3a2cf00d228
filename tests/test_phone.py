from __future__ import annotations

import pytest

from proxy.detection.recognizers.phone import PhoneRecognizer
from tests.recognizer_spans import assert_finds

PHONES = PhoneRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("call me on +44 20 7946 0958", [("PHONE_NUMBER", "+44 20 7946 0958")]),
        ("(555) 010-1234", [("PHONE_NUMBER", "(555) 010-1234")]),
        ("my cell is 555.010.1234!", [("PHONE_NUMBER", "555.010.1234")]),
        ("555-010-1234", [("PHONE_NUMBER", "555-010-1234")]),
        ("+1 555 010 1234", [("PHONE_NUMBER", "+1 555 010 1234")]),
        ("1-555-010-1234", [("PHONE_NUMBER", "1-555-010-1234")]),
        ("(212) 555-0123", [("PHONE_NUMBER", "(212) 555-0123")]),
        ("text me at 555-0123", [("PHONE_NUMBER", "555-0123")]),
        ("whatsapp +91 98765 43210", [("PHONE_NUMBER", "+91 98765 43210")]),
        ("mijn nummer is 0612345678", [("PHONE_NUMBER", "0612345678")]),
        ("06 12 34 56 78", [("PHONE_NUMBER", "06 12 34 56 78")]),
        ("Büro +49 30 123456", [("PHONE_NUMBER", "+49 30 123456")]),
        ("ring me on 07700 900123", [("PHONE_NUMBER", "07700 900123")]),
        ("020 7946 0958", [("PHONE_NUMBER", "020 7946 0958")]),
        ("0044 20 7946 0958", [("PHONE_NUMBER", "0044 20 7946 0958")]),
        ("mobile: 0412 345 678", [("PHONE_NUMBER", "0412 345 678")]),
        ("tel:+442079460958", [("PHONE_NUMBER", "+442079460958")]),
        ("call 2125550123 tonight", [("PHONE_NUMBER", "2125550123")]),
        ("office (02) 9876 5432", [("PHONE_NUMBER", "(02) 9876 5432")]),
        ("tel. 030/1234567", [("PHONE_NUMBER", "030/1234567")]),
        ("my cell 5550101234", [("PHONE_NUMBER", "5550101234")]),
        ("my mum's number is 612 34 56 78", [("PHONE_NUMBER", "612 34 56 78")]),
        ("mi número es 612 34 56 78", [("PHONE_NUMBER", "612 34 56 78")]),
        ("mera number 98765 43210 hai", [("PHONE_NUMBER", "98765 43210")]),
        ("+81 90-1234-5678 / +55 11 91234-5678", [("PHONE_NUMBER", "+81 90-1234-5678"), ("PHONE_NUMBER", "+55 11 91234-5678")]),
        ("numbers: (555) 010-1234, 555-010-5678", [("PHONE_NUMBER", "(555) 010-1234"), ("PHONE_NUMBER", "555-010-5678")]),
    ],
)
def test_phone_numbers_in_common_formats_are_found(text, expected):
    assert_finds(PHONES, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "meet at 10:30 or 14:45:00",
        "it costs $1,234,567.89",
        "order 112-3456789-1234567",
        "order number 5550101234",
        "tracking 1Z999AA10123456784",
        "version 10.0.19045.2965",
        "released in 2024, back in 1999",
        "zip 90210-1234",
        "SSN 123-45-6789",
        "due 2024-05-01, or 01.02.2024, or 12/03/2024",
        "server 203.0.113.42",
        "card 4111 1111 1111 1111",
        "I ran 5 10 15 20 km",
        "population 8 336 817",
        "ISBN 978-0-306-40615-7",
        "2125550123",  # ten bare digits and no cue: an id as likely as a phone
        "Call 1-800-555-0199? Is that a scam?",  # toll-free: a business, not a person
        "is 555-0100 through 555-0199 reserved?",  # seven digits without a cue
        "my lucky numbers are 4 8 15 16 23 42",
        "Python 3.12.1, numpy 1.26.4, Windows 10.0.19045",
        "Coordinates 51.5074, -0.1278",
        "the number of items is 12345678",
        "UPC 036000291452, EAN 4006381333931",
        "Meeting ID: 845 2391 0034",
        "mi número de pedido es 612 34 56 78",
        "seasons 2019/2020 and 2020/2021",
    ],
)
def test_times_prices_ids_and_dates_are_not_phones(text):
    assert_finds(PHONES, text, [])
