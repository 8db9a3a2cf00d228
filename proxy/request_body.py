"""Request bodies in and out: bytes with a content-type → a document adapters can read → bytes.

A body that is not valid in its declared type is analysed as plain text rather than forwarded
unexamined: a client that sends JSON with a wrong content-type, or text with a JSON
content-type, must not be a way around the redactor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mitmproxy import http


class UninspectableBody(ValueError):
    """The body cannot be decoded at all (unknown content-encoding, corrupt compression...)."""


@dataclass
class ParsedBody:
    kind: str  # json | text | binary | empty
    document: Any  # json: the parsed value; text: [str]; otherwise None
    compact: bool = True


_BINARY_PREFIXES = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf", "font/")


def parse_request_body(request: http.Request) -> ParsedBody:
    try:
        content = request.get_content(strict=True)
    except ValueError as e:
        raise UninspectableBody(f"cannot decode the request body ({e})") from None
    if not content:
        return ParsedBody("empty", None)
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith(_BINARY_PREFIXES):
        return ParsedBody("binary", None)
    try:
        document = json.loads(content)
        compact = b", " not in content[:2000] and b": " not in content[:2000]
        return ParsedBody("json", document, compact)
    except (ValueError, RecursionError):
        pass
    text = request.get_text(strict=False) or ""
    return ParsedBody("text", [text])


def serialize_body(parsed: ParsedBody) -> bytes:
    if parsed.kind == "json":
        separators = (",", ":") if parsed.compact else (", ", ": ")
        return json.dumps(parsed.document, ensure_ascii=False, separators=separators).encode("utf-8")
    if parsed.kind == "text":
        return parsed.document[0].encode("utf-8")
    raise ValueError(f"cannot serialize a {parsed.kind} body")
