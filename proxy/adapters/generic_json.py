"""The fallback for chat apps with their own JSON APIs: analyse only values that hold human text.

Ids, hashes, tokens, URLs, model names and enum-like values are skipped, by key name and by shape:
redacting them breaks the app, and analysing them only costs time and false positives.
"""

from __future__ import annotations

import re
from typing import Any

from proxy.adapters.base import ChatAdapter, Location, TextField

# Keys whose string values are machine data, never typed text.
_MACHINE_KEYS = re.compile(
    r"(^|_)(id|ids|uuid|guid|key|token|hash|sha|signature|sig|nonce|url|uri|href|src|model|type|kind|"
    r"mode|role|status|state|lang|language|locale|version|format|encoding|mime|timestamp|time|date|"
    r"created|updated|at|cursor|etag|event|action|voice|tz|timezone|device|platform|client|agent|"
    r"fingerprint|session|auth|authorization|password_hash|csrf)$",
    re.IGNORECASE,
)
_MACHINE_VALUE = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # uuid
    r"|[0-9a-f]{16,}|[A-Za-z0-9+/_=-]{24,}"  # hex / base64-ish tokens without spaces
    r"|https?://\S+|[a-z]+(?:[._-][a-z0-9]+)+|[A-Z_]+|\d+(?:\.\d+)*)$"
)


def looks_like_human_text(key: str | int | None, value: str) -> bool:
    if not value.strip():
        return False
    if isinstance(key, str) and _MACHINE_KEYS.search(_snake(key)):
        return False
    if " " not in value.strip() and _MACHINE_VALUE.match(value.strip()):
        return False
    return True


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).lower()


class GenericJSONAdapter(ChatAdapter):
    name = "generic-json"

    def matches(self, path: str, document: Any) -> bool:
        return isinstance(document, (dict, list, str))

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        self._walk(document, (), None, found)
        return found

    def _walk(self, node: Any, location: Location, key: str | int | None, found: list[TextField]) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                self._walk(v, location + (k,), k, found)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                # list items inherit their list's key: {"tags": ["a", "b"]}
                self._walk(v, location + (i,), key, found)
        elif isinstance(node, str) and location and looks_like_human_text(key, node):
            found.append(TextField(location, node))
