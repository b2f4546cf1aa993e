"""Who may see and act on a share request: visibility (404) and party + role (403)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from govshare_core.separation import decision_refusal
from govshare_core.vocab import Role
from govshare_core.workflow import Parties, Transition, refusal
from govshare_platform.departments.service import filed_resource_admin
from govshare_platform.deps import Ctx
from govshare_platform.errors import not_found
from govshare_platform.requests.models import ShareRequest
from govshare_platform.requests.service import is_visible


def load(ctx: Ctx, request_id: int, *, acting: bool = False) -> ShareRequest:
    """The request if the caller's department takes part in it; 404 otherwise.

    When acting, the row is locked (so concurrent decisions queue) and an attempt on a request
    of other departments is audited as a permission denial before answering 404.
    """
    query = select(ShareRequest).where(ShareRequest.id == request_id)
    if acting:
        query = query.options(lazyload(ShareRequest.entry)).with_for_update()
    request = ctx.db.scalar(query)
    if request is None:
        raise not_found("share request")
    platform_admin = ctx.has(Role.PLATFORM_ADMIN)
    if not is_visible(request, department_id=ctx.department_id, platform_admin=platform_admin):
        if acting:
            ctx.deny("not a party to this share request", request_id=request_id)
        raise not_found("share request")
    return request


def parties(request: ShareRequest) -> Parties:
    """The request's side of `govshare_core.workflow.may_take`: consumer owns, provider provides."""
    return Parties(
        owner_dept=request.consumer_department_id, provider_dept=request.provider_department_id
    )


def authorize(ctx: Ctx, request: ShareRequest, transition: Transition) -> None:
    """403 (audited) unless the core's rules let the caller take `transition` on `request`."""
    why = refusal(transition, ctx.actor, parties(request))
    if why is not None:
        raise ctx.deny(
            f"{transition.action}: {why.label_en}",
            request_id=request.id,
            action=transition.action,
            refusal=why,
        )


def authorize_filed(ctx: Ctx, request: ShareRequest) -> None:
    """403 `not_filed_resource_admin` (audited) unless the caller is the provider department's
    filed resource administrator (备案, 第二十八条): holding the role is not enough."""
    filed = filed_resource_admin(ctx.db, request.provider_department_id)
    why = decision_refusal(ctx.user.id, filed)
    if why is not None:
        problem = ctx.deny(why.label_en, request_id=request.id, refusal=why.value)
        problem.code = why.value
        raise problem
