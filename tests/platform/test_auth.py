"""Login, lockout, token expiry and idle timeout, logout, /me."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import argon2
from sqlalchemy import event, select, update

from govshare_core.vocab import Role
from govshare_platform.auth.models import AuthToken
from govshare_platform.auth.passwords import hasher
from govshare_platform.auth.service import LAST_SEEN_RESOLUTION, decoy_hash, token_digest
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from tests.platform.conftest import PASSWORD, World


def _login(world: World, username: str, password: str) -> Any:
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
    assert "attempts_left" not in first.json()
    _login(world, "a_registrar", "wrong")
    third = _login(world, "a_registrar", "wrong")  # the third failure locks the account...
    assert third.status_code == 401  # ...but a guess is not told so
    assert third.json() == first.json()
    # the right password learns of the lock (423); still refused while locked
    locked = _login(world, "a_registrar", PASSWORD)
    assert locked.status_code == 423
    assert locked.json()["code"] == "account_locked"
    assert _login(world, "a_registrar", "wrong").status_code == 401


def test_unknown_user_is_indistinguishable(world: World) -> None:
    """Finding 7: the same body for an unknown user, a wrong password and a disabled account,
    and the decoy hash costs what a real one does."""
    with world.session() as s:
        s.execute(update(User).where(User.username == "b_applicant").values(active=False))
        s.commit()
    bodies = [
        _login(world, name, "Wrong-Passw0rd!").json()
        for name in ("nobody", "a_registrar", "b_applicant")
    ]
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["code"] == "invalid_credentials" and "attempts_left" not in bodies[0]
    settings = world.app.state.settings
    ph = hasher(settings.argon2_time_cost, settings.argon2_memory_kib)
    decoy = argon2.extract_parameters(decoy_hash(ph))
    assert (decoy.time_cost, decoy.memory_cost) == (ph.time_cost, ph.memory_cost)


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


def test_failed_logins_leave_the_version_and_a_lockout_ends_sessions(world: World) -> None:
    """Finding 8: guessing does not make an administrator's If-Match stale; finding 5: a
    lockout ends the account's sessions."""
    headers = world.h("A", Role.REGISTRAR)
    with world.session() as s:
        before = s.scalar(select(User.version).where(User.username == "a_registrar"))
    assert _login(world, "a_registrar", "wrong-1").status_code == 401
    with world.session() as s:
        user = s.scalar(select(User).where(User.username == "a_registrar"))
        assert user is not None and user.failed_logins == 1 and user.version == before
    assert world.client.get("/api/v1/me", headers=headers).status_code == 200
    for _ in range(2):
        _login(world, "a_registrar", "wrong")
    with world.session() as s:
        user = s.scalar(select(User).where(User.username == "a_registrar"))
        assert user is not None and user.locked_until is not None and user.version == before
    ended = world.client.get("/api/v1/me", headers=headers)
    assert ended.status_code == 401 and ended.json()["code"] == "invalid_token"


def test_login_password_is_not_stripped(world: World) -> None:
    """Finding 11: ' password ' is not 'password' (the user name may be trimmed)."""
    assert _login(world, "a_registrar", f" {PASSWORD} ").status_code == 401
    assert _login(world, " a_registrar ", PASSWORD).status_code == 200


def _last_seen(world: World, token: str) -> Any:
    with world.session() as s:
        return s.scalar(select(AuthToken.last_seen_at).where(AuthToken.token_hash == token))


def test_authentication_is_one_statement_and_last_seen_is_refreshed_when_stale(
    world: World,
) -> None:
    """Token, user, department, roles and the password age limit in one SELECT (issue 12); the
    last-seen time written only once it is older than LAST_SEEN_RESOLUTION."""
    raw = _login(world, "a_registrar", PASSWORD).json()["access_token"]
    headers, digest = {"Authorization": f"Bearer {raw}"}, token_digest(raw)
    seen: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        seen.append(statement)

    engine = world.app.state.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert world.client.get("/api/v1/me", headers=headers).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    auth = [s for s in seen if "auth_tokens" in s or "user_roles" in s or "FROM policy" in s]
    assert len(auth) == 1 and "JOIN users" in auth[0] and "user_roles" in auth[0], auth
    assert not [s for s in seen if s.startswith("UPDATE auth_tokens")]  # fresh: not written
    stale = utcnow() - LAST_SEEN_RESOLUTION - timedelta(seconds=5)
    with world.session() as s:
        token = update(AuthToken).where(AuthToken.token_hash == digest)
        s.execute(token.values(last_seen_at=stale))
        s.commit()
    assert world.client.get("/api/v1/me", headers=headers).status_code == 200
    assert _last_seen(world, digest) > stale
