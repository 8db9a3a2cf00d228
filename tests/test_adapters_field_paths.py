"""Field paths: the policy's per-host `fields`, their grammar, and the Redactor honouring them."""

from __future__ import annotations

import json

import pytest

from proxy.adapters import JSON_STRING
from proxy.adapters.field_paths import FieldPath, FieldPathAdapter, field_path, render_path
from tests.request_fixtures import CARD, NAME, configured_redactor, make_request, run_request


@pytest.mark.parametrize("location, path", [
    (("messages", 3, "content"), "messages[].content"),
    (("payload", "text"), "payload.text"),
    (("f.req", JSON_STRING, 1, JSON_STRING, 0, 0), '["f.req"]#[]#[][]'),
    ((0, "a b"), '[]["a b"]'),
])
def test_locations_render_as_paths_and_paths_match_them_back(location, path):
    assert render_path(location) == path
    assert FieldPath(path).matches(location)


@pytest.mark.parametrize("path, location, expected", [
    ("messages[2].content", ("messages", 2, "content"), True),
    ("messages[2].content", ("messages", 1, "content"), False),
    ("payload.*", ("payload", "anything"), True),
    ("payload.*", ("payload", 0), False),
    ("payload.text", ("payload", "text", "deeper"), False),
    ("text#message", ("text", JSON_STRING, "message"), True),
])
def test_path_grammar(path, location, expected):
    assert FieldPath(path).matches(location) is expected


def test_unreadable_path_is_an_error():
    with pytest.raises(ValueError):
        FieldPath('["unterminated')


def test_form_locations_are_named_by_field():
    assert field_path([["a", "x"], ["message", "y"]], (1, 1), "form") == "message"


def test_adapter_reads_exactly_the_named_fields_including_inside_json_strings():
    adapter = FieldPathAdapter(("payload.text", "wrapped#note"))
    document = {"payload": {"text": "one", "mood": "two"}, "wrapped": json.dumps({"note": "three", "id": "x"}), "other": "four"}
    assert [(f.location, f.text) for f in adapter.fields(document)] == [
        (("payload", "text"), "one"), (("wrapped", JSON_STRING, "note"), "three")]


def test_adapter_reads_form_fields_by_name():
    assert [f.text for f in FieldPathAdapter(("message",)).fields([["message", "hi"], ["other", "no"]], "form")] == ["hi"]


@pytest.fixture(scope="module")
def policy_with_fields(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "fields.yaml"
    path.write_text(
        "version: 1\nname: fields\nhosts:\n  - host: companion.example.com\n    fields: [payload.text]\n"
        "entities:\n  PERSON: {action: redact}\n  CREDIT_CARD: {action: redact}\n"
    )
    return str(path)


def test_redactor_analyses_only_the_policy_fields_for_that_host(policy_with_fields):
    redactor = configured_redactor((), policy_with_fields)
    body = json.dumps({"payload": {"text": f"I'm {NAME}, card {CARD}"}, "bio": f"Card {CARD}"}).encode()
    flow = run_request(redactor, make_request("POST", "/api/send", body, {"content-type": "application/json"},
                                              host="companion.example.com"))
    sent = json.loads(flow.request.raw_content)
    assert flow.metadata["chatveil"]["adapter"] == "policy-fields"
    assert sent["payload"]["text"] == "I'm <PERSON_1>, card <CREDIT_CARD_1>"
    assert sent["bio"] == f"Card {CARD}"  # the user said which fields carry typed text
