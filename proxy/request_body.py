"""Request bodies in and out: bytes with a content-type → a document adapters can read → bytes.

Documents by kind:
- json: the parsed value;
- text: `[str]`;
- form (urlencoded), multipart (its text parts), query (GET parameters): `[[name, value], ...]`,
  so an adapter names a value as `(index, 1)` exactly as it names a JSON list item.

A body that is not valid in its declared type is analysed as plain text rather than forwarded
unexamined: a client that sends JSON with a wrong content-type, or text with a JSON
content-type, must not be a way around the redactor.

Compressed bodies are inflated here, with a cap. mitmproxy's `get_content()` inflates without
limit, so a few kilobytes of gzip could make the proxy allocate gigabytes; we decode
`raw_content` with incremental decompressors and refuse the request once the cap is passed.
"""

from __future__ import annotations

import codecs
import json
import re
import urllib.parse
import zlib
from dataclasses import dataclass, field
from typing import Any

from mitmproxy import http

# Far above any chat message with attachments; far below what hurts a laptop.
MAX_INFLATED_BYTES = 32 * 1024 * 1024


class UninspectableBody(ValueError):
    """The body cannot be decoded at all (unknown content-encoding, corrupt compression...)."""


class BodyTooLarge(UninspectableBody):
    """The body inflates past MAX_INFLATED_BYTES: refused, never forwarded unexamined."""


@dataclass
class MultipartPart:
    """One part of a multipart body, kept as raw bytes so it is written back untouched."""

    head: bytes  # the part's header block, including the blank line
    body: bytes
    text_index: int | None = None  # its position in the document, if it is a text part
    charset: str = "utf-8"


@dataclass
class ParsedBody:
    kind: str  # json | text | form | multipart | query | binary | empty
    document: Any
    compact: bool = True
    charset: str = "utf-8"
    boundary: bytes = b""
    parts: list[MultipartPart] = field(default_factory=list)
    preamble: bytes = b""
    epilogue: bytes = b""
    # Whether json.dumps must escape non-ASCII to keep the body as the client wrote it.
    ascii_only: bool = False
    # A body that is one JSON string ("hello") is held as ["hello"]: a location cannot name the
    # whole document, and the text must still be read.
    wrapped: bool = False


_BINARY_PREFIXES = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf", "font/",
                    "application/zip", "application/x-protobuf", "application/grpc")
_CHARSET_RE = re.compile(r";\s*charset\s*=\s*\"?([^\";\s]+)", re.IGNORECASE)
_BOUNDARY_RE = re.compile(r";\s*boundary\s*=\s*(\"[^\"]+\"|[^;\s]+)", re.IGNORECASE)


# --- decompression ---------------------------------------------------------------------------


def inflate(data: bytes, content_encoding: str, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Undo `content_encoding` (a comma-separated list, applied in order) without ever holding
    more than `limit` inflated bytes."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("identity", ""):
            continue
        if coding in ("gzip", "x-gzip"):
            data = _inflate_zlib(data, 16 + zlib.MAX_WBITS, limit)
        elif coding == "deflate":
            # "deflate" is meant to be zlib-wrapped, but some clients send raw deflate.
            try:
                data = _inflate_zlib(data, zlib.MAX_WBITS, limit)
            except zlib.error:
                data = _inflate_zlib(data, -zlib.MAX_WBITS, limit)
        elif coding == "br":
            data = _inflate_brotli(data, limit)
        elif coding == "zstd":
            data = _inflate_zstd(data, limit)
        else:
            raise UninspectableBody(f"unknown content-encoding {coding!r}")
    return data


def _too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(f"the body is too large: it inflates to more than {limit // (1024 * 1024)} MB, the limit")


def _inflate_zlib(data: bytes, wbits: int, limit: int) -> bytes:
    out = bytearray()
    d = zlib.decompressobj(wbits)
    pending = data
    while True:
        chunk = d.decompress(pending, 64 * 1024)
        out += chunk
        if len(out) > limit:
            raise _too_large(limit)
        pending = d.unconsumed_tail
        if d.eof:
            if d.unused_data and wbits == 16 + zlib.MAX_WBITS:
                # concatenated gzip members are valid gzip
                rest = _inflate_zlib(d.unused_data, wbits, limit - len(out))
                out += rest
            return bytes(out)
        if not pending and not chunk:
            tail = d.flush()
            out += tail
            if len(out) > limit:
                raise _too_large(limit)
            if not d.eof:
                raise zlib.error("truncated compressed body")
            return bytes(out)


def _inflate_brotli(data: bytes, limit: int) -> bytes:
    import brotli

    d = brotli.Decompressor()
    out = bytearray()
    try:
        out += d.process(data, output_buffer_limit=64 * 1024)
        while not d.is_finished():
            if len(out) > limit:
                raise _too_large(limit)
            chunk = d.process(b"", output_buffer_limit=64 * 1024)
            if not chunk:
                break  # no more input and the stream is not finished: truncated
            out += chunk
    except brotli.error as e:
        raise UninspectableBody(f"corrupt br body ({e})") from None
    if len(out) > limit:
        raise _too_large(limit)
    if not d.is_finished():
        raise UninspectableBody("truncated br body")
    return bytes(out)


def _inflate_zstd(data: bytes, limit: int) -> bytes:
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
        out = reader.read(limit + 1)
    except zstandard.ZstdError as e:
        raise UninspectableBody(f"corrupt zstd body ({e})") from None
    if len(out) > limit:
        raise _too_large(limit)
    # The stream reader returns what it could of a truncated frame without complaint; the output
    # is known to be bounded now, so a one-shot decoder can tell whether the frame ended.
    check = zstandard.ZstdDecompressor().decompressobj()
    try:
        check.decompress(data)
    except zstandard.ZstdError as e:
        raise UninspectableBody(f"corrupt zstd body ({e})") from None
    if not check.eof:
        raise UninspectableBody("truncated zstd body")
    return out


# --- charsets --------------------------------------------------------------------------------


def declared_charset(content_type: str) -> str | None:
    match = _CHARSET_RE.search(content_type)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None  # an unknown charset: read as UTF-8, the web's default


def decode_text(content: bytes, charset: str) -> str:
    # surrogateescape keeps undecodable bytes as they were, so the write-back is exact.
    try:
        return content.decode(charset, errors="surrogateescape")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def encode_text(text: str, charset: str) -> bytes:
    try:
        return text.encode(charset, errors="surrogateescape")
    except UnicodeEncodeError:
        # A placeholder is ASCII, but a value a pseudonym replaced may not fit a legacy charset
        # on its own; XML character references are what browsers do for forms.
        return text.encode(charset, errors="xmlcharrefreplace")


def _json_charset(content: bytes, declared: str | None) -> str:
    if declared:
        return declared
    # RFC 8259 allows UTF-16/32 JSON without a charset parameter; tell it by the zero bytes.
    if content[:3] == codecs.BOM_UTF8:
        return "utf-8-sig"
    if content[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        return "utf-32"
    if content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    if len(content) >= 2 and content[0] == 0 and content[1] != 0:
        return "utf-16-be"
    if len(content) >= 2 and content[0] != 0 and content[1] == 0:
        return "utf-16-le"
    return "utf-8"


# --- parse -----------------------------------------------------------------------------------


def request_content(request: http.Request, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """The request body with its content-encoding undone, inflated at most to `limit` bytes."""
    raw = request.raw_content or b""
    encoding = request.headers.get("content-encoding", "")
    if not encoding:
        return raw
    try:
        return inflate(raw, encoding, limit)
    except UninspectableBody:
        raise
    except (zlib.error, ValueError, OSError, MemoryError) as e:
        raise UninspectableBody(f"cannot decode the request body ({type(e).__name__}: {e})") from None


def parse_request_body(request: http.Request) -> ParsedBody:
    content = request_content(request)
    if not content:
        return ParsedBody("empty", None)
    content_type = request.headers.get("content-type", "")
    return parse_content(content, content_type)


def parse_content(content: bytes, content_type: str) -> ParsedBody:
    """Parse a decoded body; a body invalid in its declared type becomes plain text."""
    media = content_type.split(";")[0].strip().lower()
    if media.startswith(_BINARY_PREFIXES):
        return ParsedBody("binary", None)
    charset = declared_charset(content_type)
    if media == "multipart/form-data":
        parsed = _parse_multipart(content, content_type)
        if parsed is not None:
            return parsed
    if media == "application/x-www-form-urlencoded":
        parsed = _parse_form(content, charset or "utf-8")
        if parsed is not None:
            return parsed
    json_charset = _json_charset(content, charset)
    # JSON is UTF-8 by RFC 8259 and servers often read it so whatever the label says.
    for candidate in dict.fromkeys((json_charset, "utf-8")):
        try:
            text = content.decode(candidate)
            document = json.loads(text)
        except (ValueError, RecursionError, UnicodeDecodeError):
            continue
        compact, ascii_only = json_layout(text, document)
        if isinstance(document, str):
            return ParsedBody("json", [document], compact, candidate, ascii_only=ascii_only, wrapped=True)
        return ParsedBody("json", document, compact, candidate, ascii_only=ascii_only)
    charset = _plausible_charset(content, charset or "utf-8")
    return ParsedBody("text", [decode_text(content, charset)], charset=charset)


_WIDE_CHARSETS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
_LATIN_RUN = re.compile(r"[A-Za-z0-9@.+ ]{4,}")


def _latin_runs(text: str) -> int:
    return sum(len(m) for m in _LATIN_RUN.findall(text))


def _plausible_charset(content: bytes, declared: str) -> str:
    """The declared charset, unless it is UTF-16/32 and the bytes read as UTF-8 hold more of
    what recognizers look for (runs of Latin letters, digits, @ and dots).

    ASCII bytes labelled UTF-16 decode to CJK noise in which nothing is found, while a server
    reading them as UTF-8 sees the text: a mislabelled card would go out (found by fuzzing).
    Real UTF-16 text keeps its Latin runs only when read as UTF-16, so it keeps its label."""
    if declared not in _WIDE_CHARSETS or content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return declared
    if _latin_runs(decode_text(content, "utf-8")) > _latin_runs(decode_text(content, declared)):
        return "utf-8"
    return declared


def _parse_form(content: bytes, charset: str) -> ParsedBody | None:
    try:
        text = content.decode("ascii")  # urlencoded bodies are ASCII; anything else is not a form
    except UnicodeDecodeError:
        return None
    if "=" not in text and "&" not in text:
        return None
    pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding=charset, errors="surrogateescape")
    return ParsedBody("form", [[k, v] for k, v in pairs], charset=charset)


def parse_query(request: http.Request) -> ParsedBody:
    return ParsedBody("query", [[k, v] for k, v in request.query.items(multi=True)])


def _parse_multipart(content: bytes, content_type: str) -> ParsedBody | None:
    match = _BOUNDARY_RE.search(content_type)
    if not match:
        return None
    boundary = match.group(1).strip('"').encode("latin-1")
    delimiter = b"--" + boundary
    pieces = content.split(delimiter)
    if len(pieces) < 3:
        return None
    preamble, *raw_parts, last = pieces
    if not last.startswith(b"--"):
        return None
    parts: list[MultipartPart] = []
    document: list[list[str]] = []
    for raw in raw_parts:
        head, sep, body = raw.partition(b"\r\n\r\n")
        if not sep or not body.endswith(b"\r\n"):
            return None
        body = body[:-2]
        head += sep
        part = MultipartPart(head, body)
        name, filename, part_type = _part_headers(head)
        if name is not None and _is_text_part(filename, part_type):
            # A text part in the wrong charset is still read (undecodable bytes kept as they
            # were by surrogateescape), never passed unexamined.
            part.charset = declared_charset(part_type) or "utf-8"
            part.text_index = len(document)
            document.append([name, decode_text(body, part.charset)])
        part.body = body
        parts.append(part)
    return ParsedBody("multipart", document, boundary=boundary, parts=parts, preamble=preamble, epilogue=last)


def _part_headers(head: bytes) -> tuple[str | None, str | None, str]:
    name = filename = None
    part_type = ""
    for line in head.decode("utf-8", "replace").split("\r\n"):
        key, _, value = line.partition(":")
        key = key.strip().lower()
        if key == "content-disposition":
            m = re.search(r'\bname="([^"]*)"', value) or re.search(r"\bname=([^;\s]+)", value)
            name = m.group(1) if m else None
            f = re.search(r'\bfilename="([^"]*)"', value)
            filename = f.group(1) if f else None
        elif key == "content-type":
            part_type = value.strip()
    return name, filename, part_type


def _is_text_part(filename: str | None, part_type: str) -> bool:
    media = part_type.split(";")[0].strip().lower()
    if not media:
        return filename is None  # a plain form field
    return media.startswith("text/") or media in ("application/json", "application/x-www-form-urlencoded")


# --- serialize -------------------------------------------------------------------------------


def dump_json(document: Any, compact: bool, ascii_only: bool = False) -> str:
    separators = (",", ":") if compact else (", ", ": ")
    return json.dumps(document, ensure_ascii=ascii_only, separators=separators)


def json_layout(original: str, document: Any) -> tuple[bool, bool]:
    """(compact, ascii_only) under which `document` serialises back to `original`, so a rewrite
    changes only the rewritten text. Bodies in another layout (pretty-printed) are written
    compact: still the same JSON."""
    if len(original) <= 4 * 1024 * 1024:
        # Most likely layout first, so that usually one dump settles it.
        head = original[:4096]
        spaced = '": ' in head or '", "' in head
        escaped = original.isascii()
        for compact in (not spaced, spaced):
            for ascii_only in (escaped, not escaped):
                if dump_json(document, compact, ascii_only) == original:
                    return compact, ascii_only
    return True, original.isascii() and "\\u" in original


def dump_like(original: str, document: Any) -> str:
    """`document` serialised in the layout `original` had."""
    return dump_json(document, *json_layout(original, _loads(original)))


def _loads(text: str) -> Any:
    return json.loads(text)


def serialize_body(parsed: ParsedBody) -> bytes:
    if parsed.kind == "json":
        document = parsed.document[0] if parsed.wrapped else parsed.document
        return dump_json(document, parsed.compact, parsed.ascii_only).encode(parsed.charset, "surrogatepass")
    if parsed.kind == "text":
        return encode_text(parsed.document[0], parsed.charset)
    if parsed.kind == "form":
        return urllib.parse.urlencode(
            [(k, v) for k, v in parsed.document], encoding=parsed.charset, errors="surrogateescape"
        ).encode("ascii")
    if parsed.kind == "multipart":
        delimiter = b"--" + parsed.boundary
        out = [parsed.preamble]
        for part in parsed.parts:
            body = part.body
            if part.text_index is not None:
                body = encode_text(parsed.document[part.text_index][1], part.charset)
            out.append(delimiter + part.head + body + b"\r\n")
        out.append(delimiter + parsed.epilogue)
        return b"".join(out)
    raise ValueError(f"cannot serialize a {parsed.kind} body")


def write_back(request: http.Request, parsed: ParsedBody) -> None:
    """Put a rewritten document back into the request."""
    if parsed.kind == "query":
        request.query = [(k, v) for k, v in parsed.document]
        return
    # `content` re-applies the request's content-encoding and fixes content-length.
    request.content = serialize_body(parsed)
