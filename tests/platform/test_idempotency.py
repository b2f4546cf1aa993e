"""Idempotency-Key on creating POSTs (docs/design.md §4): a replay returns the first result."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from fastapi import FastAPI
from sqlalchemy import func, select

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform.departments.models import Department
from govshare_platform.errors import conflict
from govshare_platform.idempotency import service as idem
from govshare_platform.idempotency.models import IdempotencyRecord
from govshare_platform.idempotency.service import REPLAY_HEADER
from govshare_platform.local_server import LocalServer
from tests.platform.conftest import World

SEC = ("P", Role.SECURITY_ADMIN)
BODY = {"name": "南通市统计局", "credit_code": make_credit_code("11320600014160021")}


def count_departments(world: World) -> int:
    with world.session() as s:
        return int(s.scalar(select(func.count(Department.id))) or 0)


def test_replay_returns_the_first_result(world: World) -> None:
    h = world.h(*SEC, **{"Idempotency-Key": "k-1"})
    before = count_departments(world)
    first = world.client.post("/api/v1/departments", json=BODY, headers=h)
    assert first.status_code == 201 and REPLAY_HEADER not in first.headers
    again = world.client.post("/api/v1/departments", json=BODY, headers=h)
    assert again.status_code == 201
    assert again.headers[REPLAY_HEADER] == "true"
    assert again.json() == first.json()
    assert count_departments(world) == before + 1


def test_same_key_with_another_body_is_refused(world: World) -> None:
    h = world.h(*SEC, **{"Idempotency-Key": "k-2"})
    assert world.client.post("/api/v1/departments", json=BODY, headers=h).status_code == 201
    other = BODY | {"name": "南通市另一个局"}
    r = world.client.post("/api/v1/departments", json=other, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"


def test_keys_belong_to_their_user(world: World) -> None:
    """Another user's identical key is a different request, not a replay of the first."""
    body = {"user_id": world.uid("A", Role.RESOURCE_ADMIN), "phone": "0513-1234567"}
    url = f"/api/v1/departments/{world.depts['A']}/resource-admins"
    h = world.h(*SEC, **{"Idempotency-Key": "shared"})
    assert world.client.post(url, json=body, headers=h).status_code == 201
    second_admin = world.add_user("P", Role.SECURITY_ADMIN, username="sec2")
    h2 = {"Authorization": f"Bearer {world.token(second_admin)}", "Idempotency-Key": "shared"}
    r = world.client.post(url, json=body, headers=h2)
    assert r.status_code == 201 and REPLAY_HEADER not in r.headers
    with world.session() as s:
        assert s.scalar(select(func.count()).select_from(IdempotencyRecord)) == 2


def test_user_creation_replays_without_storing_the_password(world: World) -> None:
    body = {
        "username": "idem_user",
        "full_name": "幂等",
        "password": "Long-Passw0rd-1",
        "department_id": world.depts["A"],
        "roles": ["applicant"],
    }
    h = world.h(*SEC, **{"Idempotency-Key": "u-1"})
    first = world.client.post("/api/v1/users", json=body, headers=h)
    again = world.client.post("/api/v1/users", json=body, headers=h)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers[REPLAY_HEADER] == "true"
    with world.session() as s:
        stored = s.scalars(select(IdempotencyRecord)).one()
        assert "Long-Passw0rd-1" not in str(stored.response)


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[str]:
    """The app on a real uvicorn server in a thread, on 127.0.0.1."""
    with LocalServer(app) as server:
        yield server.url


def test_concurrent_same_key_posts_make_one_row(world: World, live_server: str) -> None:
    headers = world.h(*SEC, **{"Idempotency-Key": "race-1"})
    before = count_departments(world)
    barrier = threading.Barrier(8)

    def post(_: int) -> tuple[int, Any, str | None]:
        with requests.Session() as c:
            barrier.wait()
            r = c.post(f"{live_server}/api/v1/departments", json=BODY, headers=headers, timeout=60)
            return r.status_code, r.json(), r.headers.get(REPLAY_HEADER)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post, range(8)))
    statuses = [status for status, _, _ in results]
    assert all(status < 500 for status in statuses), results
    assert statuses == [201] * 8, results
    assert len({str(body) for _, body, _ in results}) == 1
    assert sum(replayed is None for _, _, replayed in results) == 1
    assert count_departments(world) == before + 1


def test_losing_a_race_to_the_same_key_replays_the_winner(world: World) -> None:
    """A conflict raised while a concurrent request with the key committed answers its result."""

    uid = world.uid(*SEC)
    fp = idem.fingerprint("POST", "/x", {"a": 1})

    def produce() -> None:
        with world.session() as winner:  # the concurrent request commits first ...
            winner.add(
                IdempotencyRecord(
                    user_id=uid,
                    key="race-2",
                    method="POST",
                    path="/x",
                    fingerprint=fp,
                    status_code=201,
                    response={"id": 7},
                )
            )
            winner.commit()
        raise conflict("duplicate_name", "exists")  # ... so this one meets its row

    with world.session() as s:
        response = idem.run(s, uid, "race-2", path="/x", body={"a": 1}, produce=produce)
    assert response.status_code == 201
    assert response.headers[REPLAY_HEADER] == "true" and response.body == b'{"id":7}'
