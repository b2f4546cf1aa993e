"""Reading the audit trail: the filters of GET /audit/events, keyset pages newest first, and the
whole selection in batches for an export (oldest first).

Every filter that narrows much is one index range ending in `seq` (migration 0013), so a page
(seq < before_seq, newest first, LIMIT n) reads the rows it returns and no more, at any depth.

The time filters (`since`, `until`) are turned into `seq` bounds too (migration 0015): `at`
follows `seq` except where an event was written out of order, and the head's `disorder_seq` is
the last such event; after it no `at` falls below an earlier one. So, with `c` the newest event
before `until` (by `at`, then `seq`: one probe of the (at, seq) index), every event before
`until` has `seq <= max(c, disorder_seq)`: one after both would be at least as late as `c` and
later in seq, so `c` would not be the newest. Likewise with `c` the oldest event from `since`
(by `at`, then `seq`), when `c > disorder_seq` every event from `since` has `seq >= c` (and all
of them there match); otherwise there is no lower bound. No such event: nothing matches. The
`at` conditions stay, for the events up to `disorder_seq`; the bounds only let the database read
an index range of `seq` instead of walking the trail for the rows of a page. The bounds are
scalar subqueries of the same statement, so they and the rows come from one snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from govshare_core.schemas import AuditEventOut
from govshare_platform.audit.models import AuditEvent, AuditHead

MAX_LIMIT = 1000
_NO_BOUND = 2**62  # the disorder_seq taken without a head row: no seq bound at all


def _disorder_seq() -> ColumnElement[int]:
    head = select(AuditHead.disorder_seq).where(AuditHead.id == 1).scalar_subquery()
    return func.coalesce(head, _NO_BOUND)


def until_bound(until: datetime) -> ColumnElement[bool]:
    """`seq <= max(c, disorder_seq)`, c the newest event before `until` (NULL: none, no row)."""
    newest = (
        select(AuditEvent.seq)
        .where(AuditEvent.at < until)
        .order_by(AuditEvent.at.desc(), AuditEvent.seq.desc())
        .limit(1)
        .scalar_subquery()
    )
    disorder = _disorder_seq()
    return AuditEvent.seq <= case((newest <= disorder, disorder), else_=newest)


def since_bound(since: datetime) -> ColumnElement[bool]:
    """`seq >= c` (c the oldest event from `since`) when c > disorder_seq, else `seq >= 0`."""
    oldest = (
        select(AuditEvent.seq)
        .where(AuditEvent.at >= since)
        .order_by(AuditEvent.at, AuditEvent.seq)
        .limit(1)
        .scalar_subquery()
    )
    return AuditEvent.seq >= case((oldest <= _disorder_seq(), 0), else_=oldest)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class AuditFilter:
    actions: Sequence[str] = field(default_factory=tuple)
    actor_id: int | None = None
    actor_name: str | None = None  # prefix
    department_id: int | None = None
    object_type: str | None = None
    object_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # exclusive, aware

    def time_only(self) -> bool:
        """No filter but `since`/`until` (the (at, seq) index alone answers a count)."""
        return self.given().keys() <= {"since", "until"}

    def clauses(self, *, seq_bounds: bool = True) -> list[ColumnElement[bool]]:
        """The conditions; `seq_bounds`: with the time filters' `seq` bounds (module doc)."""
        out: list[ColumnElement[bool]] = []
        if self.actions:
            out.append(AuditEvent.action.in_(list(self.actions)))
        if self.actor_id is not None:
            out.append(AuditEvent.actor_id == self.actor_id)
        if self.actor_name:
            pattern = _escape_like(self.actor_name) + "%"
            out.append(AuditEvent.actor_name.like(pattern, escape="\\"))
        if self.department_id is not None:
            out.append(AuditEvent.department_id == self.department_id)
        if self.object_type is not None:
            out.append(AuditEvent.object_type == self.object_type)
        if self.object_id is not None:
            out.append(AuditEvent.object_id == self.object_id)
        if self.outcome is not None:
            out.append(AuditEvent.outcome == self.outcome)
        if self.since is not None:
            out.append(AuditEvent.at >= self.since)
            if seq_bounds:
                out.append(since_bound(self.since))
        if self.until is not None:
            out.append(AuditEvent.at < self.until)
            if seq_bounds:
                out.append(until_bound(self.until))
        return out

    def given(self) -> dict[str, Any]:
        """The filters set, as JSON-able values (for the audit event of a read)."""
        values = {
            "action": list(self.actions) or None,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "department_id": self.department_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "outcome": self.outcome,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
        return {k: v for k, v in values.items() if v is not None}


def page(
    session: Session, filters: AuditFilter, *, before_seq: int | None, limit: int
) -> tuple[list[AuditEventOut], int | None]:
    """One page newest first, and the before_seq of the next (older) page, None at the end."""
    clauses = filters.clauses()
    if before_seq is not None:
        clauses.append(AuditEvent.seq < before_seq)
    rows = session.scalars(
        select(AuditEvent).where(*clauses).order_by(AuditEvent.seq.desc()).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    items = [AuditEventOut.model_validate(e) for e in rows[:limit]]
    return items, (items[-1].seq if more and items else None)


def count(session: Session, filters: AuditFilter, *, upto_seq: int | None = None) -> int:
    """The matches (every one is visited: the bounds only narrow a range of another filter's
    index; a time range alone is counted on the (at, seq) index, where PostgreSQL misjudges a
    `seq` bound it cannot see at planning and would read the rows: 0.73 s instead of 0.17 s
    for 900,000 matches)."""
    clauses = filters.clauses(seq_bounds=not filters.time_only())
    if upto_seq is not None:
        clauses.append(AuditEvent.seq <= upto_seq)
    query = select(func.count()).select_from(AuditEvent).where(*clauses)
    return int(session.scalar(query) or 0)


def iterate(
    session: Session,
    filters: AuditFilter,
    *,
    after_seq: int = 0,
    upto_seq: int | None = None,
    batch: int = 2000,
) -> Iterator[list[AuditEvent]]:
    """The selection oldest first in keyset batches (an export never holds it all)."""
    last = after_seq
    while True:
        clauses = [*filters.clauses(), AuditEvent.seq > last]
        if upto_seq is not None:
            clauses.append(AuditEvent.seq <= upto_seq)
        rows = session.scalars(
            select(AuditEvent).where(*clauses).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            return
        session.expunge_all()
        yield list(rows)
        last = rows[-1].seq
