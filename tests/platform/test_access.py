"""Every non-public endpoint refuses anonymous callers with 401 problem+json."""

from __future__ import annotations

import re

from tests.platform.conftest import World

PUBLIC = {
    ("POST", "/api/v1/auth/login"),
    ("GET", "/healthz"),
    # anyone verifies an agreement: the CA certificate and its revocation list (第三十条)
    ("GET", "/api/v1/pki/ca.pem"),
    ("GET", "/api/v1/pki/crl"),
}


def api_routes(world: World) -> list[tuple[str, str]]:
    """(method, path template) of every documented route, from the app's OpenAPI schema."""
    paths = world.app.openapi()["paths"]
    return [(m.upper(), path) for path, ops in paths.items() for m in ops]


def test_every_private_endpoint_needs_a_token(world: World) -> None:
    routes = api_routes(world)
    assert len(routes) > 10
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        r = world.client.request(method, url, json={})
        assert r.status_code == 401, (method, path, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == "not_authenticated"


def test_garbage_token_is_rejected(world: World) -> None:
    r = world.client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    assert r.json()["code"] == "invalid_token"


def test_public_endpoints(world: World) -> None:
    assert world.client.get("/healthz").json()["status"] == "ok"
    spec = world.client.get("/openapi.json").json()
    assert "/api/v1/auth/login" in spec["paths"]
