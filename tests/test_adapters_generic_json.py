"""The generic walker: human text by key name and content; never ids, hashes, tokens, URLs or enums."""

from __future__ import annotations

import json

import pytest

from proxy.adapters.base import JSON_STRING
from proxy.adapters.generic_json import GenericJSONAdapter, looks_like_human_text


@pytest.mark.parametrize("key, value", [
    ("message", "see you at six"),
    ("text", "Jake"),
    ("card", "4111111111111111"),  # digits alone may be a card or a phone: analysed
    ("contact", "jake.morrison@example.com"),
    (None, "hello there"),
    ("note", "call 555-0142"),
])
def test_human_text_is_analysed(key, value):
    assert looks_like_human_text(key, value)


@pytest.mark.parametrize("key, value", [
    ("conversation_id", "anything at all"),
    ("sessionToken", "abc def"),
    ("avatar_url", "see me"),
    ("text", "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"),
    ("text", "d41d8cd98f00b204e9800998ecf8427e"),
    ("text", "eyJhbGciOiJIUzI1NiJ9x9Qm3vZkT1pLw8Rr2Ys5Nn"),
    ("text", "https://example.com/a?b=c"),
    ("text", "data:image/png;base64,iVBORw0KGgo="),
    ("text", "gpt-4o-mini"),
    ("text", "primary_assistant"),
    ("text", "SEND_MESSAGE"),
    ("text", "2.41.0"),
    ("text", "42"),
    ("text", "   "),
])
def test_machine_values_are_skipped(key, value):
    assert not looks_like_human_text(key, value)


def test_walker_finds_nested_text_and_descends_into_json_strings():
    document = {
        "character_id": "c7d8e9f0a1b2c3d4e5f6a7b8",
        "payload": {"text": "hi there", "mood": "happy"},
        "history": [{"author": "bot", "body": "hello, traveller"}],
        "extra": json.dumps({"note": "a quiet note", "id": "x1"}),
        "count": 3,
    }
    fields = GenericJSONAdapter().fields(document)
    assert [(f.location, f.text) for f in fields] == [
        (("payload", "text"), "hi there"),
        (("payload", "mood"), "happy"),
        (("history", 0, "author"), "bot"),  # an author may be a person's name: analysed
        (("history", 0, "body"), "hello, traveller"),
        (("extra", JSON_STRING, "note"), "a quiet note"),
    ]


def test_json_string_under_a_machine_key_is_not_walked():
    assert GenericJSONAdapter().fields({"token": json.dumps({"text": "inside a token"})}) == []


def test_pathological_nesting_is_refused_not_skipped():
    document: list = ["deep text"]
    for _ in range(100):
        document = [document]
    with pytest.raises(ValueError):
        GenericJSONAdapter().fields(document)
