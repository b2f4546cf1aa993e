"""Login with lockout, token issue, token checks (第三十三条 身份认证机制).

No HTTP here: `deps` reads the bearer token from the request and calls `authenticate`.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from govshare_platform.audit import service as audit
from govshare_platform.auth.models import AuthToken
from govshare_platform.auth.passwords import hasher, verify_password
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem
from govshare_platform.settings import Settings

LAST_SEEN_RESOLUTION = timedelta(seconds=30)
"""A read refreshes a token's last-seen time at most this often (it costs a write)."""


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256 (the raw token is only ever with the client)."""
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(code: str, detail: str) -> Problem:
    return Problem(401, code, detail, headers={"WWW-Authenticate": "Bearer"})


def authenticate(
    session: Session,
    factory: sessionmaker[Session],
    *,
    raw_token: str,
    idle_timeout_minutes: int,
    write: bool,
) -> tuple[AuthToken, User]:
    """Check a token: known, not revoked, not expired, not idle; and its user active (401).

    A write refreshes the last-seen time in its own transaction; a read does so in a short one of
    its own at most every LAST_SEEN_RESOLUTION."""
    token = session.scalar(select(AuthToken).where(AuthToken.token_hash == token_digest(raw_token)))
    now = utcnow()
    if token is None or token.revoked:
        raise unauthorized("invalid_token", "the token is unknown or was revoked")
    if token.expires_at <= now:
        raise unauthorized("token_expired", "the session has expired; log in again")
    if token.last_seen_at + timedelta(minutes=idle_timeout_minutes) <= now:
        raise unauthorized("session_idle", "the session ended after inactivity; log in again")
    if write:
        token.last_seen_at = now  # committed with the request's own transaction
    elif now - token.last_seen_at > LAST_SEEN_RESOLUTION:
        _touch(factory, token.id)
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        raise unauthorized("account_disabled", "the account is disabled")
    return token, user


def _touch(factory: sessionmaker[Session], token_id: int) -> None:
    with factory() as s:
        audit.begin_write(s)
        row = s.get(AuthToken, token_id)
        if row is not None:
            row.last_seen_at = utcnow()
        s.commit()


def _failed(factory: sessionmaker[Session], username: str, client: str | None, why: str) -> None:
    audit.append_standalone(
        factory,
        action="login_failed",
        actor_name=username[:64],
        outcome="denied",
        client_address=client,
        details={"reason": why},
    )


def login(
    session: Session,
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    username: str,
    password: str,
    client: str | None,
) -> tuple[str, AuthToken]:
    """Check the password; count failures and lock the account after too many (423)."""
    now = utcnow()
    user = session.scalar(select(User).where(User.username == username))
    ph = hasher(settings.argon2_time_cost, settings.argon2_memory_kib)
    if user is None or not user.active:
        verify_password("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA", password, ph)
        session.rollback()
        _failed(factory, username, client, "unknown or disabled account")
        raise Problem(401, "invalid_credentials", "wrong username or password")
    if user.locked_until and user.locked_until > now:
        session.rollback()
        _failed(factory, username, client, "account locked")
        raise _locked(user.locked_until.isoformat())
    if not verify_password(user.password_hash, password, ph):
        _count_failure(session, user, settings)
        locked_until = user.locked_until.isoformat() if user.locked_until else None
        session.commit()
        _failed(factory, username, client, "wrong password")
        if locked_until:
            raise _locked(locked_until)
        raise Problem(
            401,
            "invalid_credentials",
            "wrong username or password",
            extra={"attempts_left": settings.lockout_threshold - user.failed_logins},
        )
    if ph.check_needs_rehash(user.password_hash):
        user.password_hash = ph.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    raw = secrets.token_urlsafe(32)
    token = AuthToken(
        token_hash=token_digest(raw),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(minutes=settings.token_ttl_minutes),
    )
    session.add(token)
    session.flush()
    audit.append(
        session,
        action="login",
        actor_id=user.id,
        actor_name=user.username,
        department_id=user.department_id,
        client_address=client,
    )
    session.commit()
    return raw, token


def _count_failure(session: Session, user: User, settings: Settings) -> None:
    user.failed_logins += 1
    if user.failed_logins >= settings.lockout_threshold:
        user.locked_until = utcnow() + timedelta(minutes=settings.lockout_minutes)
        user.failed_logins = 0


def _locked(until: str) -> Problem:
    return Problem(
        423,
        "account_locked",
        "too many failed logins; the account is locked for a while",
        extra={"locked_until": until},
    )
