"""The periodic sweeps: overdue requests are escalated and grants expire without anyone asking."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from govshare_core.vocab import GrantStatus, RequestStatus, Role
from govshare_platform import clock
from govshare_platform.audit.models import AuditEvent
from govshare_platform.cli import main
from govshare_platform.grants.models import Grant
from govshare_platform.maintenance import Scheduler, run_once
from govshare_platform.requests.models import ShareRequest
from tests.platform.conftest import World
from tests.platform.test_access_matrix import make_request


def _shift(monkeypatch: pytest.MonkeyPatch, days: int) -> None:
    later = clock.today() + timedelta(days=days)
    monkeypatch.setattr(clock, "today", lambda: later)


def test_sweep_escalates_and_expires(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    waiting = make_request(world, "consumer", "submitted")
    active = make_request(world, "consumer", "active")
    factory = world.app.state.session_factory
    assert run_once(factory) == {"escalated": 0, "expired": 0}
    _shift(monkeypatch, 400)  # past the review deadline and the 180-day 截止时间
    result = run_once(factory)
    assert result["escalated"] == 1
    assert result["expired"] == 1  # one grant: the request asked for one data item
    with world.session() as s:
        assert s.get(ShareRequest, waiting).escalated is True
        assert s.get(ShareRequest, active).status == RequestStatus.EXPIRED
        grant = s.scalars(select(Grant).where(Grant.request_id == active)).one()
        assert grant.status == GrantStatus.EXPIRED
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"request_escalated", "grant_expired", "maintenance_run"} <= actions
    assert run_once(factory) == {"escalated": 0, "expired": 0}  # idempotent


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
