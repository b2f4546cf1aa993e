"""Login with lockout, token issue, token checks (第三十三条 身份认证机制).

No HTTP here: `deps` reads the bearer token from the request and calls `authenticate`.

A sign-in runs in two steps. The password is verified first, with no write transaction open
(on SQLite the Argon2 hash would otherwise hold the single writer lock for its whole run);
then one short write transaction locks the user's row (SELECT ... FOR UPDATE; BEGIN IMMEDIATE
on SQLite), re-checks what the verification assumed, and either issues the token or counts the
failure. Failures are counted with Core UPDATEs that leave the row's `version` alone, so
guessing never makes an administrator's If-Match stale; every failure writes `login_failed`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, joinedload, sessionmaker

from govshare_core.passwords import PasswordPolicy
from govshare_platform.audit import service as audit
from govshare_platform.auth.models import AuthToken
from govshare_platform.auth.passwords import hasher, verify_password
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem
from govshare_platform.policy.models import Policy
from govshare_platform.settings import Settings

LAST_SEEN_RESOLUTION = timedelta(seconds=30)
"""A token's last-seen time is refreshed at most this often (it costs a write): a read does it
in a short transaction of its own, a write in its own transaction."""


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256 (the raw token is only ever with the client)."""
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(code: str, detail: str) -> Problem:
    return Problem(401, code, detail, headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Authenticated:
    """A checked token, its user (department and roles loaded) and the password age limit in
    force (the policy's `max_age_days`, for the forced-change gate of 第三十三条)."""

    token: AuthToken
    user: User
    password_policy: PasswordPolicy


def authenticate(
    session: Session,
    factory: sessionmaker[Session],
    *,
    raw_token: str,
    idle_timeout_minutes: int,
    write: bool,
) -> Authenticated:
    """Check a token: known, not revoked, not expired, not idle; and its user active (401).

    One statement reads the token, its user with department and roles, and the password policy's
    age limit. The last-seen time is refreshed at most every LAST_SEEN_RESOLUTION: by a write in
    its own transaction, by a read in a short one of its own."""
    found = (
        session.execute(_token_statement(), {"token_hash": token_digest(raw_token)})
        .unique()
        .first()
    )
    now = utcnow()
    if found is None or found[0].revoked:
        raise unauthorized("invalid_token", "the token is unknown or was revoked")
    token, user, max_age_days = found
    if token.expires_at <= now:
        raise unauthorized("token_expired", "the session has expired; log in again")
    if token.last_seen_at + timedelta(minutes=idle_timeout_minutes) <= now:
        raise unauthorized("session_idle", "the session ended after inactivity; log in again")
    if not user.active:
        raise unauthorized("account_disabled", "the account is disabled")
    if now - token.last_seen_at > LAST_SEEN_RESOLUTION:
        if write:
            token.last_seen_at = now  # committed with the request's own transaction
        else:
            _touch(factory, token.id)
    policy = PasswordPolicy() if max_age_days is None else PasswordPolicy(max_age_days=max_age_days)
    return Authenticated(token, user, policy)


@lru_cache(maxsize=1)
def _token_statement() -> Select[AuthToken, User, int]:
    """authenticate's statement, built once: every request runs it, and a statement built anew
    costs its construction and its cache key each time (about a tenth of a `GET /me`'s CPU);
    the token's hash is bound at execution."""
    return (
        select(AuthToken, User, Policy.password_max_age_days)
        .join(User, User.id == AuthToken.user_id)
        .outerjoin(Policy, Policy.id == 1)
        .where(AuthToken.token_hash == bindparam("token_hash"))
        .options(joinedload(User.department), joinedload(User.role_rows))
    )


def _touch(factory: sessionmaker[Session], token_id: int) -> None:
    with factory() as s:
        audit.begin_write(s)
        s.execute(update(AuthToken).where(AuthToken.id == token_id).values(last_seen_at=utcnow()))
        s.commit()


@lru_cache(maxsize=4)
def decoy_hash(ph: PasswordHasher) -> str:
    """A hash made with the real hasher's parameters: an unknown user costs the same time as a
    known one (no enumeration by timing)."""
    return ph.hash(secrets.token_urlsafe(16))


def invalid_credentials() -> Problem:
    """The one answer to a wrong password, an unknown user and a disabled account (no
    `attempts_left`: the body must not tell them apart)."""
    return Problem(401, "invalid_credentials", "wrong username or password")


@dataclass(frozen=True)
class _Row:
    """What the locked user row says inside the write transaction."""

    id: int
    password_hash: str
    active: bool
    failed_logins: int
    locked_until: datetime | None


def _lock_row(session: Session, user_id: int) -> _Row | None:
    row = session.execute(
        select(User.id, User.password_hash, User.active, User.failed_logins, User.locked_until)
        .where(User.id == user_id)
        .with_for_update()
    ).first()
    return None if row is None else _Row(*row)


def _revoke_all(session: Session, user_id: int) -> None:
    session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked.is_(False))
        .values(revoked=True)
        .execution_options(synchronize_session=False)
    )


def count_failure(session: Session, user_id: int, settings: Settings) -> str:
    """Count one failed password for the user, whose row the caller holds locked; lock the
    account (and end its sessions) at the threshold. Leaves `version` alone. The audit reason."""
    row = _lock_row(session, user_id)
    now = utcnow()
    if row is None:
        return "unknown or disabled account"
    if row.locked_until is not None and row.locked_until > now:
        return "account locked"  # not counted: the lock is not extended by more guessing
    failed = row.failed_logins + 1
    values: dict[str, object] = {"failed_logins": failed}
    reason = "wrong password"
    if failed >= settings.lockout_threshold:
        values = {
            "failed_logins": 0,
            "locked_until": now + timedelta(minutes=settings.lockout_minutes),
        }
        reason = "wrong password; account locked"
        _revoke_all(session, user_id)  # a lockout ends the account's sessions (issue 11)
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return reason


def _fail(
    session: Session,
    settings: Settings,
    *,
    user_id: int | None,
    username: str,
    client: str | None,
    reason: str | None = None,
) -> None:
    """Record one failed sign-in (and count it against the account) in its own transaction."""
    session.rollback()
    audit.begin_write(session)
    if user_id is not None and reason is None:
        reason = count_failure(session, user_id, settings)
    audit.append(
        session,
        action="login_failed",
        actor_id=user_id,
        actor_name=username[:64],
        outcome="denied",
        client_address=client,
        details={"reason": reason or "unknown or disabled account"},
    )
    session.commit()


def login(
    session: Session,
    settings: Settings,
    *,
    username: str,
    password: str,
    client: str | None,
) -> tuple[str, AuthToken, User]:
    """Check the password; count failures and lock the account after too many.

    A wrong password, an unknown user and a disabled account all answer the same 401; a
    locked account answers 423 only to the right password (a guess learns nothing)."""
    ph = hasher(settings.argon2_time_cost, settings.argon2_memory_kib)
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        verify_password(user.password_hash if user else decoy_hash(ph), password, ph)
        _fail(session, settings, user_id=None, username=username, client=client)
        raise invalid_credentials()
    user_id, stored = user.id, user.password_hash
    session.rollback()  # no transaction open while the hash runs
    right = verify_password(stored, password, ph)
    if not right:
        _fail(session, settings, user_id=user_id, username=username, client=client)
        raise invalid_credentials()
    # older Argon2 parameters: the new hash is made here too, before the write transaction
    rehashed = ph.hash(password) if ph.check_needs_rehash(stored) else None

    audit.begin_write(session)
    row = _lock_row(session, user_id)
    now = utcnow()
    if row is None or not row.active or row.password_hash != stored:
        # disabled, or the password changed while this one was being checked
        _fail(session, settings, user_id=None, username=username, client=client)
        raise invalid_credentials()
    if row.locked_until is not None and row.locked_until > now:
        reason = "account locked"
        _fail(session, settings, user_id=user_id, username=username, client=client, reason=reason)
        raise locked(row.locked_until.isoformat())
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if rehashed is not None:
        values["password_hash"] = rehashed
    if row.failed_logins or row.locked_until is not None or "password_hash" in values:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    raw = secrets.token_urlsafe(32)
    token = AuthToken(
        token_hash=token_digest(raw),
        user_id=user_id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(minutes=settings.token_ttl_minutes),
    )
    session.add(token)
    session.flush()
    user = session.get(User, user_id, populate_existing=True)
    assert user is not None
    audit.append(
        session,
        action="login",
        actor_id=user.id,
        actor_name=user.username,
        department_id=user.department_id,
        client_address=client,
    )
    session.commit()
    return raw, token, user


def locked(until: str) -> Problem:
    return Problem(
        423,
        "account_locked",
        "too many failed logins; the account is locked for a while",
        extra={"locked_until": until},
    )
