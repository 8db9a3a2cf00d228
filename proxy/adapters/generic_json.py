"""The fallback for chat apps with their own JSON APIs: analyse only values that hold human text.

Ids, hashes, tokens, URLs, model names and enum-like values are skipped, by key name and by shape:
redacting them breaks the app, and analysing them only costs time and false positives. Strings
that hold JSON themselves are walked inside (`JSON_STRING`), since apps double-encode payloads.
"""

from __future__ import annotations

import re
from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, Location, TextField, parse_embedded

# Keys whose string values are machine data, never typed text.
_MACHINE_KEYS = re.compile(
    r"(^|_)(id|ids|uuid|guid|key|token|tokens|hash|sha|checksum|digest|signature|sig|nonce|url|uri|"
    r"href|src|link|path|slug|model|type|kind|mode|role|status|state|lang|language|locale|version|"
    r"format|encoding|mime|timestamp|time|date|created|updated|at|cursor|etag|event|action|voice|"
    r"tz|timezone|device|platform|client|agent|fingerprint|session|auth|authorization|csrf|cookie|"
    r"color|colour|icon|emoji|theme|referrer|referer|origin|host|domain|endpoint|method|sort|order|"
    r"tag|tags|category|level|variant|channel|source|target|parent|ref|rev|seq|index|offset|"
    r"width|height|size|duration|base64|b64|data_url|secret|password|otp|captcha)$",
    re.IGNORECASE,
)
_MACHINE_VALUE = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # uuid
    r"|(?=[0-9a-f]*[a-f])[0-9a-f]{16,}"  # hex digests (digits alone may be a card or phone)
    r"|(?=[A-Za-z0-9+/_=-]*[A-Za-z])(?=[A-Za-z0-9+/_=-]*\d)[A-Za-z0-9+/_=-]{24,}"  # base64-ish tokens
    r"|[a-z][a-z0-9+.-]*://\S+|data:[\w/+.-]+;base64,\S*"  # URLs, data URLs
    r"|[a-z]+(?:[._-][a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # enum-like: gpt-4o, primary_assistant, SEND_MESSAGE
    r"|[a-z]+_[a-z0-9_]+|\d+\.\d+(?:\.\d+)*|-?\d{1,6}|true|false|null)$"
)


def looks_like_human_text(key: str | int | None, value: str) -> bool:
    stripped = value.strip()
    if not stripped:
        return False
    if isinstance(key, str) and _MACHINE_KEYS.search(_snake(key)):
        return False
    if " " not in stripped and _MACHINE_VALUE.match(stripped):
        return False
    return True


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).replace("-", "_").replace(".", "_").lower()


def walk_human_text(node: Any, location: Location = (), key: str | int | None = None, role: str = "user",
                    found: list[TextField] | None = None, depth: int = 0) -> list[TextField]:
    """Every string under `node` that looks like human text, descending into JSON strings."""
    if found is None:
        found = []
    if depth > 64:  # a pathological nesting is not a chat message; the caller fails closed on it
        raise ValueError("JSON nested too deeply to inspect")
    if isinstance(node, dict):
        for k, v in node.items():
            walk_human_text(v, location + (k,), k, role, found, depth + 1)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            # list items inherit their list's key: {"tags": ["a", "b"]}
            walk_human_text(v, location + (i,), key, role, found, depth + 1)
    elif isinstance(node, str) and location:
        embedded = parse_embedded(node)
        if embedded is not None:
            if not (isinstance(key, str) and _MACHINE_KEYS.search(_snake(key))):
                walk_human_text(embedded, location + (JSON_STRING,), key, role, found, depth + 1)
        elif looks_like_human_text(key, node):
            found.append(TextField(location, node, role))
    return found


class GenericJSONAdapter(ChatAdapter):
    name = "generic-json"

    def matches(self, path: str, document: Any) -> bool:
        return isinstance(document, (dict, list, str))

    def fields(self, document: Any) -> list[TextField]:
        return walk_human_text(document)
