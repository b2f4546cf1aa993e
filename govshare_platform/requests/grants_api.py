"""Grant actions that move the share request too: revoke one grant, run the expiry sweep.

Routes under /grants, kept in `requests` because they take SHARE_REQUEST transitions (`revoke`,
`expire`); the grant ledger (`govshare_platform.grants`) never imports requests.
"""

from __future__ import annotations

from fastapi import APIRouter

from govshare_core.schemas import GrantOut, ReasonIn
from govshare_core.vocab import GrantStatus, Role
from govshare_platform import clock
from govshare_platform.deps import WriteCtx
from govshare_platform.errors import conflict
from govshare_platform.grants import access as grant_access
from govshare_platform.grants import service as grants
from govshare_platform.policy.service import deadlines
from govshare_platform.requests import access, grant_flow

router = APIRouter(tags=["grants"])


@router.post("/grants/expire")
def expire_grants(ctx: WriteCtx) -> dict[str, int]:
    """Sweep grants past their 截止时间; platform admin."""
    ctx.require(Role.PLATFORM_ADMIN)
    count = grant_flow.expire(ctx.db, today=clock.today())
    ctx.audit("grants_expire_run", object_type="grant", details={"expired": count})
    ctx.db.commit()
    return {"expired": count}


@router.post("/grants/{grant_id}/revoke", response_model=GrantOut)
def revoke_grant(grant_id: int, body: ReasonIn, ctx: WriteCtx) -> GrantOut:
    """Revoke one item's grant (provider's resource admin or platform admin); the request is
    revoked once none of its grants remain active."""
    today = clock.today()
    grant = grant_access.load(ctx, grant_id, acting=True)
    grant_access.authorize_revoke(ctx, grant)
    # lock the request, then the grant, and re-read the grant under its lock: of two revokes
    # at once the second sees it revoked (409), never both 200 (finding 4). Request before
    # grant, as every request-level step takes them.
    request = access.load(ctx, grant.request_id, acting=True)
    grant = grant_access.lock(ctx, grant.id)
    if grants.effective_status(grant, today) is not GrantStatus.ACTIVE:
        raise conflict("grant_not_active", "only an active grant can be revoked")
    ended = grant_flow.revoke_grant(
        ctx.db, grant=grant, request=request, actor_id=ctx.user.id, reason=body.reason, today=today
    )
    details = {"request_id": request.id, "data_item": grant.data_item, "reason": body.reason}
    ctx.audit("grant_revoke", object_type="grant", object_id=grant.id, details=details)
    if ended:
        ctx.audit(
            "request_revoke",
            object_type="share_request",
            object_id=request.id,
            details={"status": request.status, "reason": body.reason},
        )
    ctx.db.commit()
    return grants.to_out(grant, deadlines(ctx.db, today))
