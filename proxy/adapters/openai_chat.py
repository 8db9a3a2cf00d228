"""OpenAI chat completions (and every OpenAI-compatible endpoint): `messages[].content`.

Selected by path and body shape, not by host, so Groq, OpenRouter, a local vLLM or any other
compatible server on an inspected host is covered too.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, TextField, parse_embedded, text_parts
from proxy.adapters.generic_json import walk_human_text


class OpenAIChatAdapter(ChatAdapter):
    name = "openai-chat"

    def matches(self, path: str, document: Any) -> bool:
        return (
            isinstance(document, dict)
            and isinstance(document.get("messages"), list)
            and (path.endswith("/chat/completions") or "model" in document)
            and all(isinstance(m, dict) and "role" in m for m in document["messages"])
        )

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        for i, message in enumerate(document["messages"]):
            role = str(message.get("role", "user"))
            found += text_parts(message.get("content"), ("messages", i, "content"), role, ("text", "input_text"))
            # A user-set display name is as personal as the text.
            if isinstance(message.get("name"), str):
                found.append(TextField(("messages", i, "name"), message["name"], role))
            # Earlier tool calls carry the model's arguments, which repeat what the user said.
            for j, call in enumerate(message.get("tool_calls") or []):
                arguments = (call.get("function") or {}).get("arguments") if isinstance(call, dict) else None
                inner = parse_embedded(arguments) if isinstance(arguments, str) else None
                if inner is not None:
                    loc = ("messages", i, "tool_calls", j, "function", "arguments", JSON_STRING)
                    found += walk_human_text(inner, loc, None, role)
        return found
