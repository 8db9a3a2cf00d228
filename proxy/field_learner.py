"""Which fields of an unknown chat app carry typed text? Watch its traffic and count.

`FieldLearner` keeps, per field path, only counts and shape statistics (how often the field was
seen, how often its value looked like human text, how long it was, whether it had spaces) —
never a value, so a learning session leaves nothing personal behind. `FieldLearnerAddon` feeds
it from live traffic (HTTP request bodies, query strings, client WebSocket messages) of one host.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from mitmproxy import http

from proxy.adapters.base import JSON_STRING, Location, parse_embedded
from proxy.adapters.field_paths import render_path
from proxy.adapters.generic_json import looks_like_human_text
from proxy.request_body import UninspectableBody, parse_query, parse_request_body

logger = logging.getLogger("chatveil")


@dataclass
class FieldStats:
    path: str
    seen: int = 0
    human: int = 0
    with_spaces: int = 0
    total_length: int = 0

    @property
    def mean_length(self) -> float:
        return self.total_length / self.seen if self.seen else 0.0

    @property
    def carries_typed_text(self) -> bool:
        # Typed text looks human nearly every time and usually has more than one word; a field
        # that holds a sentence now and then (an error, a title) is not proposed.
        return self.human >= 0.8 * self.seen and (self.with_spaces >= 0.3 * self.seen or self.mean_length >= 25)


class FieldLearner:
    def __init__(self) -> None:
        self.fields: dict[str, FieldStats] = {}
        self.requests = 0

    def observe(self, kind: str, document: Any) -> None:
        """One parsed body (see request_body.ParsedBody): every string leaf, by path."""
        self.requests += 1
        if kind == "text":
            self._count("", "", document[0])
        elif kind in ("form", "multipart", "query"):
            for name, value in document:
                self._leaf((name,), name, value)
        elif kind == "json":
            self._walk(document, (), None)

    def _walk(self, node: Any, location: Location, key: Any) -> None:
        if len(location) > 64:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                self._walk(v, location + (k,), k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self._walk(v, location + (i,), key)
        elif isinstance(node, str) and location:
            self._leaf(location, key, node)

    def _leaf(self, location: Location, key: Any, value: str) -> None:
        inner = parse_embedded(value)
        if inner is not None:
            self._walk(inner, location + (JSON_STRING,), key)
        else:
            self._count(render_path(location), key, value)

    def _count(self, path: str, key: Any, value: str) -> None:
        stats = self.fields.setdefault(path, FieldStats(path))
        stats.seen += 1
        stats.human += looks_like_human_text(key, value)
        stats.with_spaces += " " in value.strip()
        stats.total_length += len(value)

    def proposed_paths(self) -> list[str]:
        return sorted(s.path for s in self.fields.values() if s.carries_typed_text and s.path)

    def report(self, host: str) -> str:
        """A table of what was seen, and the policy snippet to accept."""
        lines = [f"Watched {self.requests} message(s) to {host}; no values were stored.", ""]
        if self.fields:
            lines.append(f"{'seen':>5} {'human':>6} {'spaces':>7} {'avg len':>8}  field")
            for s in sorted(self.fields.values(), key=lambda s: (-s.seen, s.path)):
                mark = "*" if s.carries_typed_text else " "
                lines.append(f"{s.seen:>5} {s.human:>6} {s.with_spaces:>7} {s.mean_length:>8.1f} {mark}{s.path or '(whole body)'}")
            lines.append("")
        proposed = self.proposed_paths()
        if not proposed:
            lines.append("No field looked like typed text. Send a few messages while `chatveil learn` runs.")
            return "\n".join(lines)
        lines.append("Proposed policy entry (* above); add it under `hosts:` in your policy:")
        lines.append("")
        lines.append(policy_snippet(host, proposed))
        return "\n".join(lines)


def policy_snippet(host: str, paths: list[str]) -> str:
    quoted = ", ".join(_yaml_string(p) for p in paths)
    return f"hosts:\n  - host: {host}\n    fields: [{quoted}]"


def _yaml_string(value: str) -> str:
    return value if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\[\]]*", value) else "'" + value.replace("'", "''") + "'"


class FieldLearnerAddon:
    """Feeds a FieldLearner from one host's traffic. It does not redact: it only watches."""

    def __init__(self, host: str, learner: FieldLearner | None = None) -> None:
        self.host = host.lower().rstrip(".")
        self.learner = learner or FieldLearner()

    def _watches(self, flow: http.HTTPFlow) -> bool:
        host = flow.request.pretty_host.lower()
        return host == self.host or host.endswith("." + self.host)

    def request(self, flow: http.HTTPFlow) -> None:
        if not self._watches(flow):
            return
        try:
            body = parse_request_body(flow.request) if flow.request.raw_content else parse_query(flow.request)
        except UninspectableBody as e:
            logger.info("chatveil learn: skipped a body it could not read (%s)", type(e).__name__)
            return
        if body.kind not in ("empty", "binary"):
            self.learner.observe(body.kind, body.document)

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        from proxy.websocket_redactor import parse_frame

        message = flow.websocket.messages[-1] if flow.websocket else None
        if message is None or not message.from_client or not message.is_text or not self._watches(flow):
            return
        frame = parse_frame(message.text)
        if frame.kind != "control":
            self.learner.observe(frame.kind, frame.document)
