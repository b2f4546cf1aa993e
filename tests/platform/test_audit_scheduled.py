"""The maintenance sweep's scheduled full verification of the audit chain
(govshare_platform.audit.scheduled): due once per `audit_verify_interval_hours`, claimed by one
process only, run without holding a lock writers need, and recorded as an audited
`audit_verify` event of the system (the audit admin's to-do: tests/platform/test_inbox_admins.py).
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from govshare_platform import clock
from govshare_platform.audit import anchor, scheduled
from govshare_platform.audit.models import AuditEvent
from govshare_platform.db import make_engine
from govshare_platform.maintenance import run_once
from govshare_platform.settings import Settings
from tests.platform.audit_support import make_activity
from tests.platform.conftest import World
from tests.server_support import in_two_processes_at_once


def _verifications(world: World) -> list[tuple[str | None, dict[str, Any]]]:
    with world.session() as s:
        rows = s.execute(
            select(AuditEvent.actor_name, AuditEvent.details)
            .where(AuditEvent.action == "audit_verify")
            .order_by(AuditEvent.seq)
        )
        return [(name, details) for name, details in rows]


def test_due_once_per_interval_and_audited(
    world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_activity(world)
    factory = world.app.state.session_factory
    first = run_once(factory, settings)
    assert first["audit_verified"] == 1 and "audit_verify_failed" not in first
    [(actor, details)] = _verifications(world)
    assert actor == "system"
    assert details["ok"] and details["full"] and details["scheduled"]
    assert details["checked"] >= 4 and details["first_broken_seq"] is None
    assert "audit_verified" not in run_once(factory, settings)  # done for today

    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=23))
    assert scheduled.run_if_due(factory, settings) is None
    # the sweeps on the hour meet it every day (a few seconds less than 24 h since the last)
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=24, seconds=-3))
    assert scheduled.run_if_due(factory, settings) is not None
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=60))
    off = settings.model_copy(update={"audit_verify_interval_hours": 0})
    assert scheduled.run_if_due(factory, off) is None
    assert len(_verifications(world)) == 2


def test_claimed_by_one_process(world: World, settings: Settings) -> None:
    """Two engines (as two processes) at the same moment: one verification, one event."""
    make_activity(world)
    results = in_two_processes_at_once(
        settings.database_url, lambda factory: scheduled.run_if_due(factory, settings)
    )
    assert len(results) == 2 and sum(r is not None for r in results) == 1, results
    assert len(_verifications(world)) == 1


def _head_is_free(url: str) -> None:
    """A writer of another process can take the audit head now (fails in 2 s otherwise)."""
    if url.startswith("sqlite"):
        raw = sqlite3.connect(make_url(url).database or "", timeout=2, isolation_level=None)
        try:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE audit_head SET seq = seq WHERE id = 1")
            raw.execute("ROLLBACK")
        finally:
            raw.close()
        return
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '2s'"))
            conn.execute(text("UPDATE audit_head SET seq = seq WHERE id = 1"))
            conn.rollback()
    finally:
        engine.dispose()


def test_no_write_lock_is_held_while_rehashing(
    world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_activity(world)
    real_verify = anchor.verify
    seen: list[bool] = []

    def verify(*args: Any, **kwargs: Any) -> Any:
        _head_is_free(settings.database_url)
        seen.append(True)
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(anchor, "verify", verify)
    assert run_once(world.app.state.session_factory, settings)["audit_verified"] == 1
    assert seen == [True]
