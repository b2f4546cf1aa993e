"""Who may see and act on a share request: visibility (404) and party + role (403)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from govshare_core.vocab import Role
from govshare_core.workflow import Party, Transition
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


def may_take(ctx: Ctx, request: ShareRequest, transition: Transition) -> bool:
    """Role AND party: consumer for OWNER_DEPT, provider (or listed platform admin) for PROVIDER."""
    if transition.party is Party.PLATFORM:
        return ctx.has(*transition.roles)
    if transition.party is Party.OWNER_DEPT:
        return ctx.department_id == request.consumer_department_id and ctx.has(*transition.roles)
    if transition.party is Party.PROVIDER_DEPT:
        if Role.PLATFORM_ADMIN in transition.roles and ctx.has(Role.PLATFORM_ADMIN):
            return True
        dept_roles = transition.roles - {Role.PLATFORM_ADMIN}
        return ctx.department_id == request.provider_department_id and ctx.has(*dept_roles)
    return False  # Party.SYSTEM: only the platform itself


def authorize(ctx: Ctx, request: ShareRequest, transition: Transition) -> None:
    """403 (audited) unless the caller may take `transition` on `request`."""
    if not may_take(ctx, request, transition):
        raise ctx.deny(
            f"{transition.action} needs {transition.party} with one of: "
            + ", ".join(sorted(transition.roles)),
            request_id=request.id,
            action=transition.action,
        )
