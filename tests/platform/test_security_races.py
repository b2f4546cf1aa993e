"""Concurrent writes to one row on PostgreSQL (issue 11, findings 3 and 4), in truly parallel
requests from several users against a uvicorn server: exactly one wins, the others get 409 or
412, never a 500 (a lost version check is `StaleDataError`: 412 `precondition_failed` when the
request named a version, else 409 `concurrent_update`). SQLite serialises writers, so these run
on PostgreSQL only.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.grants.models import Grant
from govshare_platform.local_server import LocalServer
from tests.platform.catalog_helpers import API, act, create_entry, entry_payload
from tests.platform.conftest import World
from tests.platform.requests_support import make_entry, submitted

pytestmark = pytest.mark.parametrize("db_url", ["postgres"], indirect=True)

RACERS = 4
Call = tuple[str, str, dict[str, str], Any]  # method, path, headers, JSON body


@pytest.fixture
def server(world: World) -> Iterator[str]:
    with LocalServer(world.app) as running:
        yield running.url


def _race(base: str, calls: list[Call]) -> list[tuple[int, Any]]:
    """Send the calls at once (one connection each, released together); (status, body)."""
    start = threading.Barrier(len(calls))
    answers: list[tuple[int, Any]] = [(0, None)] * len(calls)

    def send(i: int, method: str, path: str, headers: dict[str, str], body: Any) -> None:
        with requests.Session() as http:
            start.wait()
            r = http.request(method, base + path, json=body, headers=headers, timeout=60)
            answers[i] = (r.status_code, r.json() if r.content else None)

    threads = [threading.Thread(target=send, args=(i, *c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def _one_wins(answers: list[tuple[int, Any]]) -> int:
    codes = sorted(code for code, _ in answers)
    assert codes.count(200) == 1 and all(c in (409, 412) for c in codes if c != 200), answers
    return next(i for i, (code, _) in enumerate(answers) if code == 200)


def _heads(world: World, dept: str, role: Role, n: int = RACERS) -> list[dict[str, str]]:
    """Bearer headers of `n` users of `dept` holding `role` (one token row each: requests on
    one token serialise on it)."""
    users = [world.uid(dept, role)] + [
        world.add_user(dept, role, username=f"{dept.lower()}_{role.value}_{k}")
        for k in range(2, n + 1)
    ]
    return [{"Authorization": f"Bearer {world.token(u)}"} for u in users]


def _approved_entry(world: World) -> int:
    entry = create_entry(world, "A")
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    return int(entry["id"])


def test_publish_against_publish(world: World, server: str) -> None:
    heads = _heads(world, "P", Role.PLATFORM_ADMIN)
    eid = _approved_entry(world)
    path = f"{API}/entries/{eid}/publish"
    _one_wins(_race(server, [("POST", path, h, None) for h in heads]))
    got = world.client.get(f"{API}/entries/{eid}", headers=heads[0]).json()
    assert got["status"] == "published" and got["resource_code"]


def test_dept_approve_against_dept_return(world: World, server: str) -> None:
    heads = _heads(world, "A", Role.CATALOG_REVIEWER)
    entry = create_entry(world, "A")
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    path = f"{API}/entries/{entry['id']}"
    calls: list[Call] = [
        ("POST", f"{path}/dept-approve", h, None)
        if i % 2
        else ("POST", f"{path}/dept-return", h, {"reason": "请补充数据项说明"})
        for i, h in enumerate(heads)
    ]
    won = _one_wins(_race(server, calls))
    got = world.client.get(path, headers=heads[0]).json()
    assert got["status"] == ("dept_approved" if won % 2 else "returned")


def test_put_entry_with_the_same_if_match(world: World, server: str) -> None:
    heads = _heads(world, "A", Role.REGISTRAR)
    entry = create_entry(world, "A")
    path = f"{API}/entries/{entry['id']}"
    tag = {"If-Match": f'"{entry["version"]}"'}
    calls: list[Call] = [
        (
            "PUT",
            path,
            {**h, **tag},
            entry_payload(summary=f"第{i}次修改的摘要，内容足够长以通过校验。"),
        )
        for i, h in enumerate(heads)
    ]
    answers = _race(server, calls)
    won = _one_wins(answers)
    assert all(code == 412 for code, _ in answers if code != 200), answers
    got = world.client.get(path, headers=heads[0]).json()
    assert got["summary"] == calls[won][3]["summary"]
    assert got["version"] == entry["version"] + 1


def test_patch_user_with_the_same_if_match(world: World, server: str) -> None:
    heads = _heads(world, "P", Role.SECURITY_ADMIN)
    uid = world.uid("B", Role.APPLICANT)
    tag = {"If-Match": '"1"'}
    calls: list[Call] = [
        ("PATCH", f"/api/v1/users/{uid}", {**h, **tag}, {"full_name": f"改名{i}"})
        for i, h in enumerate(heads)
    ]
    answers = _race(server, calls)
    won = _one_wins(answers)
    assert all(code == 412 for code, _ in answers if code != 200), answers
    got = world.client.get("/api/v1/users", params={"q": "b_applicant"}, headers=heads[0])
    (user,) = got.json()["items"]
    assert (user["full_name"], user["version"]) == (f"改名{won}", 2)


def test_patch_policy_with_the_same_if_match(world: World, server: str) -> None:
    """Values unlike the current ones (5 working days): a no-op PATCH succeeds unversioned."""
    heads = _heads(world, "P", Role.PLATFORM_ADMIN)
    version = world.client.get("/api/v1/policy", headers=heads[0]).json()["version"]
    tag = {"If-Match": f'"{version}"'}
    calls: list[Call] = [
        ("PATCH", "/api/v1/policy", {**h, **tag}, {"review_working_days": 6 + i})
        for i, h in enumerate(heads)
    ]
    answers = _race(server, calls)
    won = _one_wins(answers)
    assert all(code == 412 for code, _ in answers if code != 200), answers
    got = world.client.get("/api/v1/policy", headers=heads[0]).json()
    assert (got["review_working_days"], got["version"]) == (6 + won, version + 1)


def _active_grant(world: World) -> int:
    """One active grant of an unconditional request (granted on submission)."""
    rid = submitted(world, make_entry(world, share_type="unconditional"))["id"]
    with world.session() as s:
        return int(s.scalars(select(Grant.id).where(Grant.request_id == rid)).first() or 0)


def test_a_grant_revoked_twice_at_once(world: World, server: str) -> None:
    """Finding 4: both revokes answered 200 and two `grant_revoke` events were written."""
    heads = [world.h("A", Role.RESOURCE_ADMIN), *_heads(world, "P", Role.PLATFORM_ADMIN, 3)]
    for _round in range(2):
        gid = _active_grant(world)
        calls: list[Call] = [
            ("POST", f"/api/v1/grants/{gid}/revoke", h, {"reason": f"停止使用，原因{i}号"})
            for i, h in enumerate(heads)
        ]
        answers = _race(server, calls)
        _one_wins(answers)
        assert all(body["code"] == "grant_not_active" for code, body in answers if code != 200)
        with world.session() as s:
            events = s.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "grant_revoke", AuditEvent.object_id == str(gid)
                )
            ).all()
        assert len(events) == 1
