"""The dashboard's server: token required, foreign origins and hosts refused, no CORS, live events."""

from __future__ import annotations

import asyncio
import json
import re
from importlib import resources

import httpx
import pytest
from mitmproxy.test import taddons, tflow

from proxy.ask_queue import AskedFinding
from proxy.dashboard import Dashboard
from proxy.log_addon import DecisionLogger
from proxy.masking import KeyedHasher, mask
from proxy.redactor import METADATA_KEY, LoggedFinding, RequestVerdict
from tests.proxy_process import free_port

CARD = "4111 1111 1111 1111"


@pytest.fixture
async def dashboard(tmp_path, chatveil_home):
    logger, dash = DecisionLogger(), Dashboard()
    with taddons.context(logger, dash) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        tctx.configure(dash, chatveil_dashboard_port=free_port())
        await dash.running()
        yield dash
        dash.done()


def base(dash: Dashboard) -> str:
    return f"http://127.0.0.1:{dash.port}"


async def get(dash, path, headers=None, token=True, **query):
    params = {"token": dash.token, **query} if token else query
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.get(base(dash) + path, params=params, headers=headers)


def verdict_flow(action="block", hint="**** **** **** 1111"):
    flow = tflow.tflow()
    hasher = KeyedHasher.from_file()
    flow.metadata[METADATA_KEY] = RequestVerdict("claude.ai", "/api/append_message", action, findings=(
        LoggedFinding("CREDIT_CARD", action, 1.0, "Rec", "placeholder", hint, hasher.digest(CARD, "CREDIT_CARD")),
    )).to_metadata()
    return flow


async def test_the_page_needs_the_session_token(dashboard):
    assert (await get(dashboard, "/", token=False)).status_code == 403
    async with httpx.AsyncClient() as client:
        wrong = await client.get(base(dashboard) + "/", params={"token": "guess"})
    assert wrong.status_code == 403 and wrong.text == "Forbidden: missing or wrong token\n"
    page = await get(dashboard, "/")
    assert page.status_code == 200
    assert f'src="/app.js?token={dashboard.token}"' in page.text
    for path in ("/app.js", "/app.css", "/api/asks", "/api/stats", "/api/log", "/api/events"):
        assert (await get(dashboard, path, token=False)).status_code == 403, path


async def test_the_token_may_come_in_a_header(dashboard):
    response = await get(dashboard, "/api/asks", headers={"X-ChatVeil-Token": dashboard.token}, token=False)
    assert response.status_code == 200 and response.json() == {"asks": []}


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Host": "rebind.example.com:{port}"}, "unknown host"),  # DNS rebinding
        ({"Host": "127.0.0.1:1"}, "unknown host"),
        ({"Origin": "https://evil.example.com"}, "foreign origin"),
        ({"Origin": "http://localhost:1"}, "foreign origin"),  # another local web app
        ({"Origin": "null"}, "foreign origin"),
        ({"Sec-Fetch-Site": "cross-site"}, "cross-site request"),
        ({"Sec-Fetch-Site": "same-site"}, "cross-site request"),
    ],
)
async def test_other_hosts_and_origins_are_refused_even_with_the_token(dashboard, headers, reason):
    headers = {k: v.format(port=dashboard.port) for k, v in headers.items()}
    response = await get(dashboard, "/api/asks", headers=headers)
    assert (response.status_code, response.text) == (403, f"Forbidden: {reason}\n")


async def test_its_own_origin_is_accepted(dashboard):
    for name in ("127.0.0.1", "localhost"):
        headers = {"Host": f"{name}:{dashboard.port}", "Origin": f"http://{name}:{dashboard.port}",
                   "Sec-Fetch-Site": "same-origin"}
        assert (await get(dashboard, "/api/asks", headers=headers)).status_code == 200


async def test_no_response_carries_cors_headers(dashboard):
    async with httpx.AsyncClient() as client:
        responses = [
            await get(dashboard, "/"),
            await get(dashboard, "/api/asks", headers={"Origin": "https://evil.example.com"}),
            await client.options(base(dashboard) + "/api/asks", params={"token": dashboard.token}, headers={
                "Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"}),
            await client.options(base(dashboard) + "/api/asks", params={"token": dashboard.token}),
        ]
    for r in responses:
        assert not [h for h in r.headers if h.lower().startswith("access-control-")]
    assert responses[0].headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    assert responses[0].headers["referrer-policy"] == "no-referrer"
    assert responses[0].headers["x-frame-options"] == "DENY"


async def test_the_live_feed_delivers_a_decision_with_masked_hints(dashboard):
    async with httpx.AsyncClient(timeout=5) as client:
        async with client.stream("GET", base(dashboard) + "/api/events", params={"token": dashboard.token}) as stream:
            assert stream.headers["content-type"] == "text/event-stream"
            lines = stream.aiter_lines()
            assert [await anext(lines) for _ in range(3)] == ["retry: 2000", ": connected", ""]
            dashboard.request(verdict_flow("block"))
            event = [await anext(lines) for _ in range(2)]
    assert event[0] == "event: decision"
    data = json.loads(event[1].removeprefix("data: "))
    assert data == {"host": "claude.ai", "path": "/api/append_message", "action": "block", "note": "",
                    "findings": [{"type": "CREDIT_CARD", "hint": "**** **** **** 1111", "action": "block"}]}


async def test_a_held_message_is_listed_and_answered_through_the_api(dashboard):
    task = asyncio.create_task(dashboard.asks.ask(
        "claude.ai", "/api", (AskedFinding("CREDIT_CARD", "**** **** **** 1111"),), 10, "redact"))
    while not dashboard.asks.pending():
        await asyncio.sleep(0.01)
    listed = (await get(dashboard, "/api/asks")).json()["asks"]
    assert [(q["host"], q["findings"]) for q in listed] == [
        ("claude.ai", [{"entity_type": "CREDIT_CARD", "hint": "**** **** **** 1111"}])]
    url = f"{base(dashboard)}/api/asks/{listed[0]['id']}"
    async with httpx.AsyncClient() as client:
        form = await client.post(url, params={"token": dashboard.token}, data={"choice": "send"})
        bad = await client.post(url, params={"token": dashboard.token}, json={"choice": "maybe"})
        ok = await client.post(url, params={"token": dashboard.token}, json={"choice": "block"})
        again = await client.post(url, params={"token": dashboard.token}, json={"choice": "send"})
    assert form.status_code == 415  # a cross-site form cannot answer for the user
    assert bad.status_code == 400
    assert ok.json() == {"ok": True, "choice": "block"}
    assert again.status_code == 409
    answer = await task
    assert (answer.choice, answer.by) == ("block", "user")


async def test_log_search_filters_and_finds_a_value_without_it_in_the_url(dashboard):
    from mitmproxy import ctx

    decision_logger = ctx.master.addons.get("decisionlogger")
    decision_logger.request(verdict_flow("block"))
    decision_logger.request(verdict_flow("redact"))
    entries = (await get(dashboard, "/api/log", action="block")).json()["entries"]
    assert [(e["host"], e["action"]) for e in entries] == [("claude.ai", "block")]
    async with httpx.AsyncClient() as client:
        found = await client.post(base(dashboard) + "/api/log/find", params={"token": dashboard.token},
                                  json={"value": "4111-1111-1111-1111"})
        missing = await client.post(base(dashboard) + "/api/log/find", params={"token": dashboard.token},
                                    json={"value": "Nadia Quist"})
    assert [e["action"] for e in found.json()["entries"]] == ["redact", "block"]
    assert missing.json() == {"entries": []}
    stats = (await get(dashboard, "/api/stats", since="1h")).json()
    assert stats["by_type"] == [{"type": "CREDIT_CARD", "count": 2}]
    assert (await get(dashboard, "/api/stats", since="soon")).status_code == 400


def test_the_page_loads_nothing_from_anywhere_else():
    static = resources.files("proxy.dashboard").joinpath("static")
    names = sorted(p.name for p in static.iterdir())
    assert names == ["app.css", "app.js", "index.html"]
    for name in names:
        text = static.joinpath(name).read_text()
        urls = re.findall(r"(?:https?:)?//[\w.-]+", text)
        # The SVG namespace is an identifier, never fetched.
        assert set(urls) <= {"http://www.w3.org"}, (name, urls)
        assert "innerHTML" not in text  # data goes in with textContent only


async def test_port_zero_turns_the_dashboard_off_and_asks_fall_back_at_once(tmp_path):
    dash = Dashboard()
    with taddons.context(dash) as tctx:
        tctx.configure(dash, chatveil_dashboard_port=0)
        await dash.running()
        assert dash.url is None
        answer = await dash.asks.ask("claude.ai", "/api", (), 60, "block")
    assert (answer.choice, answer.by) == ("block", "no-dashboard")


async def test_a_busy_port_is_a_warning_and_the_proxy_goes_on(dashboard, caplog):
    other = Dashboard()
    with taddons.context(other) as tctx:
        tctx.configure(other, chatveil_dashboard_port=dashboard.port)
        await other.running()
        assert other.url is None and other.asks.accepting is False
    assert any(r.levelname == "WARNING" and "could not listen" in r.getMessage() for r in caplog.records)


def test_hints_are_what_the_feed_shows():
    assert mask(CARD, "CREDIT_CARD") == "**** **** **** 1111"
