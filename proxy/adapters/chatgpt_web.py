"""The ChatGPT web app's conversation request: `POST /backend-api/conversation` (and
`/backend-api/f/conversation`, the path the app has used since 2025).

Each request carries only the new message (`messages[].content.parts[]`, strings for text and
objects for images and files) plus `conversation_id` after the first turn; the history lives on
the server.
"""

from __future__ import annotations

import re
from typing import Any

from proxy.adapters.base import ChatAdapter, TextField

_PATH = re.compile(r"/backend-(?:api|anon)/(?:f/)?conversation$")


class ChatGPTWebAdapter(ChatAdapter):
    name = "chatgpt-web"
    ids_assigned_by_server = True

    def matches(self, path: str, document: Any) -> bool:
        return bool(_PATH.search(path)) and isinstance(document, dict) and isinstance(document.get("messages"), list)

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        for i, message in enumerate(document["messages"]):
            if not isinstance(message, dict):
                continue
            role = str((message.get("author") or {}).get("role", "user"))
            content = message.get("content")
            if not isinstance(content, dict):
                continue
            for j, part in enumerate(content.get("parts") or []):
                if isinstance(part, str):
                    found.append(TextField(("messages", i, "content", "parts", j), part, role))
            # "user_editable_context" messages carry the user's custom instructions.
            for key in ("user_profile", "user_instructions", "text"):
                if isinstance(content.get(key), str):
                    found.append(TextField(("messages", i, "content", key), content[key], role))
        return found

    def conversation_hint(self, document: Any, path: str = "") -> str | None:
        conversation_id = document.get("conversation_id")
        return conversation_id if isinstance(conversation_id, str) and conversation_id else None
