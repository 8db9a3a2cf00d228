"""Wire-format adapters, most specific first; the generic walker is the fallback."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from proxy.adapters.anthropic_messages import AnthropicMessagesAdapter
from proxy.adapters.base import JSON_STRING, ChatAdapter, TextField, get_at, set_at
from proxy.adapters.chatgpt_web import ChatGPTWebAdapter
from proxy.adapters.claude_web import ClaudeWebAdapter
from proxy.adapters.field_paths import FieldPathAdapter
from proxy.adapters.form_fields import FormFieldsAdapter, QueryParametersAdapter
from proxy.adapters.gemini import GeminiAdapter
from proxy.adapters.gemini_web import GeminiWebAdapter
from proxy.adapters.generic_json import GenericJSONAdapter
from proxy.adapters.ollama import OllamaAdapter
from proxy.adapters.openai_chat import OpenAIChatAdapter
from proxy.adapters.openai_completions import OpenAICompletionsAdapter
from proxy.adapters.openai_responses import OpenAIResponsesAdapter
from proxy.adapters.plain_text import PLAIN_TEXT

# Path-specific formats first: an Ollama or ChatGPT-web body would also pass the looser
# body-shape test of the OpenAI adapter.
ADAPTERS: tuple[ChatAdapter, ...] = (
    ChatGPTWebAdapter(),
    ClaudeWebAdapter(),
    OllamaAdapter(),
    AnthropicMessagesAdapter(),
    GeminiAdapter(),
    OpenAICompletionsAdapter(),
    OpenAIChatAdapter(),
    OpenAIResponsesAdapter(),
    GenericJSONAdapter(),
)
_FORM_ADAPTERS: tuple[ChatAdapter, ...] = (GeminiWebAdapter(), FormFieldsAdapter())
_QUERY = QueryParametersAdapter()


def select_adapter(path: str, document: Any) -> ChatAdapter:
    """The adapter for a JSON document."""
    for adapter in ADAPTERS:
        if adapter.matches(path, document):
            return adapter
    return ADAPTERS[-1]


@lru_cache(maxsize=64)
def _field_path_adapter(paths: tuple[str, ...]) -> FieldPathAdapter:
    return FieldPathAdapter(paths)


def adapter_for(kind: str, path: str, document: Any, host_fields: tuple[str, ...] = ()) -> ChatAdapter:
    """The adapter for a parsed body of `kind`; the policy's field paths for the host win."""
    if host_fields and kind != "text":
        return _field_path_adapter(tuple(host_fields))
    if kind == "json":
        return select_adapter(path, document)
    if kind in ("form", "multipart"):
        return next(a for a in _FORM_ADAPTERS if kind in a.kinds and a.matches(path, document))
    if kind == "query":
        return _QUERY
    return PLAIN_TEXT


def fields_of(adapter: ChatAdapter, kind: str, document: Any) -> list[TextField]:
    if isinstance(adapter, FieldPathAdapter):
        return adapter.fields(document, kind)
    return adapter.fields(document)


__all__ = [
    "ADAPTERS", "JSON_STRING", "ChatAdapter", "TextField", "adapter_for", "fields_of", "get_at",
    "select_adapter", "set_at",
]
