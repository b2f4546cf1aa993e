"""The resource catalog (资源目录, 第十四条–第十六条) read by the overseers: GET /catalog/entries
gives the platform admin and the supervisor every department's entries in any state, filterable
by department and status; everyone else only their own department's. The supervisor reads and
never writes."""

from __future__ import annotations

from typing import Any

from govshare_core.vocab import Role
from tests.platform.catalog_helpers import act, create_entry, entry_payload, publish_entry
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World

API = "/api/v1/catalog/entries"
OVERSEERS = (Role.PLATFORM_ADMIN, Role.SUPERVISOR)


def _listed(world: World, dept: str, role: Role, **params: Any) -> dict[int, str]:
    r = world.client.get(API, params=params, headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return {int(e["id"]): str(e["status"]) for e in r.json()["items"]}


def _entries(world: World) -> dict[str, int]:
    """A's draft and published entry, B's submitted one."""
    draft = create_entry(world, "A", name="部门草稿目录")["id"]
    published = publish_entry(world, "A", name="已发布目录")["id"]
    submitted = create_entry(world, "B", name="已提交目录")["id"]
    act(world, submitted, "submit", "B", Role.REGISTRAR)
    return {"draft": draft, "published": published, "submitted": submitted}


def test_overseers_read_every_department_in_any_state(world: World) -> None:
    ids = _entries(world)
    for role in OVERSEERS:
        everything = _listed(world, "P", role)
        assert set(ids.values()) <= set(everything), role
        assert set(_listed(world, "P", role, department_id=world.depts["B"])) == {ids["submitted"]}
        assert set(_listed(world, "P", role, status="published")) == {ids["published"]}
        assert set(_listed(world, "P", role, department_id=world.depts["A"], q="已发布")) == {
            ids["published"]
        }
        for entry_id in ids.values():  # and each one's detail and history
            r = world.client.get(f"{API}/{entry_id}", headers=world.h("P", role))
            assert r.status_code == 200, (role, r.text)
            r = world.client.get(f"{API}/{entry_id}/snapshots", headers=world.h("P", role))
            assert r.status_code == 200, (role, r.text)


def test_other_roles_stay_in_their_department(world: World) -> None:
    ids = _entries(world)
    for role in DEPT_ROLES:
        own_a = _listed(world, "A", role)
        assert set(own_a) == {ids["draft"], ids["published"]}, role
        # asking for another department's entries gives none of them
        assert _listed(world, "A", role, department_id=world.depts["B"]) == {}, role
        assert ids["submitted"] not in _listed(world, "A", role, status="submitted"), role
        r = world.client.get(f"{API}/{ids['submitted']}", headers=world.h("A", role))
        assert r.status_code == 404, role  # not published, not theirs
    for role in set(PLATFORM_ROLES) - set(OVERSEERS):
        assert _listed(world, "P", role) == {}, role


def test_the_supervisor_never_writes(world: World) -> None:
    ids = _entries(world)
    h = world.h("P", Role.SUPERVISOR)
    writes = [
        ("POST", API, entry_payload()),
        ("PUT", f"{API}/{ids['draft']}", entry_payload()),
        ("DELETE", f"{API}/{ids['draft']}", None),
        ("POST", f"{API}/{ids['draft']}/submit", None),
        ("POST", f"{API}/{ids['submitted']}/recall", None),
        ("POST", f"{API}/{ids['submitted']}/dept-approve", None),
        ("POST", f"{API}/{ids['submitted']}/dept-return", {"reason": "监督人员不得退回目录"}),
        ("POST", f"{API}/{ids['published']}/withdraw", {"reason": "监督人员不得撤销目录"}),
    ]
    for method, path, body in writes:
        headers = {**h, "If-Match": '"1"'} if method in ("PUT", "DELETE") else h
        r = world.client.request(method, path, json=body, headers=headers)
        assert r.status_code == 403, (method, path, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    after = _listed(world, "P", Role.SUPERVISOR)
    assert {after[i] for i in ids.values()} == {"draft", "published", "submitted"}
