"""HTTP hardening (issue 11): body size limit (10), bad input never 500 (9a, 15), response
headers and safe attachments (14), the audited client address (12), the login throttle (7,
10), and the password hash outside SQLite's writer lock (14)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.auth import service as auth_service
from govshare_platform.auth.throttle import LoginThrottle
from govshare_platform.local_server import LocalServer
from tests.platform.catalog_helpers import create_entry
from tests.platform.conftest import PASSWORD, World

API = "/api/v1"
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _login(world: World, username: str, password: str, **kw: Any) -> Any:
    body = {"username": username, "password": password}
    return world.client.post(f"{API}/auth/login", json=body, **kw)


@SQLITE
def test_body_limit_before_parsing(world: World) -> None:
    """Finding 10: an unauthenticated 2 MiB body is refused with 413, declared or chunked."""
    big = b'{"username": "' + b"a" * (2 * 1024 * 1024) + b'", "password": "x"}'
    declared = world.client.post(
        f"{API}/auth/login", content=big, headers={"Content-Type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.headers["content-type"].startswith("application/problem+json")
    assert declared.json()["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(big), 64 * 1024):
            yield big[i : i + 64 * 1024]

    chunked = world.client.post(
        f"{API}/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    # an upload route keeps its own (larger) limit
    entry = create_entry(world, "A")
    upload = world.client.post(
        f"{API}/catalog/entries/{entry['id']}/attachments?filename=big.pdf",
        content=b"%PDF-1.4 " + b"0" * (2 * 1024 * 1024),
        headers=world.h("A", Role.REGISTRAR, **{"Content-Type": "application/pdf"}),
    )
    assert upload.status_code == 201, upload.text


def test_nul_characters(world: World) -> None:
    """Finding 15: a NUL anywhere answers 422 `nul_character` naming the field."""
    r = _login(world, "a_reg\x00istrar", PASSWORD)
    assert r.status_code == 422 and r.json()["code"] == "nul_character"
    assert r.json()["errors"][0]["field"] == "username"
    headers = world.h("A", Role.REGISTRAR)
    q = world.client.get(f"{API}/catalog/entries?q=ab%00c", headers=headers)
    assert q.status_code == 422 and q.json()["errors"][0]["field"] == "q"
    body = {"name": "x\x00y"}
    nested = world.client.post(f"{API}/catalog/entries", json={"a": [body]}, headers=headers)
    assert nested.status_code == 422 and nested.json()["errors"][0]["field"] == "a.0.name"


@SQLITE
def test_override_year_out_of_range(world: World) -> None:
    """Finding 9: year 0, -1, 10000 are bad input (422), not a 500."""
    headers = world.h("A", Role.APPLICANT)
    for year in (0, -1, 10000):
        r = world.client.get(f"{API}/workdays/overrides?year={year}", headers=headers)
        assert r.status_code == 422, (year, r.status_code)
    assert (
        world.client.get(f"{API}/workdays/overrides?year=2026", headers=headers).status_code == 200
    )


@SQLITE
def test_security_headers_and_attachments(world: World) -> None:
    """Finding 14: every answer is nosniff, unframeable, no-referrer, not stored; a token
    answer never cached; an HTML attachment is served as a download, not as HTML."""
    login = _login(world, "a_registrar", PASSWORD)
    for r in (login, world.client.get("/healthz"), _login(world, "nobody", "x")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["cache-control"] == "no-store"
    headers = world.h("A", Role.REGISTRAR)
    entry = create_entry(world, "A")
    html = b"<html><script>alert(document.cookie)</script></html>"
    att = world.client.post(
        f"{API}/catalog/entries/{entry['id']}/attachments?filename=evil.html",
        content=html,
        headers={**headers, "Content-Type": "text/html"},
    ).json()
    got = world.client.get(f"{API}/catalog/attachments/{att['id']}", headers=headers)
    assert got.content == html
    assert got.headers["content-type"] == "application/octet-stream"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["x-content-type-options"] == "nosniff"


@SQLITE
def test_client_address_and_server_header(world: World) -> None:
    """Finding 12: X-Forwarded-For is believed only from a configured proxy; finding 14: no
    `server: uvicorn`."""
    settings = world.app.state.settings
    spoof = {"X-Forwarded-For": "203.0.113.9"}
    with LocalServer(world.app) as server:
        url = server.url + f"{API}/auth/login"
        first = requests.post(
            url, json={"username": "a_registrar", "password": PASSWORD}, headers=spoof
        )
        assert first.status_code == 200 and "server" not in first.headers
        settings.trusted_proxies = ["127.0.0.1"]
        try:
            second = requests.post(
                url, json={"username": "a_registrar", "password": PASSWORD}, headers=spoof
            )
        finally:
            settings.trusted_proxies = []
        assert second.status_code == 200
    with world.session() as s:
        seen = s.scalars(
            select(AuditEvent.client_address)
            .where(AuditEvent.action == "login")
            .order_by(AuditEvent.seq)
        ).all()
    assert seen == ["127.0.0.1", "203.0.113.9"]


@SQLITE
def test_login_throttle_per_address(world: World) -> None:
    """Too many failures from one address: 429 with Retry-After, before any password check
    (the right password too), audited once."""
    world.app.state.login_throttle = LoginThrottle(3, 600)
    for i in range(3):
        assert _login(world, "b_applicant" if i else "nobody", "Wrong-Passw0rd").status_code == 401
    for password in ("Wrong-Passw0rd", PASSWORD):
        r = _login(world, "a_registrar", password)
        assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"
        assert 0 < int(r.headers["retry-after"]) <= 600
    with world.session() as s:
        throttled = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_throttled")
        ).all()
    assert len(throttled) == 1
    # a successful sign-in does not use up the address's allowance
    world.app.state.login_throttle = LoginThrottle(2, 600)
    for _ in range(4):
        assert _login(world, "a_registrar", PASSWORD).status_code == 200


@SQLITE
def test_password_hash_runs_outside_the_writer_lock(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 14: while a sign-in hashes, another writer can take SQLite's write lock."""
    path = world.app.state.settings.database_url.removeprefix("sqlite:///")
    real = auth_service.verify_password
    writable: list[bool] = []

    def verify(stored: str, password: str, ph: object = None) -> bool:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            writable.append(True)
        except sqlite3.OperationalError:
            writable.append(False)
        finally:
            other.close()
        return real(stored, password, ph)  # type: ignore[arg-type]

    monkeypatch.setattr(auth_service, "verify_password", verify)
    assert _login(world, "a_registrar", PASSWORD).status_code == 200
    assert _login(world, "a_registrar", "Wrong-Passw0rd").status_code == 401
    assert _login(world, "nobody", "Wrong-Passw0rd").status_code == 401
    assert writable == [True, True, True]
