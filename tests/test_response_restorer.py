"""The ResponseRestorer addon, through mitmproxy's test helpers: answers read in the user's words."""

from __future__ import annotations

import gzip
import json
import logging

import pytest
from mitmproxy import http
from mitmproxy.websocket import WebSocketMessage
from wsproto.frame_protocol import Opcode
from mitmproxy.test import taddons, tflow, tutils

from proxy.policy import parse_policy
from proxy.redactor import METADATA_KEY, Redactor
from proxy.response_restorer import ResponseRestorer, RestoringStream

NAME = "Priya Raman"
CONVERSATION = "conv-1"


@pytest.fixture
def redactor():
    r = Redactor()
    r.policy = parse_policy(
        {"hosts": ["api.example.com", {"host": "norestore.example.com", "restore_responses": False}]}
    )
    pseudonyms = r.conversations.get(CONVERSATION)
    pseudonyms.replacement_for("PERSON", NAME, "placeholder")  # <PERSON_1>
    pseudonyms.replacement_for("STREET_ADDRESS", "48 Elm Court", "placeholder")
    yield r
    r.done()


@pytest.fixture
def restorer(redactor):
    return ResponseRestorer(redactor)


def flow_with(body: bytes, content_type: str, host: str = "api.example.com", conversation: str | None = CONVERSATION, headers=()):
    flow = tflow.tflow(req=tutils.treq(host=host, port=443, path="/v1/chat/completions"))
    flow.response = http.Response.make(200, body, {"content-type": content_type, **dict(headers)})
    if conversation:
        flow.metadata[METADATA_KEY] = {"host": host, "path": "/v1/chat/completions", "action": "redact", "conversation": conversation}
    return flow


def sse(*pieces: str) -> list[bytes]:
    return [b"data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": p}}]}).encode() + b"\n\n" for p in pieces]


def streamed_text(chunks: list[bytes]) -> str:
    text = b"".join(chunks).decode()
    return "".join(
        json.loads(line[6:])["choices"][0]["delta"].get("content", "") for line in text.split("\n") if line.startswith("data: {")
    )


def test_event_stream_is_streamed_through_a_restoring_transform(restorer):
    flow = flow_with(b"", "text/event-stream; charset=utf-8")
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert isinstance(flow.response.stream, RestoringStream)
    out = [flow.response.stream(c) for c in sse("Dear <PER", "SON_1> at <STREET", "_ADDRESS_1>", ".")]
    out.append(flow.response.stream(b""))
    assert streamed_text(out) == f"Dear {NAME} at 48 Elm Court."
    assert streamed_text(out[:1]) == "Dear "  # the first token is forwarded at once


def test_event_stream_without_anything_to_restore_is_still_streamed_unbuffered(restorer):
    flow = flow_with(b"", "text/event-stream", conversation="unknown-conversation")
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert flow.response.stream is True


def test_host_with_restore_responses_false_gets_placeholders_unchanged(restorer, redactor):
    redactor.conversations.get("conv-2").replacement_for("PERSON", NAME, "placeholder")
    flow = flow_with(b"", "text/event-stream", host="norestore.example.com", conversation="conv-2")
    json_flow = flow_with(b'{"text": "Hi <PERSON_1>"}', "application/json", host="norestore.example.com", conversation="conv-2")
    with taddons.context(restorer):
        restorer.responseheaders(flow)
        restorer.response(json_flow)
    assert flow.response.stream is True
    assert json_flow.response.content == b'{"text": "Hi <PERSON_1>"}'


def test_host_not_inspected_is_left_to_mitmproxy(restorer):
    flow = flow_with(b"", "text/event-stream", host="other.example.org")
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert flow.response.stream is False


def _compress(encoding: str, data: bytes) -> bytes:
    import zlib

    import brotli
    import zstandard

    return {
        "gzip": gzip.compress,
        "deflate": zlib.compress,
        "br": brotli.compress,
        "zstd": lambda d: zstandard.ZstdCompressor().compress(d),
    }[encoding](data)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_compressed_event_stream_is_decoded_chunk_by_chunk_restored_and_sent_uncompressed(restorer, encoding):
    flow = flow_with(b"", "text/event-stream", headers={"content-encoding": encoding})
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert "content-encoding" not in flow.response.headers
    wire = _compress(encoding, b"".join(sse("Dear <PER", "SON_1>", ".")))
    out = [flow.response.stream(wire[i : i + 7]) for i in range(0, len(wire), 7)] + [flow.response.stream(b"")]
    assert streamed_text(out) == f"Dear {NAME}."


def test_event_stream_in_an_unknown_encoding_is_forwarded_unchanged_with_a_log_line(restorer, caplog):
    flow = flow_with(b"", "text/event-stream")
    flow.response.headers["content-encoding"] = "gzip, br"
    with taddons.context(restorer), caplog.at_level(logging.WARNING, logger="chatveil"):
        restorer.responseheaders(flow)
    assert flow.response.stream is True
    assert flow.response.headers["content-encoding"] == "gzip, br"
    assert "gzip, br-encoded event stream" in caplog.text and NAME not in caplog.text


def test_stream_that_cannot_be_decoded_is_forwarded_without_breaking_the_answer(restorer, caplog):
    flow = flow_with(b"", "text/event-stream")
    with taddons.context(restorer), caplog.at_level(logging.ERROR, logger="chatveil"):
        restorer.responseheaders(flow)
        flow.response.stream.events.feed = lambda data: (_ for _ in ()).throw(ValueError("boom"))
        first = flow.response.stream(b"data: one\n\n")
        second = flow.response.stream(b"data: two\n\n")
    assert first == b"data: one\n\n" and second == b"data: two\n\n"
    assert caplog.text.count("stopped restoring") == 1


def test_event_stream_with_content_length_is_sent_chunked(restorer):
    flow = flow_with(b"", "text/event-stream", headers={"content-length": "120"})
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert "content-length" not in flow.response.headers
    assert flow.response.headers["transfer-encoding"] == "chunked"


def test_event_stream_with_content_length_to_an_http2_client_gets_no_chunked_header(restorer):
    flow = flow_with(b"", "text/event-stream", headers={"content-length": "120"})
    flow.client_conn.alpn = b"h2"
    with taddons.context(restorer):
        restorer.responseheaders(flow)
    assert "content-length" not in flow.response.headers and "transfer-encoding" not in flow.response.headers


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi <PERSON_1>!"}}]},
         ("choices", 0, "message", "content")),
        ({"type": "message", "content": [{"type": "text", "text": "Hi <PERSON_1>!"}]}, ("content", 0, "text")),
        ({"candidates": [{"content": {"parts": [{"text": "Hi <PERSON_1>!"}], "role": "model"}}]},
         ("candidates", 0, "content", "parts", 0, "text")),
        ({"reply": {"messages": ["Hi <PERSON_1>!"]}}, ("reply", "messages", 0)),
    ],
    ids=["openai", "anthropic", "gemini", "generic"],
)
def test_json_response_is_restored_in_every_shape(restorer, document, path):
    flow = flow_with(json.dumps(document, separators=(",", ":")).encode(), "application/json")
    with taddons.context(restorer):
        restorer.response(flow)
    value = json.loads(flow.response.content)
    for key in path:
        value = value[key]
    assert value == f"Hi {NAME}!"
    assert flow.response.content == json.dumps(document, separators=(",", ":")).replace("<PERSON_1>", NAME).encode()


def test_gzip_json_response_is_restored_and_recompressed(restorer):
    body = gzip.compress(json.dumps({"content": [{"type": "text", "text": "at <STREET_ADDRESS_1>"}]}).encode())
    flow = flow_with(b"", "application/json", headers={"content-encoding": "gzip"})
    flow.response.raw_content = body  # as it came off the wire
    flow.response.headers["content-length"] = str(len(body))
    with taddons.context(restorer):
        restorer.response(flow)
    assert flow.response.headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(flow.response.raw_content))["content"][0]["text"] == "at 48 Elm Court"
    assert int(flow.response.headers["content-length"]) == len(flow.response.raw_content)


def test_lookalike_placeholders_in_json_are_left_alone(restorer):
    body = b'{"text": "<PERSON_99> and <PERSON_1 and <person_1>"}'
    flow = flow_with(body, "application/json")
    with taddons.context(restorer):
        restorer.response(flow)
    assert flow.response.content == body


def test_ndjson_response_is_restored_line_by_line(restorer):
    body = b'{"message":{"content":"Hi <PERSON_1>"}}\n{"done":true}\n'
    flow = flow_with(body, "application/x-ndjson")
    with taddons.context(restorer):
        restorer.response(flow)
    assert flow.response.content == b'{"message":{"content":"Hi Priya Raman"}}\n{"done":true}\n'


def test_buffered_event_stream_is_restored_whole(restorer):
    flow = flow_with(b"".join(sse("Hi <PER", "SON_1>")), "text/event-stream")
    with taddons.context(restorer):
        restorer.response(flow)
    assert streamed_text([flow.response.content]) == f"Hi {NAME}"


def websocket_flow(redactor, text: str, from_client: bool = False):
    flow = tflow.twebsocketflow()
    flow.request.host = "api.example.com"
    redactor.conversations.get(f"ws-{flow.id}").replacement_for("PERSON", NAME, "placeholder")
    flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT, from_client, text.encode()))
    return flow


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ('{"reply":"Hi <PERSON_1>"}', '{"reply":"Hi Priya Raman"}'),
        ('42["message",{"text":"Hi <PERSON_1>"}]', '42["message",{"text":"Hi Priya Raman"}]'),
        ("Hi <PERSON_1>", "Hi Priya Raman"),
        ("Hi <PERSON_2>", "Hi <PERSON_2>"),
    ],
)
def test_websocket_message_from_server_is_restored_in_its_framing(restorer, redactor, sent, expected):
    flow = websocket_flow(redactor, sent)
    with taddons.context(restorer):
        restorer.websocket_message(flow)
    assert flow.websocket.messages[-1].text == expected


def test_websocket_message_from_client_is_not_restored(restorer, redactor):
    flow = websocket_flow(redactor, "Hi <PERSON_1>", from_client=True)
    with taddons.context(restorer):
        restorer.websocket_message(flow)
    assert flow.websocket.messages[-1].text == "Hi <PERSON_1>"
