"""User accounts: create, change, unlock, reset; keyword-only functions taking the session.

The API (users_api.py) and the server's command line (cli_users.py) both come here; who may
call what is govshare_core.separation's question (三员分立), asked by the callers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from govshare_core.passwords import fold_username
from govshare_core.schemas import UserIn, UserUpdate
from govshare_core.separation import role_problems
from govshare_core.vocab import Role
from govshare_platform.auth.passwords import hash_password
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User, UserRole
from govshare_platform.departments.service import get_department
from govshare_platform.errors import conflict, invalid, not_found
from govshare_platform.security.service import check_new_password, end_sessions, set_password
from govshare_platform.substring import contains, every_word, words


def check_roles(roles: list[Role] | set[Role]) -> None:
    """422 unless one user may hold `roles` (三员分立: govshare_core.separation.role_problems)."""
    problems = role_problems(roles)
    if problems:
        raise invalid(problems)


def by_username(session: Session, username: str) -> User | None:
    """The account named `username` whatever its case (`DSJ_ADMIN` is `dsj_admin`)."""
    folded = fold_username(username)
    return session.scalar(select(User).where(func.lower(User.username) == folded))


def get_user(session: Session, user_id: int, *, lock: bool = False) -> User:
    query = select(User).where(User.id == user_id)
    if lock:  # writes queue on the row; re-read what an earlier transaction committed
        query = query.with_for_update(of=User).execution_options(populate_existing=True)
    user = session.scalar(query)
    if user is None:
        raise not_found("user")
    return user


def password_fingerprint(password: str, *, salt: str) -> str:
    """A slow, salted digest of a password for the Idempotency-Key fingerprint: a replay with
    another password is then "key reused with a different body" (422), never a silent keep of
    the first; the stored fingerprint does not reveal the password."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 60_000)
    return digest.hex()


def create_user(session: Session, *, data: UserIn, must_change_password: bool = False) -> User:
    """A new account. Through the API the password is a temporary one (`must_change_password`);
    the command line may create an account whose password its owner typed."""
    check_roles(data.roles)
    get_department(session, department_id=data.department_id)
    if by_username(session, data.username) is not None:
        raise conflict("duplicate_username", "this username is taken (whatever its case)")
    check_new_password(session, data.password, data.username)
    user = User(
        username=data.username,
        full_name=data.full_name,
        password_hash=hash_password(data.password),
        department_id=data.department_id,
        role_rows=[UserRole(role=r.value) for r in set(data.roles)],
        must_change_password=must_change_password,
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def set_roles(session: Session, *, user: User, roles: list[Role] | set[Role]) -> bool:
    """Replace the user's roles; True when they changed. A change bumps the user's `version`
    (finding 8: a stale If-Match must not win over a role change)."""
    check_roles(roles)
    wanted = {r.value for r in roles}
    if wanted == {r.role for r in user.role_rows}:
        return False
    user.role_rows = [UserRole(role=r) for r in sorted(wanted)]
    flag_modified(user, "full_name")  # the user row is updated too: its version moves
    return True


def set_active(session: Session, *, user: User, active: bool) -> None:
    """Enable or disable; disabling ends the user's sessions at once."""
    user.active = active
    if not active:
        end_sessions(session, user.id)


def update_user(session: Session, *, user: User, data: UserUpdate) -> dict[str, Any]:
    """Apply a PATCH; returns what changed (for the audit event)."""
    changed: dict[str, Any] = {}
    if data.roles is not None and set_roles(session, user=user, roles=data.roles):
        changed["roles"] = [r.value for r in user.roles]
    if data.full_name is not None and data.full_name != user.full_name:
        user.full_name = changed["full_name"] = data.full_name
    if data.active is not None and data.active != user.active:
        set_active(session, user=user, active=data.active)
        changed["active"] = data.active
    session.flush()
    return changed


def unlock(session: Session, *, user: User) -> None:
    """Clear a lockout (failed sign-ins and the lock time)."""
    user.failed_logins, user.locked_until = 0, None
    session.flush()


def reset_password(session: Session, *, user: User, password: str, must_change: bool = True) -> int:
    """Set a new password (checked against the policy), clear the lockout and end the user's
    sessions; the user must change it at the next sign-in unless `must_change` is False (the
    command line, for an operator resetting their own account). Returns the sessions ended."""
    check_new_password(session, password, user.username, field="new_password")
    set_password(session, user, hash_password(password), must_change=must_change)
    ended = end_sessions(session, user.id)
    session.flush()
    return ended


def list_query(
    *,
    department_id: int | None = None,
    role: Role | None = None,
    q: str | None = None,
    active: bool | None = None,
) -> Select[Any]:
    """GET /users: the filters of the security admin's desk (all optional)."""
    query = select(User)
    if department_id is not None:
        query = query.where(User.department_id == department_id)
    if role is not None:
        held = select(UserRole.user_id).where(UserRole.role == role.value)
        query = query.where(User.id.in_(held))
    if active is not None:
        query = query.where(User.active.is_(active))
    found = words(q)
    if found:
        query = query.where(
            *every_word(found, lambda w: [contains(User.username, w), contains(User.full_name, w)])
        )
    return query
