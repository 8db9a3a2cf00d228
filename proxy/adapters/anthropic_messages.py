"""Anthropic Messages (`POST /v1/messages`, also `/v1/messages/count_tokens`).

`system` is a string or text blocks; message `content` is a string or blocks: `text`,
`tool_result` (whose `content` is a string or blocks again), `tool_use` (`input`, an object the
model filled from what the user said) and text `document` sources.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, Location, TextField
from proxy.adapters.generic_json import walk_human_text


class AnthropicMessagesAdapter(ChatAdapter):
    name = "anthropic-messages"

    def matches(self, path: str, document: Any) -> bool:
        return (
            isinstance(document, dict)
            and isinstance(document.get("messages"), list)
            and (path.endswith("/messages") or path.endswith("/messages/count_tokens"))
            and all(isinstance(m, dict) and "role" in m for m in document["messages"])
        )

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        found += _blocks(document.get("system"), ("system",), "system")
        for i, message in enumerate(document["messages"]):
            found += _blocks(message.get("content"), ("messages", i, "content"), str(message.get("role", "user")))
        return found


def _blocks(content: Any, location: Location, role: str) -> list[TextField]:
    if isinstance(content, str):
        return [TextField(location, content, role)]
    found: list[TextField] = []
    if not isinstance(content, list):
        return found
    for j, block in enumerate(content):
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        here = location + (j,)
        if kind == "text" and isinstance(block.get("text"), str):
            found.append(TextField(here + ("text",), block["text"], role))
        elif kind == "tool_result":
            found += _blocks(block.get("content"), here + ("content",), "tool")
        elif kind == "tool_use" and isinstance(block.get("input"), (dict, list)):
            found += walk_human_text(block["input"], here + ("input",), None, role)
        elif kind == "document":
            source = block.get("source")
            if isinstance(source, dict) and source.get("type") == "text" and isinstance(source.get("data"), str):
                found.append(TextField(here + ("source", "data"), source["data"], role))
            elif isinstance(source, dict) and source.get("type") == "content":
                found += _blocks(source.get("content"), here + ("source", "content"), role)
    return found
