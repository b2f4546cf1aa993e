"""Who may see a grant (its two departments and the platform admin) and who may revoke it."""

from __future__ import annotations

from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_core.workflow import GRANT, Parties, refusal
from govshare_platform.deps import Ctx
from govshare_platform.errors import not_found
from govshare_platform.grants.models import Grant


def parties(grant: Grant) -> Parties:
    """The grant's side of `govshare_core.workflow.may_take`: consumer owns, provider provides."""
    return Parties(
        owner_dept=grant.consumer_department_id, provider_dept=grant.provider_department_id
    )


def load(ctx: Ctx, grant_id: int, *, acting: bool = False) -> Grant:
    """The grant if the caller's department is one of its parties (or the platform admin); 404
    otherwise — audited as a permission denial when acting."""
    grant = ctx.db.scalar(select(Grant).where(Grant.id == grant_id))
    if grant is None:
        raise not_found("grant")
    visible = {grant.provider_department_id, grant.consumer_department_id}
    if ctx.department_id not in visible and not ctx.has(Role.PLATFORM_ADMIN):
        if acting:
            ctx.deny("not a party to this grant", grant_id=grant_id)
        raise not_found("grant")
    return grant


def lock(ctx: Ctx, grant_id: int) -> Grant:
    """The grant re-read under a row lock (SELECT ... FOR UPDATE): what a concurrent request
    committed before we got the lock is what we see."""
    query = (
        select(Grant)
        .where(Grant.id == grant_id)
        .with_for_update(of=Grant)
        .execution_options(populate_existing=True)
    )
    grant = ctx.db.scalar(query)
    if grant is None:
        raise not_found("grant")
    return grant


def authorize_revoke(ctx: Ctx, grant: Grant) -> None:
    """403 (audited) unless the core's rules let the caller revoke: the provider's resource admin
    or the platform admin (第二十九条)."""
    why = refusal(GRANT.transition("revoke"), ctx.actor, parties(grant))
    if why is not None:
        raise ctx.deny(
            "only the provider's resource admin or the platform admin may revoke",
            grant_id=grant.id,
            refusal=why,
        )
