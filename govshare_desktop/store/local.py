"""The offline store: one SQLite database per user and platform profile (SQLAlchemy, WAL).

Holds drafts (autosaved while typing, restored after a crash), the outbox of actions taken
offline (replayed in order with their idempotency keys), and cached lists with their "as of"
time, so the client works without the platform. The schema comes from the Alembic migrations
in `migrations/`, applied when the store opens.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from govshare_desktop.store import migrate
from govshare_desktop.store.models import (
    CacheRow,
    DraftRow,
    NotifyKindRow,
    OutboxRow,
    SeenTodoRow,
    utcnow,
)
from govshare_desktop.store.paths import store_path

OPEN_STATES = ("pending", "conflict", "failed")


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
    attempts: int = 0
    server_object: Any = None
    created_at: datetime | None = None

    @property
    def draft(self) -> tuple[str, str] | None:
        return (self.draft_kind, self.draft_key) if self.draft_kind and self.draft_key else None


TodoKey = tuple[str, int, str]
"""A 待办 (to-do) item as the notifications know it: (kind, object id, state)."""


@dataclass(frozen=True)
class SeenTodo:
    """A to-do the user has seen: `how` = notified | muted (its kind does not notify) |
    opened (in the to-do list before any notification)."""

    kind: str
    object_id: int
    state: str
    title: str
    how: str
    seen_at: datetime | None = None

    @property
    def key(self) -> TodoKey:
        return (self.kind, self.object_id, self.state)


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
        row.attempts or 0,
        row.server_object,
        row.created_at,
    )


def _seen(row: SeenTodoRow) -> SeenTodo:
    return SeenTodo(row.kind, row.object_id, row.state, row.title, row.how, row.seen_at)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a saved draft survives power loss, not just a crash
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _matches(item: Any, terms: list[str], fields: tuple[str, ...] | None) -> bool:
    if isinstance(item, dict):
        values = [item.get(f) for f in fields] if fields else list(item.values())
    else:
        values = [item]
    text = " ".join(str(v) for v in values if v is not None and not isinstance(v, dict)).lower()
    return all(t in text for t in terms)


class LocalStore:
    """Drafts, outbox and cached lists in one SQLite file. Thread-safe (one session per call)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.engine = create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(self.engine, "connect", _pragmas)
        migrate.upgrade(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def for_user(cls, profile: str, username: str) -> LocalStore:
        """The store of `username` on `profile`, under the user data directory (store.paths)."""
        return cls(store_path(profile, username))

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
    ) -> datetime:
        """Insert or replace the draft (committed and fsynced before returning); its time."""
        with self._session() as s:
            row = s.get(DraftRow, (kind, key)) or DraftRow(kind=kind, key=key)
            row.data = _jsonable(data)
            row.title, row.saved_at = title, utcnow()
            row.server_id, row.server_version = server_id, server_version
            s.add(row)
            s.commit()
            return row.saved_at

    def load_draft(self, kind: str, key: str) -> Draft | None:
        with self._session() as s:
            row = s.get(DraftRow, (kind, key))
            return _draft(row) if row else None

    def list_drafts(self, kind: str) -> list[Draft]:
        """The drafts of `kind`, newest first (to offer restoring them)."""
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
                body=_jsonable(body),
                if_match=if_match,
                label=label,
                draft_kind=draft[0] if draft else None,
                draft_key=draft[1] if draft else None,
                state="pending",
                attempts=0,
                updated_at=utcnow(),
            )
            s.add(row)
            s.commit()
            return _item(row)

    def outbox(self, *, states: tuple[str, ...] = ("pending",)) -> list[OutboxItem]:
        """Queued actions in these states, in the order they were taken."""
        with self._session() as s:
            rows = s.scalars(
                select(OutboxRow).where(OutboxRow.state.in_(states)).order_by(OutboxRow.seq)
            )
            return [_item(r) for r in rows]

    def item(self, seq: int) -> OutboxItem | None:
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            return _item(row) if row else None

    def mark(self, seq: int, state: str, error: str | None = None) -> None:
        """Record an attempt: the item's new state and the message to show (if any)."""
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                row.state, row.last_error, row.attempts = state, error, (row.attempts or 0) + 1
                row.updated_at = utcnow()
                s.commit()

    def mark_conflict(self, seq: int, server_object: Any, error: str | None = None) -> None:
        """The platform refused the item's version (412): keep its current object to compare."""
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                row.state, row.last_error = "conflict", error
                row.server_object = _jsonable(server_object)
                row.attempts, row.updated_at = (row.attempts or 0) + 1, utcnow()
                s.commit()

    def update_item(self, seq: int, *, body: Any = None, if_match: int | None = None) -> None:
        """Rewrite a queued action (after the user resolved a conflict) and make it pending."""
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                row.body, row.if_match, row.state, row.last_error = (
                    _jsonable(body),
                    if_match,
                    "pending",
                    None,
                )
                row.server_object, row.updated_at = None, utcnow()
                s.commit()

    def remove(self, seq: int) -> None:
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is not None:
                s.delete(row)
                s.commit()

    def complete(self, seq: int) -> None:
        """The platform accepted the item: remove it and its draft in one transaction."""
        with self._session() as s:
            row = s.get(OutboxRow, seq)
            if row is None:
                return
            if row.draft_kind and row.draft_key:
                draft = s.get(DraftRow, (row.draft_kind, row.draft_key))
                if draft is not None:
                    s.delete(draft)
            s.delete(row)
            s.commit()

    def resolve_ref(self, placeholder: str, value: str) -> int:
        """Put a created object's id into the queued paths that wait for it; how many."""
        with self._session() as s:
            rows = s.scalars(select(OutboxRow).where(OutboxRow.path.contains(placeholder))).all()
            for row in rows:
                row.path, row.updated_at = row.path.replace(placeholder, value), utcnow()
            s.commit()
            return len(rows)

    def pending_count(self) -> int:
        """Actions not yet accepted by the platform (pending, in conflict or refused)."""
        return len(self.outbox(states=OPEN_STATES))

    def conflicts(self) -> list[OutboxItem]:
        return self.outbox(states=("conflict",))

    # --- cached lists ------------------------------------------------------------------------

    def cache_put(self, name: str, items: Any, *, as_of: datetime | None = None) -> None:
        """Keep the latest copy of a list (as the platform answered it at `as_of`)."""
        with self._session() as s:
            row = s.get(CacheRow, name) or CacheRow(name=name)
            row.items, row.as_of = _jsonable(items), as_of or utcnow()
            s.add(row)
            s.commit()

    def cache_get(self, name: str) -> tuple[Any, datetime] | None:
        """The cached list and when it was fetched, or None if never cached."""
        with self._session() as s:
            row = s.get(CacheRow, name)
            return (row.items, row.as_of) if row else None

    def cache_search(
        self, name: str, text: str, *, fields: tuple[str, ...] | None = None
    ) -> tuple[list[Any], datetime] | None:
        """Offline search in a cached list: items containing every whitespace-separated term
        (case-insensitive substring, so Chinese works) in `fields` or any top-level value."""
        cached = self.cache_get(name)
        if cached is None:
            return None
        items, as_of = cached
        if isinstance(items, dict) and "items" in items:
            items = items["items"]
        terms = [t.lower() for t in text.split()]
        return [i for i in items if _matches(i, terms, fields)], as_of

    def cache_names(self) -> list[str]:
        with self._session() as s:
            return list(s.scalars(select(CacheRow.name).order_by(CacheRow.name)))

    # --- to-dos seen, and which kinds notify (notifications/) ---------------------------------

    def seen_todos(self) -> set[TodoKey]:
        with self._session() as s:
            rows = s.execute(select(SeenTodoRow.kind, SeenTodoRow.object_id, SeenTodoRow.state))
            return {(k, int(o), st) for k, o, st in rows}

    def record_seen(self, seen: list[SeenTodo], *, listed: set[TodoKey] | None = None) -> None:
        """Remember `seen` (kept as first seen when already there); with `listed` (the whole
        to-do list just fetched), forget the items no longer in it, so one that comes back
        later is new again. One transaction."""
        with self._session() as s:
            if listed is not None:
                known = s.execute(
                    select(SeenTodoRow.kind, SeenTodoRow.object_id, SeenTodoRow.state)
                )
                gone = [(k, o, st) for k, o, st in known if (k, int(o), st) not in listed]
                key = tuple_(SeenTodoRow.kind, SeenTodoRow.object_id, SeenTodoRow.state)
                for start in range(0, len(gone), 300):
                    s.execute(delete(SeenTodoRow).where(key.in_(gone[start : start + 300])))
            now = utcnow()  # one time for the batch: its order is kind, then object id
            for todo in seen:
                if s.get(SeenTodoRow, todo.key) is None:
                    s.add(
                        SeenTodoRow(
                            kind=todo.kind,
                            object_id=todo.object_id,
                            state=todo.state,
                            title=todo.title[:200],
                            how=todo.how,
                            seen_at=todo.seen_at or now,
                        )
                    )
            s.commit()

    def recent_notified(self, limit: int = 10) -> list[SeenTodo]:
        """The to-dos last shown in a notification and still in the to-do list, newest first."""
        with self._session() as s:
            rows = s.scalars(
                select(SeenTodoRow)
                .where(SeenTodoRow.how == "notified")
                .order_by(SeenTodoRow.seen_at.desc(), SeenTodoRow.kind, SeenTodoRow.object_id)
                .limit(limit)
            )
            return [_seen(r) for r in rows]

    def notify_kinds(self) -> dict[str, bool]:
        """Kind → whether it notifies, for the kinds the user has set (others notify)."""
        with self._session() as s:
            return {r.kind: bool(r.enabled) for r in s.scalars(select(NotifyKindRow))}

    def set_notify_kinds(self, kinds: dict[str, bool]) -> None:
        with self._session() as s:
            for kind, enabled in kinds.items():
                row = s.get(NotifyKindRow, kind) or NotifyKindRow(kind=kind)
                row.enabled = bool(enabled)
                s.add(row)
            s.commit()
