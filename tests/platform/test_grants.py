"""Grants: one per data item, expiry by date and sweep, revocation (第二十九条, 第三十条)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import World
from tests.platform.requests_support import (
    TODAY,
    add_department,
    audit_events,
    make_entry,
    set_today,
    submitted,
)

END = TODAY + timedelta(days=30)


def _active_request(world: World) -> dict[str, object]:
    entry = make_entry(world, share_type="unconditional")
    return submitted(world, entry, items=["姓名", "身份证号", "住址"], end_date=str(END))


def _grants(world: World, dept: str, role: Role, query: str = "") -> list[dict[str, object]]:
    r = world.client.get(f"/api/v1/grants{query}", headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def _request(world: World, rid: object) -> dict[str, object]:
    r = world.client.get(f"/api/v1/requests/{rid}", headers=world.h("B", Role.APPLICANT))
    return dict(r.json())


def test_sides_and_visibility(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    add_department(world)
    _active_request(world)
    assert len(_grants(world, "B", Role.APPLICANT, "?side=received")) == 3
    assert _grants(world, "B", Role.APPLICANT, "?side=given") == []
    assert len(_grants(world, "A", Role.RESOURCE_ADMIN, "?side=given")) == 3
    assert len(_grants(world, "P", Role.PLATFORM_ADMIN)) == 3
    assert _grants(world, "C", Role.APPLICANT) == []
    gid = _grants(world, "A", Role.RESOURCE_ADMIN)[0]["id"]
    assert (
        world.client.get(f"/api/v1/grants/{gid}", headers=world.h("C", Role.APPLICANT)).status_code
        == 404
    )


def test_expiry_shows_before_the_sweep(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    rid = _active_request(world)["id"]
    soon = _grants(world, "B", Role.APPLICANT, "?expiring_within=30")
    assert len(soon) == 3
    assert _grants(world, "B", Role.APPLICANT, "?expiring_within=29") == []
    set_today(monkeypatch, END)  # the last valid day
    assert {g["status"] for g in _grants(world, "B", Role.APPLICANT)} == {"active"}
    set_today(monkeypatch, END + timedelta(days=1))
    assert {g["status"] for g in _grants(world, "B", Role.APPLICANT)} == {"expired"}
    assert len(_grants(world, "B", Role.APPLICANT, "?status=expired")) == 3
    assert _grants(world, "B", Role.APPLICANT, "?status=active") == []
    assert _request(world, rid)["status"] == "active"  # until the sweep
    denied = world.client.post("/api/v1/grants/expire", headers=world.h("A", Role.RESOURCE_ADMIN))
    assert denied.status_code == 403
    r = world.client.post("/api/v1/grants/expire", headers=world.h("P", Role.PLATFORM_ADMIN))
    assert r.json() == {"expired": 3}
    assert _request(world, rid)["status"] == "expired"
    assert len(audit_events(world, "grant_expired")) == 3
    assert len(audit_events(world, "request_expired")) == 1
    again = world.client.post("/api/v1/grants/expire", headers=world.h("P", Role.PLATFORM_ADMIN))
    assert again.json() == {"expired": 0}


def _revoke(world: World, gid: object, dept: str, role: Role) -> int:
    r = world.client.post(
        f"/api/v1/grants/{gid}/revoke",
        json={"reason": "超出履职范围使用"},
        headers=world.h(dept, role),
    )
    return r.status_code


def test_revoke_item_by_item(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    add_department(world)
    rid = _active_request(world)["id"]
    g1, g2, g3 = (g["id"] for g in _grants(world, "A", Role.RESOURCE_ADMIN))
    assert _revoke(world, g1, "B", Role.RESOURCE_ADMIN) == 403  # the consumer cannot revoke
    assert _revoke(world, g1, "C", Role.RESOURCE_ADMIN) == 404
    assert _revoke(world, g1, "A", Role.APPLICANT) == 403
    assert _revoke(world, g1, "A", Role.RESOURCE_ADMIN) == 200
    assert _revoke(world, g1, "A", Role.RESOURCE_ADMIN) == 409
    assert _request(world, rid)["status"] == "active"
    assert _revoke(world, g2, "P", Role.PLATFORM_ADMIN) == 200  # the platform admin may revoke
    assert _revoke(world, g3, "A", Role.RESOURCE_ADMIN) == 200
    assert _request(world, rid)["status"] == "revoked"
    revoked = _grants(world, "B", Role.APPLICANT, "?status=revoked")
    assert {g["revoked_reason"] for g in revoked} == {"超出履职范围使用"}
    assert len(audit_events(world, "grant_revoke")) == 3
    assert len(audit_events(world, "request_revoke")) == 1
    assert len(audit_events(world, "permission_denied")) == 3


def test_expired_grant_cannot_be_revoked(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    _active_request(world)
    gid = _grants(world, "A", Role.RESOURCE_ADMIN)[0]["id"]
    set_today(monkeypatch, date.fromordinal(END.toordinal() + 1))
    assert _revoke(world, gid, "A", Role.RESOURCE_ADMIN) == 409
