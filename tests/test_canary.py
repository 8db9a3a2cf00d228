"""The doctor's self-test host is answered inside the proxy with what would have been forwarded."""

from __future__ import annotations

import base64
import json
import ssl

import httpx
import pytest
from mitmproxy import http
from mitmproxy.test import taddons, tflow, tutils

from proxy.canary import CANARY_HEADER, CANARY_HOST, Canary

NAME = "Jake Morrison"
CARD = "4111 1111 1111 1111"


def test_canary_answers_with_the_body_as_it_would_have_been_forwarded():
    canary = Canary()
    with taddons.context(canary):
        flow = tflow.tflow(req=tutils.treq(host=CANARY_HOST, port=443, path=b"/v1/chat/completions",
                                           method=b"POST", content=b'{"messages": []}'))
        canary.request(flow)
    assert flow.response.status_code == 200 and flow.response.headers[CANARY_HEADER] == "1"
    assert json.loads(flow.response.content) == {
        "chatveil_canary": True, "method": "POST", "path": "/v1/chat/completions",
        "forwarded_base64": base64.b64encode(b'{"messages": []}').decode()}


def test_canary_keeps_the_redactors_answer_when_it_blocked_the_message():
    canary = Canary()
    with taddons.context(canary):
        flow = tflow.tflow(req=tutils.treq(host=CANARY_HOST, port=443))
        flow.response = http.Response.make(403, b"blocked")
        canary.request(flow)
    assert flow.response.status_code == 403


def test_canary_ignores_every_other_host():
    canary = Canary()
    with taddons.context(canary):
        flow = tflow.tflow(req=tutils.treq(host="chat.example.com", port=443))
        canary.request(flow)
        connect = tflow.tflow(req=tutils.treq(method=b"CONNECT", host="chat.example.com", port=443, path=b""))
        canary.http_connect(connect)
    assert flow.response is None and connect.response is None


def test_canary_answers_connect_itself_so_nothing_is_resolved_or_dialled():
    canary = Canary()
    with taddons.context(canary):
        connect = tflow.tflow(req=tutils.treq(method=b"CONNECT", host=CANARY_HOST, port=443, path=b""))
        canary.http_connect(connect)
    assert connect.response.status_code == 200


@pytest.mark.slow
def test_canary_through_the_real_proxy_comes_back_redacted(running_proxy):
    with httpx.Client(proxy=running_proxy.url, verify=ssl.create_default_context(cafile=running_proxy.ca_cert),
                      timeout=30) as client:
        response = client.post(f"https://{CANARY_HOST}/v1/chat/completions", json={
            "model": "m", "messages": [{"role": "user", "content": f"I'm {NAME}, card {CARD}."}]})
    assert response.status_code == 200
    forwarded = json.loads(base64.b64decode(response.json()["forwarded_base64"]))["messages"][0]["content"]
    assert NAME not in forwarded and CARD not in forwarded
    assert "<PERSON_1>" in forwarded and "<CREDIT_CARD_1>" in forwarded
