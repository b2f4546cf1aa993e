"""Bad input is always a 4xx problem+json with a stable `code`, never a 500 (docs/design.md §4)."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import World

SEC = ("P", Role.SECURITY_ADMIN)


def assert_problem(r: Any, status: int | None = None) -> dict[str, Any]:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    if status is not None:
        assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["status"] == r.status_code and body["code"] and body["title"]
    return body


def test_malformed_json(world: World) -> None:
    r = world.client.post(
        "/api/v1/departments",
        content=b'{"name": "x", ',
        headers=world.h(*SEC, **{"Content-Type": "application/json"}),
    )
    assert assert_problem(r, 422)["code"] == "validation_failed"


def test_wrong_types_name_their_field(world: World) -> None:
    r = world.client.post(
        "/api/v1/departments",
        json={"name": ["not", "a", "string"], "credit_code": 12, "is_platform": "maybe"},
        headers=world.h(*SEC),
    )
    fields = {e["field"] for e in assert_problem(r, 422)["errors"]}
    assert {"name", "credit_code", "is_platform"} <= fields


def test_unknown_fields_are_refused(world: World) -> None:
    r = world.client.post(
        "/api/v1/auth/login", json={"username": "a", "password": "b", "admin": True}
    )
    errors = assert_problem(r, 422)["errors"]
    assert [e["field"] for e in errors] == ["admin"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/departments?limit=100000",
        "/api/v1/departments?limit=0",
        "/api/v1/departments?offset=-1",
        "/api/v1/departments?limit=99999999999999999999999999",
        "/api/v1/audit/events?limit=5000",
        "/api/v1/users?limit=abc",
    ],
)
def test_page_limits(world: World, path: str) -> None:
    assert_problem(world.client.get(path, headers=world.h(*SEC)), 422)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/departments/abc", 422),
        ("/api/v1/departments/1.5", 422),
        ("/api/v1/departments/999999", 404),
        ("/api/v1/departments/-1", 404),
        ("/api/v1/departments/99999999999999999999999", None),
        ("/api/v1/departments/9223372036854775808", None),
        ("/api/v1/workdays/overrides/not-a-date", None),
        ("/api/v1/nothing-here", 404),
        ("/nothing", 404),
    ],
)
def test_bad_paths(world: World, path: str, status: int | None) -> None:
    body = assert_problem(world.client.get(path, headers=world.h(*SEC)), status)
    if status == 404:
        assert body["code"] == "not_found"


def test_wrong_method(world: World) -> None:
    r = world.client.delete("/api/v1/departments", headers=world.h(*SEC))
    assert assert_problem(r, 405)["code"] == "method_not_allowed"


def test_missing_and_malformed_tokens(world: World) -> None:
    for auth in (None, "Basic abc", "Bearer", "Bearer " + "x" * 5000):
        headers = {"Authorization": auth} if auth else {}
        r = world.client.get("/api/v1/me", headers=headers)
        assert assert_problem(r, 401)["code"] in {"not_authenticated", "invalid_token"}
        assert r.headers["www-authenticate"] == "Bearer"


def test_bad_if_match_and_idempotency_headers(world: World) -> None:
    h = world.h("P", Role.PLATFORM_ADMIN, **{"If-Match": "garbage"})
    assert_problem(world.client.patch("/api/v1/policy", json={}, headers=h), 412)
    h = world.h(*SEC, **{"Idempotency-Key": "k" * 500})
    assert_problem(world.client.post("/api/v1/departments", json={}, headers=h), 422)


# --- fuzz: junk bodies to every writing route -------------------------------------------------

_JUNK_SCALARS: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    10**40,
    1.5e308,
    "",
    "x" * 10_000,
    "'; DROP TABLE users; --",
    "\u0000",
    "𠀀中文",
    "2025-02-30",
]


def _junk(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(4 if depth < 2 else 2)
    if kind == 0:
        return rng.choice(_JUNK_SCALARS)
    if kind == 1:
        return rng.choice(["", "name", "roles", "day", "data_items", "id"]) + rng.choice(["", "_x"])
    if kind == 2:
        return [_junk(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["name", "credit_code", "roles", "department_id", "user_id", "day", "working"]
    keys += ["review_working_days", "password", "username", "phone", "entry_id", "data_items"]
    return {rng.choice(keys): _junk(rng, depth + 1) for _ in range(rng.randrange(6))}


def _fill(path: str, rng: random.Random) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "day":
            return rng.choice(["2025-06-05", "not-a-day", "2025-13-40"])
        return rng.choice(["1", "2", "999999", "abc", "-5"])

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def writing_routes(world: World) -> list[tuple[str, str]]:
    """(method, path) of every POST/PUT/PATCH route, read from the OpenAPI document (which
    also sees routes of included routers, however FastAPI nests them)."""
    paths: dict[str, dict[str, Any]] = world.app.openapi()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method in {"post", "put", "patch"}
    )


def test_fuzz_every_writing_route_never_500(world: World) -> None:
    # A valid token of a user holding every role but audit_admin (三员分立) gets past the role
    # checks, so the junk reaches the handlers themselves.
    roles = [r for r in Role if r is not Role.AUDIT_ADMIN]
    uid = world.add_user("P", *roles, username="fuzzer")
    token = world.token(uid)
    rng = random.Random(20150601)
    routes = writing_routes(world)
    assert ("POST", "/api/v1/departments") in routes and ("PATCH", "/api/v1/policy") in routes
    for method, path in routes:
        for _ in range(12):
            headers = {"Authorization": f"Bearer {token}", "If-Match": rng.choice(['"1"', "*"])}
            if rng.random() < 0.3:
                headers["Idempotency-Key"] = rng.choice(["k1", "k2"])
            url = _fill(path, rng)
            if rng.random() < 0.2:
                raw = rng.choice([b"{", b"\xff\xfe", b"[1,2", b"null", b""])
                headers["Content-Type"] = "application/json"
                r = world.client.request(method, url, content=raw, headers=headers)
            else:
                r = world.client.request(method, url, json=_junk(rng), headers=headers)
            assert r.status_code < 500, (method, url, r.status_code, r.text[:500])
            if r.status_code >= 400:
                assert r.json().get("code"), (method, url, r.text[:500])
