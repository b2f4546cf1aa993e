"""Copying the database while the platform runs, and back into an empty one.

- SQLite: the sqlite3 online backup API reads the database through a connection, so pages
  still in the write-ahead log (the newest commits) are included — a plain file copy misses
  them. Restore copies back through the same API.
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot while writers go on) and
  `pg_restore --single-transaction --exit-on-error --no-owner`, both from the newest binaries of
  /usr/lib/postgresql/*/bin (else from PATH); the password goes through PGPASSWORD, never the
  command line.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """A backup or restore could not be made (the message says why)."""


SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


def dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"unsupported database {name!r} (SQLite or PostgreSQL)")
    return name


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an SQLite database URL must name a file")
    return Path(database)


def pg_tool(name: str) -> str:
    """The newest installed PostgreSQL client tool `name` (pg_dump, pg_restore)."""
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parts[-3].split(".")],
    )
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client of the server's version "
            "(Debian: postgresql-client)"
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL as libpq takes it, without the password, and the environment carrying it."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump(url: str, directory: Path) -> Path:
    """Write the database's copy into `directory`; returns the file."""
    if dialect(url) == "sqlite":
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        target = directory / SQLITE_FILE
        src = sqlite3.connect(source)  # read through the WAL like any reader
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return target
    target = directory / PG_FILE
    dsn, env = _libpq(url)
    _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), dsn], env)
    return target


def is_empty(url: str) -> bool:
    """Whether the database has no tables (a missing SQLite file counts as empty)."""
    if dialect(url) == "sqlite" and not _sqlite_path(url).exists():
        return True
    engine = create_engine(url)
    try:
        return not inspect(engine).get_table_names()
    finally:
        engine.dispose()


def load(url: str, copy: Path) -> None:
    """Restore `copy` (made by `dump`) into the EMPTY database at `url`."""
    if not is_empty(url):
        raise BackupError("the target database is not empty: restore only into an empty one")
    if dialect(url) == "sqlite":
        if copy.name != SQLITE_FILE:
            raise BackupError("this backup is of a PostgreSQL database")
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(copy)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return
    if copy.name != PG_FILE:
        raise BackupError("this backup is of an SQLite database")
    dsn, env = _libpq(url)
    args = [pg_tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner"]
    _run([*args, "--dbname", dsn, str(copy)], env)
