"""Backup and restore with the delivered files outside the database (GOVSHARE_STORAGE_DIR,
`restore --storage-dir`): the files come back beside the restored database, each checked
against the signed manifest, and the restored platform reads its deliveries from them. A file
changed or slipped into the backup, or a storage directory already in use, is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from govshare_platform import cli
from govshare_platform.backup.service import FILES, MANIFEST
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.exchange.models import Delivery
from govshare_platform.exchange.storage import blob_store
from govshare_platform.settings import Settings
from tests.platform.audit_support import keyed_settings
from tests.platform.conftest import World
from tests.platform.delivery_support import deliver, people_csv, publish_people
from tests.platform.test_backup import empty_url  # noqa: F401 - the restore's target (fixture)

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    base = keyed_settings(db_url, tmp_path)
    return base.model_copy(update={"storage_dir": tmp_path / "storage"})


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _contents(url: str, storage: Path) -> dict[int, bytes]:
    """Every delivery's stored bytes, read the platform's way (blob_store)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            store = blob_store(storage)
            return {
                d.id: b"".join(store.iter_chunks(s, d.blob_key))
                for d in s.scalars(select(Delivery).order_by(Delivery.id))
            }
    finally:
        engine.dispose()


def _backup(world: World, out: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two deliveries in the storage directory, then `govshare-platform backup` run as on the
    server (its settings from the environment: GOVSHARE_STORAGE_DIR)."""
    settings = world.app.state.settings
    monkeypatch.setenv("GOVSHARE_STORAGE_DIR", str(settings.storage_dir))
    entry = publish_people(world)
    for count in (3, 5):
        r = deliver(world, entry["id"], people_csv(count))
        assert r.status_code == 201, r.text
    key = ["--key", str(settings.audit_key_file)]
    common = ["--database-url", settings.database_url, *key]
    assert cli.main(["backup", "--out", str(out), *common]) == 0
    return key


def test_restore_with_a_storage_dir(
    world: World,
    tmp_path: Path,
    empty_url: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = world.app.state.settings
    out = tmp_path / "backup"
    key = _backup(world, out, monkeypatch)
    stored = _hashes(settings.storage_dir)
    assert len(stored) == 2  # one file per delivery
    assert _hashes(out / FILES) == stored
    manifest = (out / MANIFEST).read_text()
    for name, digest in stored.items():
        assert f"{FILES}/{name}" in manifest and digest in manifest

    target = tmp_path / "restored-files"
    restore = ["restore", "--from", str(out), "--database-url", empty_url, *key]
    assert cli.main([*restore, "--storage-dir", str(target)]) == 0
    assert "audit chain intact" in capsys.readouterr().out
    assert _hashes(target) == stored
    original = _contents(settings.database_url, settings.storage_dir)
    assert len(original) == 2 and all(original.values())
    assert _contents(empty_url, target) == original


@SQLITE
def test_a_changed_or_added_file_and_a_used_storage_dir_are_refused(
    world: World,
    tmp_path: Path,
    empty_url: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "backup"
    key = _backup(world, out, monkeypatch)
    restore = ["restore", "--from", str(out), "--database-url", empty_url, *key]
    used = tmp_path / "used"
    used.mkdir()
    (used / "other.bin").write_bytes(b"another platform's file")
    assert cli.main([*restore, "--storage-dir", str(used)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert not Path(empty_url.removeprefix("sqlite:///")).exists()  # nothing loaded

    slipped = out / FILES / "zz" / "extra.bin"
    slipped.parent.mkdir(parents=True, exist_ok=True)
    slipped.write_bytes(b"not from the platform")
    assert cli.main([*restore, "--storage-dir", str(tmp_path / "t1")]) == 2
    assert "not in the manifest" in capsys.readouterr().err
    slipped.unlink()

    victim = next(p for p in (out / FILES).rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    assert cli.main([*restore, "--storage-dir", str(tmp_path / "t2")]) == 2
    assert "differs from the manifest" in capsys.readouterr().err
