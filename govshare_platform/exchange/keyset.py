"""The key values of a delivery being checked, to refuse a repeated one (key_duplicate,
第二十三条) with the row it is on, in bounded memory whatever the number of rows: a private
SQLite file in the staging directory, written in batches. INSERT OR IGNORE keeps each key's
first row, so after a batch that did not insert every key, a key whose stored row is not its own
is a repeat of that earlier row.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BATCH = 10_000
CACHE_KIB = 8 * 1024


class UniqueKeys:
    def __init__(self, path: Path | None = None) -> None:
        self._db = sqlite3.connect(str(path) if path is not None else ":memory:")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # bounded: 8 MiB of pages
        self._db.execute(
            "CREATE TABLE k (key TEXT PRIMARY KEY, row INTEGER NOT NULL) WITHOUT ROWID"
        )
        self._pending: list[tuple[str, int]] = []

    def add(self, key: str, row: int) -> list[tuple[int, str]]:
        """Note `key` on data row `row`; the (row, key) repeats found so far, if a batch ended."""
        self._pending.append((key, row))
        return self.flush() if len(self._pending) >= BATCH else []

    def flush(self) -> list[tuple[int, str]]:
        """Check the pending keys; the (row, key) of each repeat among them."""
        pending, self._pending = self._pending, []
        if not pending:
            return []
        before = self._db.total_changes
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO k (key, row) VALUES (?, ?)", pending)
        if self._db.total_changes - before == len(pending):
            return []
        repeats = []
        for key, row in pending:
            (first,) = self._db.execute("SELECT row FROM k WHERE key = ?", (key,)).fetchone()
            if first != row:
                repeats.append((row, key))
        return repeats

    def close(self) -> None:
        self._db.close()
