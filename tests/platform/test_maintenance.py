"""The periodic sweeps: overdue requests are escalated and grants expire without anyone asking."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from govshare_core.vocab import GrantStatus, RequestStatus, Role
from govshare_platform import clock
from govshare_platform.assessment.models import ConformanceCheck
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditEvent
from govshare_platform.cli import main
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.grants.models import Grant
from govshare_platform.maintenance import (
    SKIPPED,
    Scheduler,
    claim_sweep,
    run_once,
    seconds_to_next_round,
)
from govshare_platform.requests.models import ShareRequest
from govshare_platform.settings import Settings
from tests.platform.conftest import World
from tests.platform.test_access_matrix import make_request
from tests.server_support import in_two_processes_at_once


def _shift(monkeypatch: pytest.MonkeyPatch, days: int) -> None:
    later = clock.today() + timedelta(days=days)
    monkeypatch.setattr(clock, "today", lambda: later)


def test_sweep_escalates_and_expires(
    world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    waiting = make_request(world, "consumer", "submitted")
    active = make_request(world, "consumer", "active")
    factory = world.app.state.session_factory
    settings = settings.model_copy(update={"audit_verify_interval_hours": 0})
    assert run_once(factory, settings) == {"escalated": 0, "expired": 0}
    _shift(monkeypatch, 400)  # past the review deadline and the 180-day 截止时间
    result = run_once(factory, settings)
    assert result["escalated"] == 1
    assert result["expired"] == 1  # one grant: the request asked for one data item
    with world.session() as s:
        assert s.get(ShareRequest, waiting).escalated is True
        assert s.get(ShareRequest, active).status == RequestStatus.EXPIRED
        grant = s.scalars(select(Grant).where(Grant.request_id == active)).one()
        assert grant.status == GrantStatus.EXPIRED
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"request_escalated", "grant_expired", "maintenance_run"} <= actions
    assert run_once(factory, settings) == {"escalated": 0, "expired": 0}  # idempotent


def test_scheduler_runs_in_background(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    waiting = make_request(world, "consumer", "submitted")
    _shift(monkeypatch, 30)
    scheduler = Scheduler(world.app.state.session_factory, interval=0.05)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with world.session() as s:
                if s.get(ShareRequest, waiting).escalated:
                    break
            time.sleep(0.05)
    finally:
        scheduler.stop()
    with world.session() as s:
        assert s.get(ShareRequest, waiting).escalated is True
    r = world.client.get("/api/v1/requests?overdue=true", headers=world.h("P", Role.PLATFORM_ADMIN))
    assert [item["id"] for item in r.json()["items"]] == [waiting]


def test_maintenance_cli(world: World, settings, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["--database-url", settings.database_url, "maintenance"]) == 0
    assert '"escalated": 0' in capsys.readouterr().out


# --- several API processes on one database (docs/security.md "Running several API processes")


def _sweep_counts(world: World) -> tuple[dict[str, int], dict[int, int]]:
    """Audit events of the sweep by action, and conformance checks per entry."""
    with world.session() as s:
        actions = s.execute(
            select(AuditEvent.action, func.count()).group_by(AuditEvent.action)
        ).all()
        checks = s.execute(
            select(ConformanceCheck.entry_id, func.count()).group_by(ConformanceCheck.entry_id)
        ).all()
    return {a: int(n) for a, n in actions}, {int(e): int(n) for e, n in checks}


def test_parallel_sweeps_of_two_processes_run_once(
    world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two engines (each its own pool and, on SQLite, its own writer queue: as two processes)
    sweep at the same moment: every overdue request is escalated once, every entry checked
    once, one `maintenance_run` and one `conformance_checked` event."""
    waiting = make_request(world, "consumer", "submitted")
    _shift(monkeypatch, 30)
    results = in_two_processes_at_once(settings.database_url, run_once)
    assert len(results) == 2
    assert sum(r.get("escalated", 0) for r in results) == 1, results
    actions, checks = _sweep_counts(world)
    assert actions["request_escalated"] == 1
    assert actions["maintenance_run"] == 1
    assert actions["conformance_checked"] == 1
    assert checks and set(checks.values()) == {1}, checks
    with world.session() as s:
        assert s.get(ShareRequest, waiting).escalated is True
        assert audit.verify_chain(s).ok


def test_sweep_skips_while_another_process_sweeps(
    world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: a sweep that finds the advisory lock taken does nothing and says so; SQLite:
    it waits for the other's write transaction, then finds nothing left to do."""
    waiting = make_request(world, "consumer", "submitted")
    _shift(monkeypatch, 30)
    other = make_engine(settings.database_url)
    factory = world.app.state.session_factory
    try:
        with make_session_factory(other)() as holder:
            assert claim_sweep(holder) is True
            if other.dialect.name == "postgresql":
                assert run_once(factory) == SKIPPED
                with world.session() as s:
                    assert s.get(ShareRequest, waiting).escalated is False
            holder.rollback()
    finally:
        other.dispose()
    assert run_once(factory)["escalated"] == 1


def test_rounds_meet_on_the_clock() -> None:
    """Every process wakes at the multiples of the interval since the epoch (on the hour)."""
    assert seconds_to_next_round(3600, now=7200.0) == 3600
    assert seconds_to_next_round(3600, now=7200.5) == pytest.approx(3599.5)
    assert seconds_to_next_round(60, now=119.0) == pytest.approx(1.0)
