"""Issue 11, the rest: GET /users/{id} (the security admin's), id filters of the exchange log
checked before the database (422, also beyond 64 bits), and the security headers on a 500."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from govshare_core.vocab import Role
from govshare_platform.app import create_app
from govshare_platform.settings import Settings
from tests.platform.conftest import World

API = "/api/v1"
HUGE = 2**64 + 1


def test_the_security_admin_reads_one_account(world: World) -> None:
    registrar = world.uid("A", Role.REGISTRAR)
    r = world.client.get(f"{API}/users/{registrar}", headers=world.h("P", Role.SECURITY_ADMIN))
    assert r.status_code == 200, r.text
    user = r.json()
    assert user["id"] == registrar and user["roles"] == ["registrar"]
    assert r.headers["etag"] == f'"{user["version"]}"'
    assert {"locked_until", "must_change_password", "password_changed_at"} <= user.keys()
    auditor = world.uid("P", Role.AUDIT_ADMIN)  # read-only: privileged accounts are shown too
    r = world.client.get(f"{API}/users/{auditor}", headers=world.h("P", Role.SECURITY_ADMIN))
    assert r.status_code == 200 and r.json()["roles"] == ["audit_admin"]
    for dept, role in (("A", Role.REGISTRAR), ("P", Role.PLATFORM_ADMIN), ("P", Role.AUDIT_ADMIN)):
        own = world.client.get(f"{API}/users/{world.uid(dept, role)}", headers=world.h(dept, role))
        assert own.status_code == 403, (role, own.status_code)  # one's own: GET /me
    security = world.h("P", Role.SECURITY_ADMIN)
    assert world.client.get(f"{API}/users/999999", headers=security).status_code == 404
    assert world.client.get(f"{API}/users/{HUGE}", headers=security).status_code == 422


def test_exchange_log_ids_out_of_range_are_refused_before_the_database(world: World) -> None:
    headers = world.h("P", Role.PLATFORM_ADMIN)
    for name in ("entry_id", "department_id", "before_id"):
        big = name == "before_id"  # the log's own ids are BIGINT, the others INTEGER
        for value in (HUGE, 2**63 if big else 2**31, 0, -1):
            r = world.client.get(f"{API}/exchange/log?{name}={value}", headers=headers)
            assert r.status_code == 422, (name, value, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
        r = world.client.get(f"{API}/exchange/log/export?{name}={HUGE}", headers=headers)
        if name != "before_id":
            assert r.status_code == 422, (name, r.status_code, r.text)
    for query in (f"entry_id={2**31 - 1}", f"before_id={2**63 - 1}"):
        ok = world.client.get(f"{API}/exchange/log?{query}", headers=headers)
        assert ok.status_code == 200 and ok.json()["items"] == [], (query, ok.text)


def test_a_500_carries_the_security_headers(settings: Settings) -> None:
    app: FastAPI = create_app(settings)

    @app.get("/api/v1/test-raises")
    def raises() -> None:
        raise RuntimeError("boom: a secret detail")

    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.get("/api/v1/test-raises")
            ok = client.get("/healthz")
    finally:
        app.state.engine.dispose()
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "internal_error" and "secret" not in r.text
    for name in (
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "content-security-policy",
        "cache-control",
    ):
        assert r.headers[name] == ok.headers[name], name
