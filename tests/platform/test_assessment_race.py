"""Supervisors acting on the same round at once, in truly parallel requests: publish against
publish, recompute against publish, adjustments with the same If-Match, two openings of the
same period. One wins; the others get 412 or 409, never a 500 (both databases: the round's row
lock, and the policy row's lock for computations, make the loser see the winner's work)."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient

from tests.platform.assessment_support import ROUNDS, SU, open_round, quarter, scores, tag
from tests.platform.conftest import World

Call = tuple[str, dict[str, str], Any]


def _race(world: World, calls: list[Call]) -> list[tuple[int, Any]]:
    """Send the calls at once (one client each, released together); (status, body) in order."""
    start = threading.Barrier(len(calls))
    answers: list[tuple[int, Any]] = [(0, None)] * len(calls)

    def send(i: int, url: str, headers: dict[str, str], body: Any) -> None:
        with TestClient(world.app) as client:
            start.wait()
            r = client.post(url, json=body, headers=headers)
            answers[i] = (r.status_code, r.json())

    threads = [threading.Thread(target=send, args=(i, *c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def _supervisors(world: World, n: int) -> list[dict[str, str]]:
    users = [world.uid("P", SU)] + [
        world.add_user("P", SU, username=f"p_supervisor_{k}") for k in range(2, n + 1)
    ]
    return [{"Authorization": f"Bearer {world.token(u)}"} for u in users]


def _one_wins(answers: list[tuple[int, Any]], ok: int = 200) -> int:
    codes = sorted(code for code, _ in answers)
    assert codes.count(ok) == 1 and all(c in (409, 412) for c in codes if c != ok), codes
    return next(i for i, (code, _) in enumerate(answers) if code == ok)


def test_publish_against_publish(world: World) -> None:
    rnd = open_round(world)
    url = f"{ROUNDS}/{rnd['id']}/publish"
    heads = _supervisors(world, 2)
    answers = _race(world, [(url, {**h, **tag(rnd["version"])}, None) for h in heads])
    winner = answers[_one_wins(answers)][1]
    got = world.client.get(f"{ROUNDS}/{rnd['id']}", headers=heads[0]).json()
    assert got["status"] == "published" and got["version"] == winner["version"]


def test_recompute_against_publish(world: World) -> None:
    rnd = open_round(world)
    first, second = _supervisors(world, 2)
    v = tag(rnd["version"])
    answers = _race(
        world,
        [
            (f"{ROUNDS}/{rnd['id']}/recompute", {**first, **v}, None),
            (f"{ROUNDS}/{rnd['id']}/publish", {**second, **v}, None),
        ],
    )
    won = _one_wins(answers)
    got = world.client.get(f"{ROUNDS}/{rnd['id']}", headers=first).json()
    assert got["status"] == ("draft" if won == 0 else "published")
    assert got["version"] == rnd["version"] + 1 and got["department_count"] == 2


def test_adjustments_with_the_same_if_match(world: World) -> None:
    rnd = open_round(world)
    a = world.depts["A"]
    url = f"{ROUNDS}/{rnd['id']}/results/{a}/adjust"
    heads = _supervisors(world, 3)
    calls = [
        (url, {**h, **tag(rnd["version"])}, {"score": 50 + k, "reason": f"核定{k}"})
        for k, h in enumerate(heads)
    ]
    answers = _race(world, calls)
    winner = _one_wins(answers)
    results = world.client.get(f"{ROUNDS}/{rnd['id']}/results", headers=heads[0]).json()
    assert scores(results)[a] == (50.0 + winner, 2, "fail")
    got = world.client.get(f"{ROUNDS}/{rnd['id']}", headers=heads[0]).json()
    assert got["version"] == rnd["version"] + 1


def test_two_openings_of_one_period(world: World) -> None:
    heads = _supervisors(world, 2)
    body = {"period": quarter().code}
    answers = _race(world, [(ROUNDS, h, body) for h in heads])
    _one_wins(answers, ok=201)
    assert [c for c, b in answers if c != 201] == [409]
    assert world.client.get(ROUNDS, headers=heads[0]).json()["total"] == 1
