"""The WebSocketRedactor addon: redacts what the client sends over WebSockets to inspected hosts.

Many companion apps chat over a WebSocket rather than HTTP requests. Each client→server text
message is read as JSON, as Socket.IO (`42["send_message",{"text":"..."}]`,
`42/chat,17["event",{...}]`) or as plain text, analysed by the Redactor's own pipeline and policy,
and written back in the same framing. Binary messages carry no text we can read: they are passed
and noted. Like the Redactor it fails closed: a message that cannot be inspected is dropped (the
app sees a lost message, never a leaked one), with a log line that names no value.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from mitmproxy import http

from proxy.adapters import adapter_for, fields_of, set_at
from proxy.findings import overall_action
from proxy.request_body import dump_json, json_layout

logger = logging.getLogger("chatveil")

# Engine.IO packet type + Socket.IO packet type (+ "-" and attachment count for binary events),
# optional namespace ending in a comma, optional ack id, then the JSON payload.
_SOCKET_IO = re.compile(r"^(\d+(?:-)?)(/[^,\[{]*,)?(\d*)([\[{].*)$", re.DOTALL)
# Engine.IO ping "2", pong "3", Socket.IO connect "40": no text. Longer digit runs are text: a
# card number typed alone must not pass as a control packet (found by the property tests).
_CONTROL = re.compile(r"^\d{0,3}$")


@dataclass
class Frame:
    """A text message split into its framing (kept verbatim) and its payload."""

    prefix: str
    kind: str  # json | text | control
    document: Any
    compact: bool = True
    ascii_only: bool = False

    def serialize(self) -> str:
        if self.kind == "json":
            return self.prefix + dump_json(self.document, self.compact, self.ascii_only)
        if self.kind == "text":
            return self.prefix + self.document[0]
        return self.prefix


def parse_frame(text: str) -> Frame:
    if _CONTROL.match(text):
        return Frame(text, "control", None)
    stripped = text.lstrip()
    candidates = [("", text)] if stripped[:1] in ("{", "[") else []
    match = _SOCKET_IO.match(text)
    if match:
        candidates.append(("".join(g or "" for g in match.groups()[:3]), match.group(4)))
    for prefix, payload in candidates:
        try:
            document = json.loads(payload)
        except (ValueError, RecursionError):
            continue
        compact, ascii_only = json_layout(payload, document)
        return Frame(prefix, "json", document, compact, ascii_only)
    return Frame("", "text", [text])


class WebSocketRedactor:
    """Needs the Redactor: it shares its policy, pipeline, worker thread and conversations."""

    def __init__(self, redactor, decision_logger=None) -> None:
        self.redactor = redactor
        # Given, not looked up by name: each message's verdict goes to this logger's log.
        self.decision_logger = decision_logger

    async def websocket_message(self, flow: http.HTTPFlow) -> None:
        assert flow.websocket is not None
        message = flow.websocket.messages[-1]
        if not message.from_client or message.dropped or not self.redactor.inspects(flow):
            return
        host = flow.request.pretty_host
        if not message.is_text:
            logger.info("ChatVeil passed a binary WebSocket message to %s uninspected (%d bytes)", host, len(message.content))
            return
        try:
            await self._inspect(flow, message)
        except Exception as e:  # fail closed: drop what we could not read
            message.drop()
            logger.error("ChatVeil dropped a WebSocket message to %s: inspection failed (%s)", host, type(e).__name__)

    async def _inspect(self, flow: http.HTTPFlow, message) -> None:
        from proxy.redactor import RequestVerdict

        redactor = self.redactor
        policy, pipeline = redactor.policy, redactor.pipeline
        host, path = flow.request.pretty_host, flow.request.path.split("?")[0]
        frame = parse_frame(message.text)
        if frame.kind == "control":
            return
        rule = policy.host_rule(host)
        adapter = adapter_for(frame.kind, path, frame.document, rule.fields if rule else ())
        fields = fields_of(adapter, frame.kind, frame.document)
        if not fields:
            return
        # One WebSocket connection is one conversation: the app keeps it open while you chat.
        conversation = f"ws-{flow.id}"
        pseudonyms = redactor.conversations.get(conversation)
        loop = asyncio.get_running_loop()
        outcomes = await loop.run_in_executor(
            redactor.executor, lambda: [pipeline.process(f.text, pseudonyms) for f in fields]
        )
        findings = tuple(f for o in outcomes for f in redactor._logged(o))
        action = overall_action([d for o in outcomes for d in o.decisions])
        verdict = RequestVerdict(host, path, action, f"websocket/{adapter.name}", conversation, findings)
        if action != "pass" or findings:
            self._record(verdict)
        if action == "block":
            message.drop()
            logger.warning("ChatVeil blocked a WebSocket message to %s: %s", host, ", ".join(verdict.types))
            return
        changed = [(f, o) for f, o in zip(fields, outcomes) if o.redacted != o.original]
        if changed:
            for field_, outcome in changed:
                set_at(frame.document, field_.location, outcome.redacted)
            message.text = frame.serialize()
        if action in ("redact", "warn"):
            logger.info(
                "ChatVeil %s %s in a WebSocket message to %s",
                "warns about" if action == "warn" else "redacted",
                ", ".join(f"{f.entity_type} {f.hint}" for f in findings if f.action != "allow"),
                host,
            )

    def _record(self, verdict) -> None:
        # The DecisionLogger records HTTP verdicts from flow metadata; a WebSocket flow has one
        # request but many messages, so each message's verdict is recorded here. An exception
        # drops the message (fail closed), as the DecisionLogger does for requests.
        log = getattr(self.decision_logger, "log", None)
        if log is not None:
            log.record(verdict)
