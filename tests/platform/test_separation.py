"""三员分立 on the platform (issue 11, findings 2, 8, 11, 13; 第二十八条's filed resource admin).

The security admin manages accounts but never its own, never a security_admin or audit_admin
account; accounts made through the API carry a temporary password; four eyes covers the author;
only the provider's filed resource administrator decides a share request.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from tests.platform.catalog_helpers import API, entry_payload
from tests.platform.conftest import PASSWORD, World
from tests.platform.requests_support import make_entry, submitted

SEC = ("P", Role.SECURITY_ADMIN)
NEW_PASSWORD = "Fresh-Passw0rd-9"


def _h(world: World, user_id: int, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.token(user_id)}", **extra}


def _denials(world: World) -> list[dict[str, Any]]:
    with world.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "permission_denied"))
        return [dict(e.details) for e in rows]


def _user(world: World, user_id: int) -> User:
    with world.session() as s:
        user = s.get(User, user_id)
        assert user is not None
        s.expunge(user)
        return user


def _new_user(world: World, **changes: Any) -> dict[str, Any]:
    body = {
        "username": "new_user",
        "full_name": "新用户",
        "password": "Temp-Passw0rd-1",
        "department_id": world.depts["A"],
        "roles": ["registrar"],
    }
    return body | changes


def test_security_admin_cannot_change_its_own_account(world: World) -> None:
    """Finding 2: it PATCHed its own roles (adding platform_admin and supervisor: 200)."""
    me = world.uid(*SEC)
    url = f"/api/v1/users/{me}"
    grab = {"roles": ["security_admin", "platform_admin", "supervisor"]}
    r = world.client.patch(url, json=grab, headers=world.h(*SEC, **{"If-Match": '"1"'}))
    assert r.status_code == 403 and r.json()["code"] == "own_account"
    reset = world.client.post(
        f"{url}/reset-password",
        json={"new_password": NEW_PASSWORD},
        headers=world.h(*SEC, **{"If-Match": '"1"'}),
    )
    assert reset.status_code == 403 and reset.json()["code"] == "own_account"
    assert _user(world, me).roles == [Role.SECURITY_ADMIN]
    assert [d["refusal"] for d in _denials(world)] == ["own_account", "own_account"]


def test_security_admin_cannot_create_or_grant_a_privileged_role(world: World) -> None:
    """Finding 2: it created an audit_admin and read the audit trail with it."""
    h = world.h(*SEC)
    for roles in (["audit_admin"], ["security_admin"], ["security_admin", "audit_admin"]):
        r = world.client.post("/api/v1/users", json=_new_user(world, roles=roles), headers=h)
        assert r.status_code == 403 and r.json()["code"] == "privileged_role", roles
    registrar = world.uid("A", Role.REGISTRAR)
    grant = world.client.patch(
        f"/api/v1/users/{registrar}",
        json={"roles": ["registrar", "audit_admin"]},
        headers=world.h(*SEC, **{"If-Match": '"1"'}),
    )
    assert grant.status_code == 403 and grant.json()["code"] == "privileged_role"
    with world.session() as s:
        assert s.scalar(select(User).where(User.username == "new_user")) is None
    assert _user(world, registrar).roles == [Role.REGISTRAR]
    assert [d["refusal"] for d in _denials(world)] == ["privileged_role"] * 4


def test_security_admin_cannot_touch_the_audit_admin(world: World) -> None:
    """Finding 2: it reset the real audit admin's password and deactivated the account."""
    auditor = world.uid("P", Role.AUDIT_ADMIN)
    other_security = world.add_user("P", Role.SECURITY_ADMIN, username="p_security_2")
    for target in (auditor, other_security):
        url = f"/api/v1/users/{target}"
        hm = world.h(*SEC, **{"If-Match": '"1"'})
        calls = [
            world.client.patch(url, json={"active": False}, headers=hm),
            world.client.patch(url, json={"full_name": "改名"}, headers=hm),
            world.client.post(
                f"{url}/reset-password", json={"new_password": NEW_PASSWORD}, headers=hm
            ),
            world.client.post(f"{url}/unlock", headers=hm),
        ]
        assert [(c.status_code, c.json()["code"]) for c in calls] == [
            (403, "privileged_account")
        ] * 4
    assert len(_denials(world)) == 8
    audit_admin = _user(world, auditor)
    assert audit_admin.active and audit_admin.version == 1
    login = world.client.post(
        "/api/v1/auth/login", json={"username": audit_admin.username, "password": PASSWORD}
    )
    assert login.status_code == 200


def test_a_role_change_bumps_the_version(world: World) -> None:
    """Finding 8: a stale If-Match still succeeded after a role change."""
    uid = world.uid("A", Role.REGISTRAR)
    url = f"/api/v1/users/{uid}"
    roles = {"roles": ["registrar", "applicant"]}
    r = world.client.patch(url, json=roles, headers=world.h(*SEC, **{"If-Match": '"1"'}))
    assert r.status_code == 200 and r.json()["version"] == 2 and r.headers["ETag"] == '"2"'
    stale = world.client.patch(
        url, json={"full_name": "过时"}, headers=world.h(*SEC, **{"If-Match": '"1"'})
    )
    assert stale.status_code == 412
    same = world.client.patch(url, json=roles, headers=world.h(*SEC, **{"If-Match": '"2"'}))
    assert same.status_code == 200 and same.json()["version"] == 2  # nothing changed


def test_disabling_a_user_ends_their_sessions(world: World) -> None:
    uid = world.uid("B", Role.APPLICANT)
    mine = _h(world, uid)
    assert world.client.get("/api/v1/me", headers=mine).status_code == 200
    r = world.client.patch(
        f"/api/v1/users/{uid}", json={"active": False}, headers=world.h(*SEC, **{"If-Match": "*"})
    )
    assert r.status_code == 200 and r.json()["active"] is False
    assert world.client.get("/api/v1/me", headers=mine).status_code == 401
    with world.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "user_update")).one()
        assert event.details == {"active": False} and event.object_id == str(uid)


def test_reset_password_forces_a_change_and_ends_the_sessions(world: World) -> None:
    uid = world.uid("A", Role.APPLICANT)
    mine = _h(world, uid)
    with world.session() as s:
        user = s.get(User, uid)
        assert user is not None
        user.failed_logins, user.locked_until = 3, utcnow() + timedelta(minutes=10)
        s.commit()
        version = user.version
    url = f"/api/v1/users/{uid}/reset-password"
    body = {"new_password": NEW_PASSWORD}
    assert world.client.post(url, json=body, headers=world.h(*SEC)).status_code == 428
    weak = world.client.post(
        url, json={"new_password": "aaaaaaaaaa"}, headers=world.h(*SEC, **{"If-Match": "*"})
    )
    assert weak.status_code == 422
    assert {e["field"] for e in weak.json()["errors"]} == {"new_password"}
    r = world.client.post(url, json=body, headers=world.h(*SEC, **{"If-Match": f'"{version}"'}))
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["must_change_password"] is True and out["locked_until"] is None
    assert NEW_PASSWORD not in r.text
    assert world.client.get("/api/v1/me", headers=mine).status_code == 401
    login = world.client.post(
        "/api/v1/auth/login", json={"username": "a_applicant", "password": NEW_PASSWORD}
    )
    assert login.status_code == 200
    with world.session() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "user_password_reset")
        ).one()
        assert event.details == {"sessions_ended": 1}


def test_unlock_clears_the_lockout(world: World) -> None:
    uid = world.uid("B", Role.REGISTRAR)
    with world.session() as s:
        user = s.get(User, uid)
        assert user is not None
        user.failed_logins, user.locked_until = 3, utcnow() + timedelta(minutes=10)
        s.commit()
        version = user.version
    url = f"/api/v1/users/{uid}/unlock"
    assert world.client.post(url, headers=world.h(*SEC)).status_code == 428
    r = world.client.post(url, headers=world.h(*SEC, **{"If-Match": f'"{version}"'}))
    assert r.status_code == 200 and r.json()["locked_until"] is None
    assert _user(world, uid).failed_logins == 0


def test_users_made_through_the_api_carry_a_temporary_password(world: World) -> None:
    h = world.h(*SEC)
    weak = world.client.post(
        "/api/v1/users", json=_new_user(world, password="aaaaaaaaaa"), headers=h
    )
    assert weak.status_code == 422
    spaced = _new_user(world, password=" Temp-Passw0rd-1 ")
    assert world.client.post("/api/v1/users", json=spaced, headers=h).status_code == 422
    r = world.client.post("/api/v1/users", json=_new_user(world), headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["must_change_password"] is True and r.json()["password_changed_at"]


def test_usernames_are_unique_whatever_their_case(world: World) -> None:
    """Finding 11: `DSJ_PLATFORM_ADMIN` was created beside `dsj_platform_admin`."""
    h = world.h(*SEC)
    for name in ("P_PLATFORM_ADMIN", "p_Platform_Admin"):
        r = world.client.post("/api/v1/users", json=_new_user(world, username=name), headers=h)
        assert r.status_code == 409 and r.json()["code"] == "duplicate_username", name


def test_a_replay_with_another_password_is_refused(world: World) -> None:
    """Finding 11: the same Idempotency-Key with another password silently kept the first."""
    h = world.h(*SEC, **{"Idempotency-Key": "create-1"})
    first = world.client.post("/api/v1/users", json=_new_user(world), headers=h)
    assert first.status_code == 201
    replay = world.client.post("/api/v1/users", json=_new_user(world), headers=h)
    assert replay.status_code == 201 and replay.json() == first.json()
    other = _new_user(world, password="Other-Passw0rd-2")
    again = world.client.post("/api/v1/users", json=other, headers=h)
    assert again.status_code == 422 and again.json()["code"] == "idempotency_key_reused"
    ok = world.client.post(
        "/api/v1/auth/login", json={"username": "new_user", "password": "Temp-Passw0rd-1"}
    )
    assert ok.status_code == 200


def test_the_desk_filters_users(world: World) -> None:
    h = world.h(*SEC)
    world.client.patch(
        f"/api/v1/users/{world.uid('B', Role.APPLICANT)}",
        json={"active": False},
        headers={**h, "If-Match": "*"},
    )

    def names(**params: Any) -> set[str]:
        r = world.client.get("/api/v1/users", params=params, headers=h)
        assert r.status_code == 200, r.text
        assert "password_hash" not in r.json()["items"][0]
        return {u["username"] for u in r.json()["items"]}

    assert names(role="resource_admin") == {"a_resource_admin", "b_resource_admin"}
    assert names(role="applicant", active=True) == {"a_applicant"}
    assert names(q="B_APPL") == {"b_applicant"}
    assert names(q="p_audit", department_id=world.depts["P"]) == {"p_audit_admin"}
    assert world.client.get("/api/v1/users", params={"role": "king"}, headers=h).status_code == 422


def test_four_eyes_covers_the_author(world: World) -> None:
    """Finding 13: registrar + reviewer approved an entry they wrote once a colleague submitted
    it. 第十五条: the author reviews neither way."""
    both = world.add_user("A", Role.REGISTRAR, Role.CATALOG_REVIEWER, username="a_both")
    mine = _h(world, both)
    eid = world.client.post(f"{API}/entries", json=entry_payload(), headers=mine).json()["id"]
    submit = world.client.post(f"{API}/entries/{eid}/submit", headers=world.h("A", Role.REGISTRAR))
    assert submit.status_code == 200
    for step, body in (("dept-approve", None), ("dept-return", {"reason": "请补充说明"})):
        r = world.client.post(f"{API}/entries/{eid}/{step}", json=body, headers=mine)
        assert r.status_code == 403 and r.json()["code"] == "own_submission", step
    inbox = world.client.get("/api/v1/inbox", headers=mine)
    assert inbox.status_code == 200 and eid not in {i["object_id"] for i in inbox.json()}
    other = world.client.post(
        f"{API}/entries/{eid}/dept-approve", headers=world.h("A", Role.CATALOG_REVIEWER)
    )
    assert other.status_code == 200 and other.json()["status"] == "dept_approved"


def test_only_the_filed_resource_admin_decides(world: World) -> None:
    """第二十八条: the provider decides through its resource administrator on file (备案)."""
    filed = world.uid("A", Role.RESOURCE_ADMIN)
    unfiled = world.add_user("A", Role.RESOURCE_ADMIN, username="a_resource_admin_2")
    rid = submitted(world, make_entry(world))["id"]

    def decide(user_id: int) -> Any:
        return world.client.post(
            f"/api/v1/requests/{rid}/provider-decision",
            json={"approve": True},
            headers=_h(world, user_id),
        )

    def todo(user_id: int) -> list[int]:
        inbox = world.client.get("/api/v1/inbox", headers=_h(world, user_id)).json()
        return [i["object_id"] for i in inbox if i["kind"] == "request_decide"]

    assert (todo(filed), todo(unfiled)) == ([rid], [])
    r = decide(unfiled)
    assert r.status_code == 403 and r.json()["code"] == "not_filed_resource_admin"
    assert _denials(world)[-1]["refusal"] == "not_filed_resource_admin"

    filings = f"/api/v1/departments/{world.depts['A']}/resource-admins"
    (filing,) = [f for f in world.client.get(filings, headers=world.h(*SEC)).json() if f["active"]]
    world.client.post(f"{filings}/{filing['id']}/withdraw", headers=world.h(*SEC))
    r = decide(filed)
    assert r.status_code == 403 and r.json()["code"] == "not_filed_resource_admin"

    body = {"user_id": unfiled, "phone": "0513-12345678"}
    assert world.client.post(filings, json=body, headers=world.h(*SEC)).status_code == 201
    r = decide(unfiled)
    assert r.status_code == 200 and r.json()["status"] != "submitted", r.text
