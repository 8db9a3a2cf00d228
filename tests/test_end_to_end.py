"""The real proxy, a real client, a local TLS upstream: what arrives must be redacted."""

from __future__ import annotations

import sqlite3
import ssl

import httpx
import pytest

pytestmark = pytest.mark.slow

CARD = "4111 1111 1111 1111"
NAME = "Jake Morrison"


def client_through(proxy, verify) -> httpx.Client:
    return httpx.Client(proxy=proxy.url, verify=verify, timeout=30)


def test_openai_chat_request_reaches_upstream_with_name_and_card_redacted(running_proxy, upstream):
    with client_through(running_proxy, ssl.create_default_context(cafile=running_proxy.ca_cert)) as client:
        response = client.post(
            f"https://localhost:{upstream.port}/v1/chat/completions",
            json={
                "model": "gpt-4o-mini",
                "messages": [
                    {"role": "system", "content": "You are a helpful florist."},
                    {"role": "user", "content": f"Hi, I'm {NAME}. Charge my card {CARD} for the roses."},
                ],
            },
        )
    assert response.status_code == 200
    sent = upstream.last.json()
    text = sent["messages"][1]["content"]
    assert NAME not in text and "Morrison" not in text
    assert CARD not in text and "4111" not in text
    assert "<PERSON_1>" in text and "<CREDIT_CARD_1>" in text
    assert sent["model"] == "gpt-4o-mini"
    assert sent["messages"][0]["content"] == "You are a helpful florist."

    rows = sqlite3.connect(running_proxy.log_db).execute(
        "SELECT entity_type, action, hint, value_hash, host, path FROM findings"
    ).fetchall()
    assert {r[0] for r in rows} == {"PERSON", "CREDIT_CARD"}
    assert all(r[1] == "redact" and r[4] == "localhost" and r[5] == "/v1/chat/completions" for r in rows)
    assert "**** **** **** 1111" in {r[2] for r in rows}
    raw_db = b"".join(p.read_bytes() for p in running_proxy.log_db.parent.glob("log.sqlite3*"))
    for value in (NAME, "Morrison", CARD, CARD.replace(" ", "")):
        assert value.encode() not in raw_db
    output = running_proxy.output()
    assert "ChatVeil redacted" in output and "CREDIT_CARD **** **** **** 1111" in output
    assert NAME not in output and CARD not in output


def test_host_not_in_policy_is_tunnelled_with_the_origins_own_certificate(running_proxy, tmp_path):
    # 127.0.0.1 is not an inspected host: the client must see the upstream's certificate, which
    # it trusts alone. Had ChatVeil decrypted the connection, verification would fail.
    from tests.upstream import start_upstream

    (tmp_path / "other").mkdir()
    other = start_upstream(tmp_path / "other", names=("127.0.0.1",))
    try:
        only_origin = ssl.create_default_context(cafile=other.cert_path)
        with client_through(running_proxy, only_origin) as client:
            response = client.post(f"https://127.0.0.1:{other.port}/v1/chat/completions", json={
                "model": "m", "messages": [{"role": "user", "content": f"I'm {NAME}, card {CARD}"}]})
        assert response.status_code == 200
        assert CARD in other.last.json()["messages"][0]["content"]  # untouched: not inspected
    finally:
        other.close()


def test_blocked_entity_answers_client_with_4xx_and_forwards_nothing(tmp_path, upstream):
    from tests.proxy_process import start_proxy

    policy = tmp_path / "block.yaml"
    policy.write_text("version: 1\nname: block-cards\nhosts: [localhost]\nentities:\n  CREDIT_CARD: {action: block}\n")
    proxy = start_proxy(tmp_path, "--policy", str(policy))
    try:
        with client_through(proxy, ssl.create_default_context(cafile=proxy.ca_cert)) as client:
            response = client.post(f"https://localhost:{upstream.port}/v1/chat/completions", json={
                "model": "m", "messages": [{"role": "user", "content": f"card {CARD} please"}]})
        assert response.status_code == 403
        assert "CREDIT_CARD" in response.json()["error"]["message"]
        assert upstream.received == []
    finally:
        proxy.stop()


def test_mitm_it_serves_chatveils_ca_through_the_proxy(running_proxy):
    # The onboarding page is answered by the proxy itself; with decryption limited to inspected
    # hosts it must still be let in, or the request would be tunnelled out to the real mitm.it.
    with httpx.Client(proxy=running_proxy.url, timeout=30) as client:
        response = client.get("http://mitm.it/cert/pem")
    assert response.status_code == 200
    assert response.text.strip() == running_proxy.ca_cert.read_text().strip()
