"""Anthropic Messages: system string or blocks, string content, text/tool_use/tool_result blocks."""

from __future__ import annotations

from proxy.adapters import select_adapter
from proxy.adapters.anthropic_messages import AnthropicMessagesAdapter
from tests.request_fixtures import fixture


def test_messages_fixture_fields_in_order_with_roles():
    document = fixture("anthropic_messages")["json"]
    assert select_adapter("/v1/messages", document).name == "anthropic-messages"
    assert [(f.location, f.role) for f in AnthropicMessagesAdapter().fields(document)] == [
        (("system", 0, "text"), "system"),
        (("messages", 0, "content"), "user"),
        (("messages", 1, "content", 0, "text"), "assistant"),
        (("messages", 1, "content", 1, "input", "guest"), "assistant"),
        (("messages", 2, "content", 0, "content", 0, "text"), "tool"),
        (("messages", 2, "content", 1, "text"), "user"),
    ]


def test_system_as_a_string_and_tool_result_content_as_a_string():
    document = {"system": "Be kind.", "messages": [
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": "result text"}]}]}
    assert [(f.location, f.text) for f in AnthropicMessagesAdapter().fields(document)] == [
        (("system",), "Be kind."), (("messages", 0, "content", 0, "content"), "result text")]


def test_text_document_sources_are_read_and_images_are_not():
    document = {"messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "a letter"}},
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]}]}
    assert [f.text for f in AnthropicMessagesAdapter().fields(document)] == ["a letter"]


def test_count_tokens_endpoint_is_the_same_format():
    assert select_adapter("/v1/messages/count_tokens", {"messages": [{"role": "user", "content": "x"}]}).name == "anthropic-messages"
