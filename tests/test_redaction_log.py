"""The redaction log library: records, filters, stats, purge, retention, export, find by hash."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import UTC, datetime, timedelta

import pytest

from proxy.masking import KeyedHasher, mask
from proxy.redaction_log import LogFilter, RedactionLog, export, parse_time_spec
from proxy.redactor import LoggedFinding, RequestVerdict

CARD = "4111 1111 1111 1111"
NAME = "Jake Morrison"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
HASHER = KeyedHasher(b"k" * 32)


def finding(entity_type: str, value: str, action: str = "redact") -> LoggedFinding:
    return LoggedFinding(entity_type, action, 0.9, "TestRecognizer", "placeholder", mask(value, entity_type),
                         HASHER.digest(value, entity_type))


def verdict(host="chatgpt.com", action="redact", findings=(), note="") -> RequestVerdict:
    return RequestVerdict(host, "/backend-api/conversation", action, "openai_chat", "c0nv", tuple(findings), note)


@pytest.fixture
def log(tmp_path):
    log = RedactionLog(tmp_path / "log.sqlite3")
    log.record(verdict("chatgpt.com", findings=[finding("PERSON", NAME), finding("CREDIT_CARD", CARD)]),
               when=NOW - timedelta(days=40))
    log.record(verdict("api.openai.com", action="warn", findings=[finding("EMAIL_ADDRESS", "jake@example.com", "warn")]),
               when=NOW - timedelta(hours=5))
    log.record(verdict("claude.ai", action="block", findings=[finding("CREDIT_CARD", "4111-1111-1111-1111", "block")]),
               when=NOW - timedelta(hours=1))
    log.record(verdict("claude.ai", action="error", note="JSONDecodeError"), when=NOW - timedelta(minutes=5))
    yield log
    log.close()


def test_entries_are_newest_first_with_requests_without_findings_included(log):
    entries = log.entries()
    assert [(e.host, e.entity_type, e.action) for e in entries] == [
        ("claude.ai", "", "error"),
        ("claude.ai", "CREDIT_CARD", "block"),
        ("api.openai.com", "EMAIL_ADDRESS", "warn"),
        ("chatgpt.com", "CREDIT_CARD", "redact"),
        ("chatgpt.com", "PERSON", "redact"),
    ]
    assert entries[0].note == "JSONDecodeError" and entries[0].score is None


def test_filters_by_time_host_type_action_and_limit(log):
    assert [e.action for e in log.entries(LogFilter(since=NOW - timedelta(hours=2)))] == ["error", "block"]
    assert [e.host for e in log.entries(LogFilter(before=NOW - timedelta(days=1)))] == ["chatgpt.com"] * 2
    assert [e.host for e in log.entries(LogFilter(host="openai.com"))] == ["api.openai.com"]
    assert [e.host for e in log.entries(LogFilter(entity_type="credit_card"))] == ["claude.ai", "chatgpt.com"]
    assert [e.entity_type for e in log.entries(LogFilter(action="warn"))] == ["EMAIL_ADDRESS"]
    assert len(log.entries(LogFilter(limit=2))) == 2


def test_since_filter_uses_the_stored_utc_time(tmp_path):
    log = RedactionLog(tmp_path / "log.sqlite3")
    log.record(verdict(findings=[finding("PERSON", NAME)]), when=datetime.now(UTC) - timedelta(hours=3))
    log.record(verdict(host="claude.ai", findings=[finding("PERSON", NAME)]), when=datetime.now(UTC))
    assert [e.host for e in log.entries(LogFilter(since=parse_time_spec("2h")))] == ["claude.ai"]
    log.close()


def test_host_filter_does_not_match_a_lookalike_host(log):
    log.record(verdict("evilchatgpt.com", findings=[finding("PERSON", NAME)]))
    assert {e.host for e in log.entries(LogFilter(host="chatgpt.com"))} == {"chatgpt.com"}


def test_a_card_is_found_by_value_whatever_its_spacing(log):
    hashes = log.find_hashes("4111111111111111", HASHER)
    found = log.entries(LogFilter(value_hashes=hashes))
    assert [(e.host, e.entity_type) for e in found] == [("claude.ai", "CREDIT_CARD"), ("chatgpt.com", "CREDIT_CARD")]


def test_a_name_is_found_by_value_and_an_unknown_value_is_not(log):
    assert [e.entity_type for e in log.entries(LogFilter(value_hashes=log.find_hashes("jake  morrison", HASHER)))] == ["PERSON"]
    assert log.entries(LogFilter(value_hashes=log.find_hashes("Nadia Quist", HASHER))) == []


def test_stats_count_findings_per_app_type_and_action(log):
    stats = log.stats()
    assert (stats.requests, stats.findings) == (4, 4)
    assert stats.by_host == (("chatgpt.com", 2), ("api.openai.com", 1), ("claude.ai", 1))
    assert stats.by_type == (("CREDIT_CARD", 2), ("EMAIL_ADDRESS", 1), ("PERSON", 1))
    assert dict(stats.by_action) == {"redact": 2, "warn": 1, "block": 1}


def test_purge_before_a_date_deletes_requests_and_their_findings(log):
    assert log.purge(before=NOW - timedelta(days=30)) == 2
    assert {e.host for e in log.entries()} == {"claude.ai", "api.openai.com"}
    assert all(f.host != "chatgpt.com" for f in log.findings())


def test_purge_by_host_covers_subdomains(log):
    assert log.purge(host="openai.com") == 1
    assert "api.openai.com" not in {e.host for e in log.entries()}


def test_retention_prunes_old_entries_and_zero_keeps_everything(log):
    assert log.prune(0, now=NOW) == 0
    assert log.prune(30, now=NOW) == 2
    assert len(log.entries()) == 3


def test_purged_hints_do_not_remain_in_the_file(tmp_path):
    path = tmp_path / "log.sqlite3"
    log = RedactionLog(path)
    log.record(verdict(findings=[finding("PERSON", "Quentin Abernathy-Vole")]))
    hint = mask("Quentin Abernathy-Vole", "PERSON").encode()
    log.purge(before=datetime.now(UTC) + timedelta(days=1))
    log.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("log.sqlite3*"))
    assert hint not in raw


def test_log_files_are_private_and_hold_no_raw_values(log, tmp_path):
    files = list(tmp_path.glob("log.sqlite3*"))
    assert {p.name for p in files} >= {"log.sqlite3", "log.sqlite3-wal", "log.sqlite3-shm"}
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    raw = b"".join(p.read_bytes() for p in files)
    for value in (CARD, CARD.replace(" ", ""), "4111-1111-1111-1111", NAME, "Morrison", "jake@example.com"):
        assert value.encode() not in raw


def test_export_writes_jsonl_and_csv_with_the_same_entries(log):
    entries = log.entries()
    lines = export(entries, "jsonl").splitlines()
    assert [json.loads(line)["host"] for line in lines] == [e.host for e in entries]
    rows = list(csv.DictReader(io.StringIO(export(entries, "csv"))))
    assert [r["entity_type"] for r in rows] == [e.entity_type for e in entries]
    assert rows[0]["score"] == ""
    with pytest.raises(ValueError, match="unknown export format"):
        export(entries, "xml")


def test_an_old_log_file_is_upgraded_in_place(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = RedactionLog(path)
    old.record(verdict(findings=[finding("PERSON", NAME)]))
    old.close()
    db = sqlite3.connect(path)
    db.execute("DROP INDEX findings_request")
    db.execute("PRAGMA user_version=0")
    db.commit()
    db.close()
    reopened = RedactionLog(path)
    assert [e.entity_type for e in reopened.entries()] == ["PERSON"]
    reopened.close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'findings_request'").fetchone() == ("findings_request",)
    assert db.execute("PRAGMA user_version").fetchone() == (2,)
    db.close()


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("2h", NOW - timedelta(hours=2)),
        ("30m", NOW - timedelta(minutes=30)),
        ("7d", NOW - timedelta(days=7)),
        ("1w", NOW - timedelta(weeks=1)),
        ("2026-11-01", datetime(2026, 11, 1, tzinfo=UTC)),
        ("2026-11-01T08:30:00+01:00", datetime(2026, 11, 1, 7, 30, tzinfo=UTC)),
    ],
)
def test_time_specs_are_durations_ago_or_dates(spec, expected):
    assert parse_time_spec(spec, now=NOW) == expected


def test_a_bad_time_spec_says_how_to_write_one():
    with pytest.raises(ValueError, match="write a duration like 2h"):
        parse_time_spec("yesterday")
