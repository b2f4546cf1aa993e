"""Access matrix of the usage routes (第二十条, 第二十二条): every route × role × placement.

Callers with department roles belong to department A, platform roles to P. Each object is made
fresh for each call: "provider" (A provides, B consumes), "consumer" (B provides, A consumes) or
"none" (B provides, C consumes). An allowed call must succeed (2xx); any other is refused with
403 or 404. `USAGE_TARGETS` also covers every /api/v1/usage route of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World
from tests.platform.matrix_support import wrong_calls
from tests.platform.requests_support import make_entry
from tests.platform.test_access import api_routes
from tests.platform.usage_support import AP, API, PA, RA, add_c, delivery, grant

PLACES = {"provider": ("A", "B"), "consumer": ("B", "A"), "none": ("B", "C")}
DEPT = frozenset(DEPT_ROLES)
SEE = DEPT | {PA}
ALL = frozenset(Role)
Setup = Callable[[World, str], tuple[dict[str, Any], Any]]


def _post(world: World, url: str, body: Any, dept: str, role: Role, code: int = 200) -> Any:
    r = world.client.post(url, json=body, headers=world.h(dept, role))
    assert r.status_code == code, (url, r.text)
    return r.json()


def _entry(world: World, placement: str) -> int:
    provider, consumer = PLACES[placement]
    entry = make_entry(world, dept=provider)
    grant(world, entry, consumer)
    return entry


def _inquiry(body: Any = None) -> Setup:
    def setup(world: World, placement: str) -> tuple[dict[str, Any], Any]:
        provider, consumer = PLACES[placement]
        ask = {
            "entry_id": _entry(world, placement),
            "consumer_department_id": world.depts[consumer],
            "question": "请说明用途",
        }
        inq = _post(world, f"{API}/inquiries", ask, provider, RA, 201)
        return {"inquiry_id": inq["id"]}, body

    return setup


STEPS: dict[str, list[tuple[str, str, Role, Any]]] = {
    "reported": [],
    "explained": [("explain", "provider", RA, {"reason": "核实无误"})],
}
STEPS["disputed"] = [*STEPS["explained"], ("dispute", "consumer", AP, {"reason": "不认可"})]


def _discrepancy(
    state: str, body: Any = None, *, action: str | None = None, correct: bool = False
) -> Setup:
    def setup(world: World, placement: str) -> tuple[dict[str, Any], Any]:
        provider, consumer = PLACES[placement]
        entry = _entry(world, placement)
        new = {"entry_id": entry, "description": "住址不一致"}
        d = _post(world, f"{API}/discrepancies", new, consumer, AP, 201)
        for done, who, role, step in STEPS[state]:
            dept = provider if who == "provider" else consumer
            _post(world, f"{API}/discrepancies/{d['id']}/actions/{done}", step, dept, role)
        payload = {"delivery_id": delivery(world, entry)} if correct else body
        return {"report_id": d["id"], "action": action}, payload

    return setup


def _with_evidence(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    params, _ = _discrepancy("reported")(world, placement)
    consumer = PLACES[placement][1]
    r = world.client.post(
        f"{API}/discrepancies/{params['report_id']}/evidence",
        content=b"x",
        headers=world.h(consumer, AP),
    )
    assert r.status_code == 200, r.text
    return params, None


def _create_inquiry(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    entry = _entry(world, "provider")
    body = {"entry_id": entry, "consumer_department_id": world.depts["B"], "question": "用途"}
    return {}, body


def _create_report(world: World, placement: str) -> tuple[dict[str, Any], Any]:
    return {}, {"entry_id": _entry(world, "consumer"), "description": "住址不一致"}


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


PARTY_SEE = {"provider": SEE, "consumer": SEE, "none": frozenset({PA})}
CONSUMER = {"consumer": frozenset({AP, RA}), "provider": frozenset(), "none": frozenset()}
PROVIDER = {"provider": frozenset({RA}), "consumer": frozenset(), "none": frozenset()}
PLATFORM = {p: frozenset({PA}) for p in PLACES}
D = f"{API}/discrepancies/{{report_id}}"
ACT = f"{D}/actions/{{action}}"

USAGE_TARGETS = [
    Target("POST", f"{API}/inquiries", _create_inquiry, {"global": frozenset({RA})}),
    Target("GET", f"{API}/inquiries", _none, {"global": ALL}),
    Target("GET", f"{API}/inquiries/{{inquiry_id}}", _inquiry(), PARTY_SEE),
    Target(
        "POST", f"{API}/inquiries/{{inquiry_id}}/answer", _inquiry({"reason": "用于审核"}), CONSUMER
    ),
    Target("POST", f"{API}/inquiries/{{inquiry_id}}/withdraw", _inquiry(), PROVIDER),
    Target("POST", f"{API}/discrepancies", _create_report, {"global": frozenset({AP, RA})}),
    Target("GET", f"{API}/discrepancies", _none, {"global": ALL}),
    Target("GET", D, _discrepancy("reported"), PARTY_SEE),
    Target("POST", f"{D}/evidence", _discrepancy("reported"), CONSUMER, raw=True),
    Target("GET", f"{D}/evidence", _with_evidence, PARTY_SEE),
    *(
        Target(
            "POST",
            ACT,
            _discrepancy(state, body, action=action, correct=fix),
            allowed,
            label=action,
        )
        for action, state, body, fix, allowed in (
            ("correct", "reported", None, True, PROVIDER),
            ("explain", "reported", {"reason": "无误"}, False, PROVIDER),
            ("withdraw", "reported", None, False, CONSUMER),
            ("accept", "explained", None, False, CONSUMER),
            ("dispute", "explained", {"reason": "不认"}, False, CONSUMER),
            ("uphold", "disputed", {"reason": "维持"}, False, PLATFORM),
            ("order_correction", "disputed", {"reason": "更正"}, False, PLATFORM),
        )
    ),
]
"""Rows for every /api/v1/usage route (paths as the app declares them, so the global matrix's
coverage check can take them: `{(t.method, t.path) for t in USAGE_TARGETS}`)."""


def _call(world: World, target: Target, role: Role, made: tuple[dict[str, Any], Any]) -> int:
    params, body = made
    url = target.path.format(**params)
    dept = "P" if role in PLATFORM_ROLES else "A"
    headers = world.h(dept, role)
    if target.raw:
        r = world.client.post(url, content=b"evidence", headers=headers)
    else:
        r = world.client.request(target.method, url, json=body, headers=headers)
    if r.status_code >= 500:
        pytest.fail(f"{target.method} {url} as {role}: {r.status_code} {r.text}")
    return r.status_code


def _id(t: Target) -> str:
    return f"{t.method} {t.path} {t.label}".strip()


@pytest.mark.parametrize("target", USAGE_TARGETS, ids=_id)
def test_usage_access(world: World, target: Target) -> None:
    add_c(world)
    wrong = wrong_calls(
        target.method,
        target.allowed,
        lambda placement: target.setup(world, placement),
        lambda role, made: _call(world, target, role, made),
    )
    assert not wrong, f"{target.method} {target.path}: " + "; ".join(wrong)


def test_usage_matrix_covers_every_usage_route(world: World) -> None:
    covered = {(t.method, t.path) for t in USAGE_TARGETS}
    routes = {(m, p) for m, p in api_routes(world) if p.startswith(API)}
    assert routes == covered
