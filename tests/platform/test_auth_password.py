"""Own password change, the forced change and password age, the password policy (第三十三条;
issue 11, findings 5 and 11)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem
from govshare_platform.policy.service import get_policy
from govshare_platform.security.service import check_new_password
from tests.platform.conftest import PASSWORD, World

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

API = "/api/v1"
NEW = "Frisches-Passw0rt!"
SE, PA, R = Role.SECURITY_ADMIN, Role.PLATFORM_ADMIN, Role.REGISTRAR


def _login(world: World, username: str, password: str) -> Any:
    return world.client.post(f"{API}/auth/login", json={"username": username, "password": password})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _change(world: World, headers: dict[str, str], current: str, new: str) -> Any:
    body = {"current_password": current, "new_password": new}
    return world.client.post(f"{API}/auth/password", json=body, headers=headers)


def _codes(response: Any) -> list[str]:
    return [e["code"] for e in response.json().get("errors", [])]


def _user(world: World, username: str) -> User:
    with world.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


def test_change_ends_the_other_sessions(world: World) -> None:
    """Finding 5: a password change ends every other session of the user, keeps this one."""
    first = _login(world, "a_registrar", PASSWORD).json()["access_token"]
    other = _login(world, "a_registrar", PASSWORD).json()["access_token"]
    assert _change(world, _bearer(first), PASSWORD, NEW).status_code == 204
    assert world.client.get(f"{API}/me", headers=_bearer(first)).status_code == 200
    gone = world.client.get(f"{API}/me", headers=_bearer(other))
    assert gone.status_code == 401 and gone.json()["code"] == "invalid_token"
    assert _login(world, "a_registrar", PASSWORD).status_code == 401
    assert _login(world, "a_registrar", NEW).status_code == 200
    user = _user(world, "a_registrar")
    assert user.password_changed_at is not None and not user.must_change_password
    with world.session() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "password_change"))


def test_new_password_must_meet_the_policy(world: World) -> None:
    """Finding 11: `aaaaaaaaaa`, spaces at the ends, the user name: refused with the reason."""
    headers = world.h("A", R)
    weak = _change(world, headers, PASSWORD, "aaaaaaaaaa")
    assert weak.status_code == 422
    assert {"password_too_short", "password_too_simple", "password_repeats"} <= set(_codes(weak))
    assert {e["field"] for e in weak.json()["errors"]} == {"new_password"}
    assert _codes(_change(world, headers, PASSWORD, f" {NEW} ")) == ["password_spaces"]
    assert "password_has_username" in _codes(_change(world, headers, PASSWORD, "A_registrar#2026"))
    assert _codes(_change(world, headers, PASSWORD, PASSWORD)) == ["password_unchanged"]
    wrong = _change(world, headers, "Not-the-passw0rd", NEW)
    assert wrong.status_code == 422 and _codes(wrong) == ["password_wrong"]
    user = _user(world, "a_registrar")
    assert user.failed_logins == 1  # a wrong current password counts towards the lockout
    with world.session() as s:  # the function user creation and resets call (helper B)
        with pytest.raises(Problem) as refused:
            check_new_password(s, "short", "someone")
        assert refused.value.status == 422
        check_new_password(s, NEW, "someone")


def test_forced_change_gates_everything_else(world: World) -> None:
    with world.session() as s:
        s.execute(
            update(User).where(User.username == "a_registrar").values(must_change_password=True)
        )
        s.commit()
    login = _login(world, "a_registrar", PASSWORD)
    assert login.status_code == 200 and login.json()["must_change_password"] is True
    headers = _bearer(login.json()["access_token"])
    blocked = world.client.get(f"{API}/catalog/entries", headers=headers)
    assert blocked.status_code == 403 and blocked.json()["code"] == "password_change_required"
    assert world.client.get(f"{API}/me", headers=headers).status_code == 200
    policy = world.client.get(f"{API}/security/password-policy", headers=headers)
    assert policy.status_code == 200
    assert _change(world, headers, PASSWORD, NEW).status_code == 204
    assert world.client.get(f"{API}/catalog/entries", headers=headers).status_code == 200
    assert _login(world, "a_registrar", NEW).json()["must_change_password"] is False


def test_password_age(world: World) -> None:
    """Older than max_age_days: changed first. Never set (accounts from before the upgrade):
    not forced."""
    headers = world.h("A", R)
    assert world.client.get(f"{API}/catalog/entries", headers=headers).status_code == 200
    with world.session() as s:
        old = utcnow() - timedelta(days=91)
        s.execute(
            update(User).where(User.username == "a_registrar").values(password_changed_at=old)
        )
        s.commit()
    expired = world.client.get(f"{API}/catalog/entries", headers=headers)
    assert expired.status_code == 403 and expired.json()["code"] == "password_change_required"
    assert _login(world, "a_registrar", PASSWORD).json()["must_change_password"] is True
    with world.session() as s:  # 0: passwords never expire
        get_policy(s).password_max_age_days = 0
        s.commit()
    assert world.client.get(f"{API}/catalog/entries", headers=headers).status_code == 200


def test_password_policy_endpoints(world: World) -> None:
    read = world.client.get(f"{API}/security/password-policy", headers=world.h("A", R))
    assert read.status_code == 200 and read.headers["etag"] == '"1"'
    assert read.json() == {
        "min_length": 12,
        "min_classes": 3,
        "max_age_days": 90,
        "lockout_threshold": 3,
        "lockout_minutes": 15,
        "version": 1,
    }
    url, body = f"{API}/security/password-policy", {"min_length": 16, "max_age_days": 30}
    assert (
        world.client.patch(
            url, json=body, headers=world.h("P", PA, **{"If-Match": '"1"'})
        ).status_code
        == 403
    )
    assert world.client.patch(url, json=body, headers=world.h("P", SE)).status_code == 428
    assert (
        world.client.patch(
            url, json={"min_length": 4}, headers=world.h("P", SE, **{"If-Match": '"1"'})
        ).status_code
        == 422
    )
    policy_version = world.client.get(f"{API}/policy", headers=world.h("P", PA)).json()["version"]
    done = world.client.patch(url, json=body, headers=world.h("P", SE, **{"If-Match": '"1"'}))
    assert done.status_code == 200, done.text
    assert done.json()["min_length"] == 16 and done.json()["version"] == 2
    stale = world.client.patch(url, json=body, headers=world.h("P", SE, **{"If-Match": '"1"'}))
    assert stale.status_code == 412
    # the platform admin's policy ETag is not disturbed by the security admin's edit
    assert (
        world.client.get(f"{API}/policy", headers=world.h("P", PA)).json()["version"]
        == policy_version
    )
    short = _change(world, world.h("A", R), PASSWORD, "Kurz-Passw0rt!")  # 14 < 16
    assert _codes(short) == ["password_too_short"]
    with world.session() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "password_policy_update"))
        assert event is not None and event.details["changes"] == body
