"""The offline store: one SQLite database per user and platform profile (SQLAlchemy, WAL).

Holds drafts (autosaved while typing, restored after a crash), the outbox of actions taken
offline (replayed in order with their idempotency keys), and cached lists with their "as of"
time, so the client works without the platform.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


def _now() -> datetime:
    return datetime.now(UTC)


class _Base(DeclarativeBase):
    pass


class DraftRow(_Base):
    __tablename__ = "drafts"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)  # "entry" | "request"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    server_id: Mapped[int | None] = mapped_column(Integer)
    server_version: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class OutboxRow(_Base):
    __tablename__ = "outbox"

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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CacheRow(_Base):
    __tablename__ = "cached_lists"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    items: Mapped[Any] = mapped_column(JSON)
    as_of: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


@dataclass(frozen=True)
class Draft:
    kind: str
    key: str
    data: dict[str, Any]
    server_id: int | None
    server_version: int | None
    title: str
    saved_at: datetime


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    idempotency_key: str
    method: str
    path: str
    body: Any
    if_match: int | None
    label: str
    state: str
    last_error: str | None
    draft_kind: str | None
    draft_key: str | None


def _draft(row: DraftRow) -> Draft:
    return Draft(
        row.kind,
        row.key,
        dict(row.data),
        row.server_id,
        row.server_version,
        row.title,
        row.saved_at,
    )


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(
        row.seq,
        row.idempotency_key,
        row.method,
        row.path,
        row.body,
        row.if_match,
        row.label,
        row.state,
        row.last_error,
        row.draft_kind,
        row.draft_key,
    )


def _pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a saved draft survives power loss, not just a crash
    cur.close()


class LocalStore:
    """Drafts, outbox and cached lists in one SQLite file. Thread-safe (one session per call)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.engine = create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(self.engine, "connect", _pragmas)
        _Base.metadata.create_all(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def _session(self) -> Session:
        return self._factory()

    # --- drafts ------------------------------------------------------------------------------

    def save_draft(
        self,
        kind: str,
        key: str,
        data: dict[str, Any],
        *,
        title: str = "",
        server_id: int | None = None,
        server_version: int | None = None,
    ) -> None:
        """Insert or replace the draft (committed and fsynced before returning)."""
        with self._session() as s:
            row = s.get(DraftRow, (kind, key)) or DraftRow(kind=kind, key=key)
            row.data = json.loads(json.dumps(data, default=str))
            row.title, row.saved_at = title, _now()
            row.server_id, row.server_version = server_id, server_version
            s.add(row)
            s.commit()

    def load_draft(self, kind: str, key: str) -> Draft | None:
        with self._session() as s:
            row = s.get(DraftRow, (kind, key))
            return _draft(row) if row else None

    def list_drafts(self, kind: str) -> list[Draft]:
        with self._session() as s:
            rows = s.scalars(
                select(DraftRow).where(DraftRow.kind == kind).order_by(DraftRow.saved_at.desc())
            )
            return [_draft(r) for r in rows]

    def delete_draft(self, kind: str, key: str) -> None:
        with self._session() as s:
            row = s.get(DraftRow, (kind, key))
            if row is not None:
                s.delete(row)
                s.commit()

    # --- outbox ------------------------------------------------------------------------------

    def enqueue(
        self,
        *,
        method: str,
        path: str,
        body: Any = None,
        if_match: int | None = None,
        label: str = "",
        draft: tuple[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> OutboxItem:
        """Queue an action for replay; it keeps its idempotency key across retries."""
        with self._session() as s:
            row = OutboxRow(
                idempotency_key=idempotency_key or uuid.uuid4().hex,
                method=method,
                path=path,
                body=body,
                if_match=if_match,
                label=label,
                draft_kind=draft[0] if draft else None,
                draft_key=draft[1] if draft else None,
            )
            s.add(row)
            s.commit()
            return _item(row)

    def outbox(self, *, states: tuple[str, ...] = ("pending",)) -> list[OutboxItem]:
        with self._session() as s:
            rows = s.scalars(
                select(OutboxRow).where(OutboxRow.state.in_(states)).order_by(OutboxRow.seq)
            )
            return [_item(r) for r in rows]

    def mark(self, seq: int, state: str, error: str | None = None) -> None:
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                row.state, row.last_error, row.attempts = state, error, row.attempts + 1
                s.commit()

    def update_item(self, seq: int, *, body: Any = None, if_match: int | None = None) -> None:
        """Rewrite a queued action (after the user resolved a conflict) and make it pending."""
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                row.body, row.if_match, row.state, row.last_error = body, if_match, "pending", None
                s.commit()

    def remove(self, seq: int) -> None:
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                s.delete(row)
                s.commit()

    def pending_count(self) -> int:
        return len(self.outbox(states=("pending", "conflict", "failed")))

    # --- cached lists ------------------------------------------------------------------------

    def cache_put(self, name: str, items: Any) -> None:
        with self._session() as s:
            row = s.get(CacheRow, name) or CacheRow(name=name)
            row.items, row.as_of = json.loads(json.dumps(items, default=str)), _now()
            s.add(row)
            s.commit()

    def cache_get(self, name: str) -> tuple[Any, datetime] | None:
        with self._session() as s:
            row = s.get(CacheRow, name)
            return (row.items, row.as_of) if row else None
