from __future__ import annotations

import pytest

from proxy.detection.recognizers.national_id import NationalIdRecognizer, nino_prefix_valid, ssn_valid
from tests.recognizer_spans import assert_finds

IDS = NationalIdRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my ssn is 123-45-6789", [("US_SSN", "123-45-6789")]),
        ("SSN: 123 45 6789", [("US_SSN", "123 45 6789")]),
        ("social security number 123456789", [("US_SSN", "123456789")]),
        ("it's 219-09-9998 btw", [("US_SSN", "219-09-9998")]),
        ("NI number QQ 12 34 56 C", [("UK_NINO", "QQ 12 34 56 C")]),
        ("AB123456C", [("UK_NINO", "AB123456C")]),
        ("my nino is ab 12 34 56 c", [("UK_NINO", "ab 12 34 56 c")]),
        ("National Insurance: JG 10 37 21", [("UK_NINO", "JG 10 37 21")]),
    ],
)
def test_ssn_and_nino_are_found(text, expected):
    assert_finds(IDS, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "666-12-3456",  # area 666 is never issued
        "000-12-3456",
        "912-34-5678",  # 9xx areas are ITINs and not SSNs
        "123-00-4567",
        "123-45-0000",
        "call 123 45 6789",  # spaced digits without a cue
        "order 123456789",
        "GB123456A",  # GB is not a NINO prefix
        "DA123456C",  # D is never a first letter
        "AB123456E",  # suffix is A-D
        "the part is ab123456c",  # lowercase without a cue
        "flight AB123456 delayed",  # no suffix letter and no cue
        "2023-45-6789-1",
    ],
)
def test_invalid_ranges_and_look_alikes_are_not_ids(text):
    assert_finds(IDS, text, [])


def test_rules():
    assert ssn_valid("123", "45", "6789") and not ssn_valid("666", "45", "6789")
    assert nino_prefix_valid("QQ") and nino_prefix_valid("AB")
    assert not nino_prefix_valid("BG") and not nino_prefix_valid("AO")
