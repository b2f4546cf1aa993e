"""Access matrix of the exchange routes (第二十二条–第二十六条): every route × every role × own /
other department, in the pattern of test_access_matrix (callers with department roles are in A,
platform roles in P; an allowed call succeeds, any other is refused with 403 or 404).

Provider routes: "own" is an entry of A, "other" an entry of B. Consumer routes: "own" is B's
entry with a grant to A, "other" B's entry granted to C (A holds nothing).
"""

from __future__ import annotations

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import World
from tests.platform.exchange_support import ITEMS, deliver, exchange_entry, grant, person
from tests.platform.matrix_support import wrong_calls
from tests.platform.test_access import PUBLIC, api_routes
from tests.platform.test_access_matrix import (
    ALL,
    AP,
    GLOBAL,
    NONE,
    PA,
    RA,
    Call,
    Setup,
    Target,
    V,
    _no_object,
    caller_dept,
    mworld,
)
from tests.platform.test_access_matrix import R as REG

__all__ = ["mworld"]  # the fixture, used by name
CONSUMERS = frozenset({AP, RA})
DELIVERERS = frozenset({REG, RA})
LOG_READERS = ALL - {V, Role.SUPERVISOR, Role.SECURITY_ADMIN}
CSV_BODY = (",".join(ITEMS) + "\n" + ",".join(person(7)) + "\n").encode()


def _provided(delivered: bool) -> Setup:
    def setup(world: World, placement: str) -> Call:
        entry = exchange_entry(world, "A" if placement == "own" else "B")
        params = {"entry_id": entry}
        if delivered:
            params["delivery_id"] = deliver(
                world, entry, [person(1)], dept="A" if placement == "own" else "B"
            )
        return params, CSV_BODY

    return setup


def _granted(mode: str, body: object = None) -> Setup:
    def setup(world: World, placement: str) -> Call:
        entry = exchange_entry(world, "B")
        deliver(world, entry, [person(1)], dept="B")
        grant(
            world,
            entry,
            ["身份证号", "姓名"],
            mode=mode,
            consumer="A" if placement == "own" else "C",
        )
        return {"entry_id": entry}, body

    return setup


E = "/api/v1/exchange/entries/{entry_id}"
TARGETS = [
    Target("GET", "/api/v1/exchange/schedule", _no_object(), {GLOBAL: DELIVERERS | {PA}}),
    Target("POST", E + "/deliveries", _provided(False), {"own": DELIVERERS, "other": NONE}),
    Target(
        "GET",
        E + "/deliveries",
        _provided(True),
        {"own": DELIVERERS | {PA}, "other": frozenset({PA})},
    ),
    Target(
        "GET",
        "/api/v1/exchange/deliveries/{delivery_id}",
        _provided(True),
        {"own": DELIVERERS | {PA}, "other": frozenset({PA})},
    ),
    Target("GET", "/api/v1/exchange/access", _no_object(), {GLOBAL: CONSUMERS}),
    Target("GET", E + "/data", _granted("exchange"), {"own": CONSUMERS, "other": NONE}),
    Target(
        "POST",
        E + "/query",
        _granted("query", {"keys": [person(1)[0]]}),
        {"own": CONSUMERS, "other": NONE},
    ),
    Target("GET", "/api/v1/exchange/log", _no_object(), {GLOBAL: LOG_READERS}),
    Target("GET", "/api/v1/exchange/log/export", _no_object(), {GLOBAL: LOG_READERS}),
]


def _call(world: World, target: Target, role: Role, made: Call) -> int:
    params, body = made
    url = target.path.format(**params)
    headers = world.h(caller_dept(role), role, **target.headers)
    if isinstance(body, bytes):
        headers["Content-Type"] = "text/csv"
        r = world.client.request(target.method, url, content=body, headers=headers)
    else:
        r = world.client.request(target.method, url, json=body, headers=headers)
    if r.status_code >= 500:
        pytest.fail(f"{target.method} {url} as {role}: {r.status_code} {r.text}")
    return r.status_code


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.method} {t.path}")
def test_exchange_access(mworld: World, target: Target) -> None:
    wrong = wrong_calls(
        target.method,
        target.allowed,
        lambda placement: target.setup(mworld, placement),
        lambda role, made: _call(mworld, target, role, made),
    )
    assert not wrong, f"{target.method} {target.path}: " + "; ".join(wrong)


def test_matrix_covers_every_exchange_route(world: World) -> None:
    covered = {(t.method, t.path) for t in TARGETS}
    exchange = [r for r in api_routes(world) if r[1].startswith("/api/v1/exchange/")]
    missing = [r for r in exchange if r not in covered and r not in PUBLIC]
    assert not missing, f"exchange routes without access-matrix rows: {missing}"
