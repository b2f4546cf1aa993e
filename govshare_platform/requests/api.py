"""Share request endpoints (第二十二条, 第二十五条, 第二十七条, 第二十八条, 第三十条).

Every transition goes through `SHARE_REQUEST`; the caller must hold the transition's role and be
its party. Requests of departments the caller has no part in answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Query, Request, Response

from govshare_core.schemas import (
    DecisionIn,
    DisputeIn,
    MediationIn,
    Page,
    ShareRequestDetailOut,
    ShareRequestIn,
)
from govshare_core.vocab import RequestStatus, Role
from govshare_core.workflow import SHARE_REQUEST, Transition
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
from govshare_platform.errors import conflict
from govshare_platform.idempotency import service as idem
from govshare_platform.policy.service import Deadlines, deadlines
from govshare_platform.requests import access, service
from govshare_platform.requests.models import ShareRequest
from govshare_platform.requests.service import REQUEST_SORT, RequestSide
from govshare_platform.substring import words
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["requests"])
OBJECT = "share_request"


def _detail(
    ctx: Ctx, request: ShareRequest, response: Response, clock_: Deadlines | None = None
) -> ShareRequestDetailOut:
    """The answer (with the ETag); `clock_`: the deadline clock if already read."""
    response.headers["ETag"] = etag(request.version)
    clock_ = clock_ or deadlines(ctx.db, clock.today())
    return service.to_detail(request, clock_, viewer=ctx.user)


def _audit(ctx: Ctx, request: ShareRequest, action: str, **details: Any) -> None:
    ctx.audit(
        f"request_{action}",
        object_type=OBJECT,
        object_id=request.id,
        details={"status": request.status, **details},
    )


@router.post("/requests", status_code=201, response_model=ShareRequestDetailOut)
def create_request(
    body: ShareRequestIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """Create a draft share request (第二十二条); applicants only."""
    ctx.require(Role.APPLICANT)

    def produce() -> ShareRequestDetailOut:
        created = service.create(
            ctx.db,
            data=body,
            applicant_id=ctx.user.id,
            department_id=ctx.department_id,
            today=clock.today(),
        )
        _audit(ctx, created, "create", entry_id=created.entry_id, items=created.data_items)
        return service.to_detail(created, deadlines(ctx.db, clock.today()), viewer=ctx.user)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/requests", response_model=Page)
def list_requests(
    ctx: ReadCtx,
    side: RequestSide = "all",
    status: RequestStatus | None = None,
    overdue: bool | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
    q: str | None = text_query(
        "words (whitespace-separated), each found, ignoring case, in the entry's name or "
        "resource code, the consumer's or provider's department name, 应用业务 or the reason"
    ),
    sort: str | None = sort_query(REQUEST_SORT),
) -> Page:
    """Requests the caller's department asked for or provides (the platform admin: all);
    newest first unless `sort` names a key."""
    order = REQUEST_SORT.parse(sort)
    today = clock.today()
    rows, total = service.list_requests(
        ctx.db,
        department_id=ctx.department_id,
        platform_admin=ctx.has(Role.PLATFORM_ADMIN),
        side=side,
        status=status,
        overdue=overdue,
        today=today,
        offset=offset,
        limit=limit,
        words=words(q),
        sort=order,
    )
    clock_ = deadlines(ctx.db, today)
    items = [service.to_out(r, clock_) for r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.post("/requests/escalate-overdue")
def escalate_overdue(ctx: WriteCtx) -> dict[str, int]:
    """Escalate requests past their review deadline (第二十七条); platform admin."""
    ctx.require(Role.PLATFORM_ADMIN)
    count = service.escalate_overdue(ctx.db, today=clock.today())
    ctx.audit("requests_escalate_run", object_type=OBJECT, details={"escalated": count})
    ctx.db.commit()
    return {"escalated": count}


@router.get("/requests/{request_id}", response_model=ShareRequestDetailOut)
def get_request(request_id: int, ctx: ReadCtx, response: Response) -> ShareRequestDetailOut:
    """One request with its history and disputes."""
    return _detail(ctx, access.load(ctx, request_id), response)


@router.put("/requests/{request_id}", response_model=ShareRequestDetailOut)
def update_request(
    request_id: int,
    body: ShareRequestIn,
    ctx: WriteCtx,
    response: Response,
    if_match: IfMatch = None,
) -> ShareRequestDetailOut:
    """Edit a draft (If-Match required); the consumer department's applicant."""
    req = access.load(ctx, request_id, acting=True)
    # whoever may submit a draft may edit it: the consumer department's applicant
    access.authorize(ctx, req, SHARE_REQUEST.find("submit", RequestStatus.DRAFT))
    check_if_match(if_match, req.version)
    if req.status != RequestStatus.DRAFT:
        raise conflict("not_draft", "only a draft request can be edited")
    service.update(ctx.db, request=req, data=body, today=clock.today())
    _audit(ctx, req, "update", entry_id=req.entry_id, items=req.data_items)
    ctx.db.commit()
    return _detail(ctx, req, response)


def _transition(
    ctx: Ctx, request_id: int, pick: Callable[[ShareRequest], Transition], if_match: str | None
) -> tuple[ShareRequest, Transition]:
    req = access.load(ctx, request_id, acting=True)
    transition = pick(req)
    access.authorize(ctx, req, transition)
    check_if_match(if_match, req.version, required=False)
    return req, transition


def _named(action: str) -> Callable[[ShareRequest], Transition]:
    return lambda req: SHARE_REQUEST.find(action, req.status)


@router.post("/requests/{request_id}/submit", response_model=ShareRequestDetailOut)
def submit_request(
    request_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """Submit: 无条件 granted at once, 不予共享 to the platform, 有条件 to the provider."""
    req, _ = _transition(ctx, request_id, _named("submit"), if_match)
    clock_ = deadlines(ctx.db, clock.today())  # the calendar, read once for both uses
    actions = service.submit(
        ctx.db, request=req, actor_id=ctx.user.id, today=clock_.today, calendar=clock_.calendar
    )
    for action in actions:
        _audit(ctx, req, action, review_due=str(req.review_due))
    ctx.db.commit()
    return _detail(ctx, req, response, clock_)


@router.post("/requests/{request_id}/withdraw", response_model=ShareRequestDetailOut)
def withdraw_request(
    request_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """The applicant withdraws before activation."""
    return _move(ctx, request_id, "withdraw", if_match, response)


def _move(
    ctx: Ctx, request_id: int, action: str, if_match: str | None, response: Response
) -> ShareRequestDetailOut:
    """Take a transition that needs no body: check, move, audit, commit."""
    req, transition = _transition(ctx, request_id, _named(action), if_match)
    service.move(
        ctx.db,
        request=req,
        transition=transition,
        actor_id=ctx.user.id,
        comment=None,
        today=clock.today(),
    )
    _audit(ctx, req, transition.action)
    ctx.db.commit()
    return _detail(ctx, req, response)


def _decide(
    ctx: Ctx,
    request_id: int,
    body: DecisionIn,
    pick: Callable[[ShareRequest, DecisionIn], Transition],
    if_match: str | None,
    response: Response,
    *,
    filed: bool = False,
) -> ShareRequestDetailOut:
    req, transition = _transition(ctx, request_id, lambda r: pick(r, body), if_match)
    if filed:  # the provider decides through its filed resource administrator (第二十八条)
        access.authorize_filed(ctx, req)
    service.decide(
        ctx.db,
        request=req,
        transition=transition,
        decision=body,
        actor_id=ctx.user.id,
        today=clock.today(),
    )
    ground = body.ground.value if body.ground and not body.approve else None
    _audit(ctx, req, transition.action, ground=ground, comment=body.comment)
    ctx.db.commit()
    return _detail(ctx, req, response)


@router.post("/requests/{request_id}/provider-decision", response_model=ShareRequestDetailOut)
def provider_decision(
    request_id: int, body: DecisionIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """The provider's filed (备案) resource admin approves, or rejects on a legal ground
    (第二十二条, 第二十八条)."""
    return _decide(
        ctx, request_id, body, service.provider_transition, if_match, response, filed=True
    )


@router.post("/requests/{request_id}/platform-decision", response_model=ShareRequestDetailOut)
def platform_decision(
    request_id: int, body: DecisionIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """The platform admin's consent (第二十七条); a rejection names its ground (第二十二条)."""
    return _decide(ctx, request_id, body, service.platform_transition, if_match, response)


@router.post("/requests/{request_id}/dispute", response_model=ShareRequestDetailOut)
def dispute_request(
    request_id: int, body: DisputeIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """The rejected consumer raises a dispute for the platform to mediate (第二十五条)."""
    req, transition = _transition(ctx, request_id, _named("dispute"), if_match)
    dispute = service.raise_dispute(
        ctx.db,
        request=req,
        transition=transition,
        actor_id=ctx.user.id,
        reason=body.reason,
        today=clock.today(),
    )
    _audit(ctx, req, "dispute", dispute_id=dispute.id, reason=body.reason)
    ctx.db.commit()
    return _detail(ctx, req, response)


@router.post("/requests/{request_id}/mediate", response_model=ShareRequestDetailOut)
def mediate_request(
    request_id: int, body: MediationIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> ShareRequestDetailOut:
    """The platform admin overturns (→ provider_approved) or upholds (→ rejected) (第二十五条)."""
    action = "mediate_overturn" if body.overturn else "mediate_uphold"
    req, transition = _transition(ctx, request_id, _named(action), if_match)
    dispute = service.mediate(
        ctx.db,
        request=req,
        transition=transition,
        actor_id=ctx.user.id,
        comment=body.comment,
        today=clock.today(),
    )
    _audit(ctx, req, action, dispute_id=dispute.id, comment=body.comment)
    ctx.db.commit()
    return _detail(ctx, req, response)
