"""Auth endpoints: login, logout, me."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from govshare_core.schemas import DepartmentOut, LoginIn, MeOut, TokenOut, UserOut
from govshare_platform.audit.service import begin_write
from govshare_platform.auth import service
from govshare_platform.deps import (
    ReadCtx,
    WriteCtx,
    client_address,
    get_factory,
    get_settings,
    read_session,
)

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=TokenOut)
def login(
    body: LoginIn, request: Request, session: Annotated[Session, Depends(read_session)]
) -> TokenOut:
    settings = get_settings(request)
    begin_write(session)
    raw, token = service.login(
        session,
        get_factory(request),
        settings,
        username=body.username,
        password=body.password,
        client=client_address(request),
    )
    return TokenOut(
        access_token=raw,
        expires_at=token.expires_at,
        idle_timeout_seconds=settings.idle_timeout_minutes * 60,
    )


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
    )
