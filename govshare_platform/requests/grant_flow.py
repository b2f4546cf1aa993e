"""The share request follows its grants: revoked with its last active grant, expired when all
have ended (第二十九条, 第三十条). The grant ledger itself is `govshare_platform.grants`."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from govshare_core.vocab import RequestStatus
from govshare_core.workflow import SHARE_REQUEST
from govshare_platform.audit import service as audit
from govshare_platform.grants import service as grants
from govshare_platform.grants.models import Grant
from govshare_platform.requests.models import ShareRequest


def revoke_grant(
    session: Session,
    *,
    grant: Grant,
    request: ShareRequest,
    actor_id: int,
    reason: str,
    today: date,
) -> bool:
    """Revoke one item's grant; True when none remain active and the request became revoked."""
    grants.revoke(session, grant=grant, actor_id=actor_id, reason=reason)
    if grants.active_left(session, request.id, today):
        return False
    request.move(SHARE_REQUEST.find("revoke", request.status), actor_id=actor_id, comment=reason)
    session.flush()
    return True


def expire(session: Session, *, today: date) -> int:
    """Sweep: expire grants past 截止时间, then each request whose grants have all ended."""
    expired = grants.expire_grants(session, today=today)
    for request_id in sorted({g.request_id for g in expired}):
        _expire_request(session, request_id, today)
    return len(expired)


def _expire_request(session: Session, request_id: int, today: date) -> None:
    request = session.get(ShareRequest, request_id)
    if request is None or request.status != RequestStatus.ACTIVE:
        return
    if grants.active_left(session, request_id, today):
        return
    request.move(SHARE_REQUEST.find("expire", request.status), actor_id=None, comment=None)
    audit.append(
        session, action="request_expired", object_type="share_request", object_id=request_id
    )
    session.flush()
