"""Conversations through the Redactor: one placeholder per value across turns, and each turn
analyses only the text it has not seen before."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from proxy.pipeline import FindingsCache
from tests.request_fixtures import HOST, NAME, configured_redactor, fixture, make_request, run_request


@pytest.fixture
def redactor():
    redactor = configured_redactor((HOST, "gemini.example.com"))
    redactor.pipeline.cache = FindingsCache()
    return redactor


def openai_turn(redactor, messages):
    body = json.dumps({"model": "m", "messages": messages}).encode()
    flow = run_request(redactor, make_request("POST", "/v1/chat/completions", body, {"content-type": "application/json"}))
    return flow, [m["content"] for m in json.loads(flow.request.raw_content)["messages"]]


def test_resent_history_costs_only_its_new_text(redactor):
    first = {"role": "user", "content": f"My name is {NAME}, nice to meet you."}
    openai_turn(redactor, [first])
    misses = redactor.pipeline.cache.misses
    _, sent = openai_turn(redactor, [first, {"role": "assistant", "content": f"Hello {NAME}!"},
                                     {"role": "user", "content": "Write me a poem, please."}])
    assert redactor.pipeline.cache.misses - misses == 2  # the answer and the new message
    assert sent[:2] == ["My name is <PERSON_1>, nice to meet you.", "Hello <PERSON_1>!"]


def test_two_conversations_number_their_placeholders_independently(redactor):
    _, a = openai_turn(redactor, [{"role": "user", "content": "Please greet Olivia Bennett from me."}])
    _, b = openai_turn(redactor, [{"role": "user", "content": f"My name is {NAME}, nice to meet you."}])
    assert "<PERSON_1>" in a[0] and "<PERSON_1>" in b[0]


def test_conversation_key_comes_from_the_formats_own_id(redactor):
    data = fixture("claude_web")
    flows = []
    for prompt in (f"Hello, this is {NAME} again.", f"Remind {NAME} about Friday."):
        body = dict(data["json"], prompt=prompt, attachments=[])
        flows.append(run_request(redactor, make_request("POST", data["path"], json.dumps(body).encode(), data["headers"])))
    keys = {f.metadata["chatveil"]["conversation"] for f in flows}
    assert len(keys) == 1
    assert [json.loads(f.request.raw_content)["prompt"] for f in flows] == [
        "Hello, this is <PERSON_1> again.", "Remind <PERSON_1> about Friday."]


def test_first_chatgpt_turn_without_an_id_joins_the_conversation_the_server_then_names(redactor):
    def turn(text, conversation_id):
        body = fixture("chatgpt_web")["json"]
        body["messages"][0]["content"]["parts"] = [text]
        body["conversation_id"] = conversation_id
        flow = run_request(redactor, make_request("POST", "/backend-api/f/conversation", json.dumps(body).encode(),
                                                  {"content-type": "application/json"}))
        return flow.metadata["chatveil"]["conversation"]

    first = turn(f"My name is {NAME}, nice to meet you.", None)
    assert turn("And my friend?", "conv-1111") == first
    assert turn("Still there?", "conv-1111") == first
    other = turn("A new chat about tea.", None)
    assert other != first and turn("more tea", "conv-2222") == other


def test_first_gemini_web_turn_without_an_id_joins_the_conversation_the_server_then_names(redactor):
    def turn(text, ids):
        inner = json.dumps([[text, 0, None, None, None, None, 0], ["en"], ids])
        body = "f.req=" + urllib.parse.quote(json.dumps([None, inner]))
        flow = run_request(redactor, make_request(
            "POST", "/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate", body.encode(),
            {"content-type": "application/x-www-form-urlencoded;charset=UTF-8"}, host="gemini.example.com"))
        return flow.metadata["chatveil"]

    first = turn(f"My name is {NAME}, nice to meet you.", ["", "", ""])
    second = turn(f"Sign it {NAME}.", ["c_1234abcd", "r_1", "rc_1"])
    assert first["adapter"] == "gemini-web" and second["conversation"] == first["conversation"]
