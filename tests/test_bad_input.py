"""Bad, odd and hostile input through the running proxy to an inspected local TLS upstream.

For every case three things must hold: the proxy stays up (a normal chat request right after it
is still redacted), the outcome is the documented one (redacted, refused with a clear ChatVeil
error, or passed through as not-text and logged as not inspected), and no planted personal
detail reaches the upstream. All assertions are on what the upstream actually received.

One proxy and one upstream serve the whole module: starting the proxy loads the spaCy pipeline,
and a proxy that survives every case in sequence is itself part of what is being proved.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import ssl
import struct
import time
import wave
import zlib

import httpx
import pytest

from tests.proxy_process import RunningProxy, start_proxy
from tests.upstream import Upstream, start_upstream

pytestmark = pytest.mark.slow

NAME = "Jake Morrison"
CARD = "4111 1111 1111 1111"
EMAIL = "jake.morrison@example.com"
SENTENCE = f"Hi, I'm {NAME}. Charge my card {CARD} and mail the receipt to {EMAIL} please."
# Every spelling of the planted values that must never arrive, in any encoding the cases use.
PLANTED = (NAME, "Morrison", CARD, CARD.replace(" ", ""), EMAIL)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> Upstream:
    server = start_upstream(tmp_path_factory.mktemp("upstream"))
    yield server
    server.close()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> RunningProxy:
    running = start_proxy(tmp_path_factory.mktemp("proxy"), "--inspect-host", "localhost")
    yield running
    running.stop()


@pytest.fixture
def client(proxy) -> httpx.Client:
    with httpx.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=proxy.ca_cert), timeout=120) as c:
        yield c


@pytest.fixture(autouse=True)
def fresh_upstream_record(upstream):
    upstream.received.clear()
    yield


def url(upstream: Upstream, path: str = "/v1/chat/completions") -> str:
    return f"https://localhost:{upstream.port}{path}"


def assert_nothing_planted_arrived(upstream: Upstream) -> None:
    for received in upstream.received:
        decoded = [received.body.decode(enc, "replace") for enc in ("utf-8", "latin-1", "utf-16")]
        for value in PLANTED:
            for text in decoded:
                assert value not in text, f"a planted value reached the upstream at {received.path}"


def assert_still_redacting(client: httpx.Client, upstream: Upstream) -> None:
    """The proxy is up and still works after the case: a normal chat request is redacted."""
    before = len(upstream.received)
    response = client.post(url(upstream), json={"model": "m", "messages": [{"role": "user", "content": SENTENCE}]})
    assert response.status_code == 200, response.text
    assert len(upstream.received) == before + 1
    content = upstream.last.json()["messages"][0]["content"]
    assert CARD not in content and EMAIL not in content and "<CREDIT_CARD_1>" in content
    assert_nothing_planted_arrived(upstream)


def assert_refused_by_chatveil(response: httpx.Response, upstream: Upstream, status_range=range(400, 600)) -> dict:
    assert response.status_code in status_range, (response.status_code, response.text[:300])
    assert response.headers.get("x-chatveil", "").startswith("chatveil_")
    error = response.json()["error"]
    assert "not sent" in error["message"] or "blocked" in error["message"]
    assert upstream.received == []
    return error


def log_requests(proxy: RunningProxy) -> list[dict]:
    db = sqlite3.connect(proxy.log_db)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM requests ORDER BY id")]
    finally:
        db.close()


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


# --- Broken JSON --------------------------------------------------------------------------------


def test_malformed_json_is_analysed_as_text_and_redacted(client, upstream):
    body = ('{"model": "m", "messages": [{"role": "user", "content": "' + SENTENCE + '"},]]').encode()
    response = client.post(url(upstream), content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert upstream.last.body.startswith(b'{"model": "m", "messages": [{"role": "user", "content": "')
    assert b"<CREDIT_CARD_1>" in upstream.last.body
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_truncated_json_is_analysed_as_text_and_redacted(client, upstream):
    full = json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE + " 12345"}]})
    body = full[: full.index("12345") + 3].encode()  # cut inside the string, brackets never closed
    response = client.post(url(upstream), content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert upstream.last.body.startswith(b'{"model": "m", "messages": [{"role": "user", "content": "Hi, I')
    assert upstream.last.body.endswith(b" 123")
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_json_sent_as_text_plain_is_still_read_as_the_chat_format(client, upstream):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}).encode()
    response = client.post(url(upstream), content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 200
    sent = upstream.last.json()  # still valid JSON: written back through the adapter
    assert sent["model"] == "m" and "<CREDIT_CARD_1>" in sent["messages"][0]["content"]
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_plain_text_sent_as_json_is_redacted_as_text(client, upstream):
    response = client.post(url(upstream), content=SENTENCE.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert b"<CREDIT_CARD_1>" in upstream.last.body
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_body_without_content_type_is_inspected(client, upstream):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}).encode()
    request = client.build_request("POST", url(upstream), content=body)
    request.headers.pop("content-type", None)  # httpx adds none for raw bytes; make sure
    response = client.send(request)
    assert response.status_code == 200
    assert "<CREDIT_CARD_1>" in upstream.last.json()["messages"][0]["content"]
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


# --- Charsets ------------------------------------------------------------------------------------


def test_invalid_utf8_in_json_is_redacted_and_the_undecodable_bytes_kept(client, upstream):
    body = (
        '{"model": "m", "messages": [{"role": "user", "content": "'.encode()
        + b"\xff\xfe\x80 broken bytes. "
        + SENTENCE.encode()
        + b'"}]}'
    )
    response = client.post(url(upstream), content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert b"\xff\xfe\x80 broken bytes. " in upstream.last.body
    assert b"<CREDIT_CARD_1>" in upstream.last.body
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_latin1_text_is_redacted_and_stays_latin1(client, upstream):
    text = "Grüße aus Köln! " + SENTENCE
    response = client.post(
        url(upstream, "/api/send"),
        content=text.encode("latin-1"),
        headers={"content-type": "text/plain; charset=iso-8859-1"},
    )
    assert response.status_code == 200
    arrived = upstream.last.body.decode("latin-1")
    assert arrived.startswith("Grüße aus Köln! ") and "<CREDIT_CARD_1>" in arrived
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_utf16_json_is_redacted_and_arrives_in_its_declared_charset(client, upstream):
    document = {"model": "m", "messages": [{"role": "user", "content": "Grüße! " + SENTENCE}]}
    response = client.post(
        url(upstream),
        content=json.dumps(document, ensure_ascii=False).encode("utf-16"),
        headers={"content-type": "application/json; charset=utf-16"},
    )
    assert response.status_code == 200
    assert_nothing_planted_arrived(upstream)
    # Whatever was rewritten must still be readable as what its headers say it is.
    charset = upstream.last.headers["content-type"].split("charset=")[-1] if "charset=" in upstream.last.headers["content-type"] else "utf-8"
    sent = json.loads(upstream.last.body.decode(charset))
    assert sent["messages"][0]["content"].startswith("Grüße! ")
    assert "<CREDIT_CARD_1>" in sent["messages"][0]["content"]
    assert_still_redacting(client, upstream)


# --- Shape and size ------------------------------------------------------------------------------


def test_fifty_levels_of_nesting_are_walked_and_redacted(client, upstream):
    document: dict = {"message": SENTENCE, "conversation_id": "c0ffee00-0000-4000-8000-000000000001"}
    for level in range(50):
        document = {"level": level, "child": document}
    response = client.post(url(upstream, "/api/companion/send"), json=document)
    assert response.status_code == 200
    sent = upstream.last.json()
    for _ in range(50):
        sent = sent["child"]
    assert "<CREDIT_CARD_1>" in sent["message"]
    assert sent["conversation_id"] == "c0ffee00-0000-4000-8000-000000000001"
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_twenty_megabyte_chat_with_an_image_attachment_redacts_the_text_and_keeps_the_image(client, upstream):
    import base64

    image = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * (15 * 1024 * 1024 // 256)
    data_url = "data:image/png;base64," + base64.b64encode(image).decode()
    document = {
        "model": "m",
        "messages": [
            {
                "role": "user",
                "content": [{"type": "text", "text": SENTENCE}, {"type": "image_url", "image_url": {"url": data_url}}],
            }
        ],
    }
    body = json.dumps(document).encode()
    assert len(body) > 20 * 1000 * 1000
    started = time.monotonic()
    response = client.post(url(upstream), content=body, headers={"content-type": "application/json"})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    sent = upstream.last.json()
    assert "<CREDIT_CARD_1>" in sent["messages"][0]["content"][0]["text"]
    assert sent["messages"][0]["content"][1]["image_url"]["url"] == data_url
    assert elapsed < 60
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


def test_twenty_megabytes_of_pasted_text_is_refused_as_too_long_never_forwarded_unread(client, upstream, proxy):
    filler = "The quarterly report covers sales in the northern region and the plans for next year. "
    pasted = SENTENCE + " " + filler * (20 * 1000 * 1000 // len(filler))
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": pasted}]}).encode()
    assert len(body) > 20 * 1000 * 1000
    started = time.monotonic()
    response = client.post(url(upstream), content=body, headers={"content-type": "application/json"})
    elapsed = time.monotonic() - started
    # Longer than spaCy accepts (1,000,000 characters): refused as too long, with that reason.
    assert response.status_code == 413
    assert "too long for ChatVeil to inspect" in response.json()["error"]["message"]
    assert_refused_by_chatveil(response, upstream)
    assert elapsed < 120, f"the client waited {elapsed:.0f}s"
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)
    assert rss_kib(proxy.process.pid) < 1024 * 1024


def test_empty_bodies_are_passed_through_and_logged_as_not_inspected(client, upstream, proxy):
    response = client.post(url(upstream, "/api/empty"), content=b"", headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert upstream.last.body == b""
    assert any(r["path"] == "/api/empty" and r["action"] == "not-inspected" for r in log_requests(proxy))
    assert_still_redacting(client, upstream)


def test_whitespace_only_json_string_is_forwarded_unchanged(client, upstream):
    response = client.post(url(upstream), content=b'"   "', headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert upstream.last.body == b'"   "'
    assert_still_redacting(client, upstream)


def test_chunked_upload_is_read_whole_and_redacted(client, upstream):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}).encode()

    def chunks():
        # Split inside the card number and the e-mail: the proxy must not look at pieces.
        for i in range(0, len(body), 7):
            yield body[i : i + 7]

    response = client.post(url(upstream), content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert "<CREDIT_CARD_1>" in upstream.last.json()["messages"][0]["content"]
    assert_nothing_planted_arrived(upstream)
    assert_still_redacting(client, upstream)


# --- Compression ----------------------------------------------------------------------------------


def gzip_bomb(inflated_bytes: int) -> bytes:
    """A valid gzip JSON chat whose filler inflates to `inflated_bytes`, built without holding it."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        gz.write(('{"model": "m", "messages": [{"role": "user", "content": "' + SENTENCE + " ").encode())
        block = b"A" * (1024 * 1024)
        for _ in range(inflated_bytes // len(block)):
            gz.write(block)
        gz.write(b'"}]}')
    return out.getvalue()


def test_gzip_bomb_is_refused_clearly_and_memory_stays_bounded(client, upstream, proxy):
    bomb = gzip_bomb(1024 * 1024 * 1024)  # 1 GiB inflated
    assert len(bomb) < 2 * 1024 * 1024
    before = rss_kib(proxy.process.pid)
    response = client.post(
        url(upstream), content=bomb, headers={"content-type": "application/json", "content-encoding": "gzip"}
    )
    error = assert_refused_by_chatveil(response, upstream, range(400, 500))
    assert "too large" in error["message"] or "limit" in error["message"], error["message"]
    after = rss_kib(proxy.process.pid)
    assert after - before < 200 * 1024, f"RSS grew by {(after - before) // 1024} MiB"
    assert_still_redacting(client, upstream)


def test_gzip_chat_body_is_redacted_and_recompressed(client, upstream):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}).encode()
    response = client.post(
        url(upstream),
        content=gzip.compress(body),
        headers={"content-type": "application/json", "content-encoding": "gzip"},
    )
    assert response.status_code == 200
    assert upstream.last.headers.get("content-encoding") == "gzip"
    sent = json.loads(gzip.decompress(upstream.last.body))
    assert "<CREDIT_CARD_1>" in sent["messages"][0]["content"]
    assert_still_redacting(client, upstream)


def test_corrupt_gzip_is_refused_and_nothing_forwarded(client, upstream):
    corrupt = gzip.compress(json.dumps({"messages": [{"role": "user", "content": SENTENCE}]}).encode())
    corrupt = corrupt[:20] + b"\x00" * 16 + corrupt[36:]
    response = client.post(
        url(upstream), content=corrupt, headers={"content-type": "application/json", "content-encoding": "gzip"}
    )
    assert_refused_by_chatveil(response, upstream, range(400, 500))
    assert_still_redacting(client, upstream)


def test_unknown_content_encoding_is_refused_and_nothing_forwarded(client, upstream):
    response = client.post(
        url(upstream),
        content=zlib.compress(SENTENCE.encode())[::-1],
        headers={"content-type": "application/json", "content-encoding": "x-chatveil-unknown"},
    )
    assert_refused_by_chatveil(response, upstream, range(400, 500))
    assert_still_redacting(client, upstream)


# --- Binary uploads --------------------------------------------------------------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def wav_bytes() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(range(256)) * 64)
    return out.getvalue()


@pytest.mark.parametrize(
    ("path", "content_type", "make"),
    [
        ("/v1/uploads/image", "image/png", png_bytes),
        ("/v1/audio/transcriptions-raw", "audio/wav", wav_bytes),
        ("/v1/files/raw", "application/octet-stream", lambda: bytes(range(256)) * 512),
    ],
)
def test_binary_upload_is_passed_through_byte_for_byte_and_logged_as_not_inspected(
    client, upstream, proxy, path, content_type, make
):
    payload = make()
    response = client.post(url(upstream, path), content=payload, headers={"content-type": content_type})
    assert response.status_code == 200
    assert upstream.last.body == payload
    rows = [r for r in log_requests(proxy) if r["path"] == path]
    assert rows and rows[-1]["action"] == "not-inspected" and rows[-1]["note"] == "binary"
    assert_still_redacting(client, upstream)


def test_random_bytes_declared_as_json_are_read_as_text_and_forwarded_unchanged(client, upstream):
    # Bytes above 0x7f and controls only: no run of letters a recognizer could take for a name.
    payload = bytes(0x80 + (i * 37 + 11) % 128 if i % 5 else i % 32 for i in range(4096))
    response = client.post(url(upstream), content=payload, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert upstream.last.body == payload
    assert_still_redacting(client, upstream)


# --- Protocols -------------------------------------------------------------------------------------


def start_h2_upstream(directory) -> tuple[Upstream, "socket.socket"]:
    """A local TLS upstream that speaks HTTP/2 only (mitmproxy offers the client h2 only when the
    server accepts it, as real chat APIs do). Records requests like `tests.upstream`."""
    import socket
    import threading

    import h2.config
    import h2.connection
    import h2.events

    from tests.upstream import Received, make_self_signed

    cert, key = make_self_signed(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["h2"])
    listener = socket.create_server(("127.0.0.1", 0))
    upstream = Upstream(port=listener.getsockname()[1], cert_path=cert)

    def serve(raw: socket.socket) -> None:
        with context.wrap_socket(raw, server_side=True) as tls:
            conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
            conn.initiate_connection()
            tls.sendall(conn.data_to_send())
            streams: dict[int, tuple[dict, bytearray]] = {}
            while data := tls.recv(65535):
                for event in conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        streams[event.stream_id] = (dict(event.headers), bytearray())
                    elif isinstance(event, h2.events.DataReceived):
                        streams[event.stream_id][1].extend(event.data)
                        conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                    elif isinstance(event, h2.events.StreamEnded):
                        headers, body = streams.pop(event.stream_id)
                        upstream.received.append(Received(headers[":method"], headers[":path"], headers, bytes(body)))
                        answer = json.dumps({"object": "chat.completion", "ok": True}).encode()
                        conn.send_headers(event.stream_id, [(":status", "200"), ("content-type", "application/json"),
                                                            ("content-length", str(len(answer)))])
                        conn.send_data(event.stream_id, answer, end_stream=True)
                tls.sendall(conn.data_to_send())

    def accept() -> None:
        while True:
            try:
                raw, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(raw,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return upstream, listener


def test_http2_request_is_redacted(proxy, tmp_path):
    h2_upstream, listener = start_h2_upstream(tmp_path)
    try:
        context = ssl.create_default_context(cafile=proxy.ca_cert)
        with httpx.Client(proxy=proxy.url, verify=context, http2=True, timeout=60) as h2_client:
            body = {"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}
            response = h2_client.post(url(h2_upstream), json=body)
            assert response.status_code == 200
            assert response.http_version == "HTTP/2"
            assert h2_upstream.last.headers[":method"] == "POST"
            assert "<CREDIT_CARD_1>" in h2_upstream.last.json()["messages"][0]["content"]
            assert_nothing_planted_arrived(h2_upstream)
            # A second request on the same HTTP/2 connection: the proxy keeps serving it.
            assert_still_redacting(h2_client, h2_upstream)
    finally:
        listener.close()


def test_many_concurrent_requests_with_bad_bodies_leave_the_proxy_serving(proxy, upstream):
    import concurrent.futures

    bodies = [
        (b'{"messages": [', "application/json"),
        (b"\xff" * 100, "application/json"),
        (json.dumps({"model": "m", "messages": [{"role": "user", "content": SENTENCE}]}).encode(), "application/json"),
        (SENTENCE.encode(), "text/plain"),
        (b"", "application/json"),
    ]
    context = ssl.create_default_context(cafile=proxy.ca_cert)

    def send(i: int) -> int:
        body, content_type = bodies[i % len(bodies)]
        with httpx.Client(proxy=proxy.url, verify=context, timeout=120) as c:
            return c.post(url(upstream), content=body, headers={"content-type": content_type}).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(send, range(50)))
    assert statuses == [200] * 50
    assert_nothing_planted_arrived(upstream)
    with httpx.Client(proxy=proxy.url, verify=context, timeout=60) as c:
        assert_still_redacting(c, upstream)


def test_websocket_flood_is_redacted_message_by_message_and_the_proxy_keeps_serving(proxy, upstream, client, tmp_path):
    from websockets.sync.client import connect

    from tests.websocket_echo import start_websocket_echo

    echo = start_websocket_echo(tmp_path)
    sent: list[str | bytes] = []
    for i in range(1200):
        kind = i % 6
        if kind == 0:
            sent.append(json.dumps({"type": "chat", "text": f"{SENTENCE} (message {i})"}))
        elif kind == 1:
            sent.append("42" + json.dumps(["send_message", {"text": f"{SENTENCE} #{i}"}]))
        elif kind == 2:
            sent.append(f"{SENTENCE} plain {i}")
        elif kind == 3:
            sent.append("2")  # Engine.IO ping
        elif kind == 4:
            sent.append(bytes([i % 256]) * 64)
        else:
            sent.append(json.dumps({"type": "typing", "conversation_id": f"c0ffee00-0000-4000-8000-{i:012d}"}))
    started = time.monotonic()
    try:
        context = ssl.create_default_context(cafile=proxy.ca_cert)
        with connect(f"wss://localhost:{echo.port}/chat", proxy=proxy.url, ssl=context, open_timeout=30,
                     max_size=None) as ws:
            for message in sent:  # as fast as the socket takes them: no waiting for echoes
                ws.send(message)
            echoed = [ws.recv(timeout=180) for _ in range(len(sent))]
        elapsed = time.monotonic() - started
        assert len(echo.received) == len(sent)
        for original, arrived in zip(sent, echo.received):
            if isinstance(original, bytes):
                assert arrived == original  # binary frames pass as they are
            elif original in ("2",) or "typing" in original:
                assert arrived == original
            else:
                assert CARD not in arrived and EMAIL not in arrived and "<CREDIT_CARD_1>" in arrived
        assert len(echoed) == len(sent)
        assert elapsed < 300, f"the flood took {elapsed:.0f}s"
    finally:
        echo.close()
    assert rss_kib(proxy.process.pid) < 1024 * 1024
    assert_still_redacting(client, upstream)


def test_policy_that_acts_on_no_entity_type_still_starts_and_passes_messages(tmp_path, upstream):
    # A policy with `entities: {}` leaves the Detector's registry empty; Presidio then loads every
    # predefined recognizer by class name, picks ChatVeil's `PhoneRecognizer` for its own, and
    # the proxy did not start (TypeError in SpanRecognizer.__init__). Found by the benchmarks.
    policy = tmp_path / "nothing.yaml"
    policy.write_text("version: 1\nname: nothing\nhosts: [localhost]\nentities: {}\n")
    proxy = start_proxy(tmp_path, "--policy", str(policy))
    try:
        with httpx.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=proxy.ca_cert), timeout=60) as c:
            response = c.post(url(upstream), json={"model": "m", "messages": [{"role": "user", "content": SENTENCE}]})
        assert response.status_code == 200
        assert upstream.last.json()["messages"][0]["content"] == SENTENCE  # nothing is acted on
    finally:
        proxy.stop()
