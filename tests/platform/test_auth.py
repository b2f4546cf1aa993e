"""Login, lockout, token expiry and idle timeout, logout, /me."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from govshare_core.vocab import Role
from govshare_platform.auth.models import AuthToken
from govshare_platform.db import utcnow
from tests.platform.conftest import PASSWORD, World


def _login(world: World, username: str, password: str):  # type: ignore[no-untyped-def]
    return world.client.post(
        "/api/v1/auth/login", json={"username": username, "password": password}
    )


def test_login_me_logout(world: World) -> None:
    r = _login(world, "a_registrar", PASSWORD)
    assert r.status_code == 200
    token = r.json()["access_token"]
    me = world.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["roles"] == ["registrar"]
    assert me.json()["department"]["name"] == "南通市公安局"
    out = world.client.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert out.status_code == 204
    again = world.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401
    assert again.json()["code"] == "invalid_token"


def test_wrong_password_then_lockout(world: World) -> None:
    first = _login(world, "a_registrar", "wrong")
    assert first.status_code == 401
    assert first.headers["content-type"].startswith("application/problem+json")
    assert first.json()["attempts_left"] == 2
    _login(world, "a_registrar", "wrong")
    third = _login(world, "a_registrar", "wrong")
    assert third.status_code == 423
    assert third.json()["code"] == "account_locked"
    # even the right password is refused while locked
    assert _login(world, "a_registrar", PASSWORD).status_code == 423


def test_unknown_user_is_indistinguishable(world: World) -> None:
    r = _login(world, "nobody", "whatever")
    assert r.status_code == 401
    assert r.json()["code"] == "invalid_credentials"


def test_expired_and_idle_tokens(world: World) -> None:
    headers = world.h("A", Role.REGISTRAR)
    assert world.client.get("/api/v1/me", headers=headers).status_code == 200
    with world.session() as s:
        s.execute(update(AuthToken).values(last_seen_at=utcnow() - timedelta(hours=2)))
        s.commit()
    idle = world.client.get("/api/v1/me", headers=headers)
    assert idle.status_code == 401 and idle.json()["code"] == "session_idle"
    with world.session() as s:
        s.execute(
            update(AuthToken).values(
                last_seen_at=utcnow(), expires_at=utcnow() - timedelta(seconds=1)
            )
        )
        s.commit()
    expired = world.client.get("/api/v1/me", headers=headers)
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"


def test_login_stores_only_token_hash(world: World) -> None:
    token = _login(world, "b_applicant", PASSWORD).json()["access_token"]
    with world.session() as s:
        hashes = s.scalars(select(AuthToken.token_hash)).all()
    assert token not in hashes
    assert all(len(h) == 64 for h in hashes)
