"""Grant endpoints: list, revoke, expire (第二十九条 column-level grants, 第三十条)."""

from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy import select

from govshare_core.schemas import GrantOut, Page, ReasonIn
from govshare_core.vocab import GrantStatus, Role
from govshare_core.workflow import SHARE_REQUEST
from govshare_platform import clock
from govshare_platform.deps import Ctx, ReadCtx, WriteCtx
from govshare_platform.errors import conflict, not_found
from govshare_platform.grants import service
from govshare_platform.grants.models import Grant
from govshare_platform.grants.service import GrantSide
from govshare_platform.requests import access

router = APIRouter(tags=["grants"])


@router.get("/grants", response_model=Page)
def list_grants(
    ctx: ReadCtx,
    side: GrantSide = "all",
    status: GrantStatus | None = None,
    expiring_within: int | None = Query(None, ge=0, le=3660, description="days"),
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
) -> Page:
    """Grants the department gives or receives (the platform admin: all); soonest end first."""
    today = clock.today()
    rows, total = service.list_grants(
        ctx.db,
        department_id=ctx.department_id,
        platform_admin=ctx.has(Role.PLATFORM_ADMIN),
        side=side,
        status=status,
        expiring_within=expiring_within,
        today=today,
        offset=offset,
        limit=limit,
    )
    return Page(
        items=[service.to_out(g, today) for g in rows], total=total, offset=offset, limit=limit
    )


@router.post("/grants/expire")
def expire_grants(ctx: WriteCtx) -> dict[str, int]:
    """Sweep grants past their 截止时间; platform admin."""
    ctx.require(Role.PLATFORM_ADMIN)
    count = service.expire_grants(ctx.db, today=clock.today())
    ctx.audit("grants_expire_run", object_type="grant", details={"expired": count})
    ctx.db.commit()
    return {"expired": count}


def _load(ctx: Ctx, grant_id: int, *, acting: bool = False) -> Grant:
    grant = ctx.db.scalar(select(Grant).where(Grant.id == grant_id))
    if grant is None:
        raise not_found("grant")
    parties = {grant.provider_department_id, grant.consumer_department_id}
    if ctx.department_id not in parties and not ctx.has(Role.PLATFORM_ADMIN):
        if acting:
            ctx.deny("not a party to this grant", grant_id=grant_id)
        raise not_found("grant")
    return grant


@router.get("/grants/{grant_id}", response_model=GrantOut)
def get_grant(grant_id: int, ctx: ReadCtx) -> GrantOut:
    return service.to_out(_load(ctx, grant_id), clock.today())


@router.post("/grants/{grant_id}/revoke", response_model=GrantOut)
def revoke_grant(grant_id: int, body: ReasonIn, ctx: WriteCtx) -> GrantOut:
    """Revoke one item's grant (provider's resource admin or platform admin); the request is
    revoked once none of its grants remain active."""
    today = clock.today()
    grant = _load(ctx, grant_id, acting=True)
    request = access.load(ctx, grant.request_id, acting=True)
    access.authorize(ctx, request, SHARE_REQUEST.find("revoke", request.status))
    if service.effective_status(grant, today) is not GrantStatus.ACTIVE:
        raise conflict("grant_not_active", "only an active grant can be revoked")
    ended = service.revoke(
        ctx.db, grant=grant, request=request, actor_id=ctx.user.id, reason=body.reason, today=today
    )
    details = {"request_id": request.id, "data_item": grant.data_item, "reason": body.reason}
    ctx.audit("grant_revoke", object_type="grant", object_id=grant.id, details=details)
    if ended:
        ctx.audit(
            "request_revoke",
            object_type="share_request",
            object_id=request.id,
            details={"status": request.status, "reason": body.reason},
        )
    ctx.db.commit()
    return service.to_out(grant, today)
