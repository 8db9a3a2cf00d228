"""Wire-format adapters, most specific first; the generic walker is the fallback."""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import ChatAdapter, TextField, get_at, set_at
from proxy.adapters.generic_json import GenericJSONAdapter
from proxy.adapters.openai_chat import OpenAIChatAdapter

ADAPTERS: tuple[ChatAdapter, ...] = (
    OpenAIChatAdapter(),
    GenericJSONAdapter(),
)


def select_adapter(path: str, document: Any) -> ChatAdapter:
    for adapter in ADAPTERS:
        if adapter.matches(path, document):
            return adapter
    return ADAPTERS[-1]


__all__ = ["ADAPTERS", "ChatAdapter", "TextField", "get_at", "select_adapter", "set_at"]
