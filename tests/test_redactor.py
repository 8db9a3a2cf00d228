from __future__ import annotations

import gzip
import json

import pytest
from mitmproxy import exceptions
from mitmproxy.test import taddons, tflow, tutils

from proxy.redactor import Redactor, RequestVerdict

CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(
        "version: 1\nname: unit\nhosts: [chat.example.com]\n"
        "entities:\n  PERSON: {action: redact}\n  CREDIT_CARD: {action: redact}\n"
        "  EMAIL_ADDRESS: {action: warn}\n  STREET_ADDRESS: {action: block}\n"
    )
    return path


@pytest.fixture
def redactor(policy_file, chatveil_home):
    addon = Redactor()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, chatveil_policy=str(policy_file), chatveil_warm_up=False)
        yield addon, tctx


def chat_flow(content: str, host: str = "chat.example.com", path: str = "/v1/chat/completions", **headers):
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": content}]}).encode()
    request = tutils.treq(host=host, port=443, path=path.encode(), method=b"POST", content=body)
    request.headers["content-type"] = "application/json"
    for k, v in headers.items():
        request.headers[k.replace("_", "-")] = v
    return tflow.tflow(req=request)


async def test_card_in_chat_message_is_replaced_before_forwarding(redactor):
    addon, _ = redactor
    flow = chat_flow(f"charge {CARD} now")
    await addon.request(flow)
    sent = json.loads(flow.request.content)["messages"][0]["content"]
    assert sent == "charge <CREDIT_CARD_1> now"
    assert flow.response is None
    verdict = RequestVerdict.from_flow(flow)
    assert verdict.action == "redact" and verdict.types == ["CREDIT_CARD"]
    assert verdict.findings[0].hint == "**** **** **** 1111"
    assert CARD not in json.dumps(flow.metadata["chatveil"])


async def test_content_length_is_updated_after_rewriting(redactor):
    addon, _ = redactor
    flow = chat_flow(f"charge {CARD} now")
    await addon.request(flow)
    assert int(flow.request.headers["content-length"]) == len(flow.request.raw_content)


async def test_gzip_request_body_is_redacted_and_stays_gzip(redactor):
    addon, _ = redactor
    flow = chat_flow("x")
    flow.request.headers["content-encoding"] = "gzip"
    flow.request.raw_content = gzip.compress(json.dumps({"messages": [{"role": "user", "content": f"card {CARD}"}], "model": "m"}).encode())
    await addon.request(flow)
    assert flow.request.headers["content-encoding"] == "gzip"
    assert CARD.encode() not in gzip.decompress(flow.request.raw_content)


async def test_block_action_answers_403_and_names_the_type(redactor):
    addon, _ = redactor
    flow = chat_flow("send it to 42 Willow Creek Road please")
    await addon.request(flow)
    assert flow.response.status_code == 403
    error = json.loads(flow.response.content)["error"]
    assert "STREET_ADDRESS" in error["message"]
    assert "Willow" not in flow.response.text


async def test_warn_action_forwards_the_body_unchanged(redactor, caplog):
    addon, _ = redactor
    flow = chat_flow("write to someone@example.com")
    original = flow.request.raw_content
    await addon.request(flow)
    assert flow.request.raw_content == original
    assert RequestVerdict.from_flow(flow).action == "warn"
    assert "EMAIL_ADDRESS" in caplog.text and "someone@example.com" not in caplog.text


async def test_host_not_in_policy_is_not_touched(redactor):
    addon, _ = redactor
    flow = chat_flow(f"card {CARD}", host="bank.example.net")
    original = flow.request.raw_content
    await addon.request(flow)
    assert flow.request.raw_content == original
    assert "chatveil" not in flow.metadata


async def test_analysis_failure_fails_closed_with_an_error_to_the_client(redactor, monkeypatch, caplog):
    addon, _ = redactor

    def explode(*args, **kwargs):
        raise RuntimeError("model crashed on Jane Doe")

    monkeypatch.setattr(addon.pipeline, "process", explode)
    flow = chat_flow(f"card {CARD}")
    await addon.request(flow)
    assert flow.response.status_code == 503
    assert "not sent" in json.loads(flow.response.content)["error"]["message"]
    assert RequestVerdict.from_flow(flow).action == "error"
    assert "Jane Doe" not in caplog.text


async def test_undecodable_body_is_refused_not_forwarded(redactor):
    addon, _ = redactor
    flow = chat_flow("x")
    flow.request.headers["content-encoding"] = "gzip"
    flow.request.raw_content = b"definitely not gzip" + CARD.encode()
    await addon.request(flow)
    assert flow.response is not None and flow.response.status_code >= 400


async def test_invalid_json_is_analysed_as_plain_text(redactor):
    addon, _ = redactor
    flow = chat_flow("x")
    flow.request.content = f'{{"messages": [{{"content": "card {CARD}"'.encode()
    await addon.request(flow)
    assert CARD.encode() not in flow.request.content


def test_large_bodies_to_inspected_hosts_are_never_streamed_past_the_addon(redactor):
    addon, _ = redactor
    flow = chat_flow("hello")
    flow.request.stream = True  # what stream_large_bodies would have set
    addon.requestheaders(flow)
    assert flow.request.stream is False


def test_only_inspected_hosts_are_decrypted(redactor):
    addon, tctx = redactor
    patterns = tctx.options.allow_hosts
    assert any("chat\\.example\\.com" in p for p in patterns)


def test_malformed_policy_is_an_options_error_and_keeps_the_previous_policy(redactor, tmp_path):
    addon, tctx = redactor
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nentities:\n  PERSON: {action: shred}\n")
    previous = addon.policy
    with pytest.raises(exceptions.OptionsError, match=r"bad\.yaml:3: entities\.PERSON\.action"):
        tctx.configure(addon, chatveil_policy=str(bad))
    assert addon.policy is previous
