"""The audit trail anchored outside the database (finding 6 of issue 11): tampering that keeps
the chain consistent in itself — truncating the tail and moving the head back, deleting the tail
with the head row, forging an event and re-hashing the rest, wiping the trail — is found against
the newest signed checkpoint (file and table); without a key the answer says `anchored: false`.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

from govshare_platform import cli
from govshare_platform.audit import anchor
from govshare_platform.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from govshare_platform.audit.service import _fields_of, event_digest, verify_chain
from govshare_platform.maintenance import run_once
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


def _anchored_trail(world: World) -> dict[str, object]:
    make_activity(world)
    cp = checkpoint_api(world)
    make_activity(world)  # events after the checkpoint, as in real life
    return cp


def _tail_after(world: World, seq: int) -> None:
    """Delete the events from `seq` on and move the head back to the one before, consistently."""
    with world.session() as s:
        prev = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq - 1))
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= seq))
        s.execute(update(AuditHead).values(seq=seq - 1, hash=prev))
        s.commit()


Snapshot = dict[str, list[dict[str, Any]]]
TABLES = (AuditEvent, AuditHead, AuditCheckpoint)


def _snapshot(world: World) -> Snapshot:
    with world.session() as s:
        return {
            m.__tablename__: [dict(r._mapping) for r in s.execute(select(m.__table__))]
            for m in TABLES
        }


def _put_back(world: World, snap: Snapshot) -> None:
    with world.session() as s:
        for m in TABLES:
            s.execute(delete(m))
            if snap[m.__tablename__]:
                s.execute(insert(m), snap[m.__tablename__])
        s.commit()


def _truncate_and_move_head_back(world: World, cp_seq: int) -> None:
    _tail_after(world, cp_seq - 2)
    with world.session() as s:  # the chain alone cannot see it (the finding)
        assert verify_chain(s).ok


def _delete_tail_with_head_row(world: World, cp_seq: int) -> None:
    with world.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= cp_seq - 1))
        s.execute(delete(AuditHead))
        s.commit()


def _forge_and_rehash(world: World, cp_seq: int) -> None:
    with world.session() as s:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        prev = events[0].hash
        for e in events[1:]:
            if e.seq == 2:
                e.details = {"forged": True}
            e.prev_hash = prev
            e.hash = event_digest(prev, _fields_of(e))
            prev = e.hash
        s.execute(update(AuditHead).values(hash=prev))
        s.commit()
        assert verify_chain(s).ok  # consistent in itself


def _wipe_with_the_checkpoint_table(world: World, cp_seq: int) -> None:
    with world.session() as s:
        s.execute(delete(AuditEvent))
        s.execute(delete(AuditCheckpoint))
        s.execute(update(AuditHead).values(seq=0, hash="0" * 64))
        s.commit()


def _forge_a_checkpoint_row(world: World, cp_seq: int) -> None:
    with world.session() as s:
        head = s.get(AuditHead, 1)
        assert head is not None
        row = s.scalars(select(AuditCheckpoint)).one()
        s.add(
            AuditCheckpoint(
                seq=head.seq, hash=head.hash, at=row.at, key_id=row.key_id, signature=row.signature
            )
        )
        s.commit()


BEHIND = "the head is behind the checkpoint: events were deleted"
ATTACKS: list[tuple[Callable[[World, int], None], str | None]] = [
    (_truncate_and_move_head_back, BEHIND),
    (_delete_tail_with_head_row, None),  # reported by the chain or the checkpoint, either way
    (_forge_and_rehash, "the checkpointed event's hash differs: the trail was rewritten"),
    (_wipe_with_the_checkpoint_table, BEHIND),
    (_forge_a_checkpoint_row, "checkpoint signature invalid"),
]


def test_tampering_is_detected_against_the_signed_checkpoint(world: World) -> None:
    cp = _anchored_trail(world)
    cp_seq = int(str(cp["seq"]))
    result = verify_api(world)
    assert result["ok"] is True and result["anchored"] is True, result
    assert result["checkpoint"]["seq"] == cp_seq and result["checkpoint"]["ok"] is True
    assert result["head_seq"] > cp_seq and result["base_seq"] == 0
    lines = Path(world.app.state.settings.audit_checkpoint_file).read_text().splitlines()
    assert json.loads(lines[-1])["signature"] == cp["signature"]
    intact = _snapshot(world)
    for attack, reason in ATTACKS:
        attack(world, cp_seq)
        result = verify_api(world)
        assert result["ok"] is False, (attack.__name__, result)
        if reason is not None:
            assert result["reason"] == reason, (attack.__name__, result)
        _put_back(world, intact)
        assert verify_api(world)["ok"] is True, attack.__name__


def test_maintenance_takes_a_checkpoint_when_the_head_moved(world: World) -> None:
    settings = world.app.state.settings
    make_activity(world)
    assert run_once(world.app.state.session_factory, settings).get("audit_checkpoint") == 1
    assert run_once(world.app.state.session_factory, settings).get("audit_checkpoint") is None
    lines = Path(settings.audit_checkpoint_file).read_text().splitlines()
    assert len(lines) == 1


def test_cli_init_key_checkpoint_and_verify(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "cli" / "audit.key"
    assert cli.main(["audit", "init-key", "--out", str(key)]) == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert cli.main(["audit", "init-key", "--out", str(key)]) == 2  # never overwritten
    make_activity(world)
    url = world.app.state.settings.database_url
    common = ["--database-url", url, "--key", str(key)]
    assert cli.main(["audit", "checkpoint", *common]) == 0
    assert (key.parent / anchor.DEFAULT_CHECKPOINT_FILE).exists()
    capsys.readouterr()
    assert cli.main(["audit", "verify", *common]) == 0
    assert "matches the signed checkpoint of event #" in capsys.readouterr().out
    _tail_after(world, 3)
    assert cli.main(["audit", "verify", *common]) == 1
    assert "the head is behind the checkpoint" in capsys.readouterr().err


def _edit(world: World, seq: int) -> None:
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(details={"forged": 1}))
        s.commit()


def _verify(world: World, *, full: bool) -> dict[str, Any]:
    r = world.client.get("/api/v1/audit/verify", params={"full": full}, headers=world.h(*AUDITOR))
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


def test_incremental_verification_from_the_newest_checkpoint(world: World) -> None:
    """By default only the events after the newest checkpoint are rehashed (issue 12); a change
    after it is found by both checks, an old event edited before it (its stored hash left alone)
    only by the full one (docs/security.md), a re-hashed rewrite before it by both."""
    cp_seq = int(str(_anchored_trail(world)["seq"]))
    quick, whole = _verify(world, full=False), _verify(world, full=True)
    assert quick["ok"] and whole["ok"], (quick, whole)
    assert 0 < quick["checked"] <= whole["head_seq"] - cp_seq < whole["checked"]
    intact = _snapshot(world)

    _edit(world, cp_seq + 1)  # after the checkpoint
    for result in (_verify(world, full=False), _verify(world, full=True)):
        assert (result["ok"], result["first_broken_seq"]) == (False, cp_seq + 1), result
        assert result["reason"] == "event content altered"
    _put_back(world, intact)

    _edit(world, 2)  # before it, the hash left alone: the signed prefix is not rehashed
    assert _verify(world, full=False)["ok"] is True
    whole = _verify(world, full=True)
    assert (whole["ok"], whole["first_broken_seq"]) == (False, 2), whole
    _put_back(world, intact)

    _forge_and_rehash(world, cp_seq)  # before it, re-hashed: the checkpointed hash differs
    for result in (_verify(world, full=False), _verify(world, full=True)):
        assert result["ok"] is False
        assert result["reason"] == "the checkpointed event's hash differs: the trail was rewritten"
