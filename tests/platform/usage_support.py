"""Helpers for the usage inquiry and discrepancy tests (no tests of its own).

The grant relation and deliveries are written directly through the session, so these tests do
not depend on the share request or delivery APIs: department A provides the entry, B holds a
grant on it, C has none.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import utcnow
from govshare_platform.departments.models import Department
from govshare_platform.exchange.models import Delivery
from govshare_platform.grants.models import Grant
from govshare_platform.requests.models import ShareRequest
from tests.platform.conftest import World
from tests.platform.requests_support import make_entry

API = "/api/v1/usage"
AP, RA, PA = Role.APPLICANT, Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN


def add_c(world: World) -> None:
    """A third department C (applicant, resource admin) with no grant."""
    if "C" in world.depts:
        return
    with world.session() as s:
        dept = Department(name="南通市教育局", credit_code=make_credit_code("11320600014160003"))
        s.add(dept)
        s.commit()
        world.depts["C"] = dept.id
    for role in (AP, RA):
        world.users[("C", role)] = world.add_user("C", role)


def grant(world: World, entry_id: int, consumer: str = "B", status: str = "active") -> None:
    """`consumer` holds (or, with status revoked/expired, held) a grant on the entry."""
    with world.session() as s:
        entry_dept = s.get(CatalogEntry, entry_id).department_id
        req = ShareRequest(
            entry_id=entry_id,
            provider_department_id=entry_dept,
            consumer_department_id=world.depts[consumer],
            applicant_id=world.uid(consumer, AP),
            data_items=["姓名"],
            business="社会救助审核",
            users="审核科室",
            share_mode="exchange",
            reason="履行职责",
            end_date=date(2030, 1, 1),
            share_type="conditional",
            status="active",
        )
        s.add(req)
        s.flush()
        s.add(
            Grant(
                request_id=req.id,
                entry_id=entry_id,
                provider_department_id=entry_dept,
                consumer_department_id=world.depts[consumer],
                data_item="姓名",
                share_mode="exchange",
                valid_from=date(2026, 1, 1),
                valid_until=date(2030, 1, 1),
                status=status,
            )
        )
        s.commit()


def setup(world: World, provider: str = "A", consumer: str = "B") -> int:
    """An entry of `provider` with a grant held by `consumer`; its id."""
    entry_id = make_entry(world, dept=provider)
    grant(world, entry_id, consumer)
    return entry_id


def delivery(world: World, entry_id: int, at: datetime | None = None) -> int:
    """A delivery row of the entry (by its provider), delivered at `at` (now by default)."""
    with world.session() as s:
        dept = s.get(CatalogEntry, entry_id).department_id
        uploader = next(u for (d, _), u in world.users.items() if world.depts[d] == dept)
        n = len(world.users) + int((at or utcnow()).timestamp() * 1000)
        row = Delivery(
            entry_id=entry_id,
            department_id=dept,
            format="csv",
            encoding="utf-8",
            filename="data.csv",
            rows=1,
            bytes=10,
            sha256="0" * 64,
            items=["姓名", "身份证号", "住址"],
            key_item="身份证号",
            blob_key=f"test-{entry_id}-{n}-{id(at)}",
            stored_bytes=10,
            delivered_by=uploader,
            delivered_at=at or utcnow(),
            due=None,
            on_time=True,
            report={},
        )
        s.add(row)
        s.commit()
        return row.id


def ask(world: World, entry_id: int, consumer: str = "B", **kw: Any) -> Any:
    body = {
        "entry_id": entry_id,
        "consumer_department_id": world.depts[consumer],
        "question": "请说明贵单位获取的人口信息用于哪些业务",
        **kw,
    }
    return world.client.post(f"{API}/inquiries", json=body, headers=world.h("A", RA))


def report(world: World, entry_id: int, dept: str = "B", role: Role = AP, **kw: Any) -> Any:
    body = {
        "entry_id": entry_id,
        "keys": ["320601199001011234"],
        "data_item": "住址",
        "description": "该人员住址与户籍登记不一致",
        **kw,
    }
    return world.client.post(f"{API}/discrepancies", json=body, headers=world.h(dept, role))


def act(
    world: World, rid: int, action: str, dept: str, role: Role, body: Any = None, **hdr: str
) -> Any:
    return world.client.post(
        f"{API}/discrepancies/{rid}/actions/{action}", json=body, headers=world.h(dept, role, **hdr)
    )


def created(r: Any) -> dict[str, Any]:
    assert r.status_code == 201, r.text
    return dict(r.json())


def ok(r: Any, status: str | None = None) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    out = dict(r.json())
    if status is not None:
        assert out["status"] == status, out
    return out


def past(minutes: int) -> datetime:
    return utcnow() - timedelta(minutes=minutes)
