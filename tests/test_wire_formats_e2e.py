"""Every wire format through the real proxy with a real client: the OpenAI and Anthropic SDKs,
httpx, and a websockets client. What the local TLS upstream receives must carry no planted value,
and a conversation keeps its placeholders from turn to turn."""

from __future__ import annotations

import gzip
import json
import ssl
import threading

import anthropic
import httpx
import openai
import pytest

from tests.proxy_process import start_proxy
from tests.request_fixtures import CARD, MAIL, NAME, PLANTED, assert_nothing_planted, fixture, fixture_body
from tests.upstream import make_self_signed, start_upstream

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    running = start_proxy(tmp_path_factory.mktemp("proxy"), "--inspect-host", "localhost")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    server = start_upstream(tmp_path_factory.mktemp("upstream"))
    yield server
    server.close()


def http_client(proxy) -> httpx.Client:
    return httpx.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=proxy.ca_cert), timeout=30)


def openai_client(proxy, upstream) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=f"https://localhost:{upstream.port}/v1",
                         http_client=http_client(proxy), max_retries=0)


def anthropic_client(proxy, upstream) -> anthropic.Anthropic:
    # This anthropic SDK is built on httpx2 (the httpx fork) and refuses httpx objects.
    import httpx2

    client = httpx2.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=proxy.ca_cert), timeout=30)
    return anthropic.Anthropic(api_key="sk-ant-test", base_url=f"https://localhost:{upstream.port}",
                               http_client=client, max_retries=0)


def received_text(upstream) -> str:
    return upstream.last.body.decode("utf-8", "replace")


def test_openai_sdk_chat_completion_with_tool_history_is_redacted(proxy, upstream):
    messages = fixture("openai_chat")["json"]["messages"]
    openai_client(proxy, upstream).chat.completions.create(model="gpt-4o-mini", messages=messages)
    sent = upstream.last.json()
    assert upstream.last.path == "/v1/chat/completions"
    assert_nothing_planted(received_text(upstream))
    assert sent["messages"][3]["tool_call_id"] == "call_abc123"
    assert "<EMAIL_ADDRESS_1>" in sent["messages"][3]["content"]


def test_openai_sdk_responses_api_is_redacted(proxy, upstream):
    body = fixture("openai_responses")["json"]
    openai_client(proxy, upstream).responses.create(model=body["model"], input=body["input"], instructions=body["instructions"])
    assert upstream.last.path == "/v1/responses"
    assert_nothing_planted(received_text(upstream))
    assert upstream.last.json()["input"][0]["content"][0]["type"] == "input_text"


def test_openai_sdk_legacy_completion_prompt_is_redacted(proxy, upstream):
    openai_client(proxy, upstream).completions.create(model="gpt-3.5-turbo-instruct", prompt=f"Thank {NAME} for paying with {CARD}.")
    assert upstream.last.path == "/v1/completions"
    assert_nothing_planted(received_text(upstream))


def test_anthropic_sdk_messages_with_system_and_tool_result_are_redacted(proxy, upstream):
    body = fixture("anthropic_messages")["json"]
    anthropic_client(proxy, upstream).messages.create(model=body["model"], max_tokens=100, system=body["system"], messages=body["messages"])
    assert upstream.last.path == "/v1/messages"
    assert_nothing_planted(received_text(upstream))
    assert upstream.last.json()["messages"][1]["content"][1]["input"]["party_size"] == 2


@pytest.mark.parametrize("name", ["gemini_generate_content", "ollama_chat", "ollama_generate", "chatgpt_web",
                                  "claude_web", "gemini_web", "generic_companion", "form_urlencoded", "multipart"])
def test_fixture_sent_with_httpx_arrives_redacted(proxy, upstream, name):
    data = fixture(name)
    with http_client(proxy) as client:
        response = client.request(data["method"], f"https://localhost:{upstream.port}{data['path']}",
                                  content=fixture_body(name), headers=data["headers"])
    assert response.status_code == 200
    assert upstream.last.path == data["path"]
    assert_nothing_planted(received_text(upstream))


def test_get_search_query_arrives_redacted(proxy, upstream):
    with http_client(proxy) as client:
        client.get(f"https://localhost:{upstream.port}/search", params={"q": f"who is {MAIL}", "source": "hp"})
    assert upstream.last.method == "GET" and "source=hp" in upstream.last.path
    assert_nothing_planted(httpx.URL(upstream.last.path).params["q"])


def test_gzip_body_arrives_redacted_and_still_gzip(proxy, upstream):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": f"I'm {NAME}, card {CARD}"}]}).encode()
    with http_client(proxy) as client:
        client.post(f"https://localhost:{upstream.port}/v1/chat/completions", content=gzip.compress(body),
                    headers={"content-type": "application/json", "content-encoding": "gzip"})
    assert upstream.last.headers["content-encoding"] == "gzip"
    assert_nothing_planted(gzip.decompress(upstream.last.body))


def test_compression_bomb_is_refused_and_never_forwarded(proxy, upstream):
    before = len(upstream.received)
    with http_client(proxy) as client:
        response = client.post(f"https://localhost:{upstream.port}/v1/chat/completions",
                               content=gzip.compress(b" " * (40 * 1024 * 1024)),
                               headers={"content-type": "application/json", "content-encoding": "gzip"})
    assert response.status_code == 413
    assert len(upstream.received) == before


# --- conversations ----------------------------------------------------------------------------


def test_openai_conversation_keeps_placeholders_across_turns(proxy, upstream):
    client = openai_client(proxy, upstream)
    first = {"role": "user", "content": f"My name is {NAME}, nice to meet you."}
    client.chat.completions.create(model="m", messages=[first])
    assert "<PERSON_1>" in upstream.last.json()["messages"][0]["content"]
    client.chat.completions.create(model="m", messages=[
        first, {"role": "assistant", "content": f"Hello {NAME}!"},
        {"role": "user", "content": f"My sister Maria Lopez says hi to {NAME}."}])
    sent = [m["content"] for m in upstream.last.json()["messages"]]
    assert sent[1] == "Hello <PERSON_1>!"
    assert "<PERSON_1>" in sent[2] and "<PERSON_2>" in sent[2]
    assert_nothing_planted(received_text(upstream))


def test_anthropic_conversation_keeps_placeholders_across_turns(proxy, upstream):
    client = anthropic_client(proxy, upstream)
    first = {"role": "user", "content": f"Hello, this is {NAME} from the bakery."}
    client.messages.create(model="m", max_tokens=10, messages=[first])
    client.messages.create(model="m", max_tokens=10, messages=[
        first, {"role": "assistant", "content": "Hi!"}, {"role": "user", "content": f"Sign the letter as {NAME}."}])
    sent = upstream.last.json()["messages"]
    assert "<PERSON_1>" in sent[0]["content"] and "<PERSON_1>" in sent[2]["content"]


def test_chatgpt_web_conversation_keeps_placeholders_once_the_server_names_it(proxy, upstream):
    def turn(text, conversation_id):
        body = fixture("chatgpt_web")["json"]
        body["messages"][0]["content"]["parts"] = [text]
        body["conversation_id"] = conversation_id
        with http_client(proxy) as client:
            client.post(f"https://localhost:{upstream.port}/backend-api/f/conversation", json=body)
        return upstream.last.json()["messages"][0]["content"]["parts"][0]

    # A new chat has no id; the server names it in its answer and the app sends it from then on.
    assert turn(f"Write a birthday card for Olivia Bennett from {NAME}.", None).count("<PERSON_") == 2
    assert turn(f"Make it shorter, and sign it {NAME}.", "6923b000-0000-800a-9a8b-000000000001") == \
        "Make it shorter, and sign it <PERSON_2>."
    assert turn("Also thank Olivia Bennett.", "6923b000-0000-800a-9a8b-000000000001") == "Also thank <PERSON_1>."


# --- WebSockets ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def websocket_server(tmp_path_factory):
    from websockets.sync.server import serve

    directory = tmp_path_factory.mktemp("ws")
    cert, key = make_self_signed(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    received: list[str] = []

    def handler(connection):
        for message in connection:
            received.append(message)
            connection.send("ok")

    server = serve(handler, "127.0.0.1", 0, ssl=context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.received = received
    yield server
    server.shutdown()


@pytest.mark.parametrize("frame", [
    json.dumps({"type": "chat", "text": f"I'm {NAME}, card {CARD}"}),
    '42["send_message",' + json.dumps({"text": f"Mail me at {MAIL}"}) + "]",
    '42/chat,17["message",' + json.dumps({"body": f"{NAME} here"}) + "]",
    f"plain words from {NAME}",
])
def test_websocket_frame_through_the_proxy_arrives_redacted(proxy, websocket_server, frame):
    from websockets.sync.client import connect

    port = websocket_server.socket.getsockname()[1]
    client_tls = ssl.create_default_context(cafile=proxy.ca_cert)
    with connect(f"wss://localhost:{port}/socket", proxy=proxy.url, ssl=client_tls, open_timeout=30) as ws:
        ws.send(frame)
        assert ws.recv(timeout=30) == "ok"
    arrived = websocket_server.received[-1]
    assert_nothing_planted(arrived)
    assert arrived[:5] == frame[:5]  # framing kept
    assert all(value not in proxy.output() for value in PLANTED)
    import sqlite3

    rows = sqlite3.connect(proxy.log_db).execute(
        "SELECT adapter, action FROM requests WHERE adapter LIKE 'websocket/%'").fetchall()
    assert rows and all(action == "redact" for _, action in rows)


@pytest.mark.parametrize("name", ["character_ai", "socket_io"])
def test_websocket_fixture_conversation_through_the_proxy_arrives_redacted(proxy, websocket_server, name):
    from websockets.sync.client import connect

    from tests.request_fixtures import FIXTURES

    frames = json.loads((FIXTURES / "websocket" / f"{name}.json").read_text())["frames"]
    port = websocket_server.socket.getsockname()[1]
    with connect(f"wss://localhost:{port}/socket", proxy=proxy.url, ssl=ssl.create_default_context(cafile=proxy.ca_cert),
                 open_timeout=30) as ws:
        for frame in frames:
            ws.send(frame)
            assert ws.recv(timeout=30) == "ok"
    arrived = websocket_server.received[-len(frames):]
    assert len(arrived) == len(frames)
    for sent, got in zip(frames, arrived):
        assert_nothing_planted(got)
        assert got[:4] == sent[:4]
