"""The DecisionLogger addon: writes what the Redactor decided into the redaction log.

It reads `flow.metadata["chatveil"]`; it never sees message text. Like mitmproxy's `save`
addon it fails closed: a decision that cannot be recorded is not acted on silently, the request
is answered with an error instead.

It also keeps the policy's promise about retention (`log.retention_days`): entries older than
that are deleted when the proxy starts and once a day while it runs.
"""

from __future__ import annotations

import asyncio
import logging

from mitmproxy import ctx, exceptions, http

from proxy.redaction_log import RedactionLog
from proxy.redactor import RequestVerdict, error_response

logger = logging.getLogger("chatveil")

PRUNE_INTERVAL_SECONDS = 24 * 60 * 60


class DecisionLogger:
    def __init__(self) -> None:
        self.log: RedactionLog | None = None
        self._pruner: asyncio.Task | None = None

    def load(self, loader) -> None:
        loader.add_option(
            "chatveil_log_db",
            str,
            "",
            "SQLite file for ChatVeil's redaction log (masked hints and keyed hashes, never raw "
            "values). Empty: redaction-log.sqlite3 in the user's data directory.",
        )

    def configure(self, updated: set[str]) -> None:
        if "chatveil_log_db" not in updated and self.log is not None:
            return
        try:
            new_log = RedactionLog(ctx.options.chatveil_log_db or None)
        except Exception as e:
            raise exceptions.OptionsError(f"Cannot open redaction log {ctx.options.chatveil_log_db}: {e}") from None
        old, self.log = self.log, new_log
        if old is not None:
            old.close()

    def running(self) -> None:
        self.prune()
        if self._pruner is None:
            self._pruner = asyncio.get_running_loop().create_task(self._prune_daily())

    def retention_days(self) -> int | None:
        redactor = ctx.master.addons.get("redactor")
        policy = getattr(redactor, "policy", None)
        return policy.log.retention_days if policy is not None else None

    def prune(self) -> int:
        days = self.retention_days()
        if self.log is None or days is None:
            return 0
        try:
            gone = self.log.prune(days)
        except Exception as e:  # retention is housekeeping: report it, keep proxying
            logger.error("ChatVeil could not prune the redaction log (%s)", e)
            return 0
        if gone:
            logger.info("ChatVeil removed %d log entries older than %d days", gone, days)
        return gone

    async def _prune_daily(self) -> None:
        while True:
            await asyncio.sleep(PRUNE_INTERVAL_SECONDS)
            self.prune()

    def request(self, flow: http.HTTPFlow) -> None:
        verdict = RequestVerdict.from_flow(flow)
        if verdict is None or flow.metadata.get("chatveil_logged"):
            return
        if verdict.action == "pass" and not verdict.findings:
            return  # nothing happened worth a row; keeps the log about decisions
        try:
            assert self.log is not None
            self.log.record(verdict)
            flow.metadata["chatveil_logged"] = True
        except Exception as e:
            logger.error("ChatVeil could not write the redaction log (%s); the message was not sent", e)
            if flow.live and (flow.response is None or verdict.action != "block"):
                flow.response = error_response(
                    503, "chatveil_log_failed", "ChatVeil could not record this decision, so the message was not sent."
                )

    def done(self) -> None:
        if self._pruner is not None:
            self._pruner.cancel()
            self._pruner = None
        if self.log is not None:
            self.log.close()
