"""Rectification order endpoints (督促纠正, 第三十六条: 由信息化主管部门、监督检查机关责令限期
整改): issue, list, show, the evidence file, and the actions of the core's RECTIFICATION table
(answer, accept, return, withdraw). The endpoint list is the docstring of
govshare_core.assessment_schemas."""

from __future__ import annotations

import hashlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response

from govshare_core.assessment import ASSESSOR_ROLES, RECTIFICATION, RectificationStatus
from govshare_core.assessment_schemas import (
    RectificationActionIn,
    RectificationIn,
    RectificationOut,
)
from govshare_core.schemas import Page
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
from govshare_platform.supervision import access, service, views
from govshare_platform.supervision.models import Rectification
from govshare_platform.supervision.views import RECTIFICATION_SORT
from govshare_platform.usage.access import clean_filename
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["supervision"])
OBJECT = "rectification"
PATH = "/rectifications"
EvidenceBody = Annotated[bytes, Depends(access.evidence_body)]
ACTIONS = frozenset(t.action for t in RECTIFICATION.transitions)


def _out(ctx: Ctx, order: Rectification, response: Response | None = None) -> RectificationOut:
    if response is not None:
        response.headers["ETag"] = etag(order.version)
    return views.rectification_out(order, deadlines(ctx.db, clock.today()), ctx.actor)


@router.post(PATH, status_code=201, response_model=RectificationOut)
def issue_rectification(
    body: RectificationIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """A supervisor orders a department (not the platform's own) to rectify a breach of an item
    of 第三十六条 within `due_working_days` working days (the platform's calendar)."""
    ctx.require(*ASSESSOR_ROLES)

    def produce() -> RectificationOut:
        order = service.issue(ctx.db, data=body, user_id=ctx.user.id, today=clock.today())
        ctx.audit(
            "rectification_issue",
            object_type=OBJECT,
            object_id=order.id,
            details={
                "department_id": order.department_id,
                "article_item": order.article_item,
                "round_id": order.round_id,
                "due": str(order.due),
                "due_provisional": order.due_provisional,
            },
        )
        return _out(ctx, order)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get(PATH, response_model=Page)
def list_rectifications(
    ctx: ReadCtx,
    status: RectificationStatus | None = None,
    department_id: int | None = Query(None, ge=1, le=2**31 - 1),
    overdue: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
    q: str | None = text_query(
        "words, each found (ignoring case) in the facts, the measures or the department's name"
    ),
    sort: str | None = sort_query(RECTIFICATION_SORT),
) -> Page:
    """Supervisors: every order (`department_id` narrows it); others: their department's.
    `overdue=true`: past due while the department holds it. Newest first unless `sort`."""
    order = RECTIFICATION_SORT.parse(sort)
    today = clock.today()
    rows, total = views.list_orders(
        ctx.db,
        actor=ctx.actor,
        status=status,
        department_id=department_id,
        overdue=overdue,
        today=today,
        words=words(q),
        sort=order,
        offset=offset,
        limit=limit,
    )
    clock_ = deadlines(ctx.db, today)
    items = [views.rectification_out(r, clock_, ctx.actor) for r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get(f"{PATH}/{{order_id}}", response_model=RectificationOut)
def get_rectification(order_id: int, ctx: ReadCtx, response: Response) -> RectificationOut:
    """One order with its history (ETag: its version): supervisors and the ordered
    department."""
    return _out(ctx, access.load(ctx, order_id), response)


@router.post(f"{PATH}/{{order_id}}/evidence", response_model=RectificationOut)
def upload_evidence(
    order_id: int,
    body: EvidenceBody,
    ctx: WriteCtx,
    response: Response,
    filename: str | None = Query(None, max_length=500),
    if_match: IfMatch = None,
) -> RectificationOut:
    """The ordered department's resource admin attaches (or replaces) the evidence of its
    measures while the order is issued or returned: the raw body, at most MAX_EVIDENCE_BYTES
    (413 beyond), stored in the database."""
    order = access.load(ctx, order_id, acting=True)
    # who may answer may attach: the ordered department's resource admin
    access.authorize(ctx, order, RECTIFICATION.transition("answer"))
    check_if_match(if_match, order.version, required=False)
    name = clean_filename(filename)
    digest = hashlib.sha256(body).hexdigest()
    service.attach_evidence(order, filename=name, data=body, sha256=digest)
    ctx.audit(
        "rectification_evidence",
        object_type=OBJECT,
        object_id=order.id,
        details={"filename": name, "bytes": len(body), "sha256": digest},
    )
    ctx.db.commit()
    return _out(ctx, order, response)


@router.get(f"{PATH}/{{order_id}}/evidence", response_class=Response)
def download_evidence(order_id: int, ctx: ReadCtx) -> Response:
    """The evidence file, as stored, always as an attachment of a neutral type (the ordered
    department and the supervisors)."""
    order = access.load(ctx, order_id)
    data = service.evidence_of(order)
    name = order.evidence_filename or "evidence"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "X-Content-SHA256": order.evidence_sha256 or "",
        },
    )


@router.post(f"{PATH}/{{order_id}}/actions/{{action}}", response_model=RectificationOut)
def act_on_rectification(
    order_id: int,
    action: str,
    ctx: WriteCtx,
    response: Response,
    body: RectificationActionIn | None = None,
    if_match: IfMatch = None,
) -> RectificationOut:
    """Take a step of RECTIFICATION: answer (`reason`: the measures taken; the department's
    resource admin), accept, return (`reason`, optional `due_working_days`: a new due, else the
    old one stays), withdraw (`reason`). Who before what: 403, then 412 (stale If-Match), then
    409 (not from this state)."""
    body = body or RectificationActionIn()
    if action not in ACTIONS:
        raise not_found("rectification action")
    order = access.load(ctx, order_id, acting=True)
    access.authorize(ctx, order, RECTIFICATION.transition(action))
    check_if_match(if_match, order.version, required=False)
    transition = RECTIFICATION.find(action, order.status)
    service.move(
        ctx.db,
        order=order,
        transition=transition,
        user_id=ctx.user.id,
        reason=body.reason,
        due_working_days=body.due_working_days,
        today=clock.today(),
    )
    ctx.audit(
        f"rectification_{action}",
        object_type=OBJECT,
        object_id=order.id,
        details={
            "department_id": order.department_id,
            "status": order.status,
            "reason": (body.reason or "").strip() or None,
            "due": str(order.due),
            "due_working_days": body.due_working_days,
        },
    )
    ctx.db.commit()
    return _out(ctx, order, response)
