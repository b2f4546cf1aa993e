"""Usage inquiry endpoints (使用情况询问, 第二十二条: 提供方有权向使用方了解共享信息使用情况),
and the discrepancy endpoints (discrepancy_api, 第二十条). The endpoint list is the docstring
of govshare_core.usage_schemas. Every action goes through the core's INQUIRY table."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from govshare_core.schemas import Page, ReasonIn
from govshare_core.usage import INQUIRY, INQUIRY_ASK_ROLES, InquiryStatus
from govshare_core.usage_schemas import InquiryIn, InquiryOut
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
from govshare_platform.idempotency import service as idem
from govshare_platform.policy.service import deadlines
from govshare_platform.substring import words
from govshare_platform.usage import access, discrepancy_api, service, views
from govshare_platform.usage.models import UsageInquiry
from govshare_platform.usage.views import INQUIRY_SORT, InquirySide
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["usage"])
router.include_router(discrepancy_api.router)
OBJECT = "usage_inquiry"


def _out(ctx: Ctx, inquiry: UsageInquiry, response: Response | None = None) -> InquiryOut:
    if response is not None:
        response.headers["ETag"] = etag(inquiry.version)
    return views.inquiry_out(inquiry, deadlines(ctx.db, clock.today()), ctx.actor)


@router.post("/usage/inquiries", status_code=201, response_model=InquiryOut)
def create_inquiry(
    body: InquiryIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """The provider's resource admin asks a consumer department that holds or held a grant on
    one of its department's entries (409 `no_grant_relation` otherwise)."""
    ctx.require(*INQUIRY_ASK_ROLES)
    entry = service.entry_of(ctx.db, body.entry_id)
    if entry.department_id != ctx.department_id:
        raise ctx.deny("inquiries are about the department's own entries", entry_id=entry.id)

    def produce() -> InquiryOut:
        inquiry = service.create_inquiry(
            ctx.db, data=body, entry=entry, user_id=ctx.user.id, today=clock.today()
        )
        ctx.audit(
            "usage_inquiry_create",
            object_type=OBJECT,
            object_id=inquiry.id,
            details={
                "entry_id": entry.id,
                "consumer_department_id": inquiry.consumer_department_id,
                "due": str(inquiry.due) if inquiry.due else None,
            },
        )
        return _out(ctx, inquiry)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/usage/inquiries", response_model=Page)
def list_inquiries(
    ctx: ReadCtx,
    side: InquirySide = "all",
    status: InquiryStatus | None = None,
    overdue: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
    q: str | None = text_query(
        "words, each found (ignoring case) in the entry's name, either department's name or "
        "the question"
    ),
    sort: str | None = sort_query(INQUIRY_SORT),
) -> Page:
    """asked: my department asked (the provider); received: it is asked (the consumer); all:
    both (the platform admin: every inquiry). Newest first unless `sort`."""
    order = INQUIRY_SORT.parse(sort)
    today = clock.today()
    rows, total = views.list_inquiries(
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
    items = [views.inquiry_out(r, clock_, ctx.actor) for r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/usage/inquiries/{inquiry_id}", response_model=InquiryOut)
def get_inquiry(inquiry_id: int, ctx: ReadCtx, response: Response) -> InquiryOut:
    """One inquiry (ETag: its version): the two departments and the platform admin only."""
    return _out(ctx, access.load(ctx, UsageInquiry, inquiry_id), response)


def _move(
    ctx: Ctx,
    inquiry_id: int,
    action: str,
    if_match: str | None,
    response: Response,
    answer: str | None = None,
) -> InquiryOut:
    inquiry = access.load(ctx, UsageInquiry, inquiry_id, acting=True)
    check_if_match(if_match, inquiry.version, required=False)
    transition = INQUIRY.find(action, inquiry.status)
    access.authorize(ctx, service.inquiry_parties(inquiry), transition, inquiry.id)
    service.move_inquiry(inquiry, transition=transition, user_id=ctx.user.id, answer=answer)
    ctx.audit(
        f"usage_inquiry_{action}",
        object_type=OBJECT,
        object_id=inquiry.id,
        details={"status": inquiry.status, "answer": answer},
    )
    ctx.db.commit()
    return _out(ctx, inquiry, response)


@router.post("/usage/inquiries/{inquiry_id}/answer", response_model=InquiryOut)
def answer_inquiry(
    inquiry_id: int, body: ReasonIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> InquiryOut:
    """The consumer department's applicant or resource admin answers (`reason`: the answer)."""
    return _move(ctx, inquiry_id, "answer", if_match, response, body.reason.strip())


@router.post("/usage/inquiries/{inquiry_id}/withdraw", response_model=InquiryOut)
def withdraw_inquiry(
    inquiry_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> InquiryOut:
    """The asking provider withdraws an open inquiry."""
    return _move(ctx, inquiry_id, "withdraw", if_match, response)
