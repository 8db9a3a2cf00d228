"""A body that is just text (text/plain, or anything that failed to parse as its declared type)."""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, TextField


class PlainTextAdapter(ChatAdapter):
    name = "plain-text"
    kinds = frozenset({"text"})

    def matches(self, path: str, document: Any) -> bool:
        return isinstance(document, list) and len(document) == 1 and isinstance(document[0], str)

    def fields(self, document: Any) -> list[TextField]:
        return [TextField((0,), document[0])] if document[0].strip() else []


PLAIN_TEXT = PlainTextAdapter()
