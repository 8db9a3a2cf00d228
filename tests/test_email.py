from __future__ import annotations

import pytest

from proxy.detection.recognizers.email import OfflineEmailRecognizer, SpelledOutEmailRecognizer
from tests.recognizer_spans import found

RECOGNIZERS = (OfflineEmailRecognizer(), SpelledOutEmailRecognizer())


def emails(text):
    return sorted({value for r in RECOGNIZERS for _, value in found(r, text, ["EMAIL_ADDRESS"])}, key=text.index)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail me at Jake.Morrison+news@Example.co.uk.", ["Jake.Morrison+news@Example.co.uk"]),
        ("email:jake@example.org;backup", ["jake@example.org"]),
        ("jake [at] example [dot] com", ["jake [at] example [dot] com"]),
        ("jake(at)example.com", ["jake(at)example.com"]),
        ("email me: jake at example dot com", ["jake at example dot com"]),
        ("priya dot raman at gmail dot com", ["priya dot raman at gmail dot com"]),
        ("jake99 at example dot co dot uk", ["jake99 at example dot co dot uk"]),
    ],
)
def test_addresses_plain_or_spelled_out_are_found(text, expected):
    assert emails(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "look at example.com and at google dot com",
        "meet at home. then we eat at noon dot",
        "x@localhost is not routable",
        "jake at example.com",  # "at" as a word before a site name
        "the ratio is 3 at 4 dot 5",
    ],
)
def test_words_that_only_look_like_addresses_are_not(text):
    assert emails(text) == []
