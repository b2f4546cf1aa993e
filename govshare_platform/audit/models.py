"""Append-only, hash-chained audit events (第二十六条, 第三十三条)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from govshare_platform.db import Base, UTCDateTime, utcnow

GENESIS_HASH = "0" * 64
"""The previous hash of the first event ever written."""


class AuditEvent(Base):
    __tablename__ = "audit_events"
    # one index range per filter of GET /audit/events, each ending in seq (keyset pages, 0013);
    # (at, seq): the newest event before a time, ties by seq (the time filters' bounds, 0015)
    __table_args__ = (
        Index("ix_audit_events_at_seq", "at", "seq"),
        Index("ix_audit_events_action_seq", "action", "seq"),
        Index("ix_audit_events_actor_seq", "actor_id", "seq"),
        Index("ix_audit_events_department_seq", "department_id", "seq"),
        Index("ix_audit_events_object_seq", "object_type", "object_id", "seq"),
        Index("ix_audit_events_outcome_seq", "outcome", "seq"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str | None] = mapped_column(String(64))
    department_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    client_address: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16), default="ok")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """Single row holding the chain's head; updating it first serialises appenders.

    `base_seq`/`base_hash` are where the kept chain starts: 0 and the genesis hash until an
    archived range is purged (retention, 第二十六条); then the last purged event's.

    `max_at`/`disorder_seq` (0015) make the time filters of GET /audit/events index ranges of
    `seq` (govshare_platform.audit.query): `max_at` is the latest `at` of the chain so far and
    `disorder_seq` the last event whose `at` was earlier than an earlier event's (written out of
    order: an explicit `at`, a clock stepped back); after it `at` never falls. `max_lag_us`
    (0018) is how far behind the latest earlier `at` any event has been written, in
    microseconds (0: never), so a disorder anywhere in the chain widens the time filters'
    ranges by that much only. All three are kept by every append under the head lock.

    `full_verify_at`: when the scheduled full verification last started (the maintenance
    sweep claims it with a conditional update of this row: once across processes)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    base_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default=text("0"))
    base_hash: Mapped[str] = mapped_column(
        String(64), default=GENESIS_HASH, server_default=text(f"'{GENESIS_HASH}'")
    )
    max_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disorder_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default=text("0"))
    max_lag_us: Mapped[int] = mapped_column(BigInteger, default=0, server_default=text("0"))
    full_verify_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditCheckpoint(Base):
    """A signed statement "the chain had `seq` events ending in `hash` at `at`".

    Signed with a key the database does not hold (govshare_platform.audit.anchor); each one is
    also written outside the database (the checkpoint file, and every backup), so truncating,
    re-hashing or wiping the trail is found against the last checkpoint."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(200))
