"""Streaming responders for `tests.upstream`: a chat API that streams back what it received.

Each responder echoes the last user message it was sent, token by token, as server-sent events
in the OpenAI or Anthropic shape: whatever placeholders the proxy put in arrive at the client
split across events, exactly as a model's answer would. `GatedStream` holds the second half of
the answer until the test says so, to prove that the proxy forwards tokens as they come.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.upstream import Received

TOKEN_SIZE = 3  # characters per streamed token: small enough to split every placeholder


def last_user_text(received: Received) -> str:
    document = received.json()
    messages = document.get("messages") or []
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def tokens(text: str, size: int = TOKEN_SIZE) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


class EventStreamWriter:
    """Writes an HTTP/1.1 chunked `text/event-stream` response, one event per chunk, flushed."""

    def __init__(self, handler: BaseHTTPRequestHandler):
        self.handler = handler
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream; charset=utf-8")
        handler.send_header("cache-control", "no-cache")
        handler.send_header("transfer-encoding", "chunked")
        handler.end_headers()
        handler.wfile.flush()

    def event(self, data: dict | str, name: str | None = None) -> None:
        text = (f"event: {name}\n" if name else "") + "data: " + (data if isinstance(data, str) else json.dumps(data)) + "\n\n"
        raw = text.encode()
        self.handler.wfile.write(b"%x\r\n%s\r\n" % (len(raw), raw))
        self.handler.wfile.flush()

    def close(self) -> None:
        self.handler.wfile.write(b"0\r\n\r\n")
        self.handler.wfile.flush()


def openai_chunk(content: str | None = None, finish: str | None = None) -> dict:
    delta = {} if content is None else {"content": content}
    return {
        "id": "chatcmpl-echo",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "echo-1",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }


def openai_stream_echo(received: Received, handler: BaseHTTPRequestHandler, delay: float = 0.0) -> None:
    """`/v1/chat/completions` with `stream: true`, echoing the last user message."""
    writer = EventStreamWriter(handler)
    writer.event({**openai_chunk(""), "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]})
    for token in tokens(last_user_text(received)):
        if delay:
            time.sleep(delay)
        writer.event(openai_chunk(token))
    writer.event(openai_chunk(finish="stop"))
    writer.event("[DONE]")
    writer.close()


def anthropic_stream_echo(received: Received, handler: BaseHTTPRequestHandler) -> None:
    """`/v1/messages` with `stream: true`, in Anthropic's event sequence."""
    writer = EventStreamWriter(handler)
    message = {"id": "msg_echo", "type": "message", "role": "assistant", "model": "echo-1", "content": [],
               "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 0}}
    writer.event({"type": "message_start", "message": message}, "message_start")
    writer.event({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}, "content_block_start")
    for token in tokens(last_user_text(received)):
        writer.event({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": token}}, "content_block_delta")
    writer.event({"type": "content_block_stop", "index": 0}, "content_block_stop")
    writer.event({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                  "usage": {"output_tokens": 5}}, "message_delta")
    writer.event({"type": "message_stop"}, "message_stop")
    writer.close()


class GatedStream:
    """Streams `first` at once, then waits for `release` before streaming `second`.

    If a proxy buffered the stream, the client could not see `first` before `release` is set;
    the gate gives up after `timeout` so such a test fails instead of hanging.
    """

    def __init__(self, first: str, second: str, timeout: float = 10.0):
        self.first, self.second, self.timeout = first, second, timeout
        self.release = threading.Event()
        self.second_sent = threading.Event()
        self.gave_up = False

    def __call__(self, received: Received, handler: BaseHTTPRequestHandler) -> None:
        writer = EventStreamWriter(handler)
        writer.event(openai_chunk(self.first))
        self.gave_up = not self.release.wait(self.timeout)
        writer.event(openai_chunk(self.second))
        self.second_sent.set()
        writer.event(openai_chunk(finish="stop"))
        writer.event("[DONE]")
        writer.close()


def openai_stream_echo_with_length(received: Received, handler: BaseHTTPRequestHandler) -> None:
    """The same stream, sent in one piece with a content-length (some servers buffer SSE)."""
    chunks = [openai_chunk(t) for t in tokens(last_user_text(received))] + [openai_chunk(finish="stop")]
    body = "".join("data: " + json.dumps(c) + "\n\n" for c in chunks).encode() + b"data: [DONE]\n\n"
    handler.send_response(200)
    handler.send_header("content-type", "text/event-stream")
    handler.send_header("content-length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def gemini_stream_echo(received: Received, handler: BaseHTTPRequestHandler) -> None:
    """`:streamGenerateContent?alt=sse`, echoing the last user content's text parts."""
    contents = [c for c in received.json().get("contents", []) if c.get("role", "user") == "user"]
    text = "".join(p.get("text", "") for p in (contents[-1].get("parts", []) if contents else []))
    writer = EventStreamWriter(handler)
    pieces = tokens(text)
    for i, token in enumerate(pieces):
        candidate = {"content": {"role": "model", "parts": [{"text": token}]}, "index": 0}
        if i == len(pieces) - 1:
            candidate["finishReason"] = "STOP"
        writer.event({"candidates": [candidate], "modelVersion": "echo-1"})
    writer.close()
