"""Each department's facts for an assessment period, from the platform's own records (第三十四条).

`gather_facts` fills one `govshare_core.assessment.DepartmentFacts` per assessed department
(every department but the platform's own) with SQL aggregates grouped by department: a handful
of queries whatever the number of entries (the catalog's facts in one pass over the entries,
here; requests, usage and supervision in `facts_activity`). Only the narrow rows that need the
working-day calendar (requests awaiting the provider's decision, rectification orders) come
back to Python.

Points in time ("at the period's end") are taken at `asof` = min(period end, computation day);
time ranges run from the period's first day to `asof`, both as Asia/Shanghai calendar days.
Statuses of requests, discrepancies and orders are the current ones where the records keep no
history (a round assesses a running or just ended period; its snapshot is then frozen).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    cast,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from govshare_core.assessment import (
    DepartmentFacts,
    Period,
)
from govshare_core.exchange import next_delivery_due
from govshare_core.vocab import (
    EntryStatus,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_core.workdays import WorkdayCalendar
from govshare_platform.assessment import facts_activity as activity
from govshare_platform.assessment.facts_activity import Counts, Window, one_if, utc_start_of
from govshare_platform.assessment.models import ConformanceCheck
from govshare_platform.catalog.models import CatalogEntry, ChangeReport, EntryDataItem
from govshare_platform.departments.models import Department
from govshare_platform.exchange.models import Delivery

E = CatalogEntry
_SHAREABLE = [str(ShareType.UNCONDITIONAL), str(ShareType.CONDITIONAL)]
PERIODIC_CYCLES = tuple(
    str(c) for c in UpdateCycle if next_delivery_due(c, date(2026, 1, 5)) is not None
)
"""更新周期 values with a due date (不定时/其他 have none: never overdue)."""


def gather_facts(
    session: Session, period: Period, asof: date, calendar: WorkdayCalendar
) -> list[DepartmentFacts]:
    """The facts of every assessed department for `period`, counted up to `asof` (clamped to
    the period's end), ordered by department name."""
    asof = min(asof, period.ends)
    window = Window(period.starts, asof)
    departments = session.execute(
        select(Department.id, Department.name)
        .where(Department.is_platform.is_(False))
        .order_by(Department.name)
    ).all()
    counts: dict[int, Counts] = {d.id: Counts() for d in departments}

    def add(rows: Iterable[Any], *names: str) -> None:
        for row in rows:
            target = counts.get(row[0])
            if target is None:  # the platform department's own records
                continue
            for name, value in zip(names, row[1:], strict=True):
                target.values[name] += int(value or 0)

    grouped = session.get_bind().dialect.name == "postgresql"
    if grouped:  # this transaction only: sorts and hashes of a million rows stay in memory,
        # and JIT compilation (seconds, for a query run once a quarter) is skipped
        session.execute(text("SET LOCAL work_mem = '64MB'"))
        session.execute(text("SET LOCAL jit = off"))
    add(session.execute(_entries(window, calendar, grouped=grouped)), *_CATALOG_FACTS)
    add(session.execute(_changes(window)), "changes", "changes_in_time")
    add(session.execute(activity.rejections(window)), "rejections", "rejections_overturned")
    add(session.execute(_deliveries(window)), "deliveries_due", "deliveries_on_time")
    add(session.execute(activity.usage(window)), "consumer_departments", "grants")
    scan = session.get_bind().dialect.name == "sqlite" and (
        (asof - period.starts).days > activity.LOG_SCAN_AFTER_DAYS
    )
    add(session.execute(activity.accesses(window, scan=scan)), "accesses")
    add(
        session.execute(activity.discrepancies(window)),
        "discrepancies_open",
        "discrepancies_overdue",
    )
    activity.requests(session, window, calendar, counts)
    activity.rectifications(session, window, counts)
    return [
        DepartmentFacts(
            department_id=d.id,
            department_name=d.name,
            decision_working_days=tuple(counts[d.id].days),
            **counts[d.id].values,
        )
        for d in departments
    ]


# --- the catalog: quantity, quality, update timeliness: one pass over the entries ---------------


def _published(window: Window) -> ColumnElement[bool]:
    """Published at `asof` (第十四条: the entries of the catalog)."""
    return and_(E.status == EntryStatus.PUBLISHED, E.published_on <= window.asof)


def _stated(column: Any) -> Any:
    """1 when a text element is stated. Not empty is enough: every write path rejects a blank
    name, summary or format (govshare_core.validation, `required`) and fills the others with
    digits or codes, so `elements_present`'s trimming changes nothing here, and costs."""
    return case((column != "", 1), else_=0)


def _elements_without_items() -> Any:
    """The entry's core elements (govshare_core.assessment.CORE_ELEMENTS) but 信息项, which the
    outer query adds from the item count; the provider and its code come from the department
    (always stated), 发布日期 and 开放属性 are always stated on a published entry."""
    related = func.coalesce(cast(E.related_codes, Text), "[]").notin_(["[]", "null"])
    return (
        case((or_(E.class_item != "", E.class_catalog != ""), 1), else_=0)
        + _stated(E.name)
        + _stated(E.resource_code)
        + _stated(E.summary)
        + _stated(E.format_type)
        + _stated(E.share_type)
        + _stated(E.update_cycle)
        + case((related, 1), else_=0)
        + 4  # provider, provider code, publication date, open attributes
    )


_CATALOG_FACTS = (
    "published_entries",
    "shareable_entries",
    "not_shared_entries",
    "not_shared_with_basis",
    "data_items",
    "elements_stated",
    "conformance_checked",
    "conformance_passed",
    "entries_overdue",
)


def _entries(window: Window, calendar: WorkdayCalendar, *, grouped: bool = False) -> Any:
    """Every fact read from the published entries, in one pass over them (a query per fact
    would read the million entries several times): counts, share types, legal bases, elements;
    per entry its data items, its latest conformance check in the period (第十六条) and its last
    delivery up to `asof` (whether it is overdue, 第二十三条).

    The three per-entry values are looked up entry by entry (an index probe each: SQLite's
    fastest plan), or with `grouped` (PostgreSQL) taken from three grouped passes joined by
    hash: a million correlated probes cost PostgreSQL several times more than the passes."""
    c = ConformanceCheck
    in_period = and_(c.checked_on >= window.starts, c.checked_on <= window.asof)
    delivered = Delivery.delivered_at < window.end_utc
    periodic = and_(E.update_cycle.in_(PERIODIC_CYCLES), E.share_mode != ShareMode.INTERFACE)
    source: Any = E
    if grouped:
        items_q = (
            select(EntryDataItem.entry_id.label("entry_id"), func.count().label("n"))
            .group_by(EntryDataItem.entry_id)
            .subquery()
        )
        checks_q = (
            select(c.entry_id.label("entry_id"), c.passed.label("passed"))
            .where(in_period)
            .order_by(c.entry_id, c.checked_on.desc(), c.id.desc())
            .ext(distinct_on(c.entry_id))
            .subquery()
        )
        last_q = (
            select(Delivery.entry_id.label("entry_id"), Delivery.delivered_at.label("at"))
            .where(delivered)
            .order_by(Delivery.entry_id, Delivery.id.desc())
            .ext(distinct_on(Delivery.entry_id))
            .subquery()
        )
        source = (
            E.__table__.outerjoin(items_q, items_q.c.entry_id == E.id)
            .outerjoin(checks_q, checks_q.c.entry_id == E.id)
            .outerjoin(last_q, last_q.c.entry_id == E.id)
        )
        items: Any = func.coalesce(items_q.c.n, 0)
        latest_check: Any = checks_q.c.passed
        last_delivery: Any = last_q.c.at
    else:
        items = select(func.count()).where(EntryDataItem.entry_id == E.id).scalar_subquery()
        latest_check = (
            select(c.passed)
            .where(c.entry_id == E.id, in_period)
            .order_by(c.checked_on.desc(), c.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        last_delivery = (
            select(Delivery.delivered_at)
            .where(Delivery.entry_id == E.id, delivered)
            .order_by(Delivery.id.desc())
            .limit(1)
            .scalar_subquery()
        )
    rows = (
        select(
            E.department_id.label("dept"),
            E.share_type.label("share"),
            case((_filled(E.legal_basis), 1), else_=0).label("basis"),
            _elements_without_items().label("stated"),
            items.label("n_items"),
            latest_check.label("passed"),
            case((periodic, 1), else_=0).label("periodic"),
            E.update_cycle.label("cycle"),
            E.published_on.label("published_on"),
            case((periodic, last_delivery)).label("last"),
        )
        .select_from(source)
        .where(_published(window))
        .offset(0)  # evaluate per entry, then aggregate (no flattening into the GROUP BY)
        .subquery()
    )
    overdue = []
    for cycle in PERIODIC_CYCLES:
        threshold = overdue_threshold(cycle, window.asof, calendar)
        base_before = or_(
            and_(rows.c.last.is_(None), rows.c.published_on < threshold),
            rows.c.last < utc_start_of(threshold),
        )
        overdue.append((and_(rows.c.periodic == 1, rows.c.cycle == cycle, base_before), 1))
    not_shared = rows.c.share == ShareType.NOT_SHARED
    return select(
        rows.c.dept,
        func.count(),
        one_if(rows.c.share.in_(_SHAREABLE)),  # 第十条: 以共享为原则
        one_if(not_shared),
        one_if(and_(not_shared, rows.c.basis == 1)),  # 第十一条
        func.sum(rows.c.n_items),
        func.sum(rows.c.stated + case((rows.c.n_items > 0, 1), else_=0)),
        one_if(rows.c.passed.is_not(None)),
        one_if(rows.c.passed.is_(True)),
        func.sum(case(*overdue, else_=0)),
    ).group_by(rows.c.dept)


def _filled(column: Any) -> ColumnElement[bool]:
    """A free text stated (not empty after trimming)."""
    return func.trim(func.coalesce(column, "")) != ""


def _changes(window: Window) -> Any:
    """Key-element changes that took effect in the period; in time = within the 20 days
    (第十七条; `late` is set when the report is filed)."""
    r = ChangeReport
    return (
        select(r.department_id, func.count(), one_if(r.late.is_(False)))
        .where(r.effective_date >= window.starts, r.effective_date <= window.asof)
        .group_by(r.department_id)
    )


# --- update timeliness (第二十三条) -------------------------------------------------------------


def _deliveries(window: Window) -> Any:
    """Deliveries in the period that answered a due date, and those on time."""
    d = Delivery
    return (
        select(d.department_id, func.count(), one_if(d.on_time.is_(True)))
        .where(window.within(d.delivered_at), d.due.is_not(None))
        .group_by(d.department_id)
    )


def overdue_threshold(cycle: str, asof: date, calendar: WorkdayCalendar) -> date:
    """The earliest base date (last delivery, else publication) whose next due date
    (`next_delivery_due`, as the delivery schedule computes it) is not before `asof`: an entry of
    this 更新周期 is overdue at `asof` exactly when its base date is earlier.

    The due date never decreases as the base date grows (one cycle later, then the next working
    day), so the overdue base dates are all those before one threshold."""
    since = asof
    while True:
        deadline = next_delivery_due(cycle, since - timedelta(days=1), calendar=calendar)
        if deadline is None or deadline.due < asof:
            return since
        since -= timedelta(days=1)
