"""What an adapter is: it knows one wire format's shape and nothing about personal data.

An adapter reads a parsed request body (a JSON document) and names the places that hold text a
person typed; the redactor analyses those texts and writes the results back with `set_at`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class TextField:
    """One piece of human text inside a document, and where it sits."""

    location: Location
    text: str
    role: str = "user"


class ChatAdapter(ABC):
    """A wire format: which requests it understands and where their human text is."""

    name: str = "adapter"

    @abstractmethod
    def matches(self, path: str, document: Any) -> bool:
        """True if this request (URL path without query, parsed body) is in this format."""

    @abstractmethod
    def fields(self, document: Any) -> list[TextField]:
        """Every piece of human text, including earlier turns: clients resend the history, and
        restored responses put the user's own words into assistant turns."""

    def conversation_hint(self, document: Any) -> str | None:
        """An id the client sends for the conversation, if the format has one."""
        return None


def get_at(document: Any, location: Location) -> Any:
    for step in location:
        document = document[step]
    return document


def set_at(document: Any, location: Location, value: Any) -> None:
    if not location:
        raise ValueError("cannot replace the whole document in place")
    parent = get_at(document, location[:-1])
    parent[location[-1]] = value
