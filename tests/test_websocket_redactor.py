"""WebSocket messages from the client: JSON, Socket.IO and plain text are redacted in their own
framing; binary passes; what cannot be inspected is dropped."""

from __future__ import annotations

import asyncio
import json

import pytest
from mitmproxy.test import tflow
from mitmproxy.websocket import WebSocketMessage
from wsproto.frame_protocol import Opcode

from proxy.websocket_redactor import WebSocketRedactor, parse_frame
from tests.request_fixtures import CARD, FIXTURES, HOST, MAIL, NAME, assert_nothing_planted, configured_redactor


@pytest.fixture(scope="module")
def addon():
    return WebSocketRedactor(configured_redactor())


def send(addon, content: bytes | str, *, from_client=True, text=True, host=HOST):
    flow = tflow.twebsocketflow(messages=False)
    flow.request.host = host
    flow.request.headers["host"] = host
    data = content.encode() if isinstance(content, str) else content
    flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT if text else Opcode.BINARY, from_client, data))
    asyncio.run(addon.websocket_message(flow))
    return flow.websocket.messages[-1]


def test_json_message_text_is_redacted_and_other_keys_kept(addon):
    message = send(addon, json.dumps({"type": "chat", "room_id": "r_81f2", "text": f"I'm {NAME}, card {CARD}"}))
    assert not message.dropped
    sent = json.loads(message.text)
    assert sent["type"] == "chat" and sent["room_id"] == "r_81f2"
    assert "<PERSON_1>" in sent["text"] and "<CREDIT_CARD_1>" in sent["text"]
    assert_nothing_planted(message.text)


def test_socket_io_event_keeps_its_prefix_and_event_name(addon):
    message = send(addon, '42["send_message",' + json.dumps({"text": f"Mail me at {MAIL}", "to": "bot"}) + "]")
    assert message.text.startswith('42["send_message",')
    event, payload = json.loads(message.text[2:])
    assert event == "send_message" and payload["to"] == "bot"
    assert_nothing_planted(message.text)


def test_socket_io_namespace_and_ack_id_are_kept(addon):
    message = send(addon, '42/chat,17["message",{"body":"This is ' + NAME + ' speaking"}]')
    assert message.text.startswith('42/chat,17["message",')
    assert_nothing_planted(message.text)


def test_plain_text_message_is_redacted(addon):
    message = send(addon, f"hello, my card is {CARD}")
    assert message.text == "hello, my card is <CREDIT_CARD_1>"


def test_message_that_is_one_json_string_is_redacted_and_stays_json(addon):
    message = send(addon, json.dumps(f"I'm {NAME}"))
    assert json.loads(message.text) == "I'm <PERSON_1>"


def test_engine_io_ping_is_left_alone(addon):
    assert send(addon, "2").text == "2"


def test_card_number_sent_alone_is_not_mistaken_for_a_control_packet(addon):
    assert send(addon, CARD.replace(" ", "")).text == "<CREDIT_CARD_1>"


def test_binary_message_is_passed_and_noted(addon, caplog):
    caplog.set_level("INFO", logger="chatveil")
    message = send(addon, b"\x00\x01" + CARD.encode(), text=False)
    assert not message.dropped and message.content.endswith(CARD.encode())
    assert "binary WebSocket message" in caplog.text


def test_server_messages_and_other_hosts_are_not_touched(addon):
    assert NAME in send(addon, f"I'm {NAME}", from_client=False).text
    assert NAME in send(addon, f"I'm {NAME}", host="other.example.org").text


def test_message_that_cannot_be_inspected_is_dropped(addon, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("analysis exploded")

    monkeypatch.setattr(addon.redactor.pipeline, "process", broken)
    message = send(addon, f"I'm {NAME}")
    assert message.dropped
    assert "dropped a WebSocket message" in caplog.text and NAME not in caplog.text


def test_same_connection_keeps_the_same_placeholder(addon):
    flow = tflow.twebsocketflow(messages=False)
    flow.request.host = HOST
    for text in (f"I'm {NAME}", f"Again, {NAME} here"):
        flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT, True, text.encode()))
        asyncio.run(addon.websocket_message(flow))
    assert [m.text for m in flow.websocket.messages[-2:]] == ["I'm <PERSON_1>", "Again, <PERSON_1> here"]


@pytest.mark.parametrize(
    "text, prefix, kind",
    [
        ('42["a",{"b":1}]', "42", "json"),
        ('42/ns,5["a"]', "42/ns,5", "json"),
        ('451-["upload",{"_placeholder":true,"num":0}]', "451-", "json"),
        ('{"text":"hi"}', "", "json"),
        ("40", "40", "control"),
        ("42 not json", "", "text"),
        ("[broken", "", "text"),
    ],
)
def test_frames_are_split_into_framing_and_payload(text, prefix, kind):
    frame = parse_frame(text)
    assert (frame.prefix, frame.kind) == (prefix, kind)
    assert frame.serialize() == text


WEBSOCKET_FIXTURES = sorted((FIXTURES / "websocket").glob("*.json"))


@pytest.mark.parametrize("path", WEBSOCKET_FIXTURES, ids=lambda p: p.stem)
def test_real_shape_frames_lose_planted_values_and_keep_everything_else(addon, path):
    from proxy.adapters import adapter_for, fields_of, set_at

    data = json.loads(path.read_text())
    for frame in data["frames"]:
        message = send(addon, frame)
        assert not message.dropped
        assert_nothing_planted(message.text)
        before, after = parse_frame(frame), parse_frame(message.text)
        assert (after.prefix, after.kind) == (before.prefix, before.kind)
        if before.kind == "json":
            for parsed in (before, after):
                for field in fields_of(adapter_for("json", data["path"], parsed.document), "json", parsed.document):
                    set_at(parsed.document, field.location, "")
            assert after.document == before.document
