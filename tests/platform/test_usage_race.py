"""Two users answering the same inquiry / explaining the same discrepancy at once with the
same If-Match: one succeeds, the other gets 412 (or 409), never a 500 (both databases; the
row lock makes the loser see the winner's version)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.platform.conftest import World
from tests.platform.usage_support import AP, API, RA, ask, created, report, setup


def _race(world: World, url: str, bodies: list[tuple[dict[str, str], Any]]) -> list[int]:
    start = threading.Barrier(len(bodies))
    statuses: list[int] = []

    def send(headers: dict[str, str], body: Any) -> None:
        with TestClient(world.app) as client:
            start.wait()
            statuses.append(client.post(url, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=send, args=b) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return sorted(statuses)


def _two(
    world: World, version: int, body: Callable[[str], Any]
) -> list[tuple[dict[str, str], Any]]:
    tag = {"If-Match": f'"{version}"'}
    return [(world.h("B", AP, **tag), body("甲")), (world.h("B", RA, **tag), body("乙"))]


def test_racing_answers(world: World) -> None:
    inq = created(ask(world, setup(world)))
    url = f"{API}/inquiries/{inq['id']}/answer"
    codes = _race(world, url, _two(world, inq["version"], lambda w: {"reason": f"用途{w}"}))
    assert codes[0] == 200 and codes[1] in (409, 412), codes
    got = world.client.get(f"{API}/inquiries/{inq['id']}", headers=world.h("A", RA)).json()
    assert got["status"] == "answered" and got["version"] == inq["version"] + 1


def test_racing_explanations(world: World) -> None:
    second = world.add_user("A", RA, username="a_resource_admin_2")
    d = created(report(world, setup(world)))
    url = f"{API}/discrepancies/{d['id']}/actions/explain"
    tag = {"If-Match": f'"{d["version"]}"'}
    bodies = [
        (world.h("A", RA, **tag), {"reason": "核实无误甲"}),
        ({"Authorization": f"Bearer {world.token(second)}", **tag}, {"reason": "核实无误乙"}),
    ]
    codes = _race(world, url, bodies)
    assert codes[0] == 200 and codes[1] in (409, 412), codes
    got = world.client.get(f"{API}/discrepancies/{d['id']}", headers=world.h("B", AP)).json()
    assert got["status"] == "explained" and len(got["history"]) == 2
