"""Legacy completions (`POST /v1/completions`): `prompt` as a string or a list of strings.

Token-id prompts (lists of integers) carry no text we can read or rewrite; they are left alone.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, TextField


class OpenAICompletionsAdapter(ChatAdapter):
    name = "openai-completions"

    def matches(self, path: str, document: Any) -> bool:
        return (
            isinstance(document, dict)
            and path.endswith("/completions")
            and not path.endswith("/chat/completions")
            and isinstance(document.get("prompt"), (str, list))
        )

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        prompt = document["prompt"]
        if isinstance(prompt, str):
            found.append(TextField(("prompt",), prompt))
        else:
            found += [TextField(("prompt", i), p) for i, p in enumerate(prompt) if isinstance(p, str)]
        if isinstance(document.get("suffix"), str):
            found.append(TextField(("suffix",), document["suffix"]))
        return found
