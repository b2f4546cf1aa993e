"""Tables of the offline store (the schema is built by the Alembic migrations beside this)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from govshare_core.clock import utcnow


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite keeps no offset), read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class DraftRow(Base):
    __tablename__ = "drafts"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)  # "entry" | "request" | …
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    server_id: Mapped[int | None] = mapped_column(Integer)
    server_version: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    body: Mapped[Any] = mapped_column(JSON, nullable=True)
    if_match: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")
    draft_kind: Mapped[str | None] = mapped_column(String(32))
    draft_key: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|conflict|failed
    last_error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # 0002: the server's object when a replay met 412, for the compare view.
    server_object: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CacheRow(Base):
    __tablename__ = "cached_lists"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    items: Mapped[Any] = mapped_column(JSON)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SeenTodoRow(Base):
    """0003: a 待办 (to-do) item the user has seen (notified, or opened in the to-do list), so
    it is not notified again; dropped when the item leaves the to-do list (notifications/)."""

    __tablename__ = "seen_todos"
    __table_args__ = (Index("ix_seen_todos_how_seen_at", "how", "seen_at"),)

    kind: Mapped[str] = mapped_column(String(48), primary_key=True)
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(48), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    how: Mapped[str] = mapped_column(String(16))  # notified | muted | opened
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NotifyKindRow(Base):
    """0003: whether to-dos of a kind raise a desktop notification (absent: they do)."""

    __tablename__ = "notify_kinds"

    kind: Mapped[str] = mapped_column(String(48), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
