"""GET /exchange/schedule: the department's published entries with their next due delivery
(更新周期, 第二十三条); the platform admin sees every department's."""

from __future__ import annotations

from fastapi import APIRouter, Query

from govshare_core.exchange import DELIVERY_ROLES
from govshare_core.schemas import Page
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.deps import ReadCtx, sort_query, text_query
from govshare_platform.exchange.schedule import SCHEDULE_SORT, schedule, sort_rows
from govshare_platform.policy.service import deadlines
from govshare_platform.substring import words

router = APIRouter(tags=["exchange"])


@router.get("/exchange/schedule", response_model=Page)
def delivery_schedule(
    ctx: ReadCtx,
    overdue: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
    q: str | None = text_query("words, each found (ignoring case) in the entry's name or code"),
    sort: str | None = sort_query(SCHEDULE_SORT),
) -> Page:
    """Soonest due first unless `sort` names a key; `overdue=true` keeps the late ones."""
    order = SCHEDULE_SORT.parse(sort)
    admin = ctx.has(Role.PLATFORM_ADMIN)
    if not admin:
        ctx.require(*DELIVERY_ROLES)
    clock_ = deadlines(ctx.db, clock.today())
    rows = schedule(
        ctx.db, department_id=None if admin else ctx.department_id, clock=clock_, words=words(q)
    )
    if overdue is not None:
        rows = [r for r in rows if r.overdue == overdue]
    rows = sort_rows(rows, order)
    return Page(items=rows[offset : offset + limit], total=len(rows), offset=offset, limit=limit)
