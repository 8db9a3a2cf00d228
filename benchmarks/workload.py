"""The messages and request bodies the benchmarks send: invented people, test-range numbers.

Every message is unique (a counter and a rotating name go into it) so that ChatVeil's findings
cache never answers for it: the figures are for text the proxy has not seen before.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass

FIRST = ("Jake", "Maria", "Tobias", "Elena", "Priya", "Oliver", "Hannah", "Samuel", "Grace", "Lukas")
LAST = ("Morrison", "Castillo", "Brenner", "Novak", "Raman", "Whitfield", "Lindqvist", "Okafor", "Delacroix", "Hughes")
CARDS = ("4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881", "3782 822463 10005")

_FILLER = (
    "I am planning the spring garden and would like a list of flowers that tolerate partial shade, "
    "need little water and look good next to lavender. The beds get sun in the morning only. "
)


def name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def short_message(i: int) -> str:
    return f"Hi, I'm {name(i)}. What should I cook tonight? ({i})"


def typical_message(i: int) -> str:
    """About 400 characters: a request with a name, a card, an address and an e-mail."""
    return (
        f"Hello, my name is {name(i)} and I live at {10 + i % 900} Maple Street, Springfield. "
        f"Please draft a short, polite e-mail to the florist asking them to charge my card "
        f"{CARDS[i % len(CARDS)]} for order number {100000 + i} and to send the receipt to "
        f"{FIRST[i % len(FIRST)].lower()}.{i}@example.com. Mention that the delivery should arrive "
        f"before Friday and that the card is for my sister's birthday. Thanks!"
    )


def message_of_size(i: int, size: int) -> str:
    """`size` characters: the typical message followed by pasted prose."""
    head = typical_message(i) + " Some context for you: "
    body = head + _FILLER * (size // len(_FILLER) + 1)
    return body[:size]


@dataclass(frozen=True)
class ChatRequest:
    format: str
    path: str
    content_type: str
    body: bytes


def chat_request(fmt: str, text: str, i: int = 0) -> ChatRequest:
    """One request in a wire format ChatVeil reads, carrying `text` as the user's message."""
    if fmt == "openai":
        doc = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]}
        return ChatRequest(fmt, "/v1/chat/completions", "application/json", json.dumps(doc).encode())
    if fmt == "anthropic":
        doc = {"model": "claude-sonnet-4-5", "max_tokens": 512, "messages": [{"role": "user", "content": text}]}
        return ChatRequest(fmt, "/v1/messages", "application/json", json.dumps(doc).encode())
    if fmt == "gemini":
        doc = {"contents": [{"role": "user", "parts": [{"text": text}]}], "generationConfig": {"temperature": 0.7}}
        return ChatRequest(fmt, "/v1beta/models/gemini-2.0-flash:generateContent", "application/json", json.dumps(doc).encode())
    if fmt == "generic":
        doc = {"character_id": f"c0ffee00-0000-4000-8000-{i:012d}", "message": text, "reply_to": None}
        return ChatRequest(fmt, "/api/companion/send", "application/json", json.dumps(doc).encode())
    if fmt == "form":
        body = urllib.parse.urlencode({"message": text, "session_id": f"s{i}"}).encode()
        return ChatRequest(fmt, "/api/send", "application/x-www-form-urlencoded", body)
    if fmt == "text":
        return ChatRequest(fmt, "/api/raw", "text/plain; charset=utf-8", text.encode())
    raise ValueError(f"unknown format {fmt!r}")


FORMATS = ("openai", "anthropic", "gemini", "generic", "form", "text")
