"""Backup and restore (第三十条, 第三十二条; finding 6 of issue 11): an online backup finds the
newest write even while it is still in SQLite's write-ahead log; backup → restore into an empty
database → every table equal row by row, the manifest and the audit chain verified against the
backup's checkpoint, on SQLite and PostgreSQL; a changed file or a non-empty target is refused.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SAWarning

from govshare_platform import cli
from govshare_platform.backup.service import MANIFEST
from govshare_platform.settings import Settings
from tests.platform.audit_support import checkpoint_api, keyed_settings, make_activity
from tests.platform.conftest import World


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return keyed_settings(db_url, tmp_path)


@pytest.fixture
def empty_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind (the restore's target)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'platform.db'}"
        return
    admin = os.environ["GOVSHARE_TEST_PG_URL"]
    name = f"r_{uuid.uuid4().hex[:16]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        meta = MetaData()
        with warnings.catch_warnings():  # expression indexes are not reflected: not needed here
            warnings.simplefilter("ignore", SAWarning)
            meta.reflect(engine)
        out = {}
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
        return out
    finally:
        engine.dispose()


def test_backup_restore_verify_every_table(
    world: World, tmp_path: Path, empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(world)
    checkpoint_api(world)
    make_activity(world)
    settings = world.app.state.settings
    key = ["--key", str(settings.audit_key_file)]
    out = tmp_path / "backup"
    assert (
        cli.main(["backup", "--out", str(out), "--database-url", settings.database_url, *key]) == 0
    )
    assert "manifest signed" in capsys.readouterr().out
    assert {p.name for p in out.iterdir()} >= {MANIFEST, "manifest.sig", "checkpoints.jsonl"}
    source = _tables(settings.database_url)
    restore = ["restore", "--from", str(out), "--database-url", empty_url, *key]
    assert cli.main(restore) == 0
    printed = capsys.readouterr().out
    assert "manifest verified; audit chain intact" in printed and "matches checkpoint #" in printed
    restored = _tables(empty_url)
    assert set(restored) == set(source) and "audit_events" in restored
    for name, rows in source.items():
        assert restored[name] == rows, name
    # only into an empty database
    assert cli.main(restore) == 2
    assert "not empty" in capsys.readouterr().err


def test_a_changed_backup_is_refused(
    world: World, tmp_path: Path, empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(world)
    settings = world.app.state.settings
    key = ["--key", str(settings.audit_key_file)]
    out = tmp_path / "backup"
    assert (
        cli.main(["backup", "--out", str(out), "--database-url", settings.database_url, *key]) == 0
    )
    copy = next(p for p in out.iterdir() if p.name.startswith("database."))
    with copy.open("ab") as f:
        f.write(b"\0")
    assert cli.main(["restore", "--from", str(out), "--database-url", empty_url, *key]) == 2
    assert "differs from the manifest" in capsys.readouterr().err
    manifest = out / MANIFEST
    manifest.write_text(manifest.read_text().replace('"version": 1', '"version": 2'))
    assert cli.main(["restore", "--from", str(out), "--database-url", empty_url, *key]) == 2
    assert "signature is invalid" in capsys.readouterr().err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_backup_includes_the_write_still_in_the_wal(world: World, tmp_path: Path) -> None:
    """The finding: a plain copy of the file misses the newest write; the online backup has it."""
    settings = world.app.state.settings
    db_file = Path(make_url(settings.database_url).database or "")
    make_activity(world)  # through the running app, whose pooled connections stay open
    with world.session() as s:
        newest = s.execute(text("SELECT max(seq) FROM audit_events")).scalar()
    assert Path(f"{db_file}-wal").stat().st_size > 0
    plain = tmp_path / "plain.db"
    shutil.copyfile(db_file, plain)
    with sqlite3.connect(plain) as conn:
        assert conn.execute("SELECT max(seq) FROM audit_events").fetchone()[0] != newest
    out = tmp_path / "backup"
    assert cli.main(["backup", "--out", str(out), "--database-url", settings.database_url,
                     "--key", str(settings.audit_key_file)]) == 0  # fmt: skip
    with sqlite3.connect(out / "database.sqlite3") as conn:
        assert conn.execute("SELECT max(seq) FROM audit_events").fetchone()[0] >= newest
