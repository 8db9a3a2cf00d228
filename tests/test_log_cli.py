"""`chatveil log`: exit codes and exact output, over a log written the way the proxy writes it."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta

import pytest

from proxy.cli import main
from proxy.masking import KeyedHasher, mask
from proxy.redaction_log import RedactionLog
from proxy.redactor import LoggedFinding, RequestVerdict

CARD = "4111 1111 1111 1111"
NAME = "Jake Morrison"
T1 = datetime(2026, 11, 20, 9, 15, 0, tzinfo=UTC)
T2 = datetime.now(UTC) - timedelta(minutes=10)


@pytest.fixture
def db(tmp_path, chatveil_home, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    hasher = KeyedHasher.from_file()  # the same secret `chatveil log --find` will use

    def f(entity_type, value, action="redact"):
        return LoggedFinding(entity_type, action, 0.85, "Rec", "placeholder", mask(value, entity_type),
                             hasher.digest(value, entity_type))

    path = tmp_path / "log.sqlite3"
    log = RedactionLog(path)
    log.record(RequestVerdict("chatgpt.com", "/backend-api/conversation", "redact", "openai_chat", "c1",
                              (f("PERSON", NAME), f("CREDIT_CARD", CARD))), when=T1)
    log.record(RequestVerdict("claude.ai", "/api/append_message", "block", "generic_json", "c2",
                              (f("CREDIT_CARD", "4111-1111-1111-1111", "block"),)), when=T2)
    log.close()
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_log_lists_newest_first_as_a_table(db, capsys):
    code, out, err = run(capsys, "log", "--db", str(db))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Time", "(UTC)", "App", "Path", "Type", "Action", "Hint", "Score"]
    assert lines[1].split()[2:] == ["claude.ai", "/api/append_message", "CREDIT_CARD", "block", "****-****-****-1111", "0.85"]
    assert lines[2].split() == ["2026-11-20", "09:15:00", "chatgpt.com", "/backend-api/conversation", "CREDIT_CARD",
                                "redact", "****", "****", "****", "1111", "0.85"]
    assert lines[3].split() == ["2026-11-20", "09:15:00", "chatgpt.com", "/backend-api/conversation", "PERSON",
                                "redact", "J***", "M*******", "0.85"]
    assert len(lines) == 4


def test_log_json_is_an_array_newest_first(db, capsys):
    code, out, _ = run(capsys, "log", "--db", str(db), "--json")
    entries = json.loads(out)
    assert code == 0
    assert [(e["host"], e["entity_type"], e["action"], e["hint"]) for e in entries] == [
        ("claude.ai", "CREDIT_CARD", "block", "****-****-****-1111"),
        ("chatgpt.com", "CREDIT_CARD", "redact", "**** **** **** 1111"),
        ("chatgpt.com", "PERSON", "redact", "J*** M*******"),
    ]
    assert entries[2]["time"] == "2026-11-20T09:15:00.000+00:00"


def test_db_option_works_before_and_after_a_subcommand(db, capsys):
    assert run(capsys, "log", "--db", str(db), "stats", "--json")[0] == 0
    assert run(capsys, "log", "stats", "--db", str(db), "--json")[0] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--since", "2h"], [("claude.ai", "CREDIT_CARD")]),
        (["--host", "chatgpt.com"], [("chatgpt.com", "CREDIT_CARD"), ("chatgpt.com", "PERSON")]),
        (["--type", "PERSON"], [("chatgpt.com", "PERSON")]),
        (["--action", "block"], [("claude.ai", "CREDIT_CARD")]),
        (["--limit", "1"], [("claude.ai", "CREDIT_CARD")]),
    ],
)
def test_filters(db, capsys, args, expected):
    code, out, _ = run(capsys, "log", "--db", str(db), "--json", *args)
    assert code == 0
    assert [(e["host"], e["entity_type"]) for e in json.loads(out)] == expected


def test_find_answers_whether_a_card_was_ever_caught_whatever_its_spacing(db, capsys):
    code, out, _ = run(capsys, "log", "--db", str(db), "--json", "--find", "4111111111111111")
    assert code == 0
    assert [(e["host"], e["time"][:10]) for e in json.loads(out)] == [("claude.ai", T2.date().isoformat()),
                                                                       ("chatgpt.com", "2026-11-20")]


def test_find_a_name_and_never_print_the_value(db, capsys):
    code, out, _ = run(capsys, "log", "--db", str(db), "--find", "jake morrison")
    assert code == 0 and "PERSON" in out and "J*** M*******" in out
    assert "jake" not in out.lower() and "morrison" not in out.lower()


def test_find_an_unknown_value(db, capsys):
    assert run(capsys, "log", "--db", str(db), "--find", "Nadia Quist") == (0, "No entry matches that value.\n", "")


def test_empty_log(tmp_path, chatveil_home, capsys):
    RedactionLog(tmp_path / "empty.sqlite3").close()
    assert run(capsys, "log", "--db", str(tmp_path / "empty.sqlite3")) == (0, "No log entries.\n", "")


def test_missing_log_file_is_one_error_line(tmp_path, capsys):
    code, out, err = run(capsys, "log", "--db", str(tmp_path / "nope.sqlite3"))
    assert (code, out) == (1, "")
    assert err == f"Error: no redaction log at {tmp_path / 'nope.sqlite3'} (ChatVeil creates it when it records its first decision)\n"
    assert not (tmp_path / "nope.sqlite3").exists()


def test_bad_since_is_one_error_line(db, capsys):
    assert run(capsys, "log", "--db", str(db), "--since", "yesterday") == (
        1, "", "Error: 'yesterday' is not a time: write a duration like 2h, 30m, 7d or a date like 2026-11-01\n")


def test_stats_counts_per_app_type_and_action(db, capsys):
    code, out, _ = run(capsys, "log", "stats", "--db", str(db))
    assert code == 0
    assert [line.split() for line in out.splitlines()] == [
        "2 requests logged, 3 findings.".split(),
        [], ["App", "Findings"], ["chatgpt.com", "2"], ["claude.ai", "1"],
        [], ["Type", "Findings"], ["CREDIT_CARD", "2"], ["PERSON", "1"],
        [], ["Action", "Findings"], ["redact", "2"], ["block", "1"],
    ]


def test_stats_since_a_period(db, capsys):
    code, out, _ = run(capsys, "log", "stats", "--db", str(db), "--since", "2h", "--json")
    assert code == 0
    assert json.loads(out) == {"requests": 1, "findings": 1, "by_host": [{"host": "claude.ai", "count": 1}],
                               "by_type": [{"type": "CREDIT_CARD", "count": 1}],
                               "by_action": [{"action": "block", "count": 1}]}


def test_purge_needs_a_scope(db, capsys):
    assert run(capsys, "log", "purge", "--db", str(db)) == (
        1, "", "Error: say what to purge: --before DATE, --host HOST, or --all\n")


def test_purge_before_a_date_and_by_host(db, capsys):
    assert run(capsys, "log", "purge", "--db", str(db), "--before", "2026-11-21") == (0, "Deleted 2 log entries.\n", "")
    assert run(capsys, "log", "purge", "--db", str(db), "--host", "claude.ai") == (0, "Deleted 1 log entry.\n", "")
    assert run(capsys, "log", "--db", str(db)) == (0, "No log entries.\n", "")


def test_export_jsonl_and_csv(db, capsys, tmp_path):
    code, out, _ = run(capsys, "log", "export", "--db", str(db), "--format", "jsonl")
    assert code == 0 and [json.loads(line)["entity_type"] for line in out.splitlines()] == ["CREDIT_CARD", "CREDIT_CARD", "PERSON"]
    code, out, _ = run(capsys, "log", "export", "--db", str(db), "--format", "csv", "--type", "PERSON")
    assert out.splitlines()[0] == ("time,host,path,conversation,entity_type,action,score,recognizer,style,hint,"
                                   "value_hash,request_id,request_action,note")
    assert out.splitlines()[1].startswith("2026-11-20T09:15:00.000+00:00,chatgpt.com,/backend-api/conversation,c1,PERSON,redact,0.85,")
    target = tmp_path / "out.csv"
    assert run(capsys, "log", "export", "--db", str(db), "--format", "csv", "--output", str(target)) == (0, "", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(target.read_text().splitlines()) == 4


def test_every_log_command_has_help_with_an_example(capsys):
    for argv in (["log"], ["log", "purge"], ["log", "export"], ["log", "stats"]):
        with pytest.raises(SystemExit) as exit_:
            main([*argv, "--help"])
        out = capsys.readouterr().out
        assert exit_.value.code == 0
        assert "Example" in out and "chatveil log" in out


def test_log_db_files_are_private_and_hold_no_raw_values(db, capsys):
    run(capsys, "log", "--db", str(db), "--find", CARD)  # reading and searching write nothing raw either
    writer = RedactionLog(db)  # as while the proxy runs: -wal and -shm exist only while it is open
    try:
        files = list(db.parent.glob("log.sqlite3*"))
        assert {p.name for p in files} == {"log.sqlite3", "log.sqlite3-wal", "log.sqlite3-shm"}
        for p in files:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
        raw = b"".join(p.read_bytes() for p in files)
    finally:
        writer.close()
    for value in (CARD, CARD.replace(" ", ""), "4111-1111-1111-1111", NAME, "Morrison"):
        assert value.encode() not in raw
