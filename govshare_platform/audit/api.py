"""Audit trail read API: audit_admin only (三员分立, 第三十三条)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from govshare_core.schemas import AuditEventOut, Page
from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.audit.service import verify_chain
from govshare_platform.deps import ReadCtx

router = APIRouter(tags=["audit"])


@router.get("/audit/events", response_model=Page)
def list_events(
    ctx: ReadCtx,
    action: str | None = None,
    actor_id: int | None = None,
    department_id: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=1000),
) -> Page:
    ctx.require(Role.AUDIT_ADMIN)
    query = select(AuditEvent)
    filters = {
        AuditEvent.action: action,
        AuditEvent.actor_id: actor_id,
        AuditEvent.department_id: department_id,
        AuditEvent.object_type: object_type,
        AuditEvent.object_id: object_id,
    }
    for column, value in filters.items():
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = ctx.db.scalars(query.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit))
    return Page(
        items=[AuditEventOut.model_validate(e) for e in rows],
        total=total,
        offset=offset,
        limit=limit,
    )


@router.get("/audit/verify")
def verify(ctx: ReadCtx) -> dict[str, object]:
    ctx.require(Role.AUDIT_ADMIN)
    result = verify_chain(ctx.db)
    return {
        "ok": result.ok,
        "checked": result.checked,
        "first_broken_seq": result.first_broken_seq,
        "reason": result.reason,
    }
