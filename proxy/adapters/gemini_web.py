"""Gemini web (`POST /_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate`):
a form-urlencoded body whose `f.req` field holds JSON, whose second element is a string holding
JSON again: `f.req=[null,"[[\\"the prompt\\",0,null,...],[\\"en\\"],[\\"c_…\\",\\"r_…\\",\\"rc_…\\"],…]"]`.

The prompt is the first item of the first inner list; the conversation id the first item of the
third. The rest of the inner array is positional and undocumented, so anything else that looks
like human text is analysed too rather than trusted to be machine data.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, TextField, parse_embedded
from proxy.adapters.generic_json import walk_human_text


def _freq(document: Any) -> tuple[int, Any] | None:
    if not isinstance(document, list):
        return None
    for i, pair in enumerate(document):
        if isinstance(pair, list) and len(pair) == 2 and pair[0] == "f.req":
            outer = parse_embedded(pair[1])
            if isinstance(outer, list) and len(outer) >= 2 and isinstance(outer[1], str):
                inner = parse_embedded(outer[1])
                if isinstance(inner, list):
                    return i, inner
    return None


class GeminiWebAdapter(ChatAdapter):
    name = "gemini-web"
    ids_assigned_by_server = True
    kinds = frozenset({"form"})

    def matches(self, path: str, document: Any) -> bool:
        return "/BardChatUi/" in path and _freq(document) is not None

    def fields(self, document: Any) -> list[TextField]:
        found = _freq(document)
        assert found is not None
        index, inner = found
        base = (index, 1, JSON_STRING, 1, JSON_STRING)
        fields: list[TextField] = []
        prompt_list = inner[0] if inner and isinstance(inner[0], list) else None
        if prompt_list and isinstance(prompt_list[0], str):
            fields.append(TextField(base + (0, 0), prompt_list[0]))
        for field in walk_human_text(inner, base):
            if field.location != base + (0, 0) and not _is_conversation_ids(field.location, base):
                fields.append(field)
        return fields

    def conversation_hint(self, document: Any, path: str = "") -> str | None:
        found = _freq(document)
        if found is None:
            return None
        inner = found[1]
        ids = inner[2] if len(inner) > 2 and isinstance(inner[2], list) else []
        return ids[0] if ids and isinstance(ids[0], str) and ids[0] else None


def _is_conversation_ids(location: tuple, base: tuple) -> bool:
    return location[: len(base) + 1] == base + (2,)
