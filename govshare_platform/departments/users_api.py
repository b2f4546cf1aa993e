"""User accounts for the security admin's desk (三员分立, 第二十六条, 第三十三条).

Only the security admin manages accounts, and never its own account nor one holding a
privileged role (security_admin, audit_admin) — those are created and changed with the
server's command line only (govshare_core.separation, docs/security.md). Refusals are 403 with
the refusal's code, audited as `permission_denied`.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import func, select

from govshare_core.schemas import Page, UserIn, UserUpdate
from govshare_core.security_schemas import PasswordResetIn, UserAdminOut
from govshare_core.separation import SeparationRefusal, user_admin_refusal
from govshare_core.vocab import Role
from govshare_platform.departments import users
from govshare_platform.departments.models import User
from govshare_platform.deps import Ctx, IdempotencyKey, IfMatch, ReadCtx, WriteCtx, text_query
from govshare_platform.errors import Problem
from govshare_platform.idempotency import service as idem
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["users"])


def _out(user: User, response: Response | None = None) -> UserAdminOut:
    if response is not None:
        response.headers["ETag"] = etag(user.version)
    return UserAdminOut.model_validate(user)


def _refuse(ctx: Ctx, why: SeparationRefusal, **details: object) -> Problem:
    """The 403 to raise, its code the refusal's; audited as a permission denial."""
    problem = ctx.deny(why.label_en, refusal=why.value, **details)
    problem.code = why.value
    return problem


def _authorize(
    ctx: Ctx, action: str, target: User | None = None, new_roles: list[Role] | None = None
) -> None:
    """403 unless govshare_core.separation lets the caller take `action` on `target`."""
    ctx.require(Role.SECURITY_ADMIN)
    why = user_admin_refusal(
        ctx.user.id,
        ctx.roles,
        target_id=None if target is None else target.id,
        target_roles=() if target is None else target.roles,
        new_roles=new_roles,
    )
    if why is not None:
        details: dict[str, object] = {"action": action}
        if target is not None:
            details["user_id"] = target.id
        if new_roles is not None:
            details["roles"] = [r.value for r in new_roles]
        raise _refuse(ctx, why, **details)


@router.get("/users", response_model=Page)
def list_users(
    ctx: ReadCtx,
    department_id: int | None = None,
    role: Role | None = None,
    q: str | None = text_query("words of the username or full name"),
    active: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
) -> Page:
    """Accounts (UserAdminOut), oldest first; security admin only."""
    ctx.require(Role.SECURITY_ADMIN)
    query = users.list_query(department_id=department_id, role=role, q=q, active=active)
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = ctx.db.scalars(query.order_by(User.id).offset(offset).limit(limit))
    items = [_out(u) for u in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/users/{user_id}", response_model=UserAdminOut)
def read_user(user_id: int, ctx: ReadCtx, response: Response) -> UserAdminOut:
    """One account (with its ETag, for If-Match); security admin only — every user reads their
    own through GET /me. Read-only, so privileged accounts are shown too (as in the list)."""
    ctx.require(Role.SECURITY_ADMIN)
    return _out(users.get_user(ctx.db, user_id), response)


@router.post("/users", status_code=201, response_model=UserAdminOut)
def create_user(
    body: UserIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """A new account with a temporary password (must be changed at the first sign-in)."""
    _authorize(ctx, "user_create", new_roles=body.roles)

    def produce() -> UserAdminOut:
        user = users.create_user(ctx.db, data=body, must_change_password=True)
        ctx.audit(
            "user_create",
            object_type="user",
            object_id=user.id,
            details={"username": user.username, "roles": [r.value for r in user.roles]},
        )
        return _out(user)

    # the password is part of the request: a replay with another one is refused (finding 11),
    # and only a slow salted digest of it is kept in the fingerprint
    secret = users.password_fingerprint(body.password, salt=f"{ctx.user.id}:{key}") if key else ""
    fingerprint_body = body.model_copy(update={"password": secret})
    return idem.run(
        ctx.db, ctx.user.id, key, path=request.url.path, body=fingerprint_body, produce=produce
    )


@router.patch("/users/{user_id}", response_model=UserAdminOut)
def update_user(
    user_id: int, body: UserUpdate, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> UserAdminOut:
    """Name, roles, active (If-Match required). A role change bumps `version`; disabling ends
    the user's sessions."""
    ctx.require(Role.SECURITY_ADMIN)
    user = users.get_user(ctx.db, user_id, lock=True)
    _authorize(ctx, "user_update", user, body.roles)
    check_if_match(if_match, user.version)
    changed = users.update_user(ctx.db, user=user, data=body)
    if changed:
        ctx.audit("user_update", object_type="user", object_id=user.id, details=changed)
    ctx.db.commit()
    return _out(user, response)


@router.post("/users/{user_id}/unlock", response_model=UserAdminOut)
def unlock_user(
    user_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> UserAdminOut:
    """Clear a lockout (If-Match required)."""
    ctx.require(Role.SECURITY_ADMIN)
    user = users.get_user(ctx.db, user_id, lock=True)
    _authorize(ctx, "user_unlock", user)
    check_if_match(if_match, user.version)
    users.unlock(ctx.db, user=user)
    ctx.audit("user_unlock", object_type="user", object_id=user.id)
    ctx.db.commit()
    return _out(user, response)


@router.post("/users/{user_id}/reset-password", response_model=UserAdminOut)
def reset_password(
    user_id: int,
    body: PasswordResetIn,
    ctx: WriteCtx,
    response: Response,
    if_match: IfMatch = None,
) -> UserAdminOut:
    """A temporary password (policy-checked): the user must change it at the next sign-in;
    the lockout is cleared and every session of the user ends (If-Match required)."""
    ctx.require(Role.SECURITY_ADMIN)
    user = users.get_user(ctx.db, user_id, lock=True)
    _authorize(ctx, "user_password_reset", user)
    check_if_match(if_match, user.version)
    ended = users.reset_password(ctx.db, user=user, password=body.new_password)
    ctx.audit(
        "user_password_reset",
        object_type="user",
        object_id=user.id,
        details={"sessions_ended": ended},
    )
    ctx.db.commit()
    return _out(user, response)
