"""Racing steps on one rectification order, truly in parallel (threads, each with its own
client and database connection; both databases): accept against return by two supervisors,
and two resource admins answering with the same If-Match. One wins, the others get 412 or 409,
never a 500; the row lock makes each loser see the winner's version."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient

from tests.platform.conftest import World
from tests.platform.rectification_support import RA, SU, answered, created, get, issue, ok

API = "/api/v1/rectifications"


def _race(world: World, calls: list[tuple[str, dict[str, str], Any]]) -> list[int]:
    start = threading.Barrier(len(calls))
    statuses: list[int] = []

    def send(url: str, headers: dict[str, str], body: Any) -> None:
        with TestClient(world.app) as client:
            start.wait()
            statuses.append(client.post(url, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=send, args=c) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return sorted(statuses)


def _bearer(world: World, user_id: int, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.token(user_id)}", **extra}


def test_accept_races_return(world: World) -> None:
    other = world.add_user("P", SU, username="p_supervisor_2")
    order = answered(world)
    tag = {"If-Match": f'"{order["version"]}"'}
    url = f"{API}/{order['id']}/actions"
    codes = _race(
        world,
        [
            (f"{url}/accept", world.h("P", SU, **tag), None),
            (f"{url}/return", _bearer(world, other, **tag), {"reason": "缺少证明材料"}),
        ],
    )
    assert codes[0] == 200 and codes[1] in (409, 412), codes
    got = ok(get(world, order["id"]))
    assert got["status"] in ("closed", "returned") and got["version"] == order["version"] + 1
    assert len(got["events"]) == 3


def test_three_answers_with_one_if_match(world: World) -> None:
    users = [world.uid("A", RA)] + [
        world.add_user("A", RA, username=f"a_resource_admin_{n}") for n in (2, 3)
    ]
    order = created(issue(world))
    tag = {"If-Match": f'"{order["version"]}"'}
    url = f"{API}/{order['id']}/actions/answer"
    calls = [
        (url, _bearer(world, u, **tag), {"reason": f"整改措施{n}"}) for n, u in enumerate(users)
    ]
    codes = _race(world, calls)
    assert codes[0] == 200 and all(c in (409, 412) for c in codes[1:]), codes
    got = ok(get(world, order["id"]))
    assert got["status"] == "answered" and [e["action"] for e in got["events"]] == [
        "issue",
        "answer",
    ]
