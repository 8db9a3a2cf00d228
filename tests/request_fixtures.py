"""Real-shape requests from tests/fixtures/requests/, and one configured Redactor to run them
through (loading spaCy once per test session, not once per test)."""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path

from mitmproxy import http
from mitmproxy.test import taddons, tflow, tutils

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "requests"
HOST = "chat.example.com"
NAME = "Jake Morrison"
CARD = "4111 1111 1111 1111"
MAIL = "jake.morrison@example.com"
PLANTED = (NAME, "Morrison", CARD, CARD.replace(" ", ""), MAIL)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def fixture_body(name: str) -> bytes:
    data = fixture(name)
    if "json" in data:
        return json.dumps(data["json"]).encode()
    return data.get("body", "").encode()


def request_from_fixture(name: str, host: str = HOST) -> http.Request:
    data = fixture(name)
    return make_request(data["method"], data["path"], fixture_body(name), data["headers"], host)


def make_request(method: str, path: str, content: bytes, headers: dict | None = None, host: str = HOST) -> http.Request:
    request = tutils.treq(method=method.encode(), host=host, port=443, scheme=b"https", path=path.encode(),
                          authority=host.encode(), headers=http.Headers(**{}), content=b"")
    request.headers.clear()
    request.headers["host"] = host
    for k, v in (headers or {}).items():
        request.headers[k] = v
    request.raw_content = content
    if content:
        request.headers["content-length"] = str(len(content))
    return request


@functools.lru_cache(maxsize=None)
def configured_redactor(inspect: tuple[str, ...] = (HOST,), policy: str = ""):
    from proxy.redactor import Redactor

    redactor = Redactor()
    with taddons.context(redactor) as tctx:
        tctx.configure(redactor, chatveil_inspect_hosts=list(inspect), chatveil_warm_up=False,
                       **({"chatveil_policy": policy} if policy else {}))
    return redactor


def run_request(redactor, request: http.Request) -> http.HTTPFlow:
    flow = tflow.tflow(req=request)
    flow.request.host = request.host
    asyncio.run(redactor.request(flow))
    return flow


def assert_nothing_planted(data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    for value in PLANTED:
        assert value not in text, f"a planted value survived ({value[:3]}…)"
