"""Reading the exchange log (第二十六条 交换日志, 查询日志): who sees which records, the filters,
keyset pages newest first, names joined in one query, and the retention purge.

Visibility (第二十二条, 第二十六条): a provider department (DELIVERY_ROLES) sees the records of
accesses to its resources (`provider_department_id`), a consumer department (CONSUMER_ROLES) its
own accesses (`department_id`), the audit admin and the platform admin every record. Each side is
one index range (`ix_exchange_log_provider` / `ix_exchange_log_department`, both ending in id);
a caller on both sides gets the two ranges merged, never an OR the database would scan for.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, delete, func, select
from sqlalchemy.orm import Session

from govshare_core.exchange import CONSUMER_ROLES, DELIVERY_ROLES, AccessAction, AccessOutcome
from govshare_core.exchange_schemas import ExchangeLogOut
from govshare_core.rules import DEFAULT_LOG_RETENTION_YEARS
from govshare_core.vocab import Role
from govshare_platform.audit import service as audit
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.clock import SHANGHAI
from govshare_platform.db import shared_alias
from govshare_platform.departments.models import Department, User
from govshare_platform.exchange.models import ExchangeLog

LogSide = Literal["provider", "consumer", "all"]
MAX_LIMIT = 200
EVERYTHING: tuple[ColumnElement[bool], ...] = ()
"""The visibility of the audit admin and the platform admin: no restriction."""


class NotVisible(Exception):
    """The caller's roles see no side of the log asked for."""


def visibility(
    roles: set[Role], department_id: int, side: LogSide
) -> tuple[ColumnElement[bool], ...] | None:
    """The index ranges the caller may read (EVERYTHING for the admins); NotVisible if none."""
    if roles & {Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN}:
        return EVERYTHING
    ranges = []
    if side in ("provider", "all") and roles & DELIVERY_ROLES:
        ranges.append(ExchangeLog.provider_department_id == department_id)
    if side in ("consumer", "all") and roles & CONSUMER_ROLES:
        ranges.append(ExchangeLog.department_id == department_id)
    if not ranges:
        raise NotVisible()
    return tuple(ranges)


@dataclass(frozen=True)
class LogFilter:
    action: AccessAction | None = None
    outcome: AccessOutcome | None = None
    entry_id: int | None = None
    department_id: int | None = None  # the acting department
    since: date | None = None  # Asia/Shanghai dates, inclusive
    until: date | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.action is not None:
            out.append(ExchangeLog.action == str(self.action))
        if self.outcome is not None:
            out.append(ExchangeLog.outcome == str(self.outcome))
        if self.entry_id is not None:
            out.append(ExchangeLog.entry_id == self.entry_id)
        if self.department_id is not None:
            out.append(ExchangeLog.department_id == self.department_id)
        if self.since is not None:
            out.append(ExchangeLog.at >= utc_start(self.since))
        if self.until is not None:
            out.append(ExchangeLog.at < utc_start(self.until + timedelta(days=1)))
        return out


def utc_start(day: date) -> datetime:
    """The UTC moment the Asia/Shanghai `day` begins."""
    return datetime.combine(day, time(), SHANGHAI).astimezone(UTC)


def _ids(
    session: Session,
    ranges: tuple[ColumnElement[bool], ...],
    where: Sequence[ColumnElement[bool]],
    before_id: int | None,
    limit: int,
) -> list[int]:
    """The newest `limit` ids visible and matching, below `before_id`; one index range each."""
    below = [ExchangeLog.id < before_id] if before_id is not None else []
    branches = ranges or (None,)
    found: list[list[int]] = []
    for clause in branches:
        query: Select[Any] = select(ExchangeLog.id).where(*where, *below)
        if clause is not None:
            query = query.where(clause)
        found.append(list(session.scalars(query.order_by(ExchangeLog.id.desc()).limit(limit))))
    merged = heapq.merge(*found, key=lambda i: -i)
    out: list[int] = []
    for log_id in merged:
        if not out or out[-1] != log_id:
            out.append(log_id)
        if len(out) == limit:
            break
    return out


_Actor = shared_alias(Department, name="log_dept")
_Provider = shared_alias(Department, name="log_provider")


def _load(session: Session, ids: list[int]) -> list[ExchangeLogOut]:
    """The records of `ids` with their names, newest first (one query)."""
    if not ids:
        return []
    query = (
        select(ExchangeLog, User.full_name, _Actor.name, _Provider.name, CatalogEntry.name)
        .outerjoin(User, User.id == ExchangeLog.user_id)
        .join(_Actor, _Actor.id == ExchangeLog.department_id)
        .outerjoin(_Provider, _Provider.id == ExchangeLog.provider_department_id)
        .outerjoin(CatalogEntry, CatalogEntry.id == ExchangeLog.entry_id)
        .where(ExchangeLog.id.in_(ids))
        .order_by(ExchangeLog.id.desc())
    )
    out = []
    for row, user_name, dept_name, provider_name, entry_name in session.execute(query):
        out.append(
            ExchangeLogOut(
                id=row.id,
                at=row.at,
                action=AccessAction(row.action),
                outcome=AccessOutcome(row.outcome),
                reason=row.reason,
                user_id=row.user_id,
                user_name=user_name,
                department_id=row.department_id,
                department_name=dept_name,
                entry_id=row.entry_id,
                entry_name=entry_name,
                provider_department_id=row.provider_department_id,
                provider_department_name=provider_name,
                delivery_id=row.delivery_id,
                grant_ids=list(row.grant_ids or []),
                items=list(row.items or []),
                rows=row.rows,
                bytes=row.bytes,
                client_address=row.client_address,
            )
        )
    return out


def page(
    session: Session,
    *,
    ranges: tuple[ColumnElement[bool], ...],
    filters: LogFilter,
    before_id: int | None,
    limit: int,
) -> tuple[list[ExchangeLogOut], int | None]:
    """One keyset page, newest first, and the `before_id` of the next page (None at the end)."""
    ids = _ids(session, ranges, filters.clauses(), before_id, limit + 1)
    more = len(ids) > limit
    ids = ids[:limit]
    return _load(session, ids), (ids[-1] if more and ids else None)


def iterate(
    session: Session,
    *,
    ranges: tuple[ColumnElement[bool], ...],
    filters: LogFilter,
    batch: int = 1000,
) -> Iterator[list[ExchangeLogOut]]:
    """The whole selection in keyset batches, newest first (an export never holds it all)."""
    before: int | None = None
    while True:
        rows, before = page(session, ranges=ranges, filters=filters, before_id=before, limit=batch)
        if rows:
            yield rows
        if before is None:
            return


# --- retention (第二十六条) -------------------------------------------------------------------


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def purge_expired(session: Session, *, today: date, retention_years: int) -> int:
    """Delete records older than the policy's retention (never less than the 5-year minimum,
    第二十六条); audited. Returns how many were deleted. The caller commits."""
    years = max(retention_years, DEFAULT_LOG_RETENTION_YEARS)
    cutoff = utc_start(_years_before(today, years))
    count = session.scalar(select(func.count()).where(ExchangeLog.at < cutoff)) or 0
    if count:
        session.execute(delete(ExchangeLog).where(ExchangeLog.at < cutoff))
        audit.append(
            session,
            action="exchange_log_purge",
            actor_name="system",
            details={"deleted": count, "before": cutoff.isoformat(), "retention_years": years},
        )
    return count
