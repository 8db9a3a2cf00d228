"""Gemini API (generateContent) and Gemini web (StreamGenerate, JSON inside JSON inside a form)."""

from __future__ import annotations

import json
import urllib.parse

from proxy.adapters import JSON_STRING, adapter_for, get_at, select_adapter, set_at
from proxy.adapters.gemini import GeminiAdapter
from proxy.adapters.gemini_web import GeminiWebAdapter
from proxy.request_body import parse_content, serialize_body
from tests.request_fixtures import NAME, fixture, fixture_body


def test_generate_content_reads_system_instruction_and_text_parts_only():
    document = fixture("gemini_generate_content")["json"]
    path = "/v1beta/models/gemini-2.5-flash:generateContent"
    assert select_adapter(path, document).name == "gemini"
    assert [(f.location, f.role) for f in GeminiAdapter().fields(document)] == [
        (("systemInstruction", "parts", 0, "text"), "system"),
        (("contents", 0, "parts", 0, "text"), "user"),
        (("contents", 1, "parts", 0, "text"), "model"),
        (("contents", 2, "parts", 0, "text"), "user"),
    ]


def test_stream_generate_content_with_snake_case_and_function_parts():
    document = {"system_instruction": {"parts": [{"text": "sys"}]}, "contents": [{"role": "user", "parts": [
        {"functionCall": {"name": "f", "args": {"city": "a long way"}}},
        {"functionResponse": {"name": "f", "response": {"result": "sunny all day"}}}]}]}
    assert select_adapter("/v1beta/models/m:streamGenerateContent", document).name == "gemini"
    assert [f.text for f in GeminiAdapter().fields(document)] == ["sys", "a long way", "sunny all day"]


def _gemini_web_document():
    data = fixture("gemini_web")
    return parse_content(fixture_body("gemini_web"), data["headers"]["content-type"]), data["path"].split("?")[0]


def test_gemini_web_prompt_is_found_inside_json_inside_json_inside_the_form():
    parsed, path = _gemini_web_document()
    adapter = adapter_for(parsed.kind, path, parsed.document)
    assert adapter.name == "gemini-web"
    fields = adapter.fields(parsed.document)
    assert fields[0].location == (0, 1, JSON_STRING, 1, JSON_STRING, 0, 0)
    assert NAME in fields[0].text
    # the conversation ids ("c_…", "r_…") are never analysed
    assert all(not f.text.startswith(("c_", "r_", "rc_")) for f in fields)


def test_gemini_web_write_back_keeps_the_form_and_both_json_layers_valid():
    parsed, path = _gemini_web_document()
    location = GeminiWebAdapter().fields(parsed.document)[0].location
    set_at(parsed.document, location, "Hi, I'm <PERSON_1>.")
    body = serialize_body(parsed)
    form = dict(urllib.parse.parse_qsl(body.decode()))
    outer = json.loads(form["f.req"])
    inner = json.loads(outer[1])
    assert inner[0][0] == "Hi, I'm <PERSON_1>." and inner[2][0] == "c_3f2a1b0c9d8e7f6a"
    assert form["at"].startswith("AFzN8dWx")
    assert get_at(parse_content(body, "application/x-www-form-urlencoded").document, location) == "Hi, I'm <PERSON_1>."


def test_gemini_web_conversation_id_is_the_hint_and_a_new_chat_has_none():
    parsed, path = _gemini_web_document()
    assert GeminiWebAdapter().conversation_hint(parsed.document) == "c_3f2a1b0c9d8e7f6a"
    inner = json.dumps([["hello", 0], ["en"], ["", "", ""]])
    document = [["f.req", json.dumps([None, inner])]]
    assert GeminiWebAdapter().conversation_hint(document) is None


def test_other_forms_on_the_gemini_path_fall_back_to_form_fields():
    assert adapter_for("form", "/_/BardChatUi/data/batchexecute", [["f.req", "[]"]]).name == "form-fields"
