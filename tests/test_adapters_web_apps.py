"""The ChatGPT and Claude web apps' message requests, and Ollama's native API."""

from __future__ import annotations

from proxy.adapters import select_adapter
from proxy.adapters.chatgpt_web import ChatGPTWebAdapter
from proxy.adapters.claude_web import ClaudeWebAdapter
from proxy.adapters.ollama import OllamaAdapter
from tests.request_fixtures import fixture


def test_chatgpt_web_reads_message_parts_and_not_metadata():
    document = fixture("chatgpt_web")["json"]
    for path in ("/backend-api/f/conversation", "/backend-api/conversation", "/backend-anon/f/conversation"):
        assert select_adapter(path, document).name == "chatgpt-web"
    fields = ChatGPTWebAdapter().fields(document)
    assert [(f.location, f.role) for f in fields] == [(("messages", 0, "content", "parts", 0), "user")]


def test_chatgpt_web_image_parts_are_skipped():
    document = {"messages": [{"author": {"role": "user"}, "content": {"content_type": "multimodal_text", "parts": [
        {"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-abc"}, "what is this?"]}}]}
    assert [f.text for f in ChatGPTWebAdapter().fields(document)] == ["what is this?"]


def test_chatgpt_web_conversation_id_is_the_hint_and_assigned_by_the_server():
    adapter = ChatGPTWebAdapter()
    assert adapter.conversation_hint(fixture("chatgpt_web")["json"]) == "6923a1f0-8c4e-800a-9a8b-1c2d3e4f5a6b"
    assert adapter.conversation_hint({"messages": [], "conversation_id": None}) is None
    assert adapter.ids_assigned_by_server


def test_claude_web_reads_prompt_and_attachment_text_and_takes_the_id_from_the_path():
    data = fixture("claude_web")
    adapter = select_adapter(data["path"], data["json"])
    assert adapter.name == "claude-web"
    assert [f.location for f in adapter.fields(data["json"])] == [("prompt",), ("attachments", 0, "extracted_content")]
    assert ClaudeWebAdapter().conversation_hint(data["json"], data["path"]) == "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
    assert select_adapter(data["path"].replace("/completion", "/retry_completion"), data["json"]).name == "claude-web"


def test_ollama_chat_and_generate():
    assert select_adapter("/api/chat", fixture("ollama_chat")["json"]).name == "ollama"
    generate = fixture("ollama_generate")["json"]
    assert select_adapter("/api/generate", generate).name == "ollama"
    assert [f.location for f in OllamaAdapter().fields(generate)] == [("system",), ("prompt",)]
