"""When each published entry's next delivery is due (更新周期, 第十六条, 第二十三条).

One 更新周期 after the last delivery's date (Asia/Shanghai), or after publication before the first
one (`govshare_core.exchange.next_delivery_due`, with the platform's working-day calendar).
Feeds GET /exchange/schedule, the `delivery_due` to-do items and each delivery's `due`. Entries
shared as 接口服务 are left out: their consumers call the provider's own endpoint, so the platform
expects no files for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from govshare_core.exchange import next_delivery_due
from govshare_core.exchange_schemas import DeliveryScheduleOut
from govshare_core.vocab import EntryStatus, ShareMode
from govshare_core.workdays import Deadline, WorkdayCalendar
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.clock import local_date
from govshare_platform.exchange.models import Delivery
from govshare_platform.policy.service import Deadlines
from govshare_platform.sorting import Sort, SortKey, SortKeys
from govshare_platform.substring import contains, every_word

SCHEDULE_SORT = SortKeys(
    {
        "next_due": SortKey(CatalogEntry.id, nullable=True),
        "working_days_left": SortKey(CatalogEntry.id, nullable=True),
        "entry_name": SortKey(CatalogEntry.name),
        "entry_code": SortKey(CatalogEntry.resource_code, nullable=True),
        "update_cycle": SortKey(CatalogEntry.update_cycle),
        "published_on": SortKey(CatalogEntry.published_on, nullable=True),
        "last_delivered_at": SortKey(CatalogEntry.id, nullable=True),
        "deliveries": SortKey(CatalogEntry.id),
    },
    tiebreak=CatalogEntry.id,
)
"""The schedule's sort keys. Due dates are computed, not stored, so the list (one department's
published entries) is sorted in Python by the field of the same name; the expressions here only
declare the whitelist."""


def due_after(
    cycle: str,
    last_delivered_at: datetime | None,
    published_on: date | None,
    calendar: WorkdayCalendar,
) -> Deadline | None:
    """The next due delivery of an entry: one cycle after the last delivery, or publication."""
    since = local_date(last_delivered_at) if last_delivered_at is not None else published_on
    if since is None:
        return None
    return next_delivery_due(cycle, since, calendar=calendar)


def last_delivery(session: Session, entry_id: int) -> Delivery | None:
    return session.scalar(
        select(Delivery).where(Delivery.entry_id == entry_id).order_by(Delivery.id.desc()).limit(1)
    )


def _statement(department_id: int | None, words: list[str]) -> Select[Any]:
    stats = (
        select(
            Delivery.entry_id.label("entry_id"),
            func.max(Delivery.id).label("last_id"),
            func.count(Delivery.id).label("n"),
        )
        .group_by(Delivery.entry_id)
        .subquery()
    )
    stmt = (
        select(CatalogEntry, stats.c.n, Delivery)
        .outerjoin(stats, stats.c.entry_id == CatalogEntry.id)
        .outerjoin(Delivery, Delivery.id == stats.c.last_id)
        .where(
            CatalogEntry.status == EntryStatus.PUBLISHED,
            # 接口服务: the consumer calls the provider's own endpoint; no files are due here
            CatalogEntry.share_mode != ShareMode.INTERFACE,
        )
    )
    if department_id is not None:
        stmt = stmt.where(CatalogEntry.department_id == department_id)
    conditions = every_word(
        words, lambda w: [contains(CatalogEntry.name, w), contains(CatalogEntry.resource_code, w)]
    )
    return stmt.where(*conditions)


def schedule(
    session: Session, *, department_id: int | None, clock: Deadlines, words: Sequence[str] = ()
) -> list[DeliveryScheduleOut]:
    """Every published entry of the department (None: all) with its next due delivery."""
    out = []
    for entry, count, last in session.execute(_statement(department_id, list(words))):
        last_at = last.delivered_at if last is not None else None
        deadline = due_after(entry.update_cycle, last_at, entry.published_on, clock.calendar)
        due = deadline.due if deadline is not None else None
        out.append(
            DeliveryScheduleOut(
                entry_id=entry.id,
                entry_name=entry.name,
                entry_code=entry.resource_code,
                update_cycle=entry.update_cycle,
                published_on=entry.published_on,
                last_delivery_id=last.id if last is not None else None,
                last_delivered_at=last_at,
                last_rows=last.rows if last is not None else None,
                deliveries=count or 0,
                next_due=due,
                next_due_provisional=bool(deadline and deadline.provisional),
                working_days_left=clock.left(due),
                overdue=clock.overdue(due),
            )
        )
    return out


def sort_rows(rows: list[DeliveryScheduleOut], sort: Sort | None) -> list[DeliveryScheduleOut]:
    """`rows` in the order of `sort` (default: soonest due first), empty values last both ways,
    ties by entry id in the same direction."""
    sort = sort or Sort("next_due")
    present = [r for r in rows if getattr(r, sort.key) is not None]
    missing = [r for r in rows if getattr(r, sort.key) is None]
    present.sort(key=lambda r: (getattr(r, sort.key), r.entry_id), reverse=sort.descending)
    missing.sort(key=lambda r: r.entry_id, reverse=sort.descending)
    return present + missing
