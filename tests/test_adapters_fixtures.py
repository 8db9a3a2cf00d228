"""Every real-shape fixture request, through the Redactor addon: the planted name, card and
e-mail are gone, the right adapter read it, and nothing outside the typed text changed."""

from __future__ import annotations

import pytest

from proxy.adapters import adapter_for, fields_of, set_at
from proxy.request_body import parse_content, parse_query
from tests.request_fixtures import (
    FIXTURES,
    assert_nothing_planted,
    configured_redactor,
    fixture,
    request_from_fixture,
    run_request,
)

EXPECTED_ADAPTER = {
    "openai_chat": "openai-chat",
    "openai_responses": "openai-responses",
    "openai_completions": "openai-completions",
    "anthropic_messages": "anthropic-messages",
    "gemini_generate_content": "gemini",
    "gemini_web": "gemini-web",
    "ollama_chat": "ollama",
    "ollama_generate": "ollama",
    "chatgpt_web": "chatgpt-web",
    "claude_web": "claude-web",
    "generic_companion": "generic-json",
    "form_urlencoded": "form-fields",
    "multipart": "form-fields",
    "query_string": "query-string",
}


def test_every_fixture_has_an_expected_adapter():
    assert {p.stem for p in FIXTURES.glob("*.json")} == set(EXPECTED_ADAPTER)


def _document(request):
    if request.method == "GET":
        return parse_query(request)
    return parse_content(request.raw_content, request.headers.get("content-type", ""))


@pytest.mark.parametrize("name", sorted(EXPECTED_ADAPTER))
def test_fixture_is_read_by_its_adapter_and_leaves_nothing_planted(name):
    flow = run_request(configured_redactor(), request_from_fixture(name))
    verdict = flow.metadata["chatveil"]
    assert flow.response is None
    assert verdict["adapter"] == EXPECTED_ADAPTER[name]
    assert verdict["action"] == "redact"
    assert_nothing_planted(flow.request.path if flow.request.method == "GET" else flow.request.raw_content)


@pytest.mark.parametrize("name", sorted(EXPECTED_ADAPTER))
def test_fixture_outside_the_typed_text_is_unchanged(name):
    original = request_from_fixture(name)
    before = _document(original)
    flow = run_request(configured_redactor(), request_from_fixture(name))
    after = _document(flow.request)
    path = fixture(name)["path"].split("?")[0]
    adapter = adapter_for(before.kind, path, before.document)
    locations = [f.location for f in fields_of(adapter, before.kind, before.document)]
    assert locations, "the adapter found no text"
    for parsed in (before, after):
        for location in locations:
            set_at(parsed.document, location, "")
    assert after.kind == before.kind
    assert after.document == before.document
