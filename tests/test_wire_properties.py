"""Property-based: for random JSON bodies, forms and WebSocket frames with personal data planted
in text fields, the rewritten message is valid in its format, everything outside the analysed text
decodes to exactly what was sent, and no planted value survives."""

from __future__ import annotations

import asyncio
import json
import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mitmproxy.test import tflow
from mitmproxy.websocket import WebSocketMessage
from wsproto.frame_protocol import Opcode

from proxy.adapters import adapter_for, fields_of, set_at
from proxy.request_body import parse_content
from proxy.websocket_redactor import WebSocketRedactor, parse_frame
from tests.request_fixtures import CARD, HOST, MAIL, assert_nothing_planted, configured_redactor, make_request, run_request

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FILLER = st.lists(st.sampled_from(["please", "send", "it", "to", "thanks", "the", "for", "my", "again"]),
                  min_size=0, max_size=4).map(" ".join)
PLANTED_VALUE = st.sampled_from([CARD, CARD.replace(" ", ""), MAIL])
TEXT_KEYS = st.sampled_from(["text", "message", "content", "body", "prompt", "note"])
MACHINE_KEYS = st.sampled_from(["id", "type", "model", "created_at", "session_token", "count", "enabled"])
MACHINE_VALUES = st.one_of(
    st.uuids().map(str), st.integers(-10**6, 10**6), st.booleans(), st.none(),
    st.sampled_from(["gpt-4o-mini", "primary_assistant", "SEND_MESSAGE", "https://example.com/a?b=c"]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


@st.composite
def planted_text(draw) -> str:
    before, after = draw(FILLER), draw(FILLER)
    return " ".join(p for p in (before, draw(PLANTED_VALUE), after) if p)


def json_objects(depth: int = 2):
    leaf_pairs = st.one_of(st.tuples(TEXT_KEYS, planted_text()), st.tuples(MACHINE_KEYS, MACHINE_VALUES))
    if depth == 0:
        return st.lists(leaf_pairs, min_size=1, max_size=4).map(dict)
    child = json_objects(depth - 1)
    pairs = st.one_of(leaf_pairs, st.tuples(st.sampled_from(["payload", "data", "items"]), st.one_of(child, st.lists(child, max_size=3))))
    return st.lists(pairs, min_size=1, max_size=5).map(dict)


def without_text(document, kind: str, path: str):
    """The document with every analysed text blanked: what must be unchanged."""
    adapter = adapter_for(kind, path, document)
    for field in fields_of(adapter, kind, document):
        set_at(document, field.location, "")
    return document


@SETTINGS
@given(document=json_objects(), pretty=st.booleans())
def test_random_json_body_stays_valid_and_loses_only_planted_values(document, pretty):
    body = json.dumps(document, separators=(", ", ": ") if pretty else (",", ":")).encode()
    flow = run_request(configured_redactor(), make_request("POST", "/api/chat/send", body, {"content-type": "application/json"}))
    assert flow.response is None
    sent = json.loads(flow.request.raw_content)  # valid JSON
    assert_nothing_planted(flow.request.raw_content)
    assert without_text(sent, "json", "/api/chat/send") == without_text(json.loads(body), "json", "/api/chat/send")


@SETTINGS
@given(pairs=st.lists(st.one_of(st.tuples(TEXT_KEYS, planted_text()),
                                st.tuples(MACHINE_KEYS, MACHINE_VALUES.map(lambda v: json.dumps(v).strip('"')))),
                      min_size=1, max_size=6))
def test_random_form_stays_valid_and_loses_only_planted_values(pairs):
    body = urllib.parse.urlencode(pairs).encode()
    request = make_request("POST", "/send", body, {"content-type": "application/x-www-form-urlencoded"})
    flow = run_request(configured_redactor(), request)
    sent = flow.request.raw_content
    assert_nothing_planted(urllib.parse.unquote_plus(sent.decode("ascii")))
    before = parse_content(body, "application/x-www-form-urlencoded")
    after = parse_content(sent, "application/x-www-form-urlencoded")
    assert after.kind == "form" and [k for k, _ in after.document] == [k for k, _ in pairs]
    assert without_text(after.document, "form", "/send") == without_text(before.document, "form", "/send")


SOCKET_IO_PREFIXES = st.sampled_from(["", "42", "42/chat,", "42/chat,17", "4217"])


@SETTINGS
@given(prefix=SOCKET_IO_PREFIXES, event=st.sampled_from(["send_message", "chat", "typing"]), payload=json_objects(1),
       plain=st.booleans(), text=planted_text())
def test_random_websocket_frame_keeps_framing_and_loses_only_planted_values(prefix, event, payload, plain, text):
    frame = text if plain else prefix + json.dumps([event, payload] if prefix else payload)
    flow = tflow.twebsocketflow(messages=False)
    flow.request.host = HOST
    flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT, True, frame.encode()))
    asyncio.run(WebSocketRedactor(configured_redactor()).websocket_message(flow))
    message = flow.websocket.messages[-1]
    assert not message.dropped
    assert_nothing_planted(message.text)
    before, after = parse_frame(frame), parse_frame(message.text)
    assert (after.prefix, after.kind) == (before.prefix, before.kind)
    if before.kind == "json":
        assert without_text(after.document, "json", "/ws") == without_text(before.document, "json", "/ws")


@SETTINGS
@given(parts=st.lists(st.one_of(st.tuples(TEXT_KEYS, planted_text()), st.tuples(MACHINE_KEYS, st.uuids().map(str))),
                      min_size=1, max_size=4),
       binary=st.binary(min_size=1, max_size=40))
def test_random_multipart_keeps_every_byte_outside_the_redacted_text(parts, binary):
    boundary = "----chatveilBoundary7MA4YWxk"
    chunks = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in parts]
    chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode() + binary + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={boundary}"
    flow = run_request(configured_redactor(), make_request("POST", "/upload", body, {"content-type": content_type}))
    sent = flow.request.raw_content
    assert_nothing_planted(sent)
    before, after = parse_content(body, content_type), parse_content(sent, content_type)
    assert after.kind == "multipart" and [p.head for p in after.parts] == [p.head for p in before.parts]
    assert after.parts[-1].body == binary  # the file part is untouched, byte for byte
    assert without_text(after.document, "multipart", "/upload") == without_text(before.document, "multipart", "/upload")


OPENAI_MESSAGES = st.lists(
    st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system"]),
                           "content": st.one_of(planted_text(), st.lists(
                               st.fixed_dictionaries({"type": st.just("text"), "text": planted_text()}), min_size=1, max_size=2))}),
    min_size=1, max_size=4)


@SETTINGS
@given(messages=OPENAI_MESSAGES, temperature=st.floats(0, 2), stream=st.booleans())
def test_random_openai_conversation_keeps_its_settings_and_loses_planted_values(messages, temperature, stream):
    document = {"model": "gpt-4o-mini", "temperature": temperature, "stream": stream, "messages": messages}
    body = json.dumps(document).encode()
    flow = run_request(configured_redactor(), make_request("POST", "/v1/chat/completions", body, {"content-type": "application/json"}))
    sent = json.loads(flow.request.raw_content)
    assert flow.metadata["chatveil"]["adapter"] == "openai-chat"
    assert_nothing_planted(flow.request.raw_content)
    path = "/v1/chat/completions"
    assert without_text(sent, "json", path) == without_text(json.loads(body), "json", path)
