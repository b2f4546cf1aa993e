"""Grants: created on activation, listed, revoked, and expired by a sweep (第二十九条, 第三十条)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from govshare_core.schemas import GrantOut
from govshare_core.vocab import GrantStatus, RequestStatus, ShareMode
from govshare_core.workflow import SHARE_REQUEST
from govshare_platform.audit import service as audit
from govshare_platform.db import utcnow
from govshare_platform.grants.models import Grant
from govshare_platform.requests.models import ShareRequest

GrantSide = Literal["given", "received", "all"]


def create_for_request(session: Session, *, request: ShareRequest, today: date) -> list[Grant]:
    """One grant per requested data item, valid until the request's 截止时间 (第二十九条)."""
    grants = [
        Grant(
            request_id=request.id,
            entry_id=request.entry_id,
            provider_department_id=request.provider_department_id,
            consumer_department_id=request.consumer_department_id,
            data_item=item,
            share_mode=request.share_mode,
            valid_from=today,
            valid_until=request.end_date,
            status=GrantStatus.ACTIVE,
        )
        for item in request.data_items
    ]
    session.add_all(grants)
    session.flush()
    return grants


def effective_status(grant: Grant, today: date) -> GrantStatus:
    """The grant's status as of `today`: an active grant past its end date is expired."""
    if grant.status == GrantStatus.ACTIVE and grant.valid_until < today:
        return GrantStatus.EXPIRED
    return GrantStatus(grant.status)


def to_out(grant: Grant, today: date) -> GrantOut:
    return GrantOut(
        id=grant.id,
        request_id=grant.request_id,
        entry_id=grant.entry_id,
        entry_name=grant.entry.name,
        provider_department_id=grant.provider_department_id,
        consumer_department_id=grant.consumer_department_id,
        data_item=grant.data_item,
        share_mode=ShareMode(grant.share_mode),
        valid_from=grant.valid_from,
        valid_until=grant.valid_until,
        status=effective_status(grant, today),
        revoked_reason=grant.revoked_reason,
    )


def _status_clause(status: GrantStatus, today: date) -> ColumnElement[bool]:
    active = Grant.status == GrantStatus.ACTIVE
    if status is GrantStatus.ACTIVE:
        return and_(active, Grant.valid_until >= today)
    if status is GrantStatus.EXPIRED:
        return or_(Grant.status == GrantStatus.EXPIRED, and_(active, Grant.valid_until < today))
    return Grant.status == GrantStatus.REVOKED


def _side_clause(side: GrantSide, department_id: int, platform_admin: bool) -> ColumnElement[bool]:
    given = Grant.provider_department_id == department_id
    received = Grant.consumer_department_id == department_id
    if side == "given":
        return given
    if side == "received":
        return received
    return true() if platform_admin else or_(given, received)


def list_grants(
    session: Session,
    *,
    department_id: int,
    platform_admin: bool,
    side: GrantSide,
    status: GrantStatus | None,
    expiring_within: int | None,
    today: date,
    offset: int,
    limit: int,
) -> tuple[list[Grant], int]:
    """A page of the department's grants (all grants for the platform admin), soonest end first."""
    query = select(Grant).where(_side_clause(side, department_id, platform_admin))
    if status is not None:
        query = query.where(_status_clause(status, today))
    if expiring_within is not None:
        horizon = today + timedelta(days=expiring_within)
        query = query.where(_status_clause(GrantStatus.ACTIVE, today), Grant.valid_until <= horizon)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Grant.valid_until, Grant.id).offset(offset).limit(limit)
    ).all()
    return list(rows), total


def _active_left(session: Session, request_id: int, today: date) -> int:
    query = select(func.count(Grant.id)).where(
        Grant.request_id == request_id, _status_clause(GrantStatus.ACTIVE, today)
    )
    return session.scalar(query) or 0


def revoke(
    session: Session,
    *,
    grant: Grant,
    request: ShareRequest,
    actor_id: int,
    reason: str,
    today: date,
) -> bool:
    """Revoke one item's grant; True when none remain active and the request became revoked."""
    grant.status = GrantStatus.REVOKED
    grant.revoked_at = utcnow()
    grant.revoked_by = actor_id
    grant.revoked_reason = reason
    session.flush()
    if _active_left(session, request.id, today):
        return False
    request.move(SHARE_REQUEST.find("revoke", request.status), actor_id=actor_id, comment=reason)
    session.flush()
    return True


def expire_grants(session: Session, *, today: date) -> int:
    """Sweep: mark grants past 截止时间 expired; a request whose grants all ended expires too."""
    due = session.scalars(
        select(Grant).where(Grant.status == GrantStatus.ACTIVE, Grant.valid_until < today)
    ).all()
    for grant in due:
        grant.status = GrantStatus.EXPIRED
        audit.append(session, action="grant_expired", object_type="grant", object_id=grant.id)
    session.flush()
    for request_id in sorted({g.request_id for g in due}):
        _expire_request(session, request_id, today)
    return len(due)


def _expire_request(session: Session, request_id: int, today: date) -> None:
    request = session.get(ShareRequest, request_id)
    if request is None or request.status != RequestStatus.ACTIVE:
        return
    if _active_left(session, request_id, today):
        return
    request.move(SHARE_REQUEST.find("expire", request.status), actor_id=None, comment=None)
    audit.append(
        session, action="request_expired", object_type="share_request", object_id=request_id
    )
    session.flush()


def expiring_received(
    session: Session, *, department_id: int, today: date, days: int, limit: int
) -> list[Grant]:
    """Active grants the department receives that end within `days` (reminders before expiry)."""
    query = select(Grant).where(
        Grant.consumer_department_id == department_id,
        _status_clause(GrantStatus.ACTIVE, today),
        Grant.valid_until <= today + timedelta(days=days),
    )
    return list(session.scalars(query.order_by(Grant.valid_until, Grant.id).limit(limit)))
