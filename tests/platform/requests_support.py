"""Helpers for the share request, grant and inbox tests (no tests of its own).

Published catalog entries are created directly through the session, so these tests do not depend
on the catalog API.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.audit.models import AuditEvent
from govshare_platform.catalog.models import CatalogEntry, EntryDataItem
from govshare_platform.departments.models import Department, ResourceAdminFiling
from tests.platform.conftest import World

TODAY = date(2026, 6, 1)  # a Monday with an official schedule
ITEMS: tuple[tuple[str, str | None], ...] = (
    ("姓名", None),
    ("身份证号", None),
    ("住址", None),
)


def set_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


def make_entry(
    world: World,
    *,
    dept: str = "A",
    share_type: str = "conditional",
    items: Sequence[tuple[str, str | None]] = ITEMS,
    status: str = "published",
    name: str = "人口基础信息",
) -> int:
    """A catalog entry of `dept` (published by default) with the given data items."""
    with world.session() as s:
        entry = CatalogEntry(
            department_id=world.depts[dept],
            status=status,
            resource_class="1",
            class_item="01",
            class_catalog="001",
            name=name,
            summary="摘要",
            format_class="database",
            format_type="mysql",
            share_type=share_type,
            share_conditions="仅限履职" if share_type == "conditional" else None,
            share_scope="市级部门" if share_type == "conditional" else None,
            legal_basis="《某某法》第十条" if share_type == "not_shared" else None,
            share_mode="interface",
            update_cycle="daily",
            published_on=TODAY if status == "published" else None,
            items=[
                EntryDataItem(position=i, name=n, data_type="C", length=50, share_type=t)
                for i, (n, t) in enumerate(items)
            ],
        )
        s.add(entry)
        s.commit()
        return entry.id


def body(entry_id: int, items: Sequence[str] = ("姓名", "身份证号"), **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "entry_id": entry_id,
        "data_items": list(items),
        "business": "社会救助审核",
        "users": "低保审核科室",
        "share_mode": "interface",
        "reason": "履行社会救助审核职责需要核验身份",
        "end_date": str(TODAY + timedelta(days=365)),
    }
    data.update(kw)
    return data


def create(world: World, entry_id: int, dept: str = "B", **kw: Any) -> dict[str, Any]:
    r = world.client.post(
        "/api/v1/requests", json=body(entry_id, **kw), headers=world.h(dept, Role.APPLICANT)
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def act(world: World, rid: int, action: str, dept: str, role: Role, **json: Any) -> Any:
    """POST /requests/{rid}/{action} as the (dept, role) user."""
    return world.client.post(
        f"/api/v1/requests/{rid}/{action}", json=json or None, headers=world.h(dept, role)
    )


def ok(r: Any, status: str | None = None) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    out = dict(r.json())
    if status is not None:
        assert out["status"] == status, out
    return out


def submitted(world: World, entry_id: int, **kw: Any) -> dict[str, Any]:
    """A request of department B, created and submitted."""
    rid = create(world, entry_id, **kw)["id"]
    return ok(act(world, rid, "submit", "B", Role.APPLICANT))


def add_department(world: World, key: str = "C") -> None:
    """A third department with an applicant and a resource admin."""
    with world.session() as s:
        dept = Department(name="南通市税务局", credit_code=make_credit_code("11320600014160003"))
        s.add(dept)
        s.commit()
        world.depts[key] = dept.id
    for role in (Role.APPLICANT, Role.RESOURCE_ADMIN):
        world.users[(key, role)] = world.add_user(key, role)
    with world.session() as s:  # its resource admin on file (备案, 第二十八条)
        user_id = world.uid(key, Role.RESOURCE_ADMIN)
        s.add(ResourceAdminFiling(department_id=world.depts[key], user_id=user_id, phone="1"))
        s.commit()


def audit_events(world: World, action: str) -> list[AuditEvent]:
    with world.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))
