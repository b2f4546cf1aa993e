"""Grants: created on activation, listed, revoked, and expired by a sweep (第二十九条, 第三十条).

The grant ledger knows nothing of the share-request workflow: `govshare_platform.requests` issues
grants when a request becomes active and moves the request when its grants end
(`requests/grant_flow.py`), never the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal, Protocol

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session, selectinload

from govshare_core.rules import GRANT_EXPIRY_WARNING_DAYS, grant_expiring_soon
from govshare_core.schemas import GrantOut
from govshare_core.vocab import GrantStatus, ShareMode
from govshare_platform.audit import service as audit
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import shared_alias, utcnow
from govshare_platform.departments import service as departments
from govshare_platform.departments.models import Department
from govshare_platform.grants.models import Grant
from govshare_platform.policy.service import Deadlines
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order
from govshare_platform.substring import contains, every_word

GrantSide = Literal["given", "received", "all"]


class GrantSource(Protocol):
    """What a grant is issued from: an active share request (duck-typed, no import of it)."""

    @property
    def id(self) -> int: ...
    @property
    def entry_id(self) -> int: ...
    @property
    def provider_department_id(self) -> int: ...
    @property
    def consumer_department_id(self) -> int: ...
    @property
    def data_items(self) -> Sequence[str]: ...
    @property
    def share_mode(self) -> str: ...
    @property
    def end_date(self) -> date: ...


def create_for_request(session: Session, *, request: GrantSource, today: date) -> list[Grant]:
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


def to_out(grant: Grant, deadlines: Deadlines) -> GrantOut:
    status = effective_status(grant, deadlines.today)
    due = grant.valid_until if status is GrantStatus.ACTIVE else None
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
        status=status,
        revoked_reason=grant.revoked_reason,
        due=due,
        working_days_left=deadlines.left(due),
        expiring_soon=due is not None and grant_expiring_soon(due, deadlines.today),
        consumer_department_name=grant.consumer_department.name,
        provider_department_name=grant.provider_department.name,
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


# --- listing: filters, words (`q`), sort keys ----------------------------------------------------

_Entry = shared_alias(CatalogEntry, name="listed_entry")
_Consumer = shared_alias(Department, name="consumer_dept")
_Provider = shared_alias(Department, name="provider_dept")


def _effective_status_rank(today: date) -> ColumnElement[int]:
    """`effective_status` in SQL, ranked as GrantStatus declares it (active, expired, revoked):
    an active grant past its end date is expired, swept or not."""
    ranks = {s: i for i, s in enumerate(GrantStatus)}
    return case(
        (_status_clause(GrantStatus.ACTIVE, today), literal(ranks[GrantStatus.ACTIVE])),
        (_status_clause(GrantStatus.EXPIRED, today), literal(ranks[GrantStatus.EXPIRED])),
        else_=literal(ranks[GrantStatus.REVOKED]),
    )


def grant_sort(today: date) -> SortKeys:
    """The `sort` keys of GET /grants (fields of GrantOut); `status` and `due` as of `today`."""
    return SortKeys(
        keys={
            "id": SortKey(Grant.id),
            "request_id": SortKey(Grant.request_id),
            "entry_name": SortKey(_Entry.name, joins=("entry",)),
            "data_item": SortKey(Grant.data_item),
            "share_mode": SortKey(enum_order(Grant.share_mode, ShareMode)),
            "valid_from": SortKey(Grant.valid_from),
            "valid_until": SortKey(Grant.valid_until),
            "status": SortKey(_effective_status_rank(today)),
            "due": SortKey(
                case((_status_clause(GrantStatus.ACTIVE, today), Grant.valid_until)),
                nullable=True,
            ),
            "consumer_department_name": SortKey(_Consumer.name, joins=("consumer",)),
            "provider_department_name": SortKey(_Provider.name, joins=("provider",)),
        },
        tiebreak=Grant.id,
        joins={
            "entry": lambda s: s.join(_Entry, _Entry.id == Grant.entry_id),
            "consumer": lambda s: s.join(_Consumer, _Consumer.id == Grant.consumer_department_id),
            "provider": lambda s: s.join(_Provider, _Provider.id == Grant.provider_department_id),
        },
    )


GRANT_SORT = grant_sort(date.min)
"""The whitelist as the API documents it (the same keys as every day's `grant_sort`)."""


def _word_places(word: str) -> list[ColumnElement[bool]]:
    """Where a word of `q` may occur: the entry's name or code, either department's name, the
    granted data item."""
    named = departments.ids_named_like(word)
    return [
        contains(_Entry.name, word),
        contains(_Entry.resource_code, word),
        Grant.consumer_department_id.in_(named),
        Grant.provider_department_id.in_(named),
        contains(Grant.data_item, word),
    ]


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
    words: list[str] | None = None,
    sort: Sort | None = None,
) -> tuple[list[Grant], int]:
    """A page of the department's grants (all grants for the platform admin): every word in
    `words` found somewhere (`_word_places`), soonest end first unless `sort`."""
    query = select(Grant).where(_side_clause(side, department_id, platform_admin))
    if status is not None:
        query = query.where(_status_clause(status, today))
    if expiring_within is not None:
        horizon = today + timedelta(days=expiring_within)
        query = query.where(_status_clause(GrantStatus.ACTIVE, today), Grant.valid_until <= horizon)
    keys = grant_sort(today)
    joined: tuple[str, ...] = ()
    if words:
        query = keys.join(query, ("entry",)).where(*every_word(words, _word_places))
        joined = ("entry",)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if sort is None:
        query = query.order_by(Grant.valid_until, Grant.id)
    else:
        query = keys.apply(query, sort, joined=joined)
    query = query.options(
        selectinload(Grant.consumer_department), selectinload(Grant.provider_department)
    )
    rows = session.scalars(query.offset(offset).limit(limit)).all()
    return list(rows), total


def active_left(session: Session, request_id: int, today: date) -> int:
    """How many grants of the request are still active on `today`."""
    query = select(func.count(Grant.id)).where(
        Grant.request_id == request_id, _status_clause(GrantStatus.ACTIVE, today)
    )
    return session.scalar(query) or 0


def revoke(session: Session, *, grant: Grant, actor_id: int, reason: str) -> None:
    """Revoke one item's grant (the caller has checked who and whether it is active)."""
    grant.status = GrantStatus.REVOKED
    grant.revoked_at = utcnow()
    grant.revoked_by = actor_id
    grant.revoked_reason = reason
    session.flush()


def expire_grants(session: Session, *, today: date) -> list[Grant]:
    """Sweep: mark grants past 截止时间 expired (audited); returns them."""
    due = session.scalars(
        select(Grant).where(Grant.status == GrantStatus.ACTIVE, Grant.valid_until < today)
    ).all()
    for grant in due:
        grant.status = GrantStatus.EXPIRED
        audit.append(session, action="grant_expired", object_type="grant", object_id=grant.id)
    session.flush()
    return list(due)


def expiring_received(
    session: Session,
    *,
    department_id: int,
    today: date,
    limit: int,
    days: int = GRANT_EXPIRY_WARNING_DAYS,
) -> list[Grant]:
    """Active grants the department receives that end within `days` (reminders before expiry)."""
    query = select(Grant).where(
        Grant.consumer_department_id == department_id,
        _status_clause(GrantStatus.ACTIVE, today),
        Grant.valid_until <= today + timedelta(days=days),
    )
    return list(session.scalars(query.order_by(Grant.valid_until, Grant.id).limit(limit)))
