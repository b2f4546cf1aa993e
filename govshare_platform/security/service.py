"""The password policy and the checks every new password goes through (第三十三条).

`check_new_password` is the one gate for a new password: own change, reset by the security
admin, user creation (API and CLI). The rules are govshare_core.passwords; the limits are the
policy kept in the database (`policy` row 1; defaults until the security admin edits them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from govshare_core.passwords import PasswordPolicy, password_problems
from govshare_platform.auth.models import AuthToken
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem, invalid
from govshare_platform.policy.models import Policy


def password_policy(session: Session) -> PasswordPolicy:
    """The policy in force (the defaults while no policy row exists). Reads only."""
    row = session.execute(
        select(
            Policy.password_min_length,
            Policy.password_min_classes,
            Policy.password_max_age_days,
        ).where(Policy.id == 1)
    ).first()
    if row is None:
        return PasswordPolicy()
    return PasswordPolicy(min_length=row[0], min_classes=row[1], max_age_days=row[2])


def policy_version(session: Session) -> int:
    """The password policy's own version (If-Match of PATCH /security/password-policy); it is
    not the policy row's `version`, so the platform admin's policy edits do not clash."""
    value = session.scalar(select(Policy.password_policy_version).where(Policy.id == 1))
    return int(value) if value is not None else 1


def check_new_password(
    session: Session, password: str, username: str | None, *, field: str = "password"
) -> None:
    """422 `validation_failed` naming `field` unless `password` meets the policy in force."""
    problems = password_problems(
        password, username=username, policy=password_policy(session), field=field
    )
    if problems:
        raise invalid(problems, "the new password does not meet the password policy")


def password_expired(user: User, policy: PasswordPolicy, now: datetime | None = None) -> bool:
    """The password is older than the policy's `max_age_days` (0: never expires).

    `password_changed_at` NULL (accounts from before issue 11) counts as "just changed": an
    upgrade does not force every existing account to change its password at once."""
    if policy.max_age_days <= 0 or user.password_changed_at is None:
        return False
    return user.password_changed_at + timedelta(days=policy.max_age_days) <= (now or utcnow())


def must_change(session: Session, user: User) -> bool:
    """The user must choose a new password before doing anything else."""
    return user.must_change_password or password_expired(user, password_policy(session))


def set_password(
    session: Session, user: User, password_hash: str, *, must_change: bool = False
) -> None:
    """Store a new password hash (ORM: the row's `version` is bumped, as for any admin edit)."""
    user.password_hash = password_hash
    user.password_changed_at = utcnow()
    user.must_change_password = must_change
    user.failed_logins = 0
    user.locked_until = None


def end_sessions(session: Session, user_id: int, *, keep_token_id: int | None = None) -> int:
    """Revoke every live token of the user (but `keep_token_id`); how many were ended.

    Called on a password change or reset, a lockout and when an account is disabled."""
    stmt = update(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked.is_(False))
    if keep_token_id is not None:
        stmt = stmt.where(AuthToken.id != keep_token_id)
    result = session.execute(stmt.values(revoked=True).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def password_change_required() -> Problem:
    return Problem(
        403,
        "password_change_required",
        "the password must be changed first (POST /api/v1/auth/password)",
    )
