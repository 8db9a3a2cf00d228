"""OpenAI Responses API (`POST /v1/responses`): `input` as a string or a list of items, and
`instructions`.

Items are messages (`content` a string or `input_text` / `output_text` parts), earlier function
calls (`arguments`, a JSON string) and their outputs (`output`, a string).
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, TextField, parse_embedded, text_parts
from proxy.adapters.generic_json import walk_human_text

_PART_TYPES = ("input_text", "output_text", "text")


class OpenAIResponsesAdapter(ChatAdapter):
    name = "openai-responses"

    def matches(self, path: str, document: Any) -> bool:
        return (
            isinstance(document, dict)
            and isinstance(document.get("input"), (str, list))
            and "messages" not in document
            and (path.endswith("/responses") or "model" in document)
        )

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        if isinstance(document.get("instructions"), str):
            found.append(TextField(("instructions",), document["instructions"], "system"))
        items = document["input"]
        if isinstance(items, str):
            return found + [TextField(("input",), items, "user")]
        for i, item in enumerate(items):
            if isinstance(item, str):
                found.append(TextField(("input", i), item, "user"))
                continue
            if not isinstance(item, dict):
                continue
            kind = item.get("type", "message")
            role = str(item.get("role", "user"))
            if kind == "message":
                found += text_parts(item.get("content"), ("input", i, "content"), role, _PART_TYPES)
            elif kind.endswith("_call_output") and isinstance(item.get("output"), str):
                found.append(TextField(("input", i, "output"), item["output"], "tool"))
            elif kind == "function_call" and isinstance(item.get("arguments"), str):
                inner = parse_embedded(item["arguments"])
                if inner is not None:
                    found += walk_human_text(inner, ("input", i, "arguments", JSON_STRING), None, "assistant")
        return found

    def conversation_hint(self, document: Any, path: str = "") -> str | None:
        # `previous_response_id` changes every turn; a `conversation` object is stable.
        conversation = document.get("conversation")
        if isinstance(conversation, dict):
            conversation = conversation.get("id")
        return conversation if isinstance(conversation, str) and conversation else None
