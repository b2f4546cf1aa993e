"""Discrepancy report endpoints (数据异议, 第二十条: 使用部门对获取的共享信息有疑义或发现有明显
错误的，应及时反馈提供部门予以校核): report, list, show, the evidence file, and the actions of the
core's DISCREPANCY table (correct, explain, accept, dispute, withdraw, uphold, order_correction).
"""

from __future__ import annotations

import hashlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response

from govshare_core.schemas import Page
from govshare_core.usage import DISCREPANCY, DISCREPANCY_REPORT_ROLES, DiscrepancyStatus
from govshare_core.usage_schemas import DiscrepancyActionIn, DiscrepancyIn, DiscrepancyOut
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.deps import (
    Ctx,
    IdempotencyKey,
    IfMatch,
    ReadCtx,
    WriteCtx,
    sort_query,
    text_query,
)
from govshare_platform.errors import not_found
from govshare_platform.idempotency import service as idem
from govshare_platform.policy.service import deadlines
from govshare_platform.substring import words
from govshare_platform.usage import access, service, views
from govshare_platform.usage.models import Discrepancy
from govshare_platform.usage.views import DISCREPANCY_SORT, DiscrepancySide
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["usage"])
OBJECT = "discrepancy"
EvidenceBody = Annotated[bytes, Depends(access.evidence_body)]
ACTIONS = frozenset(t.action for t in DISCREPANCY.transitions)


def _out(ctx: Ctx, report: Discrepancy, response: Response | None = None) -> DiscrepancyOut:
    if response is not None:
        response.headers["ETag"] = etag(report.version)
    return views.discrepancy_out(report, deadlines(ctx.db, clock.today()), ctx.actor)


@router.post("/usage/discrepancies", status_code=201, response_model=DiscrepancyOut)
def create_discrepancy(
    body: DiscrepancyIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """A consumer department's applicant or resource admin reports wrong data of an entry it
    holds or held a grant on (409 `no_grant_relation` otherwise); the provider's deadline is
    policy `discrepancy_response_working_days` from today."""
    ctx.require(*DISCREPANCY_REPORT_ROLES)
    entry = service.entry_of(ctx.db, body.entry_id)

    def produce() -> DiscrepancyOut:
        report = service.create_discrepancy(
            ctx.db,
            data=body,
            entry=entry,
            user_id=ctx.user.id,
            department_id=ctx.department_id,
            today=clock.today(),
        )
        ctx.audit(
            "discrepancy_report",
            object_type=OBJECT,
            object_id=report.id,
            details={
                "entry_id": entry.id,
                "delivery_id": report.delivery_id,
                "data_item": report.data_item,
                "keys": len(report.keys),
                "due": str(report.due),
            },
        )
        return _out(ctx, report)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/usage/discrepancies", response_model=Page)
def list_discrepancies(
    ctx: ReadCtx,
    side: DiscrepancySide = "all",
    status: DiscrepancyStatus | None = None,
    overdue: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
    q: str | None = text_query(
        "words, each found (ignoring case) in the entry's name, either department's name or "
        "the description"
    ),
    sort: str | None = sort_query(DISCREPANCY_SORT),
) -> Page:
    """reported: my department reported (the consumer); received: it provides; all: both (the
    platform admin: every report). Newest first unless `sort`."""
    order = DISCREPANCY_SORT.parse(sort)
    today = clock.today()
    rows, total = views.list_discrepancies(
        ctx.db,
        department_id=ctx.department_id,
        platform_admin=ctx.has(Role.PLATFORM_ADMIN),
        side=side,
        status=status,
        overdue=overdue,
        today=today,
        words=words(q),
        sort=order,
        offset=offset,
        limit=limit,
    )
    clock_ = deadlines(ctx.db, today)
    items = [views.discrepancy_out(r, clock_, ctx.actor) for r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/usage/discrepancies/{report_id}", response_model=DiscrepancyOut)
def get_discrepancy(report_id: int, ctx: ReadCtx, response: Response) -> DiscrepancyOut:
    """One report with its history (ETag: its version): the two departments and the platform
    admin only."""
    return _out(ctx, access.load(ctx, Discrepancy, report_id), response)


@router.post("/usage/discrepancies/{report_id}/evidence", response_model=DiscrepancyOut)
def upload_evidence(
    report_id: int,
    body: EvidenceBody,
    ctx: WriteCtx,
    response: Response,
    filename: str | None = Query(None, max_length=500),
    if_match: IfMatch = None,
) -> DiscrepancyOut:
    """The reporting department attaches (or replaces) its evidence while `reported`: the raw
    body, at most MAX_EVIDENCE_BYTES (413 beyond), stored in the database."""
    report = access.load(ctx, Discrepancy, report_id, acting=True)
    check_if_match(if_match, report.version, required=False)
    # who may report may attach: the consumer department's applicant or resource admin
    access.authorize(
        ctx, service.discrepancy_parties(report), DISCREPANCY.transition("withdraw"), report.id
    )
    name = access.clean_filename(filename)
    digest = hashlib.sha256(body).hexdigest()
    service.attach_evidence(report, filename=name, data=body, sha256=digest)
    ctx.audit(
        "discrepancy_evidence",
        object_type=OBJECT,
        object_id=report.id,
        details={"filename": name, "bytes": len(body), "sha256": digest},
    )
    ctx.db.commit()
    return _out(ctx, report, response)


@router.get("/usage/discrepancies/{report_id}/evidence", response_class=Response)
def download_evidence(report_id: int, ctx: ReadCtx) -> Response:
    """The evidence file, as stored (both departments and the platform admin)."""
    report = access.load(ctx, Discrepancy, report_id)
    data = service.evidence_of(report)
    name = report.evidence_filename or "evidence"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "X-Content-SHA256": report.evidence_sha256 or "",
        },
    )


@router.post("/usage/discrepancies/{report_id}/actions/{action}", response_model=DiscrepancyOut)
def act_on_discrepancy(
    report_id: int,
    action: str,
    ctx: WriteCtx,
    response: Response,
    body: DiscrepancyActionIn | None = None,
    if_match: IfMatch = None,
) -> DiscrepancyOut:
    """Take a step of DISCREPANCY: correct (`delivery_id`), explain / dispute / uphold /
    order_correction (`reason`), accept, withdraw."""
    body = body or DiscrepancyActionIn()
    if action not in ACTIONS:
        raise not_found("discrepancy action")
    report = access.load(ctx, Discrepancy, report_id, acting=True)
    check_if_match(if_match, report.version, required=False)
    transition = DISCREPANCY.find(action, report.status)
    access.authorize(ctx, service.discrepancy_parties(report), transition, report.id)
    service.move_discrepancy(
        ctx.db,
        report=report,
        transition=transition,
        user_id=ctx.user.id,
        department_id=ctx.department_id,
        reason=body.reason,
        delivery_id=body.delivery_id,
        today=clock.today(),
    )
    ctx.audit(
        f"discrepancy_{action}",
        object_type=OBJECT,
        object_id=report.id,
        details={
            "status": report.status,
            "reason": body.reason,
            "delivery_id": report.correction_delivery_id,
            "due": str(report.due) if report.status == DiscrepancyStatus.REPORTED else None,
        },
    )
    ctx.db.commit()
    return _out(ctx, report, response)
