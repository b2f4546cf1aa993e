"""Database engine, declarative base and session factory (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Session, aliased, configure_mappers, sessionmaker
from sqlalchemy.types import TypeDecorator

from govshare_core.clock import utcnow as utcnow  # the models' default, for every module

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which drops tzinfo) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create the engine; SQLite gets WAL, foreign keys, a busy timeout and queued writers."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            # SQLite connections are cheap; a request may hold a read connection while its audit
            # write takes a second one, so the pool must outgrow the server's worker threads.
            pool_size=20,
            max_overflow=80,
            connect_args={"check_same_thread": False, "timeout": 30, "isolation_level": None},
        )
        writer = _WriterQueue()
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", writer.begin)
        event.listen(engine, "commit", writer.end)
        event.listen(engine, "rollback", writer.end)
        event.listen(engine.pool, "reset", writer.on_reset)
        return engine
    return create_engine(url, echo=echo, pool_size=20, max_overflow=40, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class _WriterQueue:
    """One SQLite writer at a time, queued on a Python lock.

    pysqlite's own transaction handling is off (isolation_level=None); we emit BEGIN ourselves
    so that write transactions take the database lock up front (BEGIN IMMEDIATE). Writers wait
    on this lock first, so they hand over the moment the previous one ends instead of polling
    in SQLite's busy handler (which sleeps in steps of up to 100 ms). Readers never wait (WAL).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def begin(self, conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode == "IMMEDIATE":
            self._lock.acquire()
            conn.info["holds_writer_lock"] = True
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        except BaseException:
            self.end(conn)
            raise

    def end(self, conn: Any) -> None:
        if conn.info.pop("holds_writer_lock", False):
            self._lock.release()

    def on_reset(self, dbapi_conn: Any, record: Any, reset_state: Any) -> None:
        # A connection returned to the pool mid-transaction (an error path): free the queue.
        if record.info.pop("holds_writer_lock", False):
            self._lock.release()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on error."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# --- aliases shared between requests -------------------------------------------------------------

_SHARED_ALIASES: list[Any] = []
_T = TypeVar("_T")


def shared_alias(cls: type[_T], name: str) -> type[_T]:
    """`aliased(cls, name=name)` for a module-level alias that requests use from many threads.

    SQLAlchemy resolves an alias's columns lazily, on first use, and that is not thread-safe:
    two requests using a fresh alias at once can leave a column unadapted for the process's life
    (SAWarning "Did not locate an expression in selectable"; `listed_entry.id = …` compiled as
    `catalog_entries.id`, a cross join with wrong rows). `warm_shared_aliases` resolves them all
    once, before the server takes requests.
    """
    alias = aliased(cls, name=name)
    _SHARED_ALIASES.append(alias)
    return alias


def warm_shared_aliases() -> None:
    """Configure the mappers and resolve every column of every `shared_alias` (single-threaded,
    before the first request)."""
    configure_mappers()
    for alias in _SHARED_ALIASES:
        for attr in inspect(alias).mapper.column_attrs:
            getattr(alias, attr.key).__clause_element__()
