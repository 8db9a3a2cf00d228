"""Through the real proxy: the service sees pseudonyms, the user reads their own words back.

Each upstream echoes what it received (token by token for streams), so the answer carries the
pseudonyms the proxy put in, split across events the way a model's answer would be.
"""

from __future__ import annotations

import json
import re
import ssl

import anthropic
import httpx
import httpx2
import openai
import pytest
from websockets.sync.client import connect

from tests.proxy_process import start_proxy
from tests.sse_upstream import (
    GatedStream, anthropic_stream_echo, gemini_stream_echo, openai_stream_echo, openai_stream_echo_with_length,
)
from tests.websocket_echo import start_websocket_echo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def running_proxy(tmp_path_factory):
    """One `chatveil run` inspecting localhost for the whole module (starting one takes seconds).
    Tests that open with the same message share its conversation, as one user's retries would;
    each asserts only what holds either way."""
    proxy = start_proxy(tmp_path_factory.mktemp("restore-proxy"), "--inspect-host", "localhost")
    yield proxy
    proxy.stop()

NAME = "Jake Morrison"
CARD = "4111 1111 1111 1111"
MESSAGE = f"Hi, I'm {NAME}. Charge my card {CARD} for the roses."


def trusting(proxy) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=proxy.ca_cert)


def openai_client(proxy, upstream) -> openai.OpenAI:
    return openai.OpenAI(
        api_key="sk-test",
        base_url=f"https://localhost:{upstream.port}/v1",
        http_client=httpx.Client(proxy=proxy.url, verify=trusting(proxy), timeout=30),
        max_retries=0,
    )


def assert_never_left_the_device(sent: str) -> None:
    assert NAME not in sent and "Morrison" not in sent
    # Only the whole number: a `fake` surrogate may itself start with the test BIN 4111 11.
    assert CARD not in sent and CARD.replace(" ", "") not in sent.replace(" ", "").replace("-", "")


def test_openai_stream_reads_the_users_own_words_while_upstream_saw_placeholders(running_proxy, upstream):
    upstream.responder = openai_stream_echo
    stream = openai_client(running_proxy, upstream).chat.completions.create(
        model="echo-1", messages=[{"role": "user", "content": MESSAGE}], stream=True
    )
    pieces = [chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices]
    assert "".join(pieces) == MESSAGE
    sent = upstream.last.json()["messages"][0]["content"]
    assert_never_left_the_device(sent)
    assert "<PERSON_1>" in sent and "<CREDIT_CARD_1>" in sent and "4111" not in sent
    assert len(pieces) > 10  # still token by token, not one restored blob


def test_second_turn_keeps_the_placeholders_and_is_restored_with_them(running_proxy, upstream):
    upstream.responder = openai_stream_echo
    client = openai_client(running_proxy, upstream)

    def turn(messages: list[dict]) -> str:
        stream = client.chat.completions.create(model="echo-1", messages=messages, stream=True)
        return "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)

    history = [{"role": "user", "content": MESSAGE}]
    history.append({"role": "assistant", "content": turn(history)})
    follow_up = f"Thanks. Please address the card to {NAME} again."
    history.append({"role": "user", "content": follow_up})
    assert turn(history) == follow_up
    first, second = (r.json()["messages"] for r in upstream.received)
    assert second[0]["content"] == first[0]["content"]  # the resent history, redacted the same way
    assert second[1]["content"] == first[0]["content"]  # the answer the client saw, redacted again
    assert re.search(r"<PERSON_\d+>", second[2]["content"])  # which number depends on the span found in turn 1
    for message in second:
        assert_never_left_the_device(message["content"])


def test_anthropic_stream_reads_the_users_own_words(running_proxy, upstream):
    upstream.responder = anthropic_stream_echo
    client = anthropic.Anthropic(
        api_key="sk-ant-test",
        base_url=f"https://localhost:{upstream.port}",
        # This anthropic release is built on httpx2 and refuses an httpx client.
        http_client=httpx2.Client(proxy=running_proxy.url, verify=trusting(running_proxy), timeout=30),
        max_retries=0,
    )
    with client.messages.stream(model="echo-1", max_tokens=100, messages=[{"role": "user", "content": MESSAGE}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == MESSAGE
    assert final.content[0].text == MESSAGE and final.stop_reason == "end_turn"
    assert upstream.last.path == "/v1/messages"
    assert_never_left_the_device(upstream.last.json()["messages"][0]["content"])


def test_gemini_stream_reads_the_users_own_words(running_proxy, upstream):
    upstream.responder = gemini_stream_echo
    url = f"https://localhost:{upstream.port}/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
    body = {"contents": [{"role": "user", "parts": [{"text": MESSAGE}]}]}
    pieces = []
    with httpx.Client(proxy=running_proxy.url, verify=trusting(running_proxy), timeout=30) as client:
        with client.stream("POST", url, json=body) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    for candidate in json.loads(line[6:])["candidates"]:
                        pieces += [p["text"] for p in candidate["content"]["parts"]]
    assert "".join(pieces) == MESSAGE
    assert_never_left_the_device(upstream.last.json()["contents"][0]["parts"][0]["text"])


def test_fake_style_surrogates_reach_upstream_and_are_restored_in_the_stream(tmp_path, upstream):
    policy = tmp_path / "fake.yaml"
    policy.write_text(
        "version: 1\nname: fake\nhosts: [localhost]\ndefault_style: fake\n"
        "entities:\n  PERSON: {action: redact}\n  CREDIT_CARD: {action: redact}\n"
    )
    proxy = start_proxy(tmp_path, "--policy", str(policy))
    try:
        upstream.responder = openai_stream_echo
        stream = openai_client(proxy, upstream).chat.completions.create(
            model="echo-1", messages=[{"role": "user", "content": MESSAGE}], stream=True
        )
        assert "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices) == MESSAGE
        sent = upstream.last.json()["messages"][0]["content"]
        assert_never_left_the_device(sent)
        assert "<" not in sent  # realistic surrogates, not placeholders
        assert sent.startswith("Hi, I'm ") and " for the roses." in sent
    finally:
        proxy.stop()


def test_first_tokens_reach_the_client_before_upstream_sends_the_rest(running_proxy, upstream):
    gate = GatedStream(first="Hello there. ", second="Bye, <PERSON_1>!")
    upstream.responder = gate
    stream = openai_client(running_proxy, upstream).chat.completions.create(
        model="echo-1", messages=[{"role": "user", "content": MESSAGE}], stream=True
    )
    seen = []
    for chunk in stream:
        content = chunk.choices[0].delta.content if chunk.choices else None
        if content:
            if not seen:
                # The upstream is still waiting for us: a buffering proxy could not have
                # delivered this yet.
                assert not gate.second_sent.is_set()
                gate.release.set()
            seen.append(content)
    assert not gate.gave_up
    assert seen[0] == "Hello there. "
    restored = "".join(seen)
    # <PERSON_1> is whatever span the detector took for the name; it starts with the name.
    assert restored.startswith(f"Hello there. Bye, {NAME}") and restored.endswith("!")
    assert "<PERSON_1>" not in restored


def test_event_stream_sent_with_a_content_length_is_restored_and_read_to_the_end(running_proxy, upstream):
    # The restored stream is longer than the upstream's content-length: the proxy must reframe it.
    upstream.responder = openai_stream_echo_with_length
    with httpx.Client(proxy=running_proxy.url, verify=trusting(running_proxy), timeout=30) as client:
        response = client.post(f"https://localhost:{upstream.port}/v1/chat/completions",
                               json={"model": "echo-1", "stream": True, "messages": [{"role": "user", "content": MESSAGE}]})
    body = response.text
    assert body.endswith("data: [DONE]\n\n")  # not cut off at the upstream's shorter length
    deltas = [json.loads(line[6:])["choices"][0]["delta"] for line in body.split("\n") if line.startswith("data: {")]
    assert "".join(d.get("content") or "" for d in deltas) == MESSAGE


def test_json_response_is_restored_too(running_proxy, upstream):
    def completion(received, handler):
        content = received.json()["messages"][0]["content"]
        body = json.dumps({"id": "c1", "object": "chat.completion", "model": "echo-1", "created": 1,
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": content}}]}).encode()
        handler.send_response(200)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    upstream.responder = completion
    reply = openai_client(running_proxy, upstream).chat.completions.create(
        model="echo-1", messages=[{"role": "user", "content": MESSAGE}]
    )
    assert reply.choices[0].message.content == MESSAGE
    assert_never_left_the_device(upstream.last.json()["messages"][0]["content"])


def test_websocket_echo_reads_the_users_own_words_while_server_saw_placeholders(running_proxy, tmp_path):
    (tmp_path / "ws").mkdir()
    echo = start_websocket_echo(tmp_path / "ws")
    try:
        with connect(f"wss://localhost:{echo.port}/chat", proxy=running_proxy.url, ssl=trusting(running_proxy),
                     open_timeout=30) as ws:
            ws.send(MESSAGE)
            assert ws.recv(timeout=30) == MESSAGE
            ws.send(json.dumps({"type": "chat", "text": MESSAGE}))
            assert json.loads(ws.recv(timeout=30))["text"] == MESSAGE
        assert len(echo.received) == 2
        for sent in echo.received:
            assert_never_left_the_device(sent)
        assert "<PERSON_1>" in echo.received[0]
    finally:
        echo.close()
