"""Locations: get_at / set_at, including steps into JSON held by a string."""

from __future__ import annotations

import json

import pytest

from proxy.adapters.base import JSON_STRING, get_at, parse_embedded, set_at, text_parts


def test_set_at_replaces_a_nested_value():
    document = {"a": [{"b": "old"}]}
    set_at(document, ("a", 0, "b"), "new")
    assert document == {"a": [{"b": "new"}]}


def test_set_at_inside_a_json_string_keeps_its_compact_layout():
    inner = json.dumps([["hello, world", 0], ["en"]], separators=(",", ":"))
    document = [["f.req", json.dumps([None, inner], separators=(",", ":"))]]
    location = (0, 1, JSON_STRING, 1, JSON_STRING, 0, 0)
    assert get_at(document, location) == "hello, world"
    set_at(document, location, "<PERSON_1>")
    assert document[0][1] == json.dumps([None, '[["<PERSON_1>",0],["en"]]'], separators=(",", ":"))


def test_set_at_inside_a_json_string_keeps_its_spaced_layout():
    document = {"arguments": json.dumps({"email": "a@example.com", "n": 2})}
    set_at(document, ("arguments", JSON_STRING, "email"), "<EMAIL_ADDRESS_1>")
    assert document["arguments"] == '{"email": "<EMAIL_ADDRESS_1>", "n": 2}'


def test_whole_document_cannot_be_replaced():
    with pytest.raises(ValueError):
        set_at({}, (), "x")


@pytest.mark.parametrize("text, expected", [('{"a": 1}', {"a": 1}), ("[1]", [1]), ("hello", None), ("{broken", None), ('"x"', None)])
def test_parse_embedded_only_accepts_objects_and_arrays(text, expected):
    assert parse_embedded(text) == expected


def test_text_parts_reads_strings_and_typed_text_parts_only():
    parts = ["plain", {"type": "text", "text": "typed"}, {"type": "image_url", "image_url": {"url": "u"}}]
    assert [(f.location, f.text) for f in text_parts(parts, ("c",), "user")] == [(("c", 0), "plain"), (("c", 1, "text"), "typed")]
