"""What an adapter is: it knows one wire format's shape and nothing about personal data.

An adapter reads a parsed request body (a document, see `request_body.py`) and names the places
that hold text a person typed; the redactor analyses those texts and writes the results back
with `set_at`.

A location is a tuple of keys and indexes. Some apps put JSON inside a JSON string (Gemini web's
`f.req`, tool-call `arguments`); the step `JSON_STRING` means "parse this string as JSON and go
on inside it", and `set_at` re-serialises the string after the change, so the outer document
stays valid and everything around the changed text stays as it was.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from proxy.request_body import dump_like


class _JSONString:
    """The location step "into the JSON held by this string"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "JSON_STRING"


JSON_STRING = _JSONString()

Location = tuple[Any, ...]  # str | int | JSON_STRING steps


@dataclass(frozen=True)
class TextField:
    """One piece of human text inside a document, and where it sits."""

    location: Location
    text: str
    role: str = "user"


class ChatAdapter(ABC):
    """A wire format: which requests it understands and where their human text is."""

    name: str = "adapter"
    # Document kinds (see request_body.ParsedBody.kind) this adapter reads.
    kinds: frozenset[str] = frozenset({"json"})
    # The server names the conversation in its first answer; the first request carries no id.
    ids_assigned_by_server: bool = False

    @abstractmethod
    def matches(self, path: str, document: Any) -> bool:
        """True if this request (URL path without query, parsed body) is in this format."""

    @abstractmethod
    def fields(self, document: Any) -> list[TextField]:
        """Every piece of human text, including earlier turns: clients resend the history, and
        restored responses put the user's own words into assistant turns."""

    def conversation_hint(self, document: Any, path: str = "") -> str | None:
        """An id the client sends for the conversation, if the format has one."""
        return None


def parse_embedded(text: str) -> Any:
    """The JSON inside a string, or None when the string is not a JSON object or array."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, (dict, list)) else None


def get_at(document: Any, location: Location) -> Any:
    for step in location:
        document = json.loads(document) if step is JSON_STRING else document[step]
    return document


def set_at(document: Any, location: Location, value: Any) -> None:
    if not location:
        raise ValueError("cannot replace the whole document in place")
    if JSON_STRING in location:
        k = location.index(JSON_STRING)
        outer, inner = location[:k], location[k + 1 :]
        holder = get_at(document, outer)
        inner_document = json.loads(holder)
        if not inner:
            raise ValueError("cannot replace a whole embedded JSON document")
        set_at(inner_document, inner, value)
        value = dump_like(holder, inner_document)
        if not outer:
            raise ValueError("cannot replace the whole document in place")
        location = outer
    parent = get_at(document, location[:-1])
    parent[location[-1]] = value


def text_parts(parts: Any, location: Location, role: str, types: tuple[str, ...] = ("text",)) -> list[TextField]:
    """`[{"type": "text", "text": ...}, ...]`: the content-part list most APIs share."""
    found = []
    if isinstance(parts, str):
        return [TextField(location, parts, role)]
    if not isinstance(parts, list):
        return found
    for j, part in enumerate(parts):
        if isinstance(part, str):
            found.append(TextField(location + (j,), part, role))
        elif isinstance(part, dict) and part.get("type", "text") in types and isinstance(part.get("text"), str):
            found.append(TextField(location + (j, "text"), part["text"], role))
    return found
