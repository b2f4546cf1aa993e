"""Helpers for the assessment round tests (no tests of its own).

The departments' facts are moved with rectification orders written directly through the session
(the supervision indicator: 100 − 10 per open order), so these tests depend on no other API.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from govshare_core.assessment import Period, PeriodKind
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.supervision.models import Rectification
from tests.platform.conftest import World

API = "/api/v1/assessment"
ROUNDS = f"{API}/rounds"
SU, RA, AP = Role.SUPERVISOR, Role.RESOURCE_ADMIN, Role.APPLICANT
_months = itertools.count()


def quarter(today: date | None = None) -> Period:
    day = today or clock.today()
    return Period(PeriodKind.QUARTER, day.year, (day.month - 1) // 3 + 1)


def past_month(n: int | None = None) -> str:
    """A distinct month that has ended (counting back from last month)."""
    k = next(_months) if n is None else n
    first = clock.today().replace(day=1)
    for _ in range(k % 240 + 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return Period(PeriodKind.MONTH, first.year, first.month).code


def tag(version: int | str) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}


def open_round(world: World, period: str | None = None, **headers: str) -> dict[str, Any]:
    body = {"period": period or quarter().code}
    r = world.client.post(ROUNDS, json=body, headers=world.h("P", SU, **headers))
    assert r.status_code == 201, r.text
    return r.json()


def publish(world: World, round_: dict[str, Any]) -> dict[str, Any]:
    r = world.client.post(
        f"{ROUNDS}/{round_['id']}/publish", headers=world.h("P", SU, **tag(round_["version"]))
    )
    assert r.status_code == 200, r.text
    return r.json()


def get(world: World, path: str, dept: str, role: Role, code: int = 200) -> Any:
    r = world.client.get(f"{API}{path}", headers=world.h(dept, role))
    assert r.status_code == code, (path, dept, role, r.text)
    if code >= 400:
        assert r.headers["content-type"].startswith("application/problem+json")
    return r.json()


def rectify(world: World, dept: str, count: int = 1) -> None:
    """`count` open rectification orders against `dept`, due in a month (not overdue)."""
    with world.session() as s:
        for _ in range(count):
            s.add(
                Rectification(
                    department_id=world.depts[dept],
                    article_item="3",
                    facts="目录未按要求及时更新",
                    issued_by=world.uid("P", SU),
                    status="issued",
                    due=clock.today() + timedelta(days=30),
                )
            )
        s.commit()


def scores(results: list[dict[str, Any]]) -> dict[int, tuple[float, int, str]]:
    return {r["department_id"]: (r["score"], r["rank"], r["grade"]) for r in results}
