"""Reports clients that refuse ChatVeil's certificate for an inspected host: **not protected**.

An app that pins its server's certificate (common on mobile, and in some desktop apps), or a
machine where ChatVeil's CA is not trusted, aborts the TLS handshake with ChatVeil. The app then
usually shows a network error or retries over another path; nothing it sends through ChatVeil is
read. That must never look like protection, so each such refusal for an inspected host becomes a
console warning and a `not-protected` row in the redaction log (which `chatveil doctor` and the
dashboard read). Uninspected hosts are tunnelled, never decrypted, so they cannot fail this way.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from mitmproxy import ctx, tls

from proxy.redactor import RequestVerdict

logger = logging.getLogger("chatveil")

NOT_PROTECTED = "not-protected"
# A refusing client retries many times a minute; one log row per host per window is enough.
REPORT_INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class RefusedHandshake:
    host: str
    reason: str  # why we think the client refused, in words; never contains message data
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
        self.refused: dict[str, RefusedHandshake] = {}
        self._last_report: dict[str, float] = {}

    def _inspected(self, host: str) -> bool:
        redactor = ctx.master.addons.get("redactor")
        return redactor is not None and redactor.policy is not None and redactor.policy.inspects(host)

    def tls_failed_client(self, data: tls.TlsData) -> None:
        host = data.conn.sni or (data.context.server.address[0] if data.context.server.address else "")
        reason = refusal_reason(data.conn.error)
        if not host or reason is None or not self._inspected(host):
            return
        now = self.clock()
        previous = self.refused.get(host)
        self.refused[host] = RefusedHandshake(host, reason, (previous.count if previous else 0) + 1, now)
        if now - self._last_report.get(host, float("-inf")) < REPORT_INTERVAL_SECONDS:
            return
        self._last_report[host] = now
        logger.warning("ChatVeil: NOT PROTECTED: a client connecting to %s was not inspected: %s.", host, reason)
        decision_logger = ctx.master.addons.get("decisionlogger")
        if decision_logger is None or decision_logger.log is None:
            return
        try:
            decision_logger.log.record(RequestVerdict(host, "", NOT_PROTECTED, note=reason))
        except Exception as e:  # the connection is already closed; there is nothing to fail closed
            logger.error("ChatVeil could not record the unprotected connection to %s (%s)", host, e)
