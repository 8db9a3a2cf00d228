"""A client refusing ChatVeil's certificate for an inspected host is reported as not protected."""

from __future__ import annotations

import logging

import pytest
from mitmproxy import tls
from mitmproxy.proxy.context import Context
from mitmproxy.test import taddons, tflow

from proxy.policy import load_policy
from proxy.redaction_log import RedactionLog
from proxy.tls_watch import NOT_PROTECTED, REPORT_INTERVAL_SECONDS, TlsWatch, refusal_reason


class FakeRedactor:
    name = "redactor"

    def __init__(self):
        self.policy = load_policy(None).with_hosts(["chat.example.com"])


class FakeDecisionLogger:
    name = "decisionlogger"

    def __init__(self, log):
        self.log = log


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _failed_handshake(sni: str, error: str, options) -> tls.TlsData:
    client = tflow.tclient_conn()
    client.sni = sni
    client.error = error
    return tls.TlsData(client, Context(client, options))


@pytest.fixture
def watch_env(tmp_path):
    log = RedactionLog(tmp_path / "log.sqlite3")
    clock = Clock()
    watch = TlsWatch(clock=clock)
    with taddons.context(watch, FakeRedactor(), FakeDecisionLogger(log)) as tctx:
        yield watch, log, clock, tctx
    log.close()


def test_pinned_client_on_inspected_host_is_logged_as_not_protected(watch_env, caplog):
    watch, log, _, tctx = watch_env
    with caplog.at_level(logging.WARNING, logger="chatveil"):
        watch.tls_failed_client(_failed_handshake("chat.example.com", "tlsv1 alert unknown ca", tctx.options))
    rows = log.requests()
    assert [(r["host"], r["action"]) for r in rows] == [("chat.example.com", NOT_PROTECTED)]
    assert "rejected ChatVeil's certificate" in rows[0]["note"]
    assert "NOT PROTECTED" in caplog.text and "chat.example.com" in caplog.text
    assert watch.unprotected["chat.example.com"].count == 1


def test_client_closing_the_handshake_counts_as_not_protected_too(watch_env):
    watch, log, _, tctx = watch_env
    watch.tls_failed_client(_failed_handshake("api.openai.com", "connection closed", tctx.options))
    assert log.requests()[0]["host"] == "api.openai.com"
    assert "closed the TLS handshake" in log.requests()[0]["note"]


def test_uninspected_hosts_are_not_reported(watch_env):
    watch, log, _, tctx = watch_env
    watch.tls_failed_client(_failed_handshake("mybank.example", "tlsv1 alert unknown ca", tctx.options))
    assert log.requests() == [] and watch.unprotected == {}


def test_retries_within_a_minute_are_counted_but_logged_once(watch_env):
    watch, log, clock, tctx = watch_env
    for _ in range(5):
        watch.tls_failed_client(_failed_handshake("chatgpt.com", "tlsv1 alert bad certificate", tctx.options))
        clock.now += 1
    assert len(log.requests()) == 1
    assert watch.unprotected["chatgpt.com"].count == 5
    clock.now += REPORT_INTERVAL_SECONDS
    watch.tls_failed_client(_failed_handshake("chatgpt.com", "tlsv1 alert bad certificate", tctx.options))
    assert len(log.requests()) == 2


@pytest.mark.parametrize(
    ("error", "reported"),
    [
        ("tlsv1 alert unknown ca", True),
        ("sslv3 alert certificate unknown", True),
        ("connection closed", True),
        ("Cannot parse ClientHello: b'GET / HTTP/1.1'", False),  # not TLS at all
        ("connection closed early", False),  # closed before any handshake began
        ("('SSL routines', '', 'unsupported protocol')", False),  # a TLS version mismatch, not trust
        # the same errors as mitmproxy's client TLS layer rewords them before the hook runs
        ("The client does not trust the proxy's certificate for chatgpt.com (tlsv1 alert unknown ca)", True),
        ("The client disconnected during the handshake. If this happens consistently for chatgpt.com, "
         "this may indicate that the client does not trust the proxy's certificate.", True),
        ("Client and mitmproxy cannot agree on a TLS version to use. You may need to adjust mitmproxy's "
         "tls_version_client_min option.", False),
    ],
)
def test_refusal_reason_separates_trust_failures_from_other_errors(error, reported):
    assert (refusal_reason(error) is not None) is reported


def test_a_raw_tcp_stream_to_an_inspected_host_is_not_protected(watch_env):
    watch, log, _, _ = watch_env
    flow = tflow.ttcpflow()
    flow.server_conn.address = ("chat.example.com", 443)
    flow.server_conn.sni = "chat.example.com"
    watch.tcp_start(flow)
    row = log.requests()[0]
    assert (row["host"], row["action"]) == ("chat.example.com", NOT_PROTECTED)
    assert "other than HTTP" in row["note"]


def test_a_raw_tcp_stream_to_another_host_is_not_reported(watch_env):
    watch, log, _, _ = watch_env
    flow = tflow.ttcpflow()
    flow.server_conn.address = ("mail.example.org", 993)
    flow.server_conn.sni = None
    watch.tcp_start(flow)
    assert log.requests() == []


class FakeDashboard:
    name = "dashboard"

    def __init__(self):
        from proxy.dashboard.events import EventHub

        self.events = EventHub()
        self.published = []
        self.events.publish = lambda kind, data: self.published.append((kind, data))


def test_not_protected_connection_appears_on_the_dashboard_feed(tmp_path):
    log = RedactionLog(tmp_path / "log.sqlite3")
    dashboard = FakeDashboard()
    watch = TlsWatch(clock=Clock())
    with taddons.context(watch, FakeRedactor(), FakeDecisionLogger(log), dashboard) as tctx:
        watch.tls_failed_client(_failed_handshake("chat.example.com", "tlsv1 alert unknown ca", tctx.options))
    log.close()
    [(kind, data)] = dashboard.published
    assert kind == "decision" and data["action"] == NOT_PROTECTED and data["host"] == "chat.example.com"
    assert "rejected ChatVeil's certificate" in data["note"]
