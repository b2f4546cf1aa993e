"""The security admin's and the audit admin's to-dos (三员分立; govshare_core.separation
AdminTodo), on both databases: each kind appears when due, goes only to its admin, and only for
what that admin may close; no other role ever gets one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from govshare_core.separation import FULL_VERIFY_STALE_HOURS, AdminTodo
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.audit.models import AuditCheckpoint, AuditEvent
from govshare_platform.db import utcnow
from govshare_platform.departments.models import Department, ResourceAdminFiling, User
from govshare_platform.maintenance import run_once
from govshare_platform.policy.models import Policy
from govshare_platform.settings import Settings
from tests.platform.audit_support import checkpoint_api, keyed_settings, make_activity, verify_api
from tests.platform.conftest import PASSWORD, World

SE, AU = ("P", Role.SECURITY_ADMIN), ("P", Role.AUDIT_ADMIN)
ADMIN_KINDS = {k.value for k in AdminTodo}


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return keyed_settings(db_url, tmp_path)


def _inbox(world: World, dept: str, role: Role) -> list[dict[str, Any]]:
    r = world.client.get("/api/v1/inbox", headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return list(r.json())


def _items(world: World, who: tuple[str, Role], kind: AdminTodo) -> list[tuple[int, str]]:
    return [(i["object_id"], i["state"]) for i in _inbox(world, *who) if i["kind"] == kind]


def _no_other_role_gets_them(world: World) -> None:
    for (dept, role), _uid in world.users.items():
        got = {i["kind"] for i in _inbox(world, dept, role)} & ADMIN_KINDS
        expected = {k.value for k in AdminTodo if k.role is role}
        assert got <= expected, (dept, role, got)


def test_locked_accounts_and_pending_passwords(world: World) -> None:
    registrar, auditor = world.uid("A", Role.REGISTRAR), world.uid(*AU)
    assert _items(world, SE, AdminTodo.ACCOUNT_LOCKED) == []
    assert _items(world, SE, AdminTodo.PASSWORD_PENDING) == []
    for username in ("a_registrar", "p_audit_admin"):  # locked by wrong passwords
        for _ in range(5):
            body = {"username": username, "password": PASSWORD + "x"}
            world.client.post("/api/v1/auth/login", json=body)
    # a privileged account is the command line's: not the security admin's to-do
    assert _items(world, SE, AdminTodo.ACCOUNT_LOCKED) == [(registrar, "locked")]
    with world.session() as s:
        assert s.get(User, auditor).locked_until is not None

    security = world.h(*SE)
    r = world.client.post(
        f"/api/v1/users/{registrar}/unlock", headers={**security, "If-Match": "*"}
    )
    assert r.status_code == 200, r.text
    assert _items(world, SE, AdminTodo.ACCOUNT_LOCKED) == []
    _no_other_role_gets_them(world)  # (before the passwords: those users are kept out then)

    reviewer = world.uid("A", Role.CATALOG_REVIEWER)
    body = {"new_password": "Temp-Passw0rd-77"}
    path = f"/api/v1/users/{reviewer}/reset-password"
    assert world.client.post(path, json=body, headers={**security, "If-Match": "*"}).is_success
    applicant = world.uid("B", Role.APPLICANT)
    with world.session() as s:  # a password older than the policy's max_age_days (90 by default)
        s.execute(update(Policy).values(password_max_age_days=30))
        old = utcnow() - timedelta(days=31)
        s.execute(update(User).where(User.id == applicant).values(password_changed_at=old))
        s.execute(update(User).where(User.id == auditor).values(password_changed_at=old))
        s.commit()
    pending = _items(world, SE, AdminTodo.PASSWORD_PENDING)
    assert sorted(pending) == sorted([(reviewer, "must_change"), (applicant, "expired")])
    titles = [i["title"] for i in _inbox(world, *SE) if i["kind"] == "password_pending"]
    assert any("a_catalog_reviewer" in t for t in titles)


def test_departments_without_a_filed_resource_admin(world: World) -> None:
    assert _items(world, SE, AdminTodo.FILING_MISSING) == []  # A and B are filed, P needs none
    with world.session() as s:
        s.execute(
            update(ResourceAdminFiling)
            .where(ResourceAdminFiling.department_id == world.depts["B"])
            .values(active=False)
        )
        s.commit()
    assert _items(world, SE, AdminTodo.FILING_MISSING) == [(world.depts["B"], "no_filing")]
    [item] = [i for i in _inbox(world, *SE) if i["kind"] == "filing_missing"]
    with world.session() as s:
        assert item["title"] == s.get(Department, world.depts["B"]).name
    assert item["due"] is None and item["overdue"] is False
    _no_other_role_gets_them(world)


def test_the_audit_trail_unanchored_broken_and_due_for_archiving(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_activity(world)
    assert _inbox(world, *AU) == []  # events just written: the hourly sweep anchors them
    later = clock.now() + timedelta(hours=25)
    monkeypatch.setattr(clock, "now", lambda: later)
    # from the oldest event no checkpoint covers (none yet: the first)
    assert _items(world, AU, AdminTodo.AUDIT_UNANCHORED) == [(1, "unanchored")]
    checkpoint_api(world)
    assert _items(world, AU, AdminTodo.AUDIT_UNANCHORED) == []

    with world.session() as s:  # the checkpointed event rewritten: the chain broken
        cp = s.query(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc()).first()
        assert cp is not None
        s.execute(update(AuditEvent).where(AuditEvent.seq == cp.seq).values(hash="f" * 64))
        s.commit()
        broken_at = cp.seq
    assert _items(world, AU, AdminTodo.AUDIT_CHAIN_BROKEN) == [(broken_at, "broken")]
    assert not verify_api(world)["ok"]
    _no_other_role_gets_them(world)


def test_events_past_the_retention_period(world: World) -> None:
    make_activity(world)
    assert _items(world, AU, AdminTodo.AUDIT_RETENTION) == []
    with world.session() as s:  # the two oldest events six years old (the policy keeps 5)
        old = utcnow() - timedelta(days=6 * 366)
        s.execute(update(AuditEvent).where(AuditEvent.seq <= 2).values(at=old))
        s.commit()
    [item] = [i for i in _inbox(world, *AU) if i["kind"] == "audit_retention"]
    assert (item["object_id"], item["state"]) == (2, "archive_due")
    assert item["title"].startswith("2 条审计事件")
    _no_other_role_gets_them(world)


def test_a_failed_scheduled_full_verification_is_a_todo_until_a_full_one_passes(
    world: World, settings: Settings
) -> None:
    """An event before the newest checkpoint edited with its stored hash left alone: the desk's
    incremental check passes, the sweep's daily full verification fails, and the to-do stays
    open through incremental passes until a full verification passes."""
    make_activity(world)
    checkpoint_api(world)
    make_activity(world)
    with world.session() as s:
        outcome = s.scalar(select(AuditEvent.outcome).where(AuditEvent.seq == 2))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(outcome="edited"))
        s.commit()
    assert verify_api(world)["ok"]  # incremental: what the checkpoint covers is not rehashed
    assert _items(world, AU, AdminTodo.AUDIT_CHAIN_BROKEN) == []
    result = run_once(world.app.state.session_factory, settings)
    assert result["audit_verified"] == 1 and result["audit_verify_failed"] == 1
    [(seq, state)] = _items(world, AU, AdminTodo.AUDIT_CHAIN_BROKEN)
    assert state == "broken"
    with world.session() as s:
        event = s.get(AuditEvent, seq)  # the recorded verification (id == seq here)
        assert event is not None and event.actor_name == "system"
        assert event.details["scheduled"] and event.details["first_broken_seq"] == 2
    assert verify_api(world)["ok"]  # a later incremental pass does not close it
    assert _items(world, AU, AdminTodo.AUDIT_CHAIN_BROKEN) == [(seq, "broken")]
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(outcome=outcome))
        s.commit()
    r = world.client.get("/api/v1/audit/verify", params={"full": True}, headers=world.h(*AU))
    assert r.status_code == 200 and r.json()["ok"], r.text
    assert _items(world, AU, AdminTodo.AUDIT_CHAIN_BROKEN) == []
    _no_other_role_gets_them(world)


def test_a_full_verification_overdue_until_one_is_recorded(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sweep's daily full verification stopped: after FULL_VERIFY_STALE_HOURS without one
    the audit admin is asked; a full verification at the desk closes it, an incremental one
    does not, and it is asked again FULL_VERIFY_STALE_HOURS after the full one."""
    make_activity(world)
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=FULL_VERIFY_STALE_HOURS - 1))
    assert _items(world, AU, AdminTodo.AUDIT_VERIFY_OVERDUE) == []  # a young trail
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(hours=FULL_VERIFY_STALE_HOURS + 1))
    [item] = [i for i in _inbox(world, *AU) if i["kind"] == AdminTodo.AUDIT_VERIFY_OVERDUE]
    assert (item["object_id"], item["state"]) == (1, "verify_overdue")  # the oldest event
    assert "从未全量校验" in item["title"]

    assert verify_api(world)["ok"]  # incremental: not what the to-do asks for
    assert _items(world, AU, AdminTodo.AUDIT_VERIFY_OVERDUE) == [(1, "verify_overdue")]
    r = world.client.get("/api/v1/audit/verify", params={"full": "true"}, headers=world.h(*AU))
    assert r.status_code == 200 and r.json()["ok"], r.text
    with world.session() as s:
        full = s.execute(
            select(AuditEvent.seq, AuditEvent.at)
            .where(AuditEvent.action == "audit_verify")
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).one()
    # events are stamped with the real time: the verification closes it for the next two days
    soon = full.at + timedelta(hours=FULL_VERIFY_STALE_HOURS - 1)
    monkeypatch.setattr(clock, "now", lambda: soon)
    assert _items(world, AU, AdminTodo.AUDIT_VERIFY_OVERDUE) == []
    late = full.at + timedelta(hours=FULL_VERIFY_STALE_HOURS + 1)
    monkeypatch.setattr(clock, "now", lambda: late)
    [item] = [i for i in _inbox(world, *AU) if i["kind"] == AdminTodo.AUDIT_VERIFY_OVERDUE]
    assert (item["object_id"], item["state"]) == (full.seq, "verify_overdue")
    assert "未全量校验" in item["title"] and "从未" not in item["title"]
    _no_other_role_gets_them(world)
