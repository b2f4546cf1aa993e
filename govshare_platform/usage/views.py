"""Inquiries and discrepancies as the API lists and shows them: sides, filters, `q`, `sort`, the
deadline fields and the caller's allowed actions (govshare_core.workflow.allowed_actions)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from govshare_core.usage import (
    DISCREPANCY,
    DISCREPANCY_DUE_STATES,
    INQUIRY,
    DiscrepancyStatus,
    InquiryStatus,
)
from govshare_core.usage_schemas import DiscrepancyEventOut, DiscrepancyOut, InquiryOut
from govshare_core.workflow import Actor, allowed_actions
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import shared_alias
from govshare_platform.departments.models import Department
from govshare_platform.policy.service import Deadlines
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order
from govshare_platform.substring import contains, every_word
from govshare_platform.usage.models import Discrepancy, UsageInquiry
from govshare_platform.usage.service import discrepancy_parties, inquiry_parties

InquirySide = Literal["asked", "received", "all"]
DiscrepancySide = Literal["reported", "received", "all"]
Row = UsageInquiry | Discrepancy


def _side(
    model: type[Row], provider_side: bool | None, department_id: int, platform_admin: bool
) -> ColumnElement[bool]:
    """provider_side True: my department provides; False: it consumes; None: either (all, for
    the platform admin)."""
    provider = model.provider_department_id == department_id
    consumer = model.consumer_department_id == department_id
    if provider_side is True:
        return provider
    if provider_side is False:
        return consumer
    return true() if platform_admin else or_(provider, consumer)


def is_visible(row: Row, *, department_id: int, platform_admin: bool) -> bool:
    """The two departments and the platform admin see an inquiry or a discrepancy."""
    return platform_admin or department_id in (
        row.provider_department_id,
        row.consumer_department_id,
    )


def _sort_keys(
    model: type[Row], at: Any, status: type[InquiryStatus | DiscrepancyStatus]
) -> SortKeys:
    entry = shared_alias(CatalogEntry, name=f"{model.__tablename__}_entry")
    provider = shared_alias(Department, name=f"{model.__tablename__}_provider")
    consumer = shared_alias(Department, name=f"{model.__tablename__}_consumer")
    return SortKeys(
        keys={
            "id": SortKey(model.id),
            at.key: SortKey(at),
            "due": SortKey(model.due, nullable=True),
            "status": SortKey(enum_order(model.status, status)),
            "entry_name": SortKey(entry.name, joins=("entry",)),
            "provider_department_name": SortKey(provider.name, joins=("provider",)),
            "consumer_department_name": SortKey(consumer.name, joins=("consumer",)),
        },
        tiebreak=model.id,
        joins={
            "entry": lambda s: s.join(entry, entry.id == model.entry_id),
            "provider": lambda s: s.join(provider, provider.id == model.provider_department_id),
            "consumer": lambda s: s.join(consumer, consumer.id == model.consumer_department_id),
        },
    )


INQUIRY_SORT = _sort_keys(UsageInquiry, UsageInquiry.asked_at, InquiryStatus)
DISCREPANCY_SORT = _sort_keys(Discrepancy, Discrepancy.reported_at, DiscrepancyStatus)


def _overdue(model: type[Row], due_states: set[str], today: date) -> ColumnElement[bool]:
    return and_(model.status.in_(due_states), model.due.is_not(None), model.due < today)


def _page(
    session: Session,
    query: Select[Any],
    model: type[Row],
    keys: SortKeys,
    *,
    text: Any,
    found: list[str],
    sort: Sort | None,
    offset: int,
    limit: int,
) -> tuple[list[Any], int]:
    joined: tuple[str, ...] = ()
    if found:
        query = keys.join(query, ("entry", "provider", "consumer"))
        joined = ("entry", "provider", "consumer")
        entry, provider, consumer = (
            keys.keys["entry_name"].expr,
            keys.keys["provider_department_name"].expr,
            keys.keys["consumer_department_name"].expr,
        )
        query = query.where(
            *every_word(
                found,
                lambda w: [contains(c, w) for c in (entry, provider, consumer, text)],
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = (
        query.order_by(model.id.desc()) if sort is None else keys.apply(query, sort, joined=joined)
    )
    people = (
        (selectinload(UsageInquiry.asker), selectinload(UsageInquiry.answerer))
        if model is UsageInquiry
        else (selectinload(Discrepancy.reporter),)
    )
    query = query.options(
        selectinload(model.provider_department), selectinload(model.consumer_department), *people
    )
    return list(session.scalars(query.offset(offset).limit(limit)).all()), total


def list_inquiries(
    session: Session,
    *,
    department_id: int,
    platform_admin: bool,
    side: InquirySide,
    status: InquiryStatus | None,
    overdue: bool | None,
    today: date,
    words: list[str],
    sort: Sort | None,
    offset: int,
    limit: int,
) -> tuple[list[UsageInquiry], int]:
    """asked: my department provides (asked); received: it consumes; all: either (the platform
    admin: every inquiry). Newest first unless `sort`."""
    provider_side = {"asked": True, "received": False, "all": None}[side]
    query = select(UsageInquiry).where(
        _side(UsageInquiry, provider_side, department_id, platform_admin)
    )
    if status is not None:
        query = query.where(UsageInquiry.status == status)
    late = _overdue(UsageInquiry, {InquiryStatus.OPEN}, today)
    if overdue is not None:
        query = query.where(late if overdue else ~late)
    return _page(
        session,
        query,
        UsageInquiry,
        INQUIRY_SORT,
        text=UsageInquiry.question,
        found=words,
        sort=sort,
        offset=offset,
        limit=limit,
    )


def list_discrepancies(
    session: Session,
    *,
    department_id: int,
    platform_admin: bool,
    side: DiscrepancySide,
    status: DiscrepancyStatus | None,
    overdue: bool | None,
    today: date,
    words: list[str],
    sort: Sort | None,
    offset: int,
    limit: int,
) -> tuple[list[Discrepancy], int]:
    """reported: my department reported (consumes); received: it provides; all: either (the
    platform admin: every report). Newest first unless `sort`."""
    provider_side = {"reported": False, "received": True, "all": None}[side]
    query = select(Discrepancy).where(
        _side(Discrepancy, provider_side, department_id, platform_admin)
    )
    if status is not None:
        query = query.where(Discrepancy.status == status)
    late = _overdue(Discrepancy, set(DISCREPANCY_DUE_STATES), today)
    if overdue is not None:
        query = query.where(late if overdue else ~late)
    return _page(
        session,
        query,
        Discrepancy,
        DISCREPANCY_SORT,
        text=Discrepancy.description,
        found=words,
        sort=sort,
        offset=offset,
        limit=limit,
    )


def _deadline(clock: Deadlines, due: date | None, running: bool) -> dict[str, Any]:
    return {
        "working_days_left": clock.left(due) if running else None,
        "overdue": running and clock.overdue(due),
    }


def inquiry_out(inquiry: UsageInquiry, clock: Deadlines, actor: Actor) -> InquiryOut:
    running = inquiry.status == InquiryStatus.OPEN
    return InquiryOut.model_validate(
        {
            **{n: getattr(inquiry, n) for n in _INQUIRY_FIELDS},
            **_deadline(clock, inquiry.due, running),
            "actions": allowed_actions(INQUIRY, inquiry.status, actor, inquiry_parties(inquiry)),
        }
    )


def discrepancy_out(report: Discrepancy, clock: Deadlines, actor: Actor) -> DiscrepancyOut:
    running = report.status in DISCREPANCY_DUE_STATES
    return DiscrepancyOut.model_validate(
        {
            **{n: getattr(report, n) for n in _DISCREPANCY_FIELDS},
            **_deadline(clock, report.due, running),
            "due": report.due if running else None,
            "due_provisional": running and report.due_provisional,
            "history": [DiscrepancyEventOut.model_validate(e) for e in report.events],
            "actions": allowed_actions(
                DISCREPANCY, report.status, actor, discrepancy_parties(report)
            ),
        }
    )


_COMPUTED = {"working_days_left", "overdue", "actions", "history"}
_INQUIRY_FIELDS = tuple(n for n in InquiryOut.model_fields if n not in _COMPUTED)
_DISCREPANCY_FIELDS = tuple(n for n in DiscrepancyOut.model_fields if n not in _COMPUTED)
