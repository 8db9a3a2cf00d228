"""Just enough HTTP/1.1 for one local page, on mitmproxy's own event loop.

The stdlib's http.server would need a thread and locks around everything the page reads; the
page needs only GET, small JSON POSTs and one long-lived event stream, so a request is parsed
here by hand and every connection is closed after its answer (the stream closes when the page
or the proxy goes away).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger("chatveil")

MAX_HEAD = 16 * 1024
MAX_BODY = 64 * 1024

_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            409: "Conflict", 413: "Payload Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error"}

# Sent with every answer. No Access-Control-* header, ever: no other origin may read this page.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The token is in the URL: never hand it to anyone in a Referer.
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]  # lower-case names
    body: bytes = b""

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.target).query).items()}

    def json(self) -> dict:
        data = json.loads(self.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        return data


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # For server-sent events: chunks written as they come, until the iterator ends.
    stream: AsyncGenerator[bytes, None] | None = None

    @classmethod
    def json(cls, status: int, data) -> Response:
        return cls(status, json.dumps(data).encode(), "application/json")

    @classmethod
    def text(cls, status: int, text: str) -> Response:
        return cls(status, text.encode())

    def head(self) -> bytes:
        headers = {"Content-Type": self.content_type, **SECURITY_HEADERS, **self.headers, "Connection": "close"}
        if self.stream is None:
            headers["Content-Length"] = str(len(self.body))
        lines = [f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


Handler = Callable[[Request], Awaitable[Response]]


class BadRequest(Exception):
    pass


async def read_request(reader: asyncio.StreamReader) -> Request:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.LimitOverrunError:
        raise BadRequest("request head too large") from None
    except asyncio.IncompleteReadError:
        raise BadRequest("connection closed mid-request") from None
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, _version = lines[0].split(" ")
    except ValueError:
        raise BadRequest("malformed request line") from None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise BadRequest("malformed header")
        headers[name.strip().lower()] = value.strip()
    if "transfer-encoding" in headers:
        raise BadRequest("chunked bodies are not accepted")
    length = int(headers.get("content-length") or 0)
    if length > MAX_BODY:
        raise BadRequest("body too large")
    body = await reader.readexactly(length) if length else b""
    return Request(method.upper(), target, headers, body)


async def serve(handler: Handler, host: str, port: int) -> asyncio.Server:
    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                request = await asyncio.wait_for(read_request(reader), 10)
            except (BadRequest, ValueError, TimeoutError) as e:
                response = Response.text(400, f"{e}\n")
            else:
                try:
                    response = await handler(request)
                except Exception as e:  # the page must not take the proxy down
                    logger.warning("ChatVeil dashboard: %s while answering %s", type(e).__name__, request.path)
                    response = Response.text(500, "internal error\n")
            writer.write(response.head())
            if response.stream is None:
                writer.write(response.body)
                await writer.drain()
            else:
                try:
                    async for chunk in response.stream:
                        writer.write(chunk)
                        await writer.drain()
                finally:
                    await response.stream.aclose()  # unsubscribe now, not whenever it is collected
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    return await asyncio.start_server(on_connection, host, port, limit=MAX_HEAD)
