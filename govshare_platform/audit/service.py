"""Audit trail: append hash-chained events and verify the chain (第二十六条, 第三十三条).

Each event's hash is SHA-256 over the previous event's hash and the event's canonical JSON, so an
edited, inserted or deleted row breaks the chain at that point. Appenders first bump the single
`audit_head` row, which serialises them (row lock on PostgreSQL, the write lock on SQLite).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from govshare_platform.audit.models import GENESIS_HASH, AuditEvent, AuditHead
from govshare_platform.db import utcnow

GENESIS = GENESIS_HASH


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _payload(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_digest(prev_hash: str, record: str) -> str:
    """SHA-256 of the previous hash and an event's canonical JSON record."""
    return hashlib.sha256((prev_hash + record).encode("utf-8")).hexdigest()


def event_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 of the previous hash and the event's fields as canonical JSON."""
    return record_digest(prev_hash, _payload(fields))


def _fields(
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str | None,
    department_id: int | None,
    action: str,
    object_type: str | None,
    object_id: str | None,
    details: dict[str, Any],
    client_address: str | None,
    outcome: str,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "department_id": department_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": details,
        "client_address": client_address,
        "outcome": outcome,
    }


def _fields_of(event: AuditEvent) -> dict[str, Any]:
    return _fields(
        event.seq,
        event.at,
        event.actor_id,
        event.actor_name,
        event.department_id,
        event.action,
        event.object_type,
        event.object_id,
        event.details or {},
        event.client_address,
        event.outcome,
    )


def canonical_record(event: AuditEvent) -> str:
    """The exact text an event's hash covers (exports carry it, so rows re-hash offline)."""
    return _payload(_fields_of(event))


def _bump_head(session: Session) -> tuple[int, str]:
    row = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.hash)
    ).first()
    if row is None:  # a database created without the migration's head row
        session.execute(insert(AuditHead).values(id=1, seq=1, hash=GENESIS))
        return 1, GENESIS
    return int(row[0]), str(row[1])


def append(
    session: Session,
    *,
    action: str,
    actor_id: int | None = None,
    actor_name: str | None = None,
    department_id: int | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    details: dict[str, Any] | None = None,
    client_address: str | None = None,
    outcome: str = "ok",
) -> str:
    """Append one event in the caller's transaction; returns its hash."""
    seq, prev_hash = _bump_head(session)
    at = utcnow()
    fields = _fields(
        seq,
        at,
        actor_id,
        actor_name,
        department_id,
        action,
        object_type,
        None if object_id is None else str(object_id),
        _canonical(details or {}),
        client_address,
        outcome,
    )
    digest = event_digest(prev_hash, fields)
    row = dict(fields, at=at, prev_hash=prev_hash, hash=digest)
    session.execute(insert(AuditEvent).values(**row))
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=digest))
    return digest


def append_standalone(factory: sessionmaker[Session], **kwargs: Any) -> None:
    """Append in a transaction of its own: for events that must outlive a failed request."""
    with factory() as session:
        begin_write(session)
        append(session, **kwargs)
        session.commit()


def begin_write(session: Session) -> None:
    """Start a write transaction (BEGIN IMMEDIATE on SQLite: writers queue instead of failing)."""
    session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str | None = None
    base_seq: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS


def _iter_events(
    session: Session, after: int, upto: int, batch: int = 5000
) -> Iterator[AuditEvent]:
    last = after
    while True:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.seq > last, AuditEvent.seq <= upto)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def verify_chain(session: Session) -> VerifyResult:
    """Recompute every hash from the chain's base (audit_head.base_seq/base_hash: 0 and the
    genesis hash until a purge, 第二十六条) to the head, in order; report the first broken link.

    The head is read first and only events up to it are checked, so events appended while this
    runs are not mistaken for damage. A trail without its head row (deleted) is checked as if
    the head were at 0: any event then reads as "events after the head"."""
    head = session.get(AuditHead, 1)
    base_seq = head.base_seq if head is not None else 0
    base_hash = head.base_hash if head is not None else GENESIS
    head_seq = head.seq if head is not None else 0
    head_hash = head.hash if head is not None else GENESIS
    session.expunge_all()
    prev_hash, expected_seq, checked = base_hash, base_seq + 1, 0

    def result(broken: int | None = None, reason: str | None = None) -> VerifyResult:
        ok = reason is None
        return VerifyResult(ok, checked, broken, reason, base_seq, head_seq, head_hash)

    for event in _iter_events(session, base_seq, max(head_seq, base_seq)):
        if event.seq != expected_seq:
            return result(expected_seq, "missing event (sequence gap)")
        if event.prev_hash != prev_hash:
            return result(event.seq, "previous-hash link broken")
        if event_digest(prev_hash, _fields_of(event)) != event.hash:
            return result(event.seq, "event content altered")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    last_seq = base_seq + checked
    if head is None and session.scalar(select(AuditEvent.seq).limit(1)) is not None:
        return result(1, "the chain's head row was deleted")
    if head_seq != last_seq or head_hash != prev_hash:
        return result(last_seq + 1, "events after the last one were deleted")
    return result()
