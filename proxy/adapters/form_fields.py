"""Name/value documents: urlencoded forms, the text parts of multipart bodies, and the query
string of GET chat and search requests (`[[name, value], ...]`, see `request_body.py`).

Form values are judged like generic JSON values (by name and content); a value holding JSON is
walked inside. Query strings carry far more machine parameters (tracking, paging) than typed
text, so only parameters conventionally named for typed text are analysed there.
"""

from __future__ import annotations

from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, TextField, parse_embedded
from proxy.adapters.generic_json import looks_like_human_text, walk_human_text

QUERY_TEXT_PARAMETERS = frozenset({
    "q", "query", "prompt", "message", "msg", "text", "input", "content", "question", "search",
    "s", "term", "keywords", "p", "ask", "chat", "utterance",
})


class FormFieldsAdapter(ChatAdapter):
    name = "form-fields"
    kinds = frozenset({"form", "multipart"})

    def matches(self, path: str, document: Any) -> bool:
        return isinstance(document, list)

    def fields(self, document: Any) -> list[TextField]:
        found: list[TextField] = []
        for i, (name, value) in enumerate(document):
            embedded = parse_embedded(value)
            if embedded is not None:
                found += walk_human_text(embedded, (i, 1, JSON_STRING), name)
            elif looks_like_human_text(name, value):
                found.append(TextField((i, 1), value))
        return found


class QueryParametersAdapter(ChatAdapter):
    name = "query-string"
    kinds = frozenset({"query"})

    def matches(self, path: str, document: Any) -> bool:
        return isinstance(document, list)

    def fields(self, document: Any) -> list[TextField]:
        return [
            TextField((i, 1), value)
            for i, (name, value) in enumerate(document)
            if name.lower() in QUERY_TEXT_PARAMETERS and value.strip()
        ]
