"""Key-element change reports (第十七条): reported by the registrar, applied by the platform."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from govshare_core.schemas import ChangeReportIn, ChangeReportOut, Page, ReasonIn
from govshare_core.vocab import ChangeReportStatus, Role
from govshare_platform.catalog import service
from govshare_platform.catalog.access import require_owner_registrar, sees_all, visible_entry
from govshare_platform.catalog.models import ChangeReport
from govshare_platform.deps import IdempotencyKey, IfMatch, ReadCtx, WriteCtx, sort_query
from govshare_platform.errors import not_found
from govshare_platform.idempotency import service as idem
from govshare_platform.versioning import check_if_match

router = APIRouter()

OBJECT = "change_report"


@router.post("/entries/{entry_id}/change-reports", status_code=201, response_model=ChangeReportOut)
def create_change_report(
    entry_id: int,
    body: ChangeReportIn,
    request: Request,
    ctx: WriteCtx,
    key: IdempotencyKey = None,
) -> object:
    """The owning registrar reports a key-element change; late after the policy's days."""
    entry = visible_entry(ctx, entry_id)
    require_owner_registrar(ctx, entry)

    def produce() -> ChangeReportOut:
        report = service.create_change_report(ctx.db, entry=entry, data=body, user_id=ctx.user.id)
        ctx.audit(
            "change_report_create",
            object_type=OBJECT,
            object_id=report.id,
            details={"entry_id": entry.id, "fields": sorted(body.changes), "late": report.late},
        )
        return service.report_outs(ctx.db, [report])[0]

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/change-reports", response_model=Page)
def list_change_reports(
    ctx: ReadCtx,
    status: ChangeReportStatus | None = None,
    department_id: int | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    sort: str | None = sort_query(service.CHANGE_REPORT_SORT),
) -> Page:
    """Platform admin and supervisor: all reports; department users: their department's. Newest
    first unless `sort` names a key."""
    order = service.CHANGE_REPORT_SORT.parse(sort)
    query = select(ChangeReport)
    if not sees_all(ctx):
        query = query.where(ChangeReport.department_id == ctx.department_id)
    if status is not None:
        query = query.where(ChangeReport.status == status)
    if department_id is not None:
        query = query.where(ChangeReport.department_id == department_id)
    total = ctx.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    if order is None:
        query = query.order_by(ChangeReport.id.desc())
    else:
        query = service.CHANGE_REPORT_SORT.apply(query, order)
    rows = ctx.db.scalars(query.offset(offset).limit(limit))
    items = service.report_outs(ctx.db, list(rows))
    return Page(items=items, total=total, offset=offset, limit=limit)


def _report(ctx: WriteCtx, report_id: int, if_match: str | None) -> ChangeReport:
    report = ctx.db.get(ChangeReport, report_id)
    if report is None or not (sees_all(ctx) or report.department_id == ctx.department_id):
        raise not_found("change report")
    ctx.require(Role.PLATFORM_ADMIN)
    check_if_match(if_match, report.version, required=False)
    return report


@router.post("/change-reports/{report_id}/apply", response_model=ChangeReportOut)
def apply_change_report(report_id: int, ctx: WriteCtx, if_match: IfMatch = None) -> ChangeReportOut:
    """Apply the reported change to the share catalog (new version, snapshot)."""
    report = _report(ctx, report_id, if_match)
    entry = service.apply_change_report(ctx.db, report=report, actor_id=ctx.user.id)
    ctx.audit(
        "change_report_apply",
        object_type=OBJECT,
        object_id=report.id,
        details={"entry_id": entry.id, "entry_version": entry.version},
    )
    ctx.audit(
        "catalog_entry_change_applied",
        object_type="catalog_entry",
        object_id=entry.id,
        details={"change_report_id": report.id, "fields": sorted(report.changes)},
    )
    ctx.db.commit()
    return service.report_outs(ctx.db, [report])[0]


@router.post("/change-reports/{report_id}/reject", response_model=ChangeReportOut)
def reject_change_report(
    report_id: int, body: ReasonIn, ctx: WriteCtx, if_match: IfMatch = None
) -> ChangeReportOut:
    report = _report(ctx, report_id, if_match)
    service.reject_change_report(ctx.db, report=report, actor_id=ctx.user.id, reason=body.reason)
    ctx.audit(
        "change_report_reject",
        object_type=OBJECT,
        object_id=report.id,
        details={"entry_id": report.entry_id, "reason": body.reason},
    )
    ctx.db.commit()
    return service.report_outs(ctx.db, [report])[0]
