"""The offline store: Alembic migrations at open, WAL, per-user paths, cached lists offline."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from govshare_desktop.host import DATA_DIR_ENV
from govshare_desktop.store import migrate
from govshare_desktop.store.local import LocalStore
from govshare_desktop.store.models import Base
from govshare_desktop.store.paths import store_path


def test_migrations_build_a_fresh_store(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "fresh" / "u.db")
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert diff == []  # the migrations build exactly the models' schema
        assert mode == "wal" and sync == 2  # FULL
    finally:
        store.close()


def test_reopening_a_migrated_store_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "u.db"
    store = LocalStore(path)
    store.save_draft("entry", "k1", {"name": "人口基础信息"}, title="人口基础信息")
    store.enqueue(method="POST", path="/api/v1/catalog/entries", body={"name": "x"})
    store.close()
    again = LocalStore(path)
    try:
        assert migrate.current_revision(again.engine) == migrate.head_revision()
        draft = again.load_draft("entry", "k1")
        assert draft is not None and draft.data == {"name": "人口基础信息"}
        assert draft.saved_at.tzinfo is not None
        assert again.pending_count() == 1
    finally:
        again.close()


def test_a_store_from_before_the_migrations_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:  # the schema the first client version made (create_all)
        db.executescript(
            """
            CREATE TABLE drafts (kind VARCHAR(32), key VARCHAR(64), server_id INTEGER,
                server_version INTEGER, title VARCHAR(200), data JSON, saved_at DATETIME,
                PRIMARY KEY (kind, key));
            CREATE TABLE outbox (seq INTEGER PRIMARY KEY, idempotency_key VARCHAR(64) UNIQUE,
                method VARCHAR(8), path VARCHAR(300), body JSON, if_match INTEGER,
                label VARCHAR(200), draft_kind VARCHAR(32), draft_key VARCHAR(64),
                state VARCHAR(16), last_error TEXT, attempts INTEGER, created_at DATETIME);
            CREATE TABLE cached_lists (name VARCHAR(64) PRIMARY KEY, items JSON, as_of DATETIME);
            INSERT INTO drafts VALUES ('entry', 'old', NULL, NULL, '旧草稿', '{"name": "旧草稿"}',
                '2026-01-05 08:00:00.000000');
            """
        )
    store = LocalStore(path)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert [d.title for d in store.list_drafts("entry")] == ["旧草稿"]
        item = store.enqueue(method="PUT", path="/api/v1/catalog/entries/1", body={}, if_match=1)
        store.mark_conflict(item.seq, {"version": 2})
        assert store.conflicts()[0].server_object == {"version": 2}
    finally:
        store.close()


def test_one_store_per_profile_and_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert store_path("南通 正式", "a_registrar") == (
        tmp_path / "stores" / "南通_正式" / "a_registrar.db"
    )
    assert store_path("demo", "../evil") == tmp_path / "stores" / "demo" / "evil.db"
    store = LocalStore.for_user("demo", "b_applicant")
    try:
        assert store.path == tmp_path / "stores" / "demo" / "b_applicant.db"
        assert store.path.exists()
    finally:
        store.close()


def test_cached_lists_search_offline_with_their_as_of_time(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "u.db")
    try:
        as_of = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
        items = [
            {"id": 1, "name": "人口基础信息", "department_name": "南通市公安局"},
            {"id": 2, "name": "婚姻登记信息", "department_name": "南通市民政局"},
            {"id": 3, "name": "Population register", "department_name": "南通市公安局"},
        ]
        store.cache_put("share_catalog", items, as_of=as_of)
        assert store.cache_get("share_catalog") == (items, as_of)
        found, when = store.cache_search("share_catalog", "公安 人口") or ([], None)
        assert [i["id"] for i in found] == [1] and when == as_of
        found, _ = store.cache_search("share_catalog", "population") or ([], None)
        assert [i["id"] for i in found] == [3]
        found, _ = store.cache_search("share_catalog", "民政", fields=("name",)) or ([], None)
        assert found == []
        assert store.cache_search("inbox", "x") is None
        assert store.cache_names() == ["share_catalog"]
    finally:
        store.close()


def test_outbox_keeps_order_and_resolves_created_ids(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "u.db")
    try:
        create = store.enqueue(method="POST", path="/api/v1/catalog/entries", body={"n": 1})
        act = store.enqueue(
            method="POST",
            path="/api/v1/catalog/entries/{created:" + create.idempotency_key + "}/submit",
            draft=("entry", "d1"),
        )
        assert [i.seq for i in store.outbox()] == [create.seq, act.seq]
        assert store.resolve_ref("{created:" + create.idempotency_key + "}", "42") == 1
        item = store.item(act.seq)
        assert item is not None
        assert item.path == "/api/v1/catalog/entries/42/submit"
        assert item.draft == ("entry", "d1")
        store.mark(create.seq, "failed", "信息资源名称不能为空")
        assert store.pending_count() == 2 and store.outbox() == [item]
    finally:
        store.close()
