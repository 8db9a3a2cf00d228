"""The redaction log: SQLite, one row per request decision and one per finding, never a raw value.

WAL mode so `chatveil log` can read while the proxy writes; the file is created 0600 before
SQLite opens it, because hints and hashes of a person's data are still theirs (SQLite gives the
-wal and -shm files the mode of the database file). `secure_delete` zeroes what purging and
retention remove, so a deleted hint does not linger in free pages.

Everything the CLI and the dashboard show comes from the functions here: `entries(LogFilter)`,
`stats`, `purge`, `prune`, `export`, `find_hashes`. They are thin SQL, testable without a proxy.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from proxy.paths import data_dir, private_file

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    host TEXT NOT NULL,
    path TEXT NOT NULL,
    conversation TEXT NOT NULL DEFAULT '',
    adapter TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    finding_count INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    host TEXT NOT NULL,
    path TEXT NOT NULL,
    conversation TEXT NOT NULL DEFAULT '',
    entity_type TEXT NOT NULL,
    action TEXT NOT NULL,
    score REAL NOT NULL,
    recognizer TEXT NOT NULL,
    style TEXT NOT NULL DEFAULT '',
    hint TEXT NOT NULL,
    value_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_time ON findings(time);
CREATE INDEX IF NOT EXISTS findings_hash ON findings(value_hash);
CREATE INDEX IF NOT EXISTS requests_time ON requests(time);
-- version 2: filters by app and the request a finding belongs to
CREATE INDEX IF NOT EXISTS findings_request ON findings(request_id);
CREATE INDEX IF NOT EXISTS requests_host ON requests(host);
"""

# One row per finding, plus one per request that has none (an error, an uninspectable body):
# the log lists every decision, not only those that found something.
_ENTRIES_SQL = """
SELECT f.id AS finding_id, f.request_id, f.time, f.host, f.path, f.conversation, f.entity_type,
       f.action, f.score, f.recognizer, f.style, f.hint, f.value_hash, r.action AS request_action, r.note
  FROM findings f JOIN requests r ON r.id = f.request_id
UNION ALL
SELECT NULL, r.id, r.time, r.host, r.path, r.conversation, '', r.action, NULL, '', '', '', '', r.action, r.note
  FROM requests r WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.request_id = r.id)
"""

ENTRY_FIELDS = (
    "time", "host", "path", "conversation", "entity_type", "action", "score", "recognizer", "style", "hint",
    "value_hash", "request_id", "request_action", "note",
)


def default_log_path() -> Path:
    return data_dir() / "redaction-log.sqlite3"


def now_utc() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    # One fixed format in UTC, so that string order is time order in SQL.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_time_spec(text: str, now: datetime | None = None) -> datetime:
    """`2h`, `30m`, `7d`, `2w` (that long ago) or an ISO date/time (`2026-11-01`, UTC if no zone)."""
    now = now or now_utc()
    match = _DURATION_RE.match(text)
    if match:
        return now - timedelta(**{_UNITS[match.group(2).lower()]: float(match.group(1))})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
        except ValueError:
            raise ValueError(
                f"{text!r} is not a time: write a duration like 2h, 30m, 7d or a date like 2026-11-01"
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FindingRow:
    id: int
    request_id: int
    time: str
    host: str
    path: str
    conversation: str
    entity_type: str
    action: str
    score: float
    recognizer: str
    style: str
    hint: str
    value_hash: str


@dataclass(frozen=True)
class LogEntry:
    """One line of the log as people read it: a finding, or a request that had none."""

    time: str
    host: str
    path: str
    conversation: str
    entity_type: str  # "" for a request without findings
    action: str
    score: float | None
    recognizer: str
    style: str
    hint: str
    value_hash: str
    request_id: int
    request_action: str
    note: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LogFilter:
    since: datetime | None = None
    before: datetime | None = None
    host: str | None = None
    entity_type: str | None = None
    action: str | None = None
    value_hashes: tuple[str, ...] | None = None  # from `find_hashes`: "was this value ever caught?"
    limit: int | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.since is not None:
            clauses.append("time >= ?")
            params.append(timestamp(self.since))
        if self.before is not None:
            clauses.append("time < ?")
            params.append(timestamp(self.before))
        if self.host:
            # An app is a host and its subdomains: --host openai.com covers api.openai.com.
            clauses.append("(host = ? OR host LIKE ? ESCAPE '\\')")
            params += [self.host.lower(), "%." + _like_escape(self.host.lower())]
        if self.entity_type:
            clauses.append("entity_type = ?")
            params.append(self.entity_type.upper())
        if self.action:
            clauses.append("(action = ? OR request_action = ?)")
            params += [self.action.lower(), self.action.lower()]
        if self.value_hashes is not None:
            clauses.append(f"value_hash IN ({', '.join('?' * len(self.value_hashes)) or 'NULL'})")
            params += list(self.value_hashes)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class LogStats:
    """Counts over a period: requests by action, findings by app, type and action."""

    requests: int
    findings: int
    by_host: tuple[tuple[str, int], ...] = field(default=())
    by_type: tuple[tuple[str, int], ...] = field(default=())
    by_action: tuple[tuple[str, int], ...] = field(default=())

    def to_json(self) -> dict:
        return {
            "requests": self.requests,
            "findings": self.findings,
            "by_host": [{"host": h, "count": n} for h, n in self.by_host],
            "by_type": [{"type": t, "count": n} for t, n in self.by_type],
            "by_action": [{"action": a, "count": n} for a, n in self.by_action],
        }


class RedactionLog:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_log_path()
        private_file(self.path)
        # One connection shared across threads, serialised by a lock: writes are tiny.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA secure_delete=ON")
            # Only an older (or new) file is written to here: `chatveil log` opening the file
            # while the proxy writes it must not contend for the write lock.
            if self._db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                self._db.executescript(SCHEMA)
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        for suffix in ("-wal", "-shm"):
            sidecar = Path(str(self.path) + suffix)
            if sidecar.exists():
                os.chmod(sidecar, 0o600)

    def record(self, verdict, when: datetime | None = None) -> int:
        """Store one RequestVerdict and its findings; returns the request row id."""
        now = timestamp(when or now_utc())
        with self._lock:
            self._db.execute("BEGIN")
            try:
                cur = self._db.execute(
                    "INSERT INTO requests (time, host, path, conversation, adapter, action, finding_count, note)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (now, verdict.host, verdict.path, verdict.conversation, verdict.adapter,
                     verdict.action, len(verdict.findings), verdict.note),
                )
                request_id = cur.lastrowid
                self._db.executemany(
                    "INSERT INTO findings (request_id, time, host, path, conversation, entity_type, action,"
                    " score, recognizer, style, hint, value_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (request_id, now, verdict.host, verdict.path, verdict.conversation, f.entity_type,
                         f.action, f.score, f.recognizer, f.style, f.hint, f.value_hash)
                        for f in verdict.findings
                    ],
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return request_id

    def findings(self, limit: int | None = None) -> Iterator[FindingRow]:
        sql = "SELECT * FROM findings ORDER BY time DESC, id DESC" + (" LIMIT ?" if limit else "")
        with self._lock:
            rows = self._db.execute(sql, (limit,) if limit else ()).fetchall()
        for row in rows:
            yield FindingRow(**dict(row))

    def requests(self, limit: int | None = None) -> list[dict]:
        sql = "SELECT * FROM requests ORDER BY time DESC, id DESC" + (" LIMIT ?" if limit else "")
        with self._lock:
            return [dict(r) for r in self._db.execute(sql, (limit,) if limit else ()).fetchall()]

    def entries(self, where: LogFilter = LogFilter()) -> list[LogEntry]:
        """The log, newest first, filtered."""
        clause, params = where.where()
        sql = f"SELECT * FROM ({_ENTRIES_SQL}){clause} ORDER BY time DESC, request_id DESC, finding_id DESC"
        if where.limit:
            sql += " LIMIT ?"
            params.append(where.limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [LogEntry(**{k: row[k] for k in ENTRY_FIELDS}) for row in rows]

    def entity_types(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT entity_type FROM findings ORDER BY 1")]

    def find_hashes(self, value: str, hasher) -> tuple[str, ...]:
        """Every keyed hash `value` could have been stored under.

        The person asking does not say what the value is, and normalisation depends on the type
        ("4111-1111 1111 1111" is the same card; a name keeps its spaces), so hash it each way
        a logged type would have.
        """
        types = [""] + self.entity_types()
        return tuple(dict.fromkeys(hasher.digest(value, t) for t in types))

    def stats(self, since: datetime | None = None, host: str | None = None) -> LogStats:
        request_where, request_params = LogFilter(since=since, host=host).where()
        finding_where, finding_params = LogFilter(since=since, host=host).where()
        findings_sql = f"SELECT * FROM findings{finding_where}"

        def grouped(column: str) -> tuple[tuple[str, int], ...]:
            rows = self._db.execute(
                f"SELECT {column}, COUNT(*) FROM ({findings_sql}) GROUP BY 1 ORDER BY 2 DESC, 1", finding_params
            ).fetchall()
            return tuple((r[0], r[1]) for r in rows)

        with self._lock:
            requests = self._db.execute(f"SELECT COUNT(*) FROM requests{request_where}", request_params).fetchone()[0]
            findings = self._db.execute(f"SELECT COUNT(*) FROM ({findings_sql})", finding_params).fetchone()[0]
            return LogStats(requests, findings, grouped("host"), grouped("entity_type"), grouped("action"))

    def purge(self, before: datetime | None = None, host: str | None = None) -> int:
        """Delete requests (and their findings) older than `before` and/or for `host`; returns
        how many log entries went. With neither, deletes everything."""
        where, params = LogFilter(before=before, host=host).where()
        with self._lock:
            self._db.execute("BEGIN")
            try:
                gone = self._db.execute(
                    f"SELECT COUNT(*) FROM ({_ENTRIES_SQL}) WHERE request_id IN (SELECT id FROM requests{where})",
                    params,
                ).fetchone()[0]
                self._db.execute(f"DELETE FROM requests{where}", params)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            # Move the deletion out of the WAL into the (securely zeroed) main file now.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return gone

    def prune(self, retention_days: int, now: datetime | None = None) -> int:
        """Apply the policy's `log.retention_days`; 0 keeps everything."""
        if retention_days <= 0:
            return 0
        return self.purge(before=(now or now_utc()) - timedelta(days=retention_days))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def export(entries: Iterable[LogEntry], fmt: str) -> str:
    """The entries as JSON lines or CSV (header row first)."""
    if fmt == "jsonl":
        return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entries)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ENTRY_FIELDS)
        for e in entries:
            writer.writerow(["" if getattr(e, k) is None else getattr(e, k) for k in ENTRY_FIELDS])
        return out.getvalue()
    raise ValueError(f"unknown export format {fmt!r} (use jsonl or csv)")
