"""The audit trail (第二十六条, 第三十三条): what is recorded, who reads it, tamper detection."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform import cli
from govshare_platform.audit.models import AuditEvent
from govshare_platform.audit.service import verify_chain
from tests.platform.conftest import PASSWORD, World

AUDITOR = ("P", Role.AUDIT_ADMIN)


def events(world: World, **params: Any) -> list[dict[str, Any]]:
    r = world.client.get("/api/v1/audit/events", params=params, headers=world.h(*AUDITOR))
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def make_activity(world: World) -> None:
    """Log in, fail a login, create a department, and get denied once."""
    c = world.client
    ok = c.post("/api/v1/auth/login", json={"username": "a_registrar", "password": PASSWORD})
    assert ok.status_code == 200
    bad = c.post("/api/v1/auth/login", json={"username": "a_registrar", "password": "nope"})
    assert bad.status_code == 401
    body = {"name": "南通市审计局", "credit_code": make_credit_code("11320600014160009")}
    made = c.post("/api/v1/departments", json=body, headers=world.h("P", Role.SECURITY_ADMIN))
    assert made.status_code == 201, made.text
    denied = c.get("/api/v1/audit/events", headers=world.h("A", Role.REGISTRAR))
    assert denied.status_code == 403


def verify_api(world: World) -> dict[str, Any]:
    r = world.client.get("/api/v1/audit/verify", headers=world.h(*AUDITOR))
    assert r.status_code == 200
    result: dict[str, Any] = r.json()
    return result


def test_events_for_login_failures_mutations_and_denials(world: World) -> None:
    make_activity(world)
    login = events(world, action="login")
    assert [(e["actor_name"], e["outcome"]) for e in login] == [("a_registrar", "ok")]
    assert login[0]["actor_id"] == world.uid("A", Role.REGISTRAR)
    assert login[0]["client_address"]
    failed = events(world, action="login_failed")
    assert failed[0]["outcome"] == "denied" and failed[0]["details"]["reason"] == "wrong password"
    (created,) = events(world, action="department_create")
    assert created["object_type"] == "department" and created["details"]["name"] == "南通市审计局"
    assert created["actor_id"] == world.uid("P", Role.SECURITY_ADMIN)
    (denial,) = events(world, action="permission_denied")
    assert denial["actor_id"] == world.uid("A", Role.REGISTRAR)
    assert denial["outcome"] == "denied"
    assert denial["department_id"] == world.depts["A"]
    everything = events(world)
    assert [e["seq"] for e in everything] == sorted((e["seq"] for e in everything), reverse=True)
    assert everything[-1]["prev_hash"] == "0" * 64


def test_only_audit_admin_reads_the_trail(world: World) -> None:
    for role in (r for r in Role if r is not Role.AUDIT_ADMIN):  # one world for every role
        _refused_everywhere(world, role)
    assert world.client.get("/api/v1/audit/events").status_code == 401


def _refused_everywhere(world: World, role: Role) -> None:
    dept = "A" if (("A", role) in world.users) else "P"
    headers = world.h(dept, role)
    for method, path in (
        ("GET", "/api/v1/audit/events"),
        ("GET", "/api/v1/audit/verify"),
        ("GET", "/api/v1/audit/checkpoints"),
        ("POST", "/api/v1/audit/checkpoints"),
        ("GET", "/api/v1/audit/export"),
    ):
        r = world.client.request(method, path, headers=headers)
        assert r.status_code == 403, (role, path)
        assert r.json()["code"] == "forbidden"


def test_audit_events_filter_and_paginate(world: World) -> None:
    make_activity(world)
    page = world.client.get(
        "/api/v1/audit/events", params={"limit": 2, "count": True}, headers=world.h(*AUDITOR)
    ).json()
    assert page["limit"] == 2 and len(page["items"]) == 2 and page["total"] >= 4
    older = world.client.get(
        "/api/v1/audit/events",
        params={"limit": 2, "before_seq": page["next_before_seq"]},
        headers=world.h(*AUDITOR),
    ).json()
    assert max(e["seq"] for e in older["items"]) < min(e["seq"] for e in page["items"])
    by_actor = events(world, actor_id=world.uid("P", Role.SECURITY_ADMIN))
    assert {e["action"] for e in by_actor} == {"department_create"}


def test_chain_verifies_when_intact(world: World) -> None:
    make_activity(world)
    result = verify_api(world)
    count = len([e for e in events(world) if e["seq"] <= result["head_seq"]])
    assert {k: result[k] for k in ("ok", "checked", "first_broken_seq", "reason")} == {
        "ok": True,
        "checked": count,
        "first_broken_seq": None,
        "reason": None,
    }
    # without an audit key the trail is checked against itself only (the desk says so)
    assert (result["anchored"], result["checkpoint"], result["base_seq"]) == (False, None, 0)


def _seqs(world: World) -> list[int]:
    with world.session() as s:
        return list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))


def test_edited_row_is_detected(world: World) -> None:
    make_activity(world)
    target = _seqs(world)[1]
    with world.session() as s:
        s.execute(
            update(AuditEvent).where(AuditEvent.seq == target).values(details={"forged": True})
        )
        s.commit()
    result = verify_api(world)
    assert result["ok"] is False
    assert result["first_broken_seq"] == target
    assert result["reason"] == "event content altered"
    assert result["checked"] == target - 1


def test_edited_outcome_is_detected(world: World) -> None:
    make_activity(world)
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.outcome == "denied").values(outcome="ok"))
        s.commit()
    result = verify_api(world)
    assert (result["ok"], result["reason"]) == (False, "event content altered")


def test_deleted_middle_row_is_a_sequence_gap(world: World) -> None:
    make_activity(world)
    seqs = _seqs(world)
    middle = seqs[len(seqs) // 2]
    with world.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == middle))
        s.commit()
    result = verify_api(world)
    assert result["ok"] is False
    assert result["first_broken_seq"] == middle
    assert result["reason"] == "missing event (sequence gap)"


def test_deleted_last_row_is_detected(world: World) -> None:
    make_activity(world)
    last = _seqs(world)[-1]
    with world.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == last))
        s.commit()
        result = verify_chain(s)
    assert not result.ok
    assert result.first_broken_seq == last
    assert result.reason == "events after the last one were deleted"


def test_cli_audit_verify(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    make_activity(world)
    url = world.app.state.settings.database_url
    with world.session() as s:
        count = s.scalar(select(func.count(AuditEvent.id)))
    assert cli.main(["--database-url", url, "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert f"audit chain intact: {count} events verified" in out
    with world.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(action="login"))
        s.commit()
    assert cli.main(["audit", "verify", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "audit chain BROKEN at event #3: event content altered" in err
    assert "(2 events verified before it)" in err
