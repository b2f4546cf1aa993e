"""Access matrix of the assessment routes (第三十四条): every route × role × placement.

Callers with department roles belong to department A, platform roles to P. "own": the result
of department A; "other": the result of department B; "global": the round itself. An allowed
call must succeed (2xx); any other is refused with 403 or 404, whatever the round's state
(refusals run first, the allowed roles last; the rows share one world and run in order). The
security and audit admins are treated like any user: they read rounds and, once published,
results; they take no step. `TARGETS` also covers every /api/v1/assessment route of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from govshare_core.vocab import Role
from tests.platform.assessment_support import (
    API,
    RA,
    SU,
    open_round,
    past_month,
    publish,
    quarter,
)
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World
from tests.platform.matrix_support import wrong_calls
from tests.platform.test_access import api_routes

ALL = frozenset(Role)
DEPT = frozenset(DEPT_ROLES)
NONE: frozenset[Role] = frozenset()
Setup = Callable[[World, str], tuple[dict[str, Any], Any]]


def _round(world: World, state: str) -> dict[str, Any]:
    """One round per world and state: refused calls change nothing, and the one allowed
    mutating call of a target (the supervisor's) runs last."""
    cache: dict[str, dict[str, Any]] = world.__dict__.setdefault("_assessment_rounds", {})
    if state not in cache:
        rnd = open_round(world, quarter().code if state == "draft" else past_month())
        cache[state] = publish(world, rnd) if state == "published" else rnd
    return cache[state]


def _on(state: str, body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> tuple[dict[str, Any], Any]:
        dept = world.depts["B" if placement == "other" else "A"]
        return {"round_id": _round(world, state)["id"], "department_id": dept}, body

    return setup


def _new_round(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    return {}, {"period": past_month()}


def _none(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    return {}, None


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    setup: Setup
    allowed: dict[str, frozenset[Role]]
    label: str = ""
    headers: dict[str, str] = field(default_factory=dict)


R = f"{API}/rounds/{{round_id}}"
D = f"{R}/results/{{department_id}}"
ANY = {"global": ALL}
SUPERVISOR = {"global": frozenset({SU})}
OWN_STAFF = {"own": DEPT | {SU}, "other": frozenset({SU})}
MATCH = {"If-Match": "*"}

TARGETS = [
    Target("GET", f"{API}/indicators", _none, ANY),
    Target("POST", f"{API}/rounds", _new_round, SUPERVISOR),
    Target("GET", f"{API}/rounds", _none, ANY),
    Target("GET", R, _on("draft"), ANY),
    Target("POST", f"{R}/recompute", _on("draft"), SUPERVISOR, headers=MATCH),
    Target("GET", f"{R}/results", _on("draft"), ANY),
    Target("GET", D, _on("draft"), OWN_STAFF, "draft"),
    Target("GET", D, _on("published"), {"own": ALL, "other": ALL}, "published"),
    Target(
        "POST",
        f"{D}/adjust",
        _on("draft", {"score": 88, "reason": "核定加分"}),
        {"own": frozenset({SU}), "other": frozenset({SU})},
        headers=MATCH,
    ),
    Target(
        "POST",
        f"{D}/explanations",
        _on("draft", {"text": "数据口径有误"}),
        {"own": frozenset({RA}), "other": NONE},
    ),
    Target("GET", f"{R}/report", _on("draft"), SUPERVISOR, "draft"),
    Target("GET", f"{R}/report", _on("published"), ANY, "published"),
    Target("GET", f"{R}/report?department_id={{department_id}}", _on("draft"), OWN_STAFF, "dept"),
    Target("POST", f"{R}/publish", _on("draft"), SUPERVISOR, headers=MATCH),  # last: the draft goes
]
"""Rows for every /api/v1/assessment route (paths as the app declares them, before `?`), in the
order they run (the draft round is published by the last)."""


def _call(world: World, target: Target, role: Role, placement: str) -> int:
    params, body = target.setup(world, placement)
    url = target.path.format(**params)
    dept = "P" if role in PLATFORM_ROLES else "A"
    r = world.client.request(
        target.method, url, json=body, headers=world.h(dept, role, **target.headers)
    )
    if r.status_code >= 500:
        pytest.fail(f"{target.method} {url} as {role}: {r.status_code} {r.text}")
    return r.status_code


def _id(t: Target) -> str:
    return f"{t.method} {t.path} {t.label}".strip()


def test_assessment_access(world: World) -> None:
    """One world for the whole table (the rows run in order: publish last), so the matrix stays
    cheap; every failing row is reported."""
    wrong = []
    for target in TARGETS:
        # the placement itself is the "object": _call sets the round up for every call
        found = wrong_calls(
            target.method,
            target.allowed,
            lambda placement: placement,
            lambda role, placement: _call(world, target, role, placement),  # noqa: B023
        )
        wrong += [f"{_id(target)}: {line}" for line in found]
    assert not wrong, "\n".join(wrong)
    covered = {(t.method, t.path.split("?")[0]) for t in TARGETS}
    routes = {(m, p) for m, p in api_routes(world) if p.startswith(API)}
    assert routes == covered
