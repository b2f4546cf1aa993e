"""Access matrix of the rectification routes (第三十六条): every route × role × placement.

Callers with department roles belong to department A, platform roles to P. Each order is made
fresh for each call, to A ("own") or to B ("other"), in the state the action needs. An allowed
call must succeed (2xx); any other is refused with 403 or 404. `TARGETS` also covers every
/api/v1/rectifications route of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World
from tests.platform.matrix_support import wrong_calls
from tests.platform.rectification_support import API, RA, SU, act, created, issue, ok
from tests.platform.test_access import api_routes

PLACES = {"own": "A", "other": "B"}
DEPT = frozenset(DEPT_ROLES)
SEE = DEPT | {SU}
ALL = frozenset(Role)
NONE: frozenset[Role] = frozenset()
Setup = Callable[[World, str], tuple[dict[str, Any], Any]]


def _order(state: str, body: Any = None, *, action: str | None = None) -> Setup:
    def setup(world: World, placement: str) -> tuple[dict[str, Any], Any]:
        dept = PLACES[placement]
        order = created(issue(world, dept))
        if state in ("answered", "evidence"):
            if state == "evidence":
                url = f"{API}/{order['id']}/evidence"
                ok(world.client.post(url, content=b"x", headers=world.h(dept, RA)))
            else:
                ok(act(world, order["id"], "answer", dept, RA, {"reason": "已整改"}))
        return {"order_id": order["id"], "action": action}, body

    return setup


def _issue_body(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    body = {
        "department_id": world.depts["A"],
        "article_item": "7",
        "facts": "其他违反共享管理办法的行为",
        "due_working_days": 5,
    }
    return {}, body


def _none(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    return {}, None


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    setup: Setup
    allowed: dict[str, frozenset[Role]]
    raw: bool = False
    label: str = ""


DEPT_SEE = {"own": SEE, "other": frozenset({SU})}
ANSWERER = {"own": frozenset({RA}), "other": NONE}
SUPERVISOR = {p: frozenset({SU}) for p in PLACES}
ONE = f"{API}/{{order_id}}"

TARGETS = [
    Target("POST", API, _issue_body, {"global": frozenset({SU})}),
    Target("GET", API, _none, {"global": ALL}),
    Target("GET", ONE, _order("issued"), DEPT_SEE),
    Target("POST", f"{ONE}/evidence", _order("issued"), ANSWERER, raw=True),
    Target("GET", f"{ONE}/evidence", _order("evidence"), DEPT_SEE),
    *(
        Target("POST", f"{ONE}/actions/{{action}}", _order(state, body, action=a), allowed, label=a)
        for a, state, body, allowed in (
            ("answer", "issued", {"reason": "已整改"}, ANSWERER),
            ("accept", "answered", None, SUPERVISOR),
            ("return", "answered", {"reason": "补充材料"}, SUPERVISOR),
            ("withdraw", "issued", {"reason": "误发"}, SUPERVISOR),
        )
    ),
]


def _call(world: World, target: Target, role: Role, call: tuple[dict[str, Any], Any]) -> int:
    params, body = call
    url = target.path.format(**params)
    headers = world.h("P" if role in PLATFORM_ROLES else "A", role)
    if target.raw:
        r = world.client.post(url, content=b"evidence", headers=headers)
    else:
        r = world.client.request(target.method, url, json=body, headers=headers)
    if r.status_code >= 500:
        pytest.fail(f"{target.method} {url} as {role}: {r.status_code} {r.text}")
    return r.status_code


def _id(t: Target) -> str:
    return f"{t.method} {t.path} {t.label}".strip()


@pytest.mark.parametrize("target", TARGETS, ids=_id)
def test_rectification_access(world: World, target: Target) -> None:
    """Refusals leave the order as it was, so one order serves every refused role; a fresh one
    is made after each call that succeeded (it moved the order on)."""
    wrong = wrong_calls(
        target.method,
        target.allowed,
        lambda placement: target.setup(world, placement),
        lambda role, made: _call(world, target, role, made),
    )
    assert not wrong, f"{target.method} {target.path}: " + "; ".join(wrong)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the routes, not the database
def test_matrix_covers_every_rectification_route(world: World) -> None:
    covered = {(t.method, t.path) for t in TARGETS}
    routes = {(m, p) for m, p in api_routes(world) if p.startswith(API)}
    assert routes == covered
