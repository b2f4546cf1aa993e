"""Reading the audit trail: the filters of GET /audit/events, keyset pages newest first, and the
whole selection in batches for an export (oldest first).

Every filter that narrows much is one index range ending in `seq` (migration 0013), so a page
(seq < before_seq, newest first, LIMIT n) reads the rows it returns and no more, at any depth.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from govshare_core.schemas import AuditEventOut
from govshare_platform.audit.models import AuditEvent

MAX_LIMIT = 1000


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

    def clauses(self) -> list[ColumnElement[bool]]:
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
        if self.until is not None:
            out.append(AuditEvent.at < self.until)
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
    clauses = filters.clauses()
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
