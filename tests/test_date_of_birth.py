from __future__ import annotations

import pytest

from proxy.detection.recognizers.date_of_birth import DateOfBirthRecognizer
from tests.recognizer_spans import assert_finds

DOB = DateOfBirthRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I was born on March 3rd, 1990.", [("DATE_OF_BIRTH", "March 3rd, 1990")]),
        ("DOB: 04/12/1988", [("DATE_OF_BIRTH", "04/12/1988")]),
        ("d.o.b. 1988-04-12", [("DATE_OF_BIRTH", "1988-04-12")]),
        ("my birthday is 12 May.", [("DATE_OF_BIRTH", "12 May")]),
        ("my birthday's on the 3rd of March", [("DATE_OF_BIRTH", "3rd of March")]),
        ("date of birth - 4.12.88", [("DATE_OF_BIRTH", "4.12.88")]),
        ("born in March 1990 in Leeds", [("DATE_OF_BIRTH", "March 1990")]),
        ("bday 4/12 🎂", [("DATE_OF_BIRTH", "4/12")]),
        ("Ich bin geboren am 12. Mai 1985", [("DATE_OF_BIRTH", "12. Mai 1985")]),
        ("née le 3 avril 1992", [("DATE_OF_BIRTH", "3 avril 1992")]),
        ("fecha de nacimiento: 15/06/1979", [("DATE_OF_BIRTH", "15/06/1979")]),
    ],
)
def test_dates_after_a_birth_cue_are_found(text, expected):
    assert_finds(DOB, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "meet me on March 3rd",
        "the invoice is dated 04/12/1988",
        "due 2024-05-01",
        "my birthday party was great",
        "born in 1990",  # a year alone identifies nobody
        "the baby was born. on 3/4 we go home",
        "plan b. 3/4 of us agree",
    ],
)
def test_dates_without_a_birth_cue_survive(text):
    assert_finds(DOB, text, [])
