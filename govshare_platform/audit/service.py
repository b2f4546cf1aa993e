"""Audit trail: append hash-chained events and verify the chain (第二十六条, 第三十三条).

Each event's hash is SHA-256 over the previous event's hash and the event's canonical JSON, so an
edited, inserted or deleted row breaks the chain at that point.

`append` only records the event as pending in the session; the chain is written when the
transaction commits (a `before_commit` hook, or `flush_pending` where a caller needs the events
in the database before that), after the session's own changes are flushed. The single
`audit_head` row orders the chain and serialises appenders (row lock on PostgreSQL, the write
lock on SQLite); it is now taken at the very end (issue 12: every write in every process queued
on it while the request went on computing). On PostgreSQL one statement per event locks the
head, takes the time, computes the same SHA-256 in SQL, moves the head and inserts the event,
and it is sent together with the COMMIT in one round trip. On SQLite the head is bumped by the
number of pending events, the hashes made here and the events inserted. An event's `at` is taken
under the head lock, so `at` follows `seq`. A rolled-back transaction drops its pending events,
as it dropped the rows before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from weakref import WeakSet

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

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


_US = timedelta(microseconds=1)  # AuditHead.max_lag_us counts whole microseconds, as `at` has


def canonical_record(event: AuditEvent) -> str:
    """The exact text an event's hash covers (exports carry it, so rows re-hash offline)."""
    return _payload(_fields_of(event))


@dataclass(frozen=True)
class _Reserved:
    """What `_bump_head` returns: the first of the reserved sequence numbers, the hash before
    it, and the head's time-order marks (AuditHead.max_at, disorder_seq, max_lag_us) before
    them."""

    seq: int
    prev_hash: str
    max_at: datetime | None
    disorder_seq: int
    max_lag_us: int


def _bump_head(session: Session, count: int) -> _Reserved:
    """Reserve `count` sequence numbers (locks the head until the transaction ends)."""
    conn = session.connection()
    row = conn.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(seq=AuditHead.seq + count)
        .returning(
            AuditHead.seq,
            AuditHead.hash,
            AuditHead.max_at,
            AuditHead.disorder_seq,
            AuditHead.max_lag_us,
        )
    ).first()
    if row is None:  # a database created without the migration's head row
        conn.execute(insert(AuditHead).values(id=1, seq=count, hash=GENESIS))
        return _Reserved(1, GENESIS, None, 0, 0)
    seq, prev_hash, max_at, disorder_seq, max_lag_us = row
    return _Reserved(int(seq) - count + 1, str(prev_hash), max_at, disorder_seq, max_lag_us)


_PENDING = "govshare_audit_pending"
"""session.info key: the events appended in the session's transaction and not yet written
(their fields without `seq` and `at`, and the `at` given, if any)."""


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
    at: datetime | None = None,
) -> None:
    """Append one event in the caller's transaction: written to the chain when it commits.

    `at` is the clock when it is written (under the head lock); give it only to record an event
    of the past (imports, tests)."""
    event_fields = {
        "actor_id": actor_id,
        "actor_name": actor_name,
        "department_id": department_id,
        "action": action,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "details": _canonical(details or {}),
        "client_address": client_address,
        "outcome": outcome,
    }
    session.info.setdefault(_PENDING, []).append((event_fields, at))


def pending_count(session: Session) -> int:
    """How many events of the session's transaction are still to be written."""
    return len(session.info.get(_PENDING, ()))


def flush_pending(session: Session, *, commit: bool = False) -> None:
    """Write the session's pending events to the chain now (in its transaction, which then holds
    the head row until it ends). The commit does this by itself (`commit=True`: from the
    before_commit hook, which on PostgreSQL sends the events and the COMMIT in one round trip);
    call it only where the events must be in the database earlier (a checkpoint that covers
    them)."""
    pending: list[tuple[dict[str, Any], datetime | None]] = session.info.pop(_PENDING, None) or []
    if not pending:
        return
    session.flush()  # the transaction's own changes first, before the head is locked
    conn = session.connection()
    if conn.dialect.name == "postgresql" and conn.engine in _HEAD_SEEN:
        statements = [_pg_statement(fields, at) for fields, at in pending]
        if commit and isinstance(session.get_bind(), Engine):  # the session owns the transaction
            _execute_and_commit(conn, statements)
        else:
            for sql, params in statements:
                conn.exec_driver_sql(sql, params)
        return
    _append_here(session, pending)
    _HEAD_SEEN.add(conn.engine)


_HEAD_SEEN: WeakSet[Engine] = WeakSet()
"""Engines whose head row this process has written through (the one-statement append needs it;
the first append of a process goes through `_append_here`, which creates a missing head row)."""


def _append_here(session: Session, pending: list[tuple[dict[str, Any], datetime | None]]) -> None:
    """Bump the head by len(pending), hash the events here, insert them, store the new hash and
    the time-order marks (an event earlier than the latest so far becomes `disorder_seq`, and
    how far it is behind raises `max_lag_us`)."""
    head = _bump_head(session, len(pending))
    prev_hash = head.prev_hash
    order = _TimeOrder(head.max_at, head.disorder_seq, head.max_lag_us)
    rows = []
    for offset, (event_fields, given_at) in enumerate(pending):
        at = given_at or utcnow()
        seq = head.seq + offset
        fields = dict(event_fields, seq=seq, at=at.isoformat(timespec="microseconds"))
        digest = event_digest(prev_hash, fields)
        rows.append(dict(fields, at=at, prev_hash=prev_hash, hash=digest))
        prev_hash = digest
        order.see(seq, at)
    conn = session.connection()
    conn.execute(insert(AuditEvent), rows)
    marks = {"hash": prev_hash, **order.marks()}
    conn.execute(update(AuditHead).where(AuditHead.id == 1).values(**marks))


_AT_MARK = "@at@"
_SEQ_END = '"seq":0}'

# PostgreSQL: lock the head, take the time, hash, move the head and insert the event in ONE
# statement. The hash is the same SHA-256 as event_digest: the canonical JSON is made here with
# placeholders for `at` and `seq` (`at` sorts fourth and `seq` last of the top-level keys) and
# completed in SQL. The head's time-order marks are kept as in `_append_here`. Without a head
# row, `seq` is NULL and the insert fails (NOT NULL): no event is ever lost silently. psycopg's
# %(name)s parameters (exec_driver_sql, ClientCursor.mogrify).
_APPEND_PG = """
WITH h AS MATERIALIZED (
    SELECT seq, hash, max_at, disorder_seq, max_lag_us FROM audit_head WHERE id = 1 FOR UPDATE
), t0 AS MATERIALIZED (
    SELECT h.seq + 1 AS seq, h.hash AS prev, h.max_at, h.disorder_seq, h.max_lag_us,
           COALESCE(CAST(%(at)s AS timestamptz), clock_timestamp()) AS at
    FROM (SELECT 1) AS one LEFT JOIN h ON true
), t AS MATERIALIZED (
    SELECT seq, prev, at, max_at, disorder_seq, max_lag_us, encode(sha256(convert_to(
        prev || %(p1)s || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
        || '+00:00' || %(p2)s || seq::text || '}', 'UTF8')), 'hex') AS hash
    FROM t0
), u AS (
    UPDATE audit_head SET seq = t.seq, hash = t.hash, max_at = GREATEST(t.max_at, t.at),
        disorder_seq = CASE WHEN t.at < t.max_at THEN t.seq ELSE t.disorder_seq END,
        max_lag_us = CASE WHEN t.at < t.max_at THEN GREATEST(t.max_lag_us,
            CAST(extract(epoch FROM t.max_at - t.at) * 1000000 AS bigint)) ELSE t.max_lag_us END
    FROM t WHERE audit_head.id = 1
)
INSERT INTO audit_events (seq, at, actor_id, actor_name, department_id, action, object_type,
    object_id, details, client_address, outcome, prev_hash, hash)
SELECT t.seq, t.at, %(actor_id)s, %(actor_name)s, %(department_id)s, %(action)s,
    %(object_type)s, %(object_id)s, CAST(%(details)s AS json), %(client_address)s, %(outcome)s,
    t.prev, t.hash
FROM t
"""


def _pg_statement(event_fields: dict[str, Any], at: datetime | None) -> tuple[str, dict[str, Any]]:
    """The one-statement append of an event on PostgreSQL, and its parameters."""
    payload = _payload(dict(event_fields, seq=0, at=_AT_MARK))
    before, mark, after = payload.partition(f'"at":"{_AT_MARK}"')
    assert mark and after.endswith(_SEQ_END), "the canonical record's key order changed"
    params = dict(
        event_fields,
        details=json.dumps(event_fields["details"], ensure_ascii=False),
        at=at,
        p1=before + '"at":"',
        p2='"' + after[: -len("0}")],
    )
    return _APPEND_PG, params


def _execute_and_commit(conn: Connection, statements: list[tuple[str, dict[str, Any]]]) -> None:
    """Send the appends and the COMMIT in one round trip (psycopg binds them client-side), so the
    head row is held only while the server runs them: no wait for this process between the
    statement that locks it and the commit. SQLAlchemy's own COMMIT then finds no transaction
    open (a no-op in psycopg)."""
    import psycopg  # PostgreSQL only

    raw = conn.connection.driver_connection
    with psycopg.ClientCursor(raw) as cursor:  # type: ignore[arg-type]
        script = "; ".join([*(cursor.mogrify(sql, p) for sql, p in statements), "COMMIT"])
        try:
            cursor.execute(script)
        except psycopg.Error as exc:  # as SQLAlchemy would raise it (IntegrityError, ...)
            raise DBAPIError.instance(script, None, exc, psycopg.Error) from exc


@sa_event.listens_for(Session, "before_commit")
def _append_pending(session: Session) -> None:
    if session.info.get(_PENDING) and not session.in_nested_transaction():
        flush_pending(session, commit=True)


@sa_event.listens_for(Session, "after_transaction_end")
def _drop_pending(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed (written above) or rolled back: nothing left
        session.info.pop(_PENDING, None)


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
    from_seq: int = 0  # rehashed from here (the base, or a checkpoint that verified)


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


def verify_chain(session: Session, *, start: tuple[int, str] | None = None) -> VerifyResult:
    """Recompute every hash from the chain's base (audit_head.base_seq/base_hash: 0 and the
    genesis hash until a purge, 第二十六条) to the head, in order; report the first broken link.

    The head is read first and only events up to it are checked, so events appended while this
    runs are not mistaken for damage. A trail without its head row (deleted) is checked as if
    the head were at 0: any event then reads as "events after the head".

    `start` (seq, hash): rehash only the events after that one, taking its hash as given (a
    signed checkpoint that was found to match: anchor.verify's incremental check).

    A full check also recomputes the head's time-order marks (`max_at`, `disorder_seq`,
    `max_lag_us`, which the time filters of GET /audit/events rely on): marks moved back below
    what the events show would let a time filter miss events, and are reported."""
    head = session.get(AuditHead, 1)
    base_seq = head.base_seq if head is not None else 0
    base_hash = head.base_hash if head is not None else GENESIS
    head_seq = head.seq if head is not None else 0
    head_hash = head.hash if head is not None else GENESIS
    marks = (head.max_at, head.disorder_seq, head.max_lag_us) if head is not None else None
    session.expunge_all()
    from_seq, prev_hash = start if start is not None else (base_seq, base_hash)
    expected_seq, checked = from_seq + 1, 0
    order = _TimeOrder()

    def result(broken: int | None = None, reason: str | None = None) -> VerifyResult:
        ok = reason is None
        return VerifyResult(ok, checked, broken, reason, base_seq, head_seq, head_hash, from_seq)

    for event in _iter_events(session, from_seq, max(head_seq, from_seq)):
        if event.seq != expected_seq:
            return result(expected_seq, "missing event (sequence gap)")
        if event.prev_hash != prev_hash:
            return result(event.seq, "previous-hash link broken")
        if event_digest(prev_hash, _fields_of(event)) != event.hash:
            return result(event.seq, "event content altered")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
        order.see(event.seq, event.at)
    last_seq = from_seq + checked
    if head is None and session.scalar(select(AuditEvent.seq).limit(1)) is not None:
        return result(1, "the chain's head row was deleted")
    if head_seq != last_seq or head_hash != prev_hash:
        return result(last_seq + 1, "events after the last one were deleted")
    moved = order.below(*marks) if start is None and marks is not None else None
    return result(moved, _MARKS_MOVED) if moved is not None else result()


class _TimeOrder:
    """The head's time-order marks over events seen in seq order: kept by `_append_here` from
    the head's stored marks, recomputed from the start by `verify_chain` (PostgreSQL's
    one-statement append keeps them in SQL, _APPEND_PG)."""

    def __init__(
        self, max_at: datetime | None = None, disorder_seq: int = 0, max_lag_us: int = 0
    ) -> None:
        # the latest `at` so far and its event (0: from stored marks)
        self.latest: tuple[datetime, int] | None = None if max_at is None else (max_at, 0)
        self.disorder = disorder_seq  # the last event earlier than an earlier one
        self.lag = (max_lag_us, 0)  # the most an event was behind the latest before it (µs)

    def see(self, seq: int, at: datetime) -> None:
        if self.latest is not None and at < self.latest[0]:
            self.disorder = seq
            self.lag = max(self.lag, ((self.latest[0] - at) // _US, seq))
        else:
            self.latest = (at, seq)

    def marks(self) -> dict[str, Any]:
        """The head's columns for these marks."""
        return {
            "max_at": None if self.latest is None else self.latest[0],
            "disorder_seq": self.disorder,
            "max_lag_us": self.lag[0],
        }

    def below(self, max_at: datetime | None, disorder_seq: int, max_lag_us: int) -> int | None:
        """The event that shows stored marks moved back (below what the events show), or
        None when they cover the events."""
        if disorder_seq < self.disorder:
            return self.disorder
        if max_lag_us < self.lag[0]:
            return self.lag[1]
        if self.latest is not None and (max_at is None or max_at < self.latest[0]):
            return self.latest[1]
        return None


_MARKS_MOVED = "the head's time-order marks were moved back: time filters could miss events"
