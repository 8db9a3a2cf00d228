"""The Dashboard addon: serves the local review page on its own loopback port.

Runs on mitmproxy's event loop (no thread), so it reads the same `AskQueue` the Redactor waits
on and the same `RedactionLog` the DecisionLogger writes. The page gets only what the log holds:
entity types, masked hints, hosts, counts; never message text.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from importlib import resources

from mitmproxy import ctx, http

from proxy.ask_queue import CHOICES, AskQueue
from proxy.dashboard.access import refusal
from proxy.dashboard.events import EventHub
from proxy.dashboard.http_server import Request, Response, serve
from proxy.masking import KeyedHasher
from proxy.redaction_log import LogFilter, parse_time_spec

logger = logging.getLogger("chatveil")

HOST = "127.0.0.1"  # loopback only, whatever the proxy itself listens on
_STATIC = {"/app.js": ("app.js", "text/javascript; charset=utf-8"), "/app.css": ("app.css", "text/css; charset=utf-8")}
MAX_LOG_ROWS = 500


def static_text(name: str) -> str:
    return resources.files("proxy.dashboard").joinpath("static", name).read_text(encoding="utf-8")


class Dashboard:
    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(24)
        self.asks = AskQueue(accepting=False)  # until the page can be served
        self.events = EventHub()
        self.port = 0
        self._server: asyncio.Server | None = None
        self.asks.subscribe(self._on_ask_event)

    # ---- mitmproxy hooks -------------------------------------------------------------------

    def load(self, loader) -> None:
        loader.add_option(
            "chatveil_dashboard_port",
            int,
            8081,
            "Port of ChatVeil's local dashboard (always on 127.0.0.1, with a session token in its URL "
            "printed at start). 0 turns the dashboard off; messages whose action is `ask` then get "
            "the policy's ask.on_timeout at once.",
        )

    async def running(self) -> None:
        port = ctx.options.chatveil_dashboard_port
        if port == 0 or self._server is not None:
            return
        try:
            self._server = await serve(self.handle, HOST, port)
        except OSError as e:
            # A warning, not an error: the proxy itself must keep protecting messages.
            logger.warning("ChatVeil's dashboard could not listen on %s:%d (%s); set chatveil_dashboard_port",
                           HOST, port, e.strerror or e)
            return
        self.port = self._server.sockets[0].getsockname()[1]
        self.asks.accepting = True

    @property
    def url(self) -> str | None:
        return f"http://{HOST}:{self.port}/?token={self.token}" if self._server is not None else None

    def request(self, flow: http.HTTPFlow) -> None:
        from proxy.redactor import RequestVerdict

        verdict = RequestVerdict.from_flow(flow)
        if verdict is None or (verdict.action == "pass" and not verdict.findings):
            return
        self.events.publish("decision", {
            "host": verdict.host,
            "path": verdict.path,
            "action": verdict.action,
            "note": verdict.note,
            "findings": [{"type": f.entity_type, "hint": f.hint, "action": f.action} for f in verdict.findings],
        })

    def done(self) -> None:
        self.asks.accepting = False
        self.events.close()
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_ask_event(self, event: str, question, answer=None) -> None:
        if event == "ask":
            logger.warning("ChatVeil is holding a message to %s%s that contains %s: choose on the dashboard",
                           question.host, question.path,
                           ", ".join(f"{f.entity_type} {f.hint}" for f in question.findings))
        elif event == "answered":
            logger.info("ChatVeil: the held message to %s%s was %s", question.host, question.path,
                        answer.describe().removeprefix("ask: "))
        data = question.to_json()
        if answer is not None:
            data["answer"] = {"choice": answer.choice, "by": answer.by}
        self.events.publish(event, data)

    # ---- the page and its API --------------------------------------------------------------

    async def handle(self, request: Request) -> Response:
        reason = refusal(request, self.token, self.port)
        if reason:
            return Response.text(403, f"Forbidden: {reason}\n")
        try:
            return await self._route(request)
        except ValueError as e:  # unreadable JSON, a bad number
            return Response.json(400, {"error": str(e)})

    async def _route(self, request: Request) -> Response:
        if request.method == "POST" and request.headers.get("content-type", "").split(";")[0] != "application/json":
            # Forms and "simple" cross-site requests cannot send JSON without a preflight.
            return Response.text(415, "POST bodies must be application/json\n")
        route = (request.method, request.path)
        if route == ("GET", "/"):
            page = static_text("index.html").replace("__TOKEN__", self.token)
            return Response(200, page.encode(), "text/html; charset=utf-8")
        if request.method == "GET" and request.path in _STATIC:
            name, content_type = _STATIC[request.path]
            return Response(200, static_text(name).encode(), content_type)
        if route == ("GET", "/api/events"):
            return Response(200, content_type="text/event-stream", stream=self.events.stream())
        if route == ("GET", "/api/asks"):
            return Response.json(200, {"asks": [q.to_json() for q in self.asks.pending()]})
        if request.method == "POST" and request.path.startswith("/api/asks/"):
            return self._answer(request.path.removeprefix("/api/asks/"), request)
        if route == ("GET", "/api/log"):
            return await self._log(request.query, None)
        if route == ("POST", "/api/log/find"):
            # A value to look for travels in the body, never in a URL that browsers keep in history.
            body = request.json()
            return await self._log(body, str(body.get("value", "")))
        if route == ("GET", "/api/stats"):
            return await self._stats(request.query)
        return Response.text(404, "not found\n")

    def _answer(self, question_id: str, request: Request) -> Response:
        choice = request.json().get("choice")
        if choice not in CHOICES:
            return Response.json(400, {"error": f"choice must be one of {', '.join(CHOICES)}"})
        if not self.asks.answer(question_id, choice):
            return Response.json(409, {"error": "this message was already answered or is gone"})
        return Response.json(200, {"ok": True, "choice": choice})

    def _redaction_log(self):
        logger_addon = ctx.master.addons.get("decisionlogger")
        return getattr(logger_addon, "log", None)

    async def _log(self, params: dict, value: str | None) -> Response:
        log = self._redaction_log()
        if log is None:
            return Response.json(200, {"entries": []})
        try:
            since = parse_time_spec(str(params["since"])) if params.get("since") else None
            limit = min(int(params.get("limit") or 200), MAX_LOG_ROWS)
        except ValueError as e:
            return Response.json(400, {"error": str(e)})

        def query():
            hashes = None
            if value is not None:
                hasher = getattr(ctx.master.addons.get("redactor"), "hasher", None) or KeyedHasher.from_file()
                hashes = log.find_hashes(value, hasher)
            where = LogFilter(since=since, host=_text(params, "host"), entity_type=_text(params, "type"),
                              action=_text(params, "action"), value_hashes=hashes, limit=limit)
            return log.entries(where)

        entries = await asyncio.to_thread(query)
        return Response.json(200, {"entries": [e.to_json() for e in entries]})

    async def _stats(self, params: dict) -> Response:
        log = self._redaction_log()
        if log is None:
            return Response.json(200, {"requests": 0, "findings": 0, "by_host": [], "by_type": [], "by_action": []})
        try:
            since = parse_time_spec(params["since"]) if params.get("since") else None
        except ValueError as e:
            return Response.json(400, {"error": str(e)})
        stats = await asyncio.to_thread(log.stats, since)
        return Response.json(200, stats.to_json())


def _text(params: dict, key: str) -> str | None:
    value = params.get(key)
    return str(value).strip() or None if value is not None else None
