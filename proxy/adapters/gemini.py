"""Gemini API `generateContent` / `streamGenerateContent`: `contents[].parts[].text` and
`systemInstruction` (the REST API accepts camelCase and snake_case field names)."""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, Location, TextField
from proxy.adapters.generic_json import walk_human_text


class GeminiAdapter(ChatAdapter):
    name = "gemini"

    def matches(self, path: str, document: Any) -> bool:
        return (
            isinstance(document, dict)
            and isinstance(document.get("contents"), list)
            and (":generateContent" in path or ":streamGenerateContent" in path or ":countTokens" in path
                 or all(isinstance(c, dict) and "parts" in c for c in document["contents"]))
        )

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        for key in ("systemInstruction", "system_instruction"):
            instruction = document.get(key)
            if isinstance(instruction, dict):
                found += _parts(instruction.get("parts"), (key, "parts"), "system")
            elif isinstance(instruction, str):
                found.append(TextField((key,), instruction, "system"))
        for i, content in enumerate(document["contents"]):
            if isinstance(content, dict):
                found += _parts(content.get("parts"), ("contents", i, "parts"), str(content.get("role", "user")))
        return found


def _parts(parts: Any, location: Location, role: str) -> list[TextField]:
    found: list[TextField] = []
    if not isinstance(parts, list):
        return found
    for j, part in enumerate(parts):
        if not isinstance(part, dict):
            continue
        if isinstance(part.get("text"), str):
            found.append(TextField(location + (j, "text"), part["text"], role))
        for call in ("functionCall", "function_call"):
            if isinstance(part.get(call), dict) and isinstance(part[call].get("args"), dict):
                found += walk_human_text(part[call]["args"], location + (j, call, "args"), None, role)
        for reply in ("functionResponse", "function_response"):
            if isinstance(part.get(reply), dict) and isinstance(part[reply].get("response"), dict):
                found += walk_human_text(part[reply]["response"], location + (j, reply, "response"), None, "tool")
    return found
