"""Auth endpoints: login, logout, own password, me (第三十三条 身份认证机制)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.schemas import DepartmentOut, LoginIn, MeOut, TokenOut, UserOut
from govshare_core.security_schemas import PasswordChangeIn
from govshare_core.validation import FieldError
from govshare_platform.audit.service import append_standalone, begin_write
from govshare_platform.auth import service
from govshare_platform.auth.passwords import hasher, verify_password
from govshare_platform.auth.throttle import LoginThrottle
from govshare_platform.departments.models import User
from govshare_platform.departments.service import filed_resource_admin
from govshare_platform.deps import (
    ReadCtx,
    WriteCtx,
    client_address,
    get_factory,
    get_settings,
    read_session,
)
from govshare_platform.errors import Problem, conflict, invalid
from govshare_platform.security import service as security

router = APIRouter(tags=["auth"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _throttle(request: Request) -> LoginThrottle:
    """The app's login throttle (made on first use, from the settings)."""
    state = request.app.state
    throttle: LoginThrottle | None = getattr(state, "login_throttle", None)
    if throttle is None:
        settings = get_settings(request)
        throttle = LoginThrottle(
            settings.login_failures_per_address, settings.login_throttle_minutes * 60
        )
        state.login_throttle = throttle
    return throttle


@router.post(
    "/auth/login",
    response_model=TokenOut,
    responses={401: {}, 423: {}, 429: {"description": "too many failed sign-ins from here"}},
)
def login(
    body: LoginIn,
    request: Request,
    response: Response,
    session: Annotated[Session, Depends(read_session)],
) -> TokenOut:
    settings = get_settings(request)
    client = client_address(request)
    throttle, key = _throttle(request), client or "unknown"
    wait = throttle.reserve(key)
    if wait is not None:
        if throttle.first_refusal(key):
            append_standalone(
                get_factory(request),
                action="login_throttled",
                actor_name=body.username[:64],
                outcome="denied",
                client_address=client,
                details={"retry_after_seconds": wait},
            )
        raise Problem(
            429,
            "too_many_attempts",
            "too many failed sign-ins from this address; try again later",
            headers={"Retry-After": str(wait)},
        )
    raw, token, user = service.login(
        session,
        settings,
        username=body.username,
        password=body.password,
        client=client,
    )
    throttle.release(key)
    response.headers.update(NO_STORE)
    return TokenOut(
        access_token=raw,
        expires_at=token.expires_at,
        idle_timeout_seconds=settings.idle_timeout_minutes * 60,
        must_change_password=security.must_change(session, user),
    )


@router.post("/auth/password", status_code=204, responses={422: {}, 409: {}})
def change_password(body: PasswordChangeIn, ctx: ReadCtx) -> Response:
    """Change one's own password: ends every other session of the user, clears the forced
    change. The hashes run with no write transaction open (SQLite's writer lock)."""
    settings, user = ctx.settings, ctx.user
    user_id, username, stored, token_id = user.id, user.username, user.password_hash, ctx.token.id
    ph = hasher(settings.argon2_time_cost, settings.argon2_memory_kib)
    ctx.db.rollback()
    if not verify_password(stored, body.current_password, ph):
        begin_write(ctx.db)
        reason = service.count_failure(ctx.db, user_id, settings)
        ctx.audit("password_change_failed", outcome="denied", details={"reason": reason})
        ctx.db.commit()
        wrong = FieldError(
            "current_password", "password_wrong", "当前密码不正确", "The current password is wrong"
        )
        raise invalid([wrong], "the current password is wrong")
    if body.new_password == body.current_password:
        same = FieldError(
            "new_password",
            "password_unchanged",
            "新密码不能与当前密码相同",
            "The new password must differ from the current one",
        )
        raise invalid([same], "the new password equals the current one")
    security.check_new_password(ctx.db, body.new_password, username, field="new_password")
    ctx.db.rollback()
    new_hash = ph.hash(body.new_password)

    begin_write(ctx.db)
    # lock the users row only (FOR UPDATE OF: the department is an outer-joined eager load)
    fresh = ctx.db.scalar(
        select(User)
        .where(User.id == user_id)
        .with_for_update(of=User)
        .execution_options(populate_existing=True)
    )
    if fresh is None or fresh.password_hash != stored:
        raise conflict("password_changed", "the password was changed meanwhile; sign in again")
    security.set_password(ctx.db, fresh, new_hash)
    ended = security.end_sessions(ctx.db, user_id, keep_token_id=token_id)
    ctx.audit(
        "password_change",
        object_type="user",
        object_id=user_id,
        details={"sessions_ended": ended},
    )
    ctx.db.commit()
    return Response(status_code=204, headers=NO_STORE)


@router.post("/auth/logout", status_code=204)
def logout(ctx: WriteCtx) -> None:
    ctx.token.revoked = True
    ctx.audit("logout")
    ctx.db.commit()


@router.get("/me", response_model=MeOut)
def me(ctx: ReadCtx) -> MeOut:
    return MeOut(
        user=UserOut.model_validate(ctx.user),
        department=DepartmentOut.model_validate(ctx.user.department),
        roles=ctx.user.roles,
        filed_resource_admin=filed_resource_admin(ctx.db, ctx.user.department_id) == ctx.user.id,
    )
