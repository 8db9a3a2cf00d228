"""Reports clients that refuse ChatVeil's certificate for an inspected host: **not protected**.

An app that pins its server's certificate (common on mobile, and in some desktop apps), or a
machine where ChatVeil's CA is not trusted, aborts the TLS handshake with ChatVeil. The app then
usually shows a network error or retries over another path; nothing it sends through ChatVeil is
read. That must never look like protection, so each such refusal for an inspected host becomes a
console warning and a `not-protected` row in the redaction log (which `chatveil doctor` and the
dashboard read). Uninspected hosts are tunnelled, never decrypted, so they cannot fail this way.

The same goes for a connection to an inspected host that turns out not to be HTTP at all.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from mitmproxy import ctx, tcp, tls

from proxy.redactor import RequestVerdict

logger = logging.getLogger("chatveil")

NOT_PROTECTED = "not-protected"
# A refusing client retries many times a minute; one log row per host per window is enough.
REPORT_INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class UnprotectedHost:
    """Connections to one inspected host that ChatVeil could not read (for doctor and dashboard)."""

    host: str
    reason: str  # why, in words; never contains message data
    count: int
    last_seen: float


def refusal_reason(error: str | None) -> str | None:
    """What mitmproxy's handshake error means for protection, or None if it says nothing about trust."""
    # mitmproxy rewords the OpenSSL error before storing it on the connection (the original stays
    # in parentheses), so both forms are matched.
    error = (error or "").lower()
    not_about_trust = ("cannot parse clienthello", "unsupported protocol", "cannot agree on a tls version",
                       "connection closed early")
    if any(marker in error for marker in not_about_trust):
        return None
    if "unknown ca" in error or "bad certificate" in error or "certificate unknown" in error:
        return "the client rejected ChatVeil's certificate (certificate pinning, or the CA is not trusted)"
    return "the client closed the TLS handshake (likely certificate pinning, or the CA is not trusted)"


class TlsWatch:
    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.unprotected: dict[str, UnprotectedHost] = {}
        self._last_report: dict[str, float] = {}

    def _inspected(self, host: str) -> bool:
        redactor = ctx.master.addons.get("redactor")
        return redactor is not None and redactor.policy is not None and redactor.policy.inspects(host)

    def tls_failed_client(self, data: tls.TlsData) -> None:
        host = data.conn.sni or (data.context.server.address[0] if data.context.server.address else "")
        reason = refusal_reason(data.conn.error)
        if host and reason is not None and self._inspected(host):
            self._report(host, reason)

    def tcp_start(self, flow: tcp.TCPFlow) -> None:
        # mitmproxy falls back to a raw TCP stream when a connection to an inspected host carries
        # something other than HTTP (a custom protocol, inside TLS or not): nothing in it is read.
        host = flow.server_conn.sni or (flow.server_conn.address[0] if flow.server_conn.address else "")
        if host and self._inspected(host):
            self._report(host, "the connection carried a protocol other than HTTP, which ChatVeil cannot read")

    def _report(self, host: str, reason: str) -> None:
        now = self.clock()
        previous = self.unprotected.get(host)
        self.unprotected[host] = UnprotectedHost(host, reason, (previous.count if previous else 0) + 1, now)
        if now - self._last_report.get(host, float("-inf")) < REPORT_INTERVAL_SECONDS:
            return
        self._last_report[host] = now
        logger.warning("ChatVeil: NOT PROTECTED: a client connecting to %s was not inspected: %s.", host, reason)
        dashboard = ctx.master.addons.get("dashboard")
        if dashboard is not None:
            dashboard.events.publish(
                "decision", {"host": host, "path": "", "action": NOT_PROTECTED, "note": reason, "findings": []}
            )
        decision_logger = ctx.master.addons.get("decisionlogger")
        if decision_logger is None or decision_logger.log is None:
            return
        try:
            decision_logger.log.record(RequestVerdict(host, "", NOT_PROTECTED, note=reason))
        except Exception as e:  # the connection is already closed or unread; there is nothing to fail closed
            logger.error("ChatVeil could not record the unprotected connection to %s (%s)", host, e)
