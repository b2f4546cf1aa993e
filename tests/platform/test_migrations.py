"""The Alembic migrations build exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from govshare_platform.audit.models import AuditEvent
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.departments.models import Department, User
from govshare_platform.migrate import alembic_config, upgrade
from govshare_platform.models import load_all

# The catalog's full-text search tables (FTS5 / tsvector) are created by hand in a migration,
# outside the declarative models.
HAND_MADE_PREFIX = "catalog_search"


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema at all)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin = os.environ.get("GOVSHARE_TEST_PG_URL")
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("GOVSHARE_TEST_PG_URL is not set: CI must test on PostgreSQL")
        pytest.skip("no PostgreSQL (set GOVSHARE_TEST_PG_URL, bash scripts/test.sh starts one)")
    name = f"m_{uuid.uuid4().hex[:16]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


# Expression indexes, which reflection cannot compare: checked by behaviour below instead.
EXPRESSION_INDEXES = {"uq_users_username_folded"}


def _include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    if type_ == "table" and name is not None:
        return not name.startswith(HAND_MADE_PREFIX)
    return True


def _include_object(obj: Any, name: str | None, type_: str, reflected: bool, other: Any) -> bool:
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


def schema_differences(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
            warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
            context = MigrationContext.configure(
                conn,
                opts={
                    "include_name": _include_name,
                    "include_object": _include_object,
                    "compare_type": True,
                },
            )
            return list(compare_metadata(context, load_all().metadata))
    finally:
        engine.dispose()


def test_upgrade_head_matches_the_models(empty_db: str) -> None:
    upgrade(empty_db)
    assert schema_differences(empty_db) == []
    engine = create_engine(empty_db)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            head = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).one()
            policy = conn.execute(text("SELECT review_working_days FROM policy")).scalar_one()
            if engine.dialect.name == "postgresql":  # 0016: a short GIN pending list
                options = conn.execute(
                    text("SELECT reloptions FROM pg_class WHERE relname = 'ix_catalog_search_doc'")
                ).scalar_one()
                assert options == ["gin_pending_list_limit=512"]
    finally:
        engine.dispose()
    modelled = set(load_all().metadata.tables)
    assert modelled <= tables
    assert tuple(head) == (0, "0" * 64) and policy == 5


def test_usernames_are_unique_whatever_their_case(empty_db: str) -> None:
    """The expression index of 0012 (finding 11 of issue 11: `DSJ_PLATFORM_ADMIN` beside
    `dsj_platform_admin`): the database itself refuses the second spelling."""
    upgrade(empty_db)
    engine = create_engine(empty_db)
    user = {"full_name": "x", "password_hash": "h", "department_id": 1, "active": True,
            "failed_logins": 0, "version": 1}  # fmt: skip
    try:
        with engine.begin() as conn:
            conn.execute(insert(Department).values(id=1, name="部门", credit_code="1" * 18,
                                                   is_platform=False, version=1))  # fmt: skip
            conn.execute(insert(User).values(username="dsj_admin", **user))
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(insert(User).values(username="DSJ_Admin", **user))
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(empty_db: str) -> None:
    upgrade(empty_db)
    upgrade(empty_db)
    assert schema_differences(empty_db) == []


def test_downgrade_to_base_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'down.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    engine = create_engine(url)
    try:
        left = {
            t
            for t in inspect(engine).get_table_names()
            if not t.startswith(("sqlite_", HAND_MADE_PREFIX))
        }
    finally:
        engine.dispose()
    assert left == {"alembic_version"}
    upgrade(url)  # and back up again
    assert schema_differences(url) == []


def test_0004_starts_the_platforms_clock_of_waiting_entries(empty_db: str) -> None:
    """Entries already waiting for the platform take their department's approval time from the
    audit trail (else their last change); the policy gets the entry review default."""
    command.upgrade(alembic_config(empty_db), "0003_catalog_search")
    approved = datetime(2026, 6, 2, 3, 4, 5, tzinfo=UTC)
    changed = datetime(2026, 6, 9, 1, 0, tzinfo=UTC)
    entry = {
        "department_id": 1,
        "resource_class": "1",
        "class_item": "01",
        "class_catalog": "001",
        "name": "人口基础信息",
        "summary": "摘要",
        "format_class": "database",
        "format_type": "mysql",
        "share_type": "unconditional",
        "share_mode": "query",
        "update_cycle": "daily",
        "updated_at": changed,
    }
    event = {
        "seq": 1,
        "at": approved,
        "action": "catalog_entry_dept_approve",
        "object_type": "catalog_entry",
        "object_id": "1",
        "details": {},
        "outcome": "ok",
        "prev_hash": "0" * 64,
        "hash": "1" * 64,
    }
    engine = create_engine(empty_db)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(Department.__table__),
                [{"id": 1, "name": "南通市公安局", "credit_code": "1" * 18, "is_platform": False}],
            )
            entries = CatalogEntry.__table__
            conn.execute(insert(entries), [{**entry, "id": 1, "status": "dept_approved"}])
            conn.execute(insert(entries), [{**entry, "id": 2, "status": "dept_approved"}])
            conn.execute(insert(entries), [{**entry, "id": 3, "status": "submitted"}])
            conn.execute(
                insert(AuditEvent.__table__), [event, {**event, "seq": 2, "object_id": "3"}]
            )
        upgrade(empty_db)
        with engine.connect() as conn:
            got = dict(conn.execute(select(entries.c.id, entries.c.dept_approved_at)).all())
            days = conn.execute(text("SELECT entry_review_working_days FROM policy")).scalar_one()
    finally:
        engine.dispose()
    assert got == {1: approved, 2: changed, 3: None}
    assert days == 5


def test_0015_and_0018_mark_the_events_written_out_of_order(empty_db: str) -> None:
    """The head's max_at and disorder_seq (0015, a window function) and max_lag_us (0018)
    computed over the existing trail; the time filters then read exactly what the plain `at`
    conditions read."""
    from govshare_platform.audit import query
    from govshare_platform.audit.models import AuditHead
    from govshare_platform.db import make_engine, make_session_factory

    command.upgrade(alembic_config(empty_db), "0014_search_rank")
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    minutes = [10, 20, 15, 20, 5, 21, 21, 30]  # seq 3 and 5: earlier than an earlier event
    event = {"action": "login", "details": {}, "outcome": "ok", "prev_hash": "0" * 64}
    times = {n: t0 + timedelta(minutes=m) for n, m in enumerate(minutes, start=1)}
    rows = [{**event, "seq": n, "at": at, "hash": f"{n:064d}"} for n, at in times.items()]
    engine = create_engine(empty_db)
    with engine.begin() as conn:
        conn.execute(insert(AuditEvent), rows)
        conn.execute(text("UPDATE audit_head SET seq = :n"), {"n": len(rows)})
    engine.dispose()
    upgrade(empty_db)
    assert schema_differences(empty_db) == []
    engine = make_engine(empty_db)
    try:
        with make_session_factory(engine)() as session:
            head = session.get(AuditHead, 1)
            assert head is not None
            assert (head.max_at, head.disorder_seq) == (t0 + timedelta(minutes=30), 5)
            assert head.max_lag_us == 15 * 60_000_000  # seq 5 (minute 5) after minute 20
            newest_first = sorted(times.items(), reverse=True)
            for m in range(0, 32):
                moment = t0 + timedelta(minutes=m)
                cases = [
                    (query.AuditFilter(until=moment), [n for n, at in newest_first if at < moment]),
                    (
                        query.AuditFilter(since=moment),
                        [n for n, at in newest_first if at >= moment],
                    ),
                ]
                for filters, want in cases:
                    items, _ = query.page(session, filters, before_seq=None, limit=100)
                    assert [item.seq for item in items] == want, filters
    finally:
        engine.dispose()
