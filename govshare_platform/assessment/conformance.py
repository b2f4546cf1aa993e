"""The standard-conformance test of the published catalog (标准符合性测试, 第十六条).

Each check runs the core rules over a published entry (`govshare_core.validation.validate_entry`
on the entry as `CatalogEntryBase`, the same rules a submission passes) plus what only a
published entry has: a well-formed resource code (信息资源代码) and at least one data item. It
writes one `conformance_checks` row per entry and day: checked_on, passed, the problem codes.
Checking again on the same day replaces that day's row.

When: the maintenance sweep checks every published entry once a month and again after it
changes (`run_due_conformance_checks`, a bounded batch per sweep); `govshare-platform
check-conformance` checks them all at once; a round checks the entries never checked in its
period before it counts (`ensure_checked`). The pass rate is an indicator of the assessment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, delete, exists, func, insert, select
from sqlalchemy.orm import Session

from govshare_core.assessment import Period
from govshare_core.rescode import validate_resource_code
from govshare_core.schemas import CatalogEntryBase
from govshare_core.validation import validate_entry
from govshare_core.vocab import EntryStatus
from govshare_platform.assessment.facts_activity import utc_start_of
from govshare_platform.assessment.models import ConformanceCheck
from govshare_platform.catalog.models import CatalogEntry, EntryDataItem

E = CatalogEntry
BATCH = 2000
"""Entries read, checked and written per round trip."""
SWEEP_LIMIT = 5_000
"""At most this many entries per maintenance sweep (it holds the write transaction: a few seconds;
hourly sweeps so check about 120,000 entries a day)."""

_FIELDS = tuple(n for n in CatalogEntryBase.model_fields if n not in {"data_items"})
_COLUMNS = [E.id, E.department_id, E.resource_code] + [
    getattr(E, n) for n in _FIELDS if hasattr(E, n)
]
_ITEM_COLUMNS = [
    EntryDataItem.entry_id,
    EntryDataItem.name,
    EntryDataItem.data_type,
    EntryDataItem.length,
    EntryDataItem.share_type,
    EntryDataItem.description,
    EntryDataItem.is_key,
]


def entry_problems(values: dict[str, Any], items: Sequence[dict[str, Any]]) -> list[str]:
    """The problem codes of a published entry (empty: it conforms). `values`: the entry's
    columns named as in CatalogEntryBase plus `resource_code`; `items`: its data items as
    DataItem dicts. Codes: the rule codes of validate_entry (`required`, `digits`, ...),
    `invalid_value` for a stored value outside the vocabularies, `no_resource_code`,
    `bad_resource_code`, `no_data_items`."""
    problems: set[str] = set()
    code = values.get("resource_code")
    if not code:
        problems.add("no_resource_code")
    elif validate_resource_code(code) is not None:
        problems.add("bad_resource_code")
    if not items:
        problems.add("no_data_items")
    fields = {n: values.get(n) for n in _FIELDS if n in values}
    fields["related_codes"] = list(fields.get("related_codes") or [])
    try:
        entry = CatalogEntryBase.model_validate({**fields, "data_items": list(items)})
    except ValidationError:
        problems.add("invalid_value")
    else:
        problems.update(e.code for e in validate_entry(entry))
    return sorted(problems)


def _check_batch(session: Session, ids: Sequence[int], today: date) -> tuple[int, int]:
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    item_rows = session.execute(
        select(*_ITEM_COLUMNS)
        .where(EntryDataItem.entry_id.in_(ids))
        .order_by(EntryDataItem.entry_id, EntryDataItem.position)
    )
    for item in item_rows.mappings():
        items[item["entry_id"]].append(
            {
                "name": item["name"],
                "data_type": item["data_type"],
                "length": item["length"],
                "share_type": item["share_type"],
                "description": item["description"],
                "key": bool(item["is_key"]),
            }
        )
    rows = []
    for entry in session.execute(select(*_COLUMNS).where(E.id.in_(ids))).mappings():
        problems = entry_problems(dict(entry), items.get(entry["id"], []))
        rows.append(
            {
                "entry_id": entry["id"],
                "department_id": entry["department_id"],
                "checked_on": today,
                "passed": not problems,
                "problems": problems,
            }
        )
    session.execute(
        delete(ConformanceCheck).where(
            ConformanceCheck.entry_id.in_(ids), ConformanceCheck.checked_on == today
        )
    )
    if rows:
        session.execute(insert(ConformanceCheck), rows)
    return len(rows), sum(1 for r in rows if not r["passed"])


def _check_ids(session: Session, ids: Sequence[int], today: date) -> tuple[int, int]:
    checked = failed = 0
    for start in range(0, len(ids), BATCH):
        c, f = _check_batch(session, ids[start : start + BATCH], today)
        checked, failed = checked + c, failed + f
    session.flush()
    return checked, failed


def run_conformance_checks(
    session: Session, today: date, *, entry_ids: Sequence[int] | None = None
) -> tuple[int, int]:
    """Check every published entry (or those of `entry_ids` that are published) as of
    `today` (the platform's date); returns (checked, failed). Idempotent per day."""
    stmt = select(E.id).where(E.status == EntryStatus.PUBLISHED).order_by(E.id)
    if entry_ids is not None:
        stmt = stmt.where(E.id.in_(list(entry_ids)))
    return _check_ids(session, list(session.scalars(stmt)), today)


def run_due_conformance_checks(
    session: Session, today: date, *, limit: int = SWEEP_LIMIT
) -> tuple[int, int]:
    """The maintenance sweep's share: published entries not checked since the first day of
    this month, or changed on a later day than their last check (at most `limit`, oldest ids
    first; the next sweep continues). Every entry is so checked at least once a month, which
    every assessment period (month, quarter, year) needs.

    One index lookup per entry (ix_conformance_checks_entry_day) finds the unchecked ones; the
    changed ones are among those updated this month (ix_catalog_entries_status_updated)."""
    c = ConformanceCheck
    month_start = today.replace(day=1)
    published = E.status == EntryStatus.PUBLISHED
    checked_this_month = exists().where(c.entry_id == E.id, c.checked_on >= month_start)
    unchecked = session.scalars(
        select(E.id).where(published, ~checked_this_month).order_by(E.id).limit(limit)
    ).all()
    last_check = select(func.max(c.checked_on)).where(c.entry_id == E.id).scalar_subquery()
    changed = [
        entry_id
        for entry_id, updated_at, day in session.execute(
            select(E.id, E.updated_at, last_check).where(
                published, E.updated_at >= utc_start_of(month_start), checked_this_month
            )
        )
        # changed on a later (Asia/Shanghai) day than its last check; a change on the check's
        # own day is taken up the next day
        if day is not None and updated_at >= utc_start_of(day + timedelta(days=1))
    ]
    ids = sorted(set(unchecked) | set(changed))[:limit]
    return _check_ids(session, ids, today)


def ensure_checked(session: Session, period: Period, asof: date) -> tuple[int, int]:
    """Before a round counts: check the entries published at `asof` that have no check in the
    period yet; returns (checked, failed). The check is dated `asof` (the day the round counts
    to, so it falls in the period) and judges the entry as it stands now."""
    asof = min(asof, period.ends)
    c = ConformanceCheck
    checked_in_period = exists().where(
        c.entry_id == E.id, c.checked_on >= period.starts, c.checked_on <= asof
    )
    ids = list(
        session.scalars(
            select(E.id)
            .where(
                and_(E.status == EntryStatus.PUBLISHED, E.published_on <= asof),
                ~checked_in_period,
            )
            .order_by(E.id)
        )
    )
    return _check_ids(session, ids, asof)
