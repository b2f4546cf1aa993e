"""Departments, users and resource-administrator filings (备案, 第二十八条): security_admin only."""

from __future__ import annotations

from typing import Any

import pytest

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from tests.platform.conftest import PASSWORD, World

SEC = ("P", Role.SECURITY_ADMIN)
NOT_SEC = [("A", r) for r in (Role.REGISTRAR, Role.RESOURCE_ADMIN)] + [
    ("P", r) for r in (Role.PLATFORM_ADMIN, Role.AUDIT_ADMIN, Role.SUPERVISOR)
]


def dept_body(n: int = 5) -> dict[str, Any]:
    return {"name": f"南通市测试局{n}", "credit_code": make_credit_code(f"1132060001416{n:04d}")}


def user_body(world: World, dept: str = "A", **changes: Any) -> dict[str, Any]:
    body = {
        "username": "new_user",
        "full_name": "新用户",
        "password": "Long-Passw0rd-1",
        "department_id": world.depts[dept],
        "roles": ["registrar"],
    }
    return body | changes


def test_security_admin_creates_a_department(world: World) -> None:
    r = world.client.post("/api/v1/departments", json=dept_body(), headers=world.h(*SEC))
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "南通市测试局5" and r.json()["version"] == 1
    got = world.client.get(f"/api/v1/departments/{r.json()['id']}", headers=world.h(*SEC))
    assert got.json() == r.json()


def test_invalid_credit_code_is_422_on_its_field(world: World) -> None:
    code = make_credit_code("11320600014160005")
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    r = world.client.post(
        "/api/v1/departments", json=dept_body() | {"credit_code": wrong}, headers=world.h(*SEC)
    )
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    (err,) = r.json()["errors"]
    assert (err["field"], err["code"]) == ("credit_code", "check_digit")
    assert err["message_zh"] and err["message_en"]
    short = world.client.post(
        "/api/v1/departments", json=dept_body() | {"credit_code": "123"}, headers=world.h(*SEC)
    )
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "credit_code"


def test_duplicate_department_is_409(world: World) -> None:
    first = world.client.post("/api/v1/departments", json=dept_body(), headers=world.h(*SEC))
    assert first.status_code == 201
    again = world.client.post(
        "/api/v1/departments", json=dept_body() | {"name": "别的名字"}, headers=world.h(*SEC)
    )
    assert again.status_code == 409 and again.json()["code"] == "duplicate_credit_code"


def test_security_admin_creates_a_user_who_can_log_in(world: World) -> None:
    r = world.client.post("/api/v1/users", json=user_body(world), headers=world.h(*SEC))
    assert r.status_code == 201, r.text
    assert r.json()["roles"] == ["registrar"] and "password" not in r.json()
    login = world.client.post(
        "/api/v1/auth/login", json={"username": "new_user", "password": "Long-Passw0rd-1"}
    )
    assert login.status_code == 200


def test_update_user_needs_if_match(world: World) -> None:
    uid = world.uid("A", Role.REGISTRAR)
    url = f"/api/v1/users/{uid}"
    missing = world.client.patch(url, json={"full_name": "改名"}, headers=world.h(*SEC))
    assert missing.status_code == 428
    ok = world.client.patch(
        url, json={"full_name": "改名"}, headers=world.h(*SEC, **{"If-Match": '"1"'})
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = world.client.patch(
        url, json={"full_name": "再改"}, headers=world.h(*SEC, **{"If-Match": '"1"'})
    )
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"


def test_filing_of_a_resource_admin(world: World) -> None:
    dept = world.depts["A"]
    url = f"/api/v1/departments/{dept}/resource-admins"
    body = {"user_id": world.uid("A", Role.RESOURCE_ADMIN), "phone": "0513-12345678"}
    first = world.client.post(url, json=body, headers=world.h(*SEC))
    assert first.status_code == 201, first.text
    assert first.json()["active"] is True and first.json()["department_id"] == dept
    second = world.client.post(url, json=body | {"note": "换届"}, headers=world.h(*SEC))
    assert second.status_code == 201
    listed = world.client.get(url, headers=world.h("B", Role.APPLICANT)).json()
    assert [f["active"] for f in listed] == [True, False, False]  # the world's first filing

    other_dept = body | {"user_id": world.uid("B", Role.RESOURCE_ADMIN)}
    r = world.client.post(url, json=other_dept, headers=world.h(*SEC))
    assert r.status_code == 422 and r.json()["code"] == "user_not_in_department"
    not_admin = body | {"user_id": world.uid("A", Role.REGISTRAR)}
    r = world.client.post(url, json=not_admin, headers=world.h(*SEC))
    assert r.status_code == 422 and r.json()["code"] == "not_resource_admin"
    missing = world.client.post(
        "/api/v1/departments/999999/resource-admins", json=body, headers=world.h(*SEC)
    )
    assert missing.status_code == 404


@pytest.mark.parametrize("who", NOT_SEC, ids=lambda w: w[1].value)
def test_other_roles_cannot_manage(world: World, who: tuple[str, Role]) -> None:
    h = world.h(*who)
    c = world.client
    assert c.post("/api/v1/departments", json=dept_body(), headers=h).status_code == 403
    assert c.post("/api/v1/users", json=user_body(world), headers=h).status_code == 403
    assert c.get("/api/v1/users", headers=h).status_code == 403
    filing = {"user_id": world.uid("A", Role.RESOURCE_ADMIN), "phone": "0513-12345678"}
    url = f"/api/v1/departments/{world.depts['A']}/resource-admins"
    r = c.post(url, json=filing, headers=h)
    assert r.status_code == 403 and r.json()["code"] == "forbidden"


def test_every_signed_in_user_lists_departments(world: World) -> None:
    for dept, role in world.users:
        r = world.client.get("/api/v1/departments", headers=world.h(dept, role))
        assert r.status_code == 200
        assert r.json()["total"] == 3
        assert {d["name"] for d in r.json()["items"]} >= {"南通市公安局", "南通市民政局"}
    assert world.client.get("/api/v1/departments").status_code == 401
    page = world.client.get(
        "/api/v1/departments", params={"limit": 1, "offset": 1}, headers=world.h(*SEC)
    ).json()
    assert len(page["items"]) == 1 and page["total"] == 3


def test_security_admin_lists_users_by_department(world: World) -> None:
    r = world.client.get(
        "/api/v1/users", params={"department_id": world.depts["B"]}, headers=world.h(*SEC)
    )
    assert r.status_code == 200
    assert {u["username"] for u in r.json()["items"]} == {
        "b_registrar",
        "b_catalog_reviewer",
        "b_applicant",
        "b_resource_admin",
    }
    assert PASSWORD not in r.text


def test_security_admin_renames_a_department_with_if_match(world: World) -> None:
    url = f"/api/v1/departments/{world.depts['B']}"
    got = world.client.get(url, headers=world.h(*SEC))
    assert got.headers["ETag"] == '"1"'
    body = {"name": "南通市民政局（更名）", "short_name": "民政"}
    assert world.client.patch(url, json=body, headers=world.h(*SEC)).status_code == 428
    r = world.client.patch(url, json=body, headers=world.h(*SEC, **{"If-Match": '"1"'}))
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["short_name"], r.json()["version"]) == (
        "南通市民政局（更名）",
        "民政",
        2,
    )
    stale = world.client.patch(url, json=body, headers=world.h(*SEC, **{"If-Match": '"1"'}))
    assert stale.status_code == 412
    taken = {"name": "南通市公安局"}
    dup = world.client.patch(url, json=taken, headers=world.h(*SEC, **{"If-Match": '"2"'}))
    assert dup.status_code == 409 and dup.json()["code"] == "duplicate_name"
    other = world.client.patch(
        url, json={"name": "别的"}, headers=world.h("P", Role.PLATFORM_ADMIN, **{"If-Match": "*"})
    )
    assert other.status_code == 403


def test_withdrawing_a_filing_leaves_the_department_without_a_filed_admin(world: World) -> None:
    dept = world.depts["A"]
    url = f"/api/v1/departments/{dept}/resource-admins"
    (active,) = [f for f in world.client.get(url, headers=world.h(*SEC)).json() if f["active"]]
    withdraw = f"{url}/{active['id']}/withdraw"
    assert world.client.post(withdraw, headers=world.h("A", Role.RESOURCE_ADMIN)).status_code == 403
    r = world.client.post(withdraw, headers=world.h(*SEC))
    assert r.status_code == 200 and r.json()["active"] is False
    again = world.client.post(withdraw, headers=world.h(*SEC))
    assert again.status_code == 409 and again.json()["code"] == "filing_not_active"
    elsewhere = f"/api/v1/departments/{world.depts['B']}/resource-admins/{active['id']}/withdraw"
    assert world.client.post(elsewhere, headers=world.h(*SEC)).status_code == 404
    assert all(not f["active"] for f in world.client.get(url, headers=world.h(*SEC)).json())
