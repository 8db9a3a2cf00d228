"""The redaction log: SQLite, one row per request decision and one per finding, never a raw value.

WAL mode so `chatveil log` can read while the proxy writes; the file is created 0600 before
SQLite opens it, because hints and hashes of a person's data are still theirs.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from proxy.paths import data_dir, private_file

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
"""


def default_log_path() -> Path:
    return data_dir() / "redaction-log.sqlite3"


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
            self._db.executescript(SCHEMA)
        for suffix in ("-wal", "-shm"):
            sidecar = Path(str(self.path) + suffix)
            if sidecar.exists():
                os.chmod(sidecar, 0o600)

    def record(self, verdict) -> int:
        """Store one RequestVerdict and its findings; returns the request row id."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
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

    def close(self) -> None:
        with self._lock:
            self._db.close()
