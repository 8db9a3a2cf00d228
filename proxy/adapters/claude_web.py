"""The Claude web app's completion request:
`POST /api/organizations/{org}/chat_conversations/{conversation}/completion` (and
`retry_completion`): the new message in `prompt`, pasted files in `attachments[].extracted_content`.
The conversation id is in the path."""

from __future__ import annotations

import re
from typing import Any

from proxy.adapters.base import ChatAdapter, TextField

_PATH = re.compile(r"/api/organizations/[^/]+/chat_conversations/([^/]+)/(?:retry_)?completion$")


class ClaudeWebAdapter(ChatAdapter):
    name = "claude-web"

    def matches(self, path: str, document: Any) -> bool:
        return bool(_PATH.search(path)) and isinstance(document, dict)

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        if isinstance(document.get("prompt"), str):
            found.append(TextField(("prompt",), document["prompt"]))
        for i, attachment in enumerate(document.get("attachments") or []):
            if isinstance(attachment, dict) and isinstance(attachment.get("extracted_content"), str):
                found.append(TextField(("attachments", i, "extracted_content"), attachment["extracted_content"]))
        return found

    def conversation_hint(self, document: Any, path: str = "") -> str | None:
        match = _PATH.search(path)
        return match.group(1) if match else None
