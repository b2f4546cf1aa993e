"""Retention of the audit trail (第二十六条, `log_retention_years`): archive, then purge — refused
for events younger than the retention period, for an archive that does not verify and for one
that does not match the database; a purge leaves a chain that verifies from its new base."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from govshare_platform import cli, clock
from govshare_platform.audit import retention
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditEvent, AuditHead
from govshare_platform.settings import Settings
from tests.platform.audit_support import (
    AUDITOR,
    checkpoint_api,
    keyed_settings,
    make_activity,
    verify_api,
)
from tests.platform.conftest import World


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return keyed_settings(db_url, tmp_path)


def _old_events(world: World, monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """`count` events written in January 2020 (their time given: the clock of 2020)."""
    times: Iterator[datetime] = (
        datetime(2020, 1, 2, tzinfo=UTC) + timedelta(hours=i) for i in range(count)
    )
    with world.session() as s:
        audit.begin_write(s)
        for i in range(count):
            audit.append(s, action="login", actor_name=f"old_{i}", at=next(times))
        s.commit()


def _archive(world: World, before: date, out: Path) -> Path:
    settings = world.app.state.settings
    retention.archive(world.app.state.session_factory, settings, before=before, out=out)
    return out


def _purge(world: World, archive: Path) -> retention.PurgeResult:
    settings = world.app.state.settings
    factory = world.app.state.session_factory
    return retention.purge(factory, settings, archive_file=archive, today=clock.today())


def test_archive_and_purge(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_events(world, monkeypatch, 5)
    make_activity(world)
    checkpoint_api(world)
    # too young: the archive reaches today's events (today in Asia/Shanghai, the clock's)
    young = _archive(world, clock.today() + timedelta(days=1), tmp_path / "young.zip")
    with pytest.raises(retention.RetentionError, match="younger than 5 years"):
        _purge(world, young)
    old = _archive(world, date(2021, 1, 1), tmp_path / "old.zip")
    # an archive that does not verify: one event's text changed
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(old) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data.replace(b"old_3", b"old_9") if name == "events.csv" else data)
    with pytest.raises(retention.RetentionError, match="does not verify"):
        _purge(world, forged)
    # an archive that does not match the database: event #2 altered there since
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(actor_name="x"))
        s.commit()
    with pytest.raises(retention.RetentionError, match="event #2 in the database was altered"):
        _purge(world, old)
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(actor_name="old_1"))
        s.commit()
    done = _purge(world, old)
    assert (done.first_seq, done.last_seq, done.deleted) == (1, 5, 5)
    with world.session() as s:
        head = s.get(AuditHead, 1)
        assert head is not None and head.base_seq == 5
    result = verify_api(world)
    assert result["ok"] is True and result["base_seq"] == 5, result
    assert result["checkpoint"]["seq"] == done.checkpoint_seq
    r = world.client.get(
        "/api/v1/audit/events", params={"action": "audit_purge"}, headers=world.h(*AUDITOR)
    )
    (event,) = r.json()["items"]
    assert event["details"]["first_seq"] == 1 and event["details"]["deleted"] == 5
    with pytest.raises(retention.RetentionError, match="does not start at the chain's base"):
        _purge(world, old)


def test_cli_archive_and_purge_refusals(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(world)
    settings = world.app.state.settings
    common = ["--database-url", settings.database_url, "--key", str(settings.audit_key_file)]
    out = tmp_path / "a.zip"
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()  # every event made above
    assert cli.main(["audit", "archive", "--before", tomorrow, "--out", str(out), *common]) == 0
    assert "archived events #1–#" in capsys.readouterr().out
    assert cli.main(["audit", "verify-export", str(out), *common]) == 0
    assert cli.main(["audit", "purge", "--archive", str(out), *common]) == 2
    assert "cannot be purged (第二十六条)" in capsys.readouterr().err
    assert cli.main(["audit", "archive", "--before", "2020-01-01", "--out", str(tmp_path / "b"),
                     *common]) == 2  # fmt: skip
    assert "no kept events before 2020-01-01" in capsys.readouterr().err
