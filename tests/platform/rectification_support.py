"""Helpers for the rectification order tests (第三十六条; no tests of its own).

The supervisor is P's; orders go to department A (or B); A's resource admin answers.
"""

from __future__ import annotations

from typing import Any

from govshare_core.vocab import Role
from tests.platform.conftest import World

API = "/api/v1/rectifications"
RA, AP, SU, PA = Role.RESOURCE_ADMIN, Role.APPLICANT, Role.SUPERVISOR, Role.PLATFORM_ADMIN
FACTS = "目录“人口基础信息”连续两个更新周期未按时更新"


def issue(world: World, dept: str = "A", *, role: Role = SU, **kw: Any) -> Any:
    body: dict[str, Any] = {
        "department_id": world.depts[dept],
        "article_item": "3",
        "facts": FACTS,
        "due_working_days": 10,
        **kw,
    }
    caller = "P" if role in (SU, PA, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN) else "A"
    return world.client.post(API, json=body, headers=world.h(caller, role))


def act(
    world: World, oid: int, action: str, dept: str, role: Role, body: Any = None, **hdr: str
) -> Any:
    return world.client.post(
        f"{API}/{oid}/actions/{action}", json=body, headers=world.h(dept, role, **hdr)
    )


def get(world: World, oid: int, dept: str = "P", role: Role = SU) -> Any:
    return world.client.get(f"{API}/{oid}", headers=world.h(dept, role))


def created(r: Any) -> dict[str, Any]:
    assert r.status_code == 201, r.text
    return dict(r.json())


def ok(r: Any, status: str | None = None) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    out = dict(r.json())
    if status is not None:
        assert out["status"] == status, out
    return out


def refused(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """A 4xx problem+json answer with `status` (and `code`)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    out = dict(r.json())
    if code is not None:
        assert out["code"] == code, out
    return out


def answered(world: World, dept: str = "A") -> dict[str, Any]:
    """An order to `dept`, answered by its resource admin."""
    order = created(issue(world, dept))
    return ok(act(world, order["id"], "answer", dept, RA, {"reason": "已完成更新并建立提醒"}))
