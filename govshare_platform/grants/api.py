"""Grant endpoints: list and read (第二十九条 column-level grants, 第三十条).

Revocation and the expiry sweep also move the share request, so they are routes of
`govshare_platform.requests` (`requests/grants_api.py`): grants never import requests.
"""

from __future__ import annotations

from fastapi import APIRouter, Query

from govshare_core.schemas import GrantOut, Page
from govshare_core.vocab import GrantStatus, Role
from govshare_platform import clock
from govshare_platform.deps import ReadCtx, sort_query, text_query
from govshare_platform.grants import access, service
from govshare_platform.grants.service import GRANT_SORT, GrantSide
from govshare_platform.policy.service import deadlines
from govshare_platform.substring import words

router = APIRouter(tags=["grants"])


@router.get("/grants", response_model=Page)
def list_grants(
    ctx: ReadCtx,
    side: GrantSide = "all",
    status: GrantStatus | None = None,
    expiring_within: int | None = Query(None, ge=0, le=3660, description="days"),
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
    q: str | None = text_query(
        "words (whitespace-separated), each found, ignoring case, in the entry's name or "
        "resource code, the consumer's or provider's department name, or the data item"
    ),
    sort: str | None = sort_query(GRANT_SORT),
) -> Page:
    """Grants the department gives or receives (the platform admin: all); soonest end first
    unless `sort` names a key."""
    order = GRANT_SORT.parse(sort)
    clock_ = deadlines(ctx.db, clock.today())
    rows, total = service.list_grants(
        ctx.db,
        department_id=ctx.department_id,
        platform_admin=ctx.has(Role.PLATFORM_ADMIN),
        side=side,
        status=status,
        expiring_within=expiring_within,
        today=clock_.today,
        offset=offset,
        limit=limit,
        words=words(q),
        sort=order,
    )
    items = [service.to_out(g, clock_) for g in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/grants/{grant_id}", response_model=GrantOut)
def get_grant(grant_id: int, ctx: ReadCtx) -> GrantOut:
    return service.to_out(access.load(ctx, grant_id), deadlines(ctx.db, clock.today()))
