"""OpenAI chat completions (and every OpenAI-compatible endpoint): `messages[].content`.

Selected by path and body shape, not by host, so Groq, OpenRouter, a local vLLM or any other
compatible server on an inspected host is covered too.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, TextField


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
        found = []
        for i, message in enumerate(document["messages"]):
            role = str(message.get("role", "user"))
            content = message.get("content")
            if isinstance(content, str):
                found.append(TextField(("messages", i, "content"), content, role))
            elif isinstance(content, list):
                for j, part in enumerate(content):
                    if isinstance(part, dict) and part.get("type") in ("text", "input_text") and isinstance(part.get("text"), str):
                        found.append(TextField(("messages", i, "content", j, "text"), part["text"], role))
            # A user-set display name is as personal as the text.
            if isinstance(message.get("name"), str):
                found.append(TextField(("messages", i, "name"), message["name"], role))
        return found
