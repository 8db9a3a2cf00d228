"""chatveil log: read, search, count, export and purge the redaction log.

A thin layer over `proxy.redaction_log`: parse the arguments, call one library function, print.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from proxy.cli import CommandError
from proxy.redaction_log import LogEntry, LogFilter, LogStats, RedactionLog, default_log_path, export, parse_time_spec

ACTIONS = ("pass", "warn", "redact", "ask", "block", "allow", "error", "not-inspected")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "log",
        help="list what ChatVeil found and did, newest first",
        description=(
            "List the redaction log, newest first: one line per finding, with a masked hint of the\n"
            "value, never the value itself.\n\n"
            "Examples:\n"
            "  chatveil log --since 2h --type CREDIT_CARD\n"
            '  chatveil log --find "4111 1111 1111 1111"   # was this card ever caught? when, where?'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(p, argparse.SUPPRESS)
    _filter_options(p)
    p.add_argument(
        "--find",
        metavar="VALUE",
        help="only entries for this value (compared by keyed hash; the log never holds the value)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    p.set_defaults(handler=list_log, db=None)

    sub = p.add_subparsers(dest="log_command", metavar="SUBCOMMAND")
    purge = sub.add_parser(
        "purge",
        help="delete log entries",
        description=(
            "Delete log entries older than a date, for one app, or all of them.\n\n"
            "Examples:\n  chatveil log purge --before 2026-11-01\n  chatveil log purge --host chatgpt.com"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(purge)
    purge.add_argument("--before", metavar="DATE", help="entries older than DATE (2026-11-01) or than a duration (7d)")
    purge.add_argument("--host", help="entries for HOST and its subdomains")
    purge.add_argument("--all", action="store_true", help="every entry (needed when neither --before nor --host)")
    purge.set_defaults(handler=purge_log)

    exp = sub.add_parser(
        "export",
        help="write the log as JSON lines or CSV",
        description=(
            "Write the log (masked hints and keyed hashes only) as JSON lines or CSV, newest first.\n\n"
            "Example:\n  chatveil log export --format csv --since 30d --output log.csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(exp)
    _filter_options(exp)
    exp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default: jsonl)")
    exp.add_argument("--output", metavar="FILE", help="write to FILE, readable by you only (default: standard output)")
    exp.set_defaults(handler=export_log)

    st = sub.add_parser(
        "stats",
        help="count findings per app, type and action",
        description=(
            "Count requests and findings over a period, per app, entity type and action.\n\n"
            "Example:\n  chatveil log stats --since 7d"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(st)
    st.add_argument("--since", metavar="WHEN", help="only the last 2h, 7d, … or since a date")
    st.add_argument("--host", help="only this app (host and its subdomains)")
    st.add_argument("--json", action="store_true", help="print one JSON object")
    st.set_defaults(handler=log_stats)


def _db_option(parser, default=None) -> None:
    # On the subcommands too, so `chatveil log stats --db FILE` works as well as
    # `chatveil log --db FILE stats`; SUPPRESS on the parent keeps one from erasing the other.
    kwargs = {"default": default} if default is not None else {"default": argparse.SUPPRESS}
    parser.add_argument("--db", metavar="FILE", help="redaction log file (default: in the user data directory)", **kwargs)


def _filter_options(parser) -> None:
    parser.add_argument("--since", metavar="WHEN", help="only entries from the last 2h, 30m, 7d, … or since a date")
    parser.add_argument("--host", help="only this app (host and its subdomains)")
    parser.add_argument("--type", metavar="ENTITY", help="only this entity type, e.g. CREDIT_CARD")
    parser.add_argument("--action", choices=ACTIONS, help="only this action")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N entries")


def open_log(args) -> RedactionLog:
    path = Path(args.db) if args.db else default_log_path()
    if not path.exists():
        raise CommandError(f"no redaction log at {path} (ChatVeil creates it when it records its first decision)")
    return RedactionLog(path)


def _filter(args, log: RedactionLog, value: str | None = None) -> LogFilter:
    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit must be 1 or more")
    hashes = None
    if value is not None:
        from proxy.masking import KeyedHasher

        hashes = log.find_hashes(value, KeyedHasher.from_file())
    return LogFilter(
        since=parse_time_spec(args.since) if args.since else None,
        host=args.host,
        entity_type=args.type,
        action=args.action,
        value_hashes=hashes,
        limit=args.limit,
    )


def list_log(args) -> int:
    log = open_log(args)
    try:
        entries = log.entries(_filter(args, log, args.find))
    finally:
        log.close()
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("No entry matches that value." if args.find is not None else "No log entries.")
        return 0
    print_table(entries)
    return 0


def print_table(entries: list[LogEntry]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Time (UTC)", "App", "Path", "Type", "Action", "Hint", "Score"):
        table.add_column(column, no_wrap=column in ("Time (UTC)", "Score"))
    for e in entries:
        # Text(), not markup: a hint may contain brackets that rich would read as styles.
        table.add_row(
            Text(e.time[:19].replace("T", " ")),
            Text(e.host),
            Text(e.path),
            Text(e.entity_type or "-"),
            Text(e.action, style=_ACTION_STYLE.get(e.action, "")),
            Text(e.hint or e.note),
            Text(f"{e.score:.2f}" if e.score is not None else ""),
        )
    Console(highlight=False, soft_wrap=False).print(table)


_ACTION_STYLE = {"block": "bold red", "warn": "yellow", "ask": "magenta", "redact": "green", "error": "red"}


def purge_log(args) -> int:
    if not (args.before or args.host or args.all):
        raise CommandError("say what to purge: --before DATE, --host HOST, or --all")
    log = open_log(args)
    try:
        gone = log.purge(before=parse_time_spec(args.before) if args.before else None, host=args.host)
    finally:
        log.close()
    print(f"Deleted {gone} log {'entry' if gone == 1 else 'entries'}.")
    return 0


def export_log(args) -> int:
    log = open_log(args)
    try:
        text = export(log.entries(_filter(args, log)), args.format)
    finally:
        log.close()
    if args.output:
        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def log_stats(args) -> int:
    log = open_log(args)
    try:
        stats = log.stats(since=parse_time_spec(args.since) if args.since else None, host=args.host)
    finally:
        log.close()
    if args.json:
        print(json.dumps(stats.to_json(), indent=2))
        return 0
    print_stats(stats, args.since)
    return 0


def print_stats(stats: LogStats, since: str | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    period = f" in the last {since}" if since and since[-1:].isalpha() else (f" since {since}" if since else "")
    console.print(Text(f"{stats.requests} requests logged, {stats.findings} findings{period}."))
    for title, rows in (("App", stats.by_host), ("Type", stats.by_type), ("Action", stats.by_action)):
        if not rows:
            continue
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(title)
        table.add_column("Findings", justify="right")
        for name, count in rows:
            table.add_row(Text(name), Text(str(count)))
        console.print()
        console.print(table)
