"""Schemas of the security endpoints (issue 11: 三员分立, 第二十六条, 第三十二条, 第三十三条).

Endpoints (all under /api/v1; problem+json errors; writes take If-Match where they change a
versioned row, and Idempotency-Key where they create one):

Sign-in and own password (any signed-in user):
- POST /auth/login                  LoginIn -> TokenOut (with `must_change_password`). A wrong
                                    password and an unknown user answer the same 401 body in the
                                    same time; too many attempts from one address answer 429.
- POST /auth/password               PasswordChangeIn -> 204. Ends every other session of the
                                    user; clears `must_change_password`.
  While `must_change_password` is set (after a reset, or when the password is older than the
  policy's `max_age_days`) every endpoint except GET /me, POST /auth/password, POST
  /auth/logout and GET /security/password-policy answers 403 `password_change_required`.

Password policy:
- GET   /security/password-policy   -> PasswordPolicyOut (any signed-in user: the client checks
                                       a new password with govshare_core.passwords before sending)
- PATCH /security/password-policy   PasswordPolicyIn -> PasswordPolicyOut (security_admin;
                                       If-Match: the policy's `version`)

Users (security_admin only; never its own roles, never a security_admin or audit_admin account
— those are created and changed only with the server's CLI, see docs/security.md):
- GET   /users?department_id&role&q&active&offset&limit   -> Page of UserAdminOut
- POST  /users                      UserIn -> UserAdminOut (created with must_change_password)
- PATCH /users/{id}                 UserUpdate -> UserAdminOut (If-Match; roles, name, active;
                                    a role change bumps `version`; disabling ends the sessions)
- POST  /users/{id}/unlock          -> UserAdminOut (If-Match)
- POST  /users/{id}/reset-password  PasswordResetIn -> UserAdminOut (If-Match; sets
                                    must_change_password, ends the user's sessions)

Departments and 备案 filings (security_admin writes; everyone signed in reads departments):
- PATCH /departments/{id}           DepartmentUpdate -> DepartmentOut (If-Match)
- POST  /departments/{id}/resource-admins/{filing_id}/withdraw  -> ResourceAdminFilingOut

Audit (audit_admin only; see govshare_core.audit_schemas).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from govshare_core.passwords import PASSWORD_MAX_LENGTH
from govshare_core.schemas import OutSchema, Schema
from govshare_core.vocab import Role


class _Secret(Schema):
    """Passwords are taken exactly as typed: never stripped (a stripped space would silently
    change the password the user believes they set)."""

    model_config = ConfigDict(from_attributes=True, extra="forbid", str_strip_whitespace=False)


class PasswordChangeIn(_Secret):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class PasswordResetIn(_Secret):
    """A temporary password the security admin hands over; the user must change it."""

    new_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class PasswordPolicyOut(OutSchema):
    min_length: int
    min_classes: int
    max_age_days: int = Field(description="0: passwords never expire")
    lockout_threshold: int = Field(description="failed sign-ins before a lockout (setting)")
    lockout_minutes: int
    version: int


class PasswordPolicyIn(Schema):
    min_length: int | None = Field(default=None, ge=8, le=64)
    min_classes: int | None = Field(default=None, ge=1, le=4)
    max_age_days: int | None = Field(default=None, ge=0, le=3650)


class DepartmentUpdate(Schema):
    name: str | None = Field(default=None, min_length=2, max_length=100)
    short_name: str | None = Field(default=None, max_length=30)


class UserAdminOut(OutSchema):
    """A user as the security admin's desk shows it (GET/POST/PATCH /users answer this)."""

    id: int
    username: str
    full_name: str
    department_id: int
    roles: list[Role]
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    password_changed_at: datetime | None
    created_at: datetime
    version: int
