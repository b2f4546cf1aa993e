"""Deliveries (数据交付, 第二十三条): accepted files, who may deliver and read, the schedule, the
to-do items. Both databases; SQLite stores files in a directory, PostgreSQL in the database."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.exchange.models import Delivery, DeliveryKey, ExchangeLog
from govshare_platform.exchange.storage import blob_store
from govshare_platform.settings import Settings
from tests.platform.catalog_helpers import editable
from tests.platform.conftest import World
from tests.platform.delivery_support import (
    EXCHANGE,
    HEADER,
    counts,
    csv_bytes,
    deliver,
    people_csv,
    person,
    publish_people,
    stored_files,
)
from tests.server_support import fast_settings


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """SQLite keeps delivered files in a directory, PostgreSQL in the database (both stores)."""
    storage = tmp_path / "blobs" if db_url.startswith("sqlite") else None
    return fast_settings(db_url).model_copy(update={"storage_dir": storage})


def _canonical(world: World, delivery_id: int) -> bytes:
    settings = world.app.state.settings
    with world.session() as s:
        delivery = s.get(Delivery, delivery_id)
        assert delivery is not None
        return b"".join(blob_store(settings.storage_dir).iter_chunks(s, delivery.blob_key))


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_utf8_delivery_is_stored_canonically_with_its_key_index(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(3)]
    rows[1][4] = "=cmd|' /C calc'!A0"  # a formula-looking value is data: stored as it is
    data = csv_bytes(rows)
    r = deliver(world, entry["id"], data, params={"filename": "人口.csv"})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["rows"] == 3 and out["bytes"] == len(data) and out["items"] == HEADER
    assert out["filename"] == "人口.csv" and out["encoding"] == "utf-8" and out["on_time"]
    assert out["report"]["problem_count"] == 0 and out["delivered_by_name"]
    canonical = _canonical(world, out["id"])
    lines = canonical.decode("utf-8").split("\n")
    assert lines[0] == ",".join(HEADER) and lines[2].endswith(",=cmd|' /C calc'!A0")
    with world.session() as s:
        key = s.get(DeliveryKey, (out["id"], person(2)[1]))
        assert key is not None
        assert (
            canonical[key.offset : key.offset + key.length].decode() == ",".join(person(2)) + "\n"
        )
        log = s.scalars(select(ExchangeLog)).one()
        assert (log.outcome, log.rows, log.bytes, log.delivery_id) == (
            "ok",
            3,
            len(data),
            out["id"],
        )
    got = world.client.get(
        f"{EXCHANGE}/deliveries/{out['id']}", headers=world.h("A", Role.RESOURCE_ADMIN)
    )
    assert got.status_code == 200 and got.json()["sha256"] == out["sha256"]


def test_gb18030_csv_and_columns_in_any_order(world: World) -> None:
    entry = publish_people(world)
    order = [4, 1, 0, 3, 2]
    rows = [[person(n)[i] for i in order] for n in range(5)]
    data = csv_bytes(rows, header=[HEADER[i] for i in order], encoding="gb18030")
    r = deliver(world, entry["id"], data, params={"encoding": "gb18030"})
    assert r.status_code == 201, r.text
    assert _canonical(world, r.json()["id"]).decode().split("\n")[1] == ",".join(person(0))


def test_xlsx_delivery_converts_cells_to_text(world: World) -> None:
    entry = publish_people(world)
    from datetime import datetime

    data = _xlsx([HEADER, ["李四", "110101199001011234", datetime(1990, 1, 1), 5000, None]])
    r = deliver(world, entry["id"], data, params={"format": "xlsx"})
    assert r.status_code == 201, r.text
    assert r.json()["encoding"] is None
    line = _canonical(world, r.json()["id"]).decode().split("\n")[1]
    assert line == "李四,110101199001011234,1990-01-01,5000,"


def test_idempotent_replay_answers_the_first_delivery(world: World) -> None:
    entry = publish_people(world)
    data = people_csv(4)
    first = deliver(world, entry["id"], data, headers={"Idempotency-Key": "d-1"})
    again = deliver(world, entry["id"], data, headers={"Idempotency-Key": "d-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers.get("Idempotent-Replayed") == "true"
    assert counts(world)["deliveries"] == 1
    other = deliver(world, entry["id"], people_csv(5), headers={"Idempotency-Key": "d-1"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_who_may_deliver_and_read(world: World) -> None:
    entry = publish_people(world)
    data = people_csv(2)
    assert deliver(world, entry["id"], data, role=Role.RESOURCE_ADMIN).status_code == 201
    for dept, role in [("A", Role.APPLICANT), ("B", Role.REGISTRAR), ("P", Role.PLATFORM_ADMIN)]:
        r = deliver(world, entry["id"], data, dept=dept, role=role)
        assert r.status_code == 403, (dept, role)
    path = f"{EXCHANGE}/entries/{entry['id']}/deliveries"
    assert world.client.get(path, headers=world.h("A", Role.REGISTRAR)).json()["total"] == 1
    assert world.client.get(path, headers=world.h("P", Role.PLATFORM_ADMIN)).status_code == 200
    assert world.client.get(path, headers=world.h("B", Role.RESOURCE_ADMIN)).status_code == 403
    draft = world.client.post(
        "/api/v1/catalog/entries",
        json={**editable(entry), "name": "未发布的资源"},
        headers=world.h("A", Role.REGISTRAR),
    ).json()
    assert deliver(world, draft["id"], data).status_code == 409
    assert deliver(world, draft["id"], data, dept="B").status_code == 404
    assert (
        world.client.get(
            f"{EXCHANGE}/deliveries/999999", headers=world.h("A", Role.REGISTRAR)
        ).status_code
        == 404
    )


def test_schedule_due_dates_overdue_and_todo(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monthly = publish_people(world)
    daily = publish_people(world, name="每日更新的资源", update_cycle="daily")
    publish_people(world, name="不定时资源", update_cycle="irregular")
    today = clock.today()
    with world.session() as s:  # published two months ago
        s.get(CatalogEntry, monthly["id"]).published_on = today - timedelta(days=62)  # type: ignore[union-attr]
        s.commit()
    h = world.h("A", Role.REGISTRAR)
    page = world.client.get(f"{EXCHANGE}/schedule", headers=h).json()
    assert page["total"] == 3
    by_id = {row["entry_id"]: row for row in page["items"]}
    assert by_id[monthly["id"]]["overdue"] and by_id[monthly["id"]]["working_days_left"] < 0
    assert page["items"][0]["entry_id"] == monthly["id"]  # soonest (most overdue) first
    assert page["items"][-1]["next_due"] is None
    late = world.client.get(f"{EXCHANGE}/schedule", params={"overdue": "true"}, headers=h).json()
    assert [r["entry_id"] for r in late["items"]] == [monthly["id"]]
    inbox = world.client.get("/api/v1/inbox", headers=h).json()
    due_items = [i for i in inbox if i["kind"] == "delivery_due"]
    assert {i["object_id"] for i in due_items} == {monthly["id"], daily["id"]}
    assert any(i["state"] == "monthly" and i["overdue"] for i in due_items)
    # a late delivery is flagged, and moves the next due date a month on
    r = deliver(world, monthly["id"], people_csv(2))
    assert (
        r.status_code == 201
        and r.json()["on_time"] is False
        and r.json()["due"] < today.isoformat()
    )
    row = world.client.get(f"{EXCHANGE}/schedule", params={"q": "常住"}, headers=h).json()["items"][
        0
    ]
    assert row["deliveries"] == 1 and not row["overdue"] and row["next_due"] > today.isoformat()
    assert (
        world.client.get(f"{EXCHANGE}/schedule", headers=world.h("B", Role.REGISTRAR)).json()[
            "total"
        ]
        == 0
    )
    admin = world.client.get(
        f"{EXCHANGE}/schedule",
        params={"sort": "-entry_name"},
        headers=world.h("P", Role.PLATFORM_ADMIN),
    )
    assert admin.json()["total"] == 3
    assert (
        world.client.get(f"{EXCHANGE}/schedule", headers=world.h("A", Role.APPLICANT)).status_code
        == 403
    )
    bad = world.client.get(f"{EXCHANGE}/schedule", params={"sort": "nope"}, headers=h)
    assert bad.status_code == 422


def test_both_stores(world: World, tmp_path: Path) -> None:
    """The same delivery goes to a directory or to the database, as configured."""
    entry = publish_people(world)
    base = world.app.state.settings
    for storage in (tmp_path / "files", None):
        world.app.state.settings = base.model_copy(update={"storage_dir": storage})
        r = deliver(world, entry["id"], people_csv(3))
        assert r.status_code == 201, r.text
        assert _canonical(world, r.json()["id"]).count(b"\n") == 4
    assert len(stored_files(tmp_path / "files")) == 1
    assert counts(world)["chunks"] >= 1


def test_interrupted_upload_leaves_nothing(tmp_path: Path) -> None:
    """A client gone mid-upload: the staging directory is removed, nothing else was written."""
    from govshare_core.exchange import CsvEncoding, DeliveryFormat
    from govshare_core.schemas import DataItem
    from govshare_platform.exchange import ingest
    from tests.platform.delivery_support import PEOPLE_ITEMS

    class Gone(Exception):
        pass

    def chunks() -> Any:
        yield people_csv(100)[:1000]
        raise Gone

    items = [DataItem.model_validate(i) for i in PEOPLE_ITEMS]
    spec = ingest.UploadSpec(DeliveryFormat.CSV, CsvEncoding.UTF8, None, 10**6)
    staged = ingest.new_staging(tmp_path / "staging")
    with pytest.raises(Gone):
        try:
            ingest.stage(staged, chunks(), items, spec)
        finally:
            staged.cleanup()
    assert list((tmp_path / "staging").iterdir()) == []


def test_demo_files_pass_the_checker() -> None:
    """The demo seeder's files (govshare_platform.demo.exchange) are clean deliveries."""
    from govshare_platform.demo.data import RESOURCES
    from govshare_platform.demo.exchange import DELIVERIES, demo_file
    from govshare_platform.exchange import readers
    from govshare_platform.exchange.checker import ReportBuilder, RowChecker

    specs = {spec.name: spec for spec in RESOURCES}
    for name, _ in DELIVERIES:
        items = specs[name].to_entry().data_items
        report = ReportBuilder()
        checker = RowChecker(items, report, lambda data: None, lambda *a: None)
        rows = readers.csv_rows([demo_file(items)], "utf-8")
        assert checker.header(next(rows))
        for n, cells in enumerate(rows, start=1):
            checker.row(n, cells)
        checker.finish()
        assert report.problem_count == 0, (name, report.problems[:3])
        assert report.rows_checked == 120
