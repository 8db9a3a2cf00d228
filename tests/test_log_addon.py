"""The DecisionLogger addon: records verdicts, fails closed, and applies the policy's retention."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from mitmproxy.test import taddons, tflow

from proxy import log_addon
from proxy.log_addon import DecisionLogger
from proxy.policy import parse_policy
from proxy.redactor import METADATA_KEY, LoggedFinding, RequestVerdict


class PolicyHolder:
    """Stands in for the Redactor: the DecisionLogger only reads its policy."""

    name = "redactor"

    def __init__(self, retention_days: int):
        self.policy = parse_policy({"log": {"retention_days": retention_days}})


def blocked_flow():
    flow = tflow.tflow()
    flow.metadata[METADATA_KEY] = RequestVerdict("claude.ai", "/api", "block", findings=(
        LoggedFinding("CREDIT_CARD", "block", 1.0, "Rec", "placeholder", "**** **** **** 1111", "ab" * 32),
    )).to_metadata()
    return flow


def old_and_new(log) -> None:
    verdict = RequestVerdict.from_flow(blocked_flow())
    log.record(verdict, when=datetime.now(UTC) - timedelta(days=45))
    log.record(verdict, when=datetime.now(UTC) - timedelta(days=1))


async def test_start_prunes_entries_older_than_the_retention(tmp_path):
    logger = DecisionLogger()
    with taddons.context(PolicyHolder(30), logger) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        old_and_new(logger.log)
        logger.running()
        assert len(logger.log.requests()) == 1
        logger.done()


async def test_retention_zero_keeps_everything(tmp_path):
    logger = DecisionLogger()
    with taddons.context(PolicyHolder(0), logger) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        old_and_new(logger.log)
        logger.running()
        assert len(logger.log.requests()) == 2
        logger.done()


async def test_pruning_repeats_while_the_proxy_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(log_addon, "PRUNE_INTERVAL_SECONDS", 0.01)
    logger = DecisionLogger()
    with taddons.context(PolicyHolder(30), logger) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        logger.running()
        old_and_new(logger.log)  # written after the start-up prune
        await asyncio.sleep(0.2)
        assert len(logger.log.requests()) == 1
        logger.done()


async def test_a_verdict_is_recorded_once(tmp_path):
    logger = DecisionLogger()
    with taddons.context(logger) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        flow = blocked_flow()
        logger.request(flow)
        logger.request(flow)
        assert [r["action"] for r in logger.log.requests()] == ["block"]
        logger.done()


async def test_a_log_that_cannot_be_written_fails_the_request_closed(tmp_path):
    logger = DecisionLogger()
    with taddons.context(logger) as tctx:
        tctx.configure(logger, chatveil_log_db=str(tmp_path / "log.sqlite3"))
        logger.log.close()
        flow = tflow.tflow()
        flow.metadata[METADATA_KEY] = RequestVerdict("claude.ai", "/api", "redact", findings=(
            LoggedFinding("PERSON", "redact", 0.9, "Rec", "placeholder", "J*** M*******", "cd" * 32),)).to_metadata()
        logger.request(flow)
        assert flow.response.status_code == 503
        assert flow.response.headers["x-chatveil"] == "chatveil_log_failed"
