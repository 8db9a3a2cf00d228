from __future__ import annotations

import pytest

from proxy.detection.recognizers.bank_account import BankAccountRecognizer, aba_routing_valid, iban_valid
from tests.recognizer_spans import assert_finds

BANK = BankAccountRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IBAN DE89 3704 0044 0532 0130 00 thanks", [("IBAN_CODE", "DE89 3704 0044 0532 0130 00")]),
        ("DE89370400440532013000", [("IBAN_CODE", "DE89370400440532013000")]),
        ("gb82west12345698765432 is my iban", [("IBAN_CODE", "gb82west12345698765432")]),
        ("GB82 WEST 1234 5698 7654 32.", [("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")]),
        ("virement sur FR14 2004 1010 0505 0001 3M02 606 stp", [("IBAN_CODE", "FR14 2004 1010 0505 0001 3M02 606")]),
        ("NL91ABNA0417164300", [("IBAN_CODE", "NL91ABNA0417164300")]),
        ("ES91 2100 0418 4502 0005 1332", [("IBAN_CODE", "ES91 2100 0418 4502 0005 1332")]),
        ("IT60X0542811101000000123456", [("IBAN_CODE", "IT60X0542811101000000123456")]),
        ("be68 5390 0754 7034", [("IBAN_CODE", "be68 5390 0754 7034")]),
        ("NO93-8601-1117-947", [("IBAN_CODE", "NO93-8601-1117-947")]),
        ("routing 021000021 account 123456789012", [("BANK_ACCOUNT", "021000021"), ("BANK_ACCOUNT", "123456789012")]),
        ("ABA: 011000015, acct # 0012345678", [("BANK_ACCOUNT", "011000015"), ("BANK_ACCOUNT", "0012345678")]),
        ("my checking account number is 9876543210", [("BANK_ACCOUNT", "9876543210")]),
        ("sort code 12-34-56 account 12345678", [("BANK_ACCOUNT", "12-34-56"), ("BANK_ACCOUNT", "12345678")]),
        ("sortcode 123456, acc no 31926819", [("BANK_ACCOUNT", "123456"), ("BANK_ACCOUNT", "31926819")]),
        ("account: 12345678 sort 40 47 84", [("BANK_ACCOUNT", "12345678"), ("BANK_ACCOUNT", "40 47 84")]),
        ("rent goes to 12-34-56 87654321 monthly", [("BANK_ACCOUNT", "12-34-56"), ("BANK_ACCOUNT", "87654321")]),
        ("pay the invoice to 021000021 / 7302918845", [("BANK_ACCOUNT", "021000021"), ("BANK_ACCOUNT", "7302918845")]),
        ("Kontonummer 0123456789, BLZ 10020030", [("BANK_ACCOUNT", "0123456789"), ("BANK_ACCOUNT", "10020030")]),
        ("número de cuenta: 12345678901", [("BANK_ACCOUNT", "12345678901")]),
    ],
)
def test_bank_details_are_found(text, expected):
    assert_finds(BANK, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "DE89 3704 0044 0532 0130 01",  # mod-97 fails
        "GB82WEST1234569876543",  # one character short for a UK IBAN
        "XX82WEST12345698765432",  # no such country
        "the routing number 123456789 is wrong",  # fails the ABA checksum
        "call 021000021",  # valid ABA checksum, but nothing says it is a routing number
        "see you 12-03-24",  # a date, not a sort code
        "I have 2 accounts with 1200 dollars",
        "my account is locked since 2023",
        "according 123456",
        "the account was opened 2019-03-12 with high fees",
        "scores 12-34-56 and 87654321 points",  # no dashed pair written as bank details
        "ids 021000021 / 7302918845",  # a routing/account-shaped pair, but nothing about paying
    ],
)
def test_near_misses_are_not_bank_details(text):
    assert_finds(BANK, text, [])


def test_checksums():
    assert iban_valid("gb82west12345698765432")
    assert not iban_valid("GB82WEST12345698765433")
    assert aba_routing_valid("021000021") and not aba_routing_valid("021000022")
    assert not aba_routing_valid("921000021")  # no Federal Reserve district 92
