"""Ollama's native API: `/api/chat` (`messages[].content`) and `/api/generate` (`prompt`,
`system`, `suffix`). `context` is a list of token ids from the previous answer; it is left alone."""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, TextField


class OllamaAdapter(ChatAdapter):
    name = "ollama"

    def matches(self, path: str, document: Any) -> bool:
        if not isinstance(document, dict):
            return False
        if path.endswith("/api/chat"):
            return isinstance(document.get("messages"), list)
        return path.endswith("/api/generate") and isinstance(document.get("prompt", ""), str)

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        for key, role in (("system", "system"), ("prompt", "user"), ("suffix", "user")):
            if isinstance(document.get(key), str):
                found.append(TextField((key,), document[key], role))
        for i, message in enumerate(document.get("messages") or []):
            if isinstance(message, dict) and isinstance(message.get("content"), str):
                found.append(TextField(("messages", i, "content"), message["content"], str(message.get("role", "user"))))
        return found
