"""Refused deliveries (第二十三条, 第二十六条): each bad file gets a clear problem with the row,
nothing of it is kept (no rows, no blob, no file), and the refusal is in the exchange log and the
audit trail. Both databases; SQLite stores files in a directory, PostgreSQL in the database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.exchange.models import ExchangeLog
from govshare_platform.settings import Settings
from tests.platform.conftest import World
from tests.platform.delivery_support import (
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
    storage = tmp_path / "blobs" if db_url.startswith("sqlite") else None
    return fast_settings(db_url).model_copy(
        update={"storage_dir": storage, "max_delivery_bytes": 8_000_000}
    )


def _refused(world: World, r: Any, code: str, *, status: int = 422) -> dict[str, Any]:
    """The refusal's report; asserts nothing was kept and the refusal was logged and audited."""
    assert r.status_code == status, r.text
    body = r.json()
    if status == 422:
        assert body["code"] == "delivery_rejected"
        assert body["report"]["problems"][0]["code"] == code
    else:
        assert body["code"] == code
    left = counts(world)
    assert (left["deliveries"], left["keys"], left["chunks"]) == (0, 0, 0)
    assert stored_files(world.app.state.settings.storage_dir) == []
    with world.session() as s:
        log = s.scalars(select(ExchangeLog).order_by(ExchangeLog.id.desc())).first()
        assert log is not None and (log.outcome, log.reason) == ("refused", code)
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event is not None and event.action == "exchange_delivery"
        assert event.outcome == "refused"
    return dict(body.get("report") or {})


def test_wrong_header(world: World) -> None:
    entry = publish_people(world)
    data = csv_bytes([person(1)], header=[*HEADER[:4], "备注说明"])
    report = _refused(world, deliver(world, entry["id"], data), "unknown_column")
    codes = {(p["code"], p["column"]) for p in report["problems"]}
    assert codes == {("unknown_column", "备注说明"), ("missing_column", "备注")}


def test_type_error_in_a_late_row_is_reported_with_its_row(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(50_000)]
    for n, row in enumerate(rows):  # unique keys for 50,000 rows
        row[1] = f"{110101199000000000 + n}"
    rows[49_876][2] = "1990-02-30"
    rows[49_990][3] = "三千"
    report = _refused(world, deliver(world, entry["id"], csv_bytes(rows)), "bad_type")
    assert report["rows_checked"] == 50_000 and report["problem_count"] == 2
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (49_877, "出生日期"),
        (49_991, "月收入"),
    ]


def test_gb18030_declared_utf8_names_the_line(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(10)]
    data = csv_bytes(rows[:7], encoding="utf-8") + csv_bytes(
        rows[7:], header=[], encoding="gb18030"
    )
    data = data.replace(b"\r\n\r\n", b"\r\n")
    report = _refused(world, deliver(world, entry["id"], data), "bad_encoding")
    assert report["problems"][0]["row"] == 8  # the first GB18030 line (张7)
    assert "line 9" in report["problems"][0]["value"]


def test_empty_and_header_only(world: World) -> None:
    entry = publish_people(world)
    _refused(world, deliver(world, entry["id"], b""), "empty_file")
    _refused(world, deliver(world, entry["id"], csv_bytes([])), "no_rows")
    _refused(world, deliver(world, entry["id"], b"", params={"format": "xlsx"}), "empty_file")


def test_too_large_by_header_and_by_count(world: World) -> None:
    entry = publish_people(world)
    world.app.state.settings = world.app.state.settings.model_copy(
        update={"max_delivery_bytes": 2000}
    )
    big = people_csv(200)
    _refused(world, deliver(world, entry["id"], big), "too_large", status=413)

    def chunks() -> Any:  # no Content-Length: counted as it comes
        for i in range(0, len(big), 500):
            yield big[i : i + 500]

    r = world.client.post(
        f"/api/v1/exchange/entries/{entry['id']}/deliveries",
        content=chunks(),
        headers=world.h("A", Role.REGISTRAR),
    )
    _refused(world, r, "too_large", status=413)


def test_zip_bomb_and_not_a_zip(world: World) -> None:
    entry = publish_people(world)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    params = {"format": "xlsx"}
    _refused(world, deliver(world, entry["id"], out.getvalue(), params=params), "zip_bomb")
    data = people_csv(3)
    _refused(world, deliver(world, entry["id"], data, params=params), "not_a_spreadsheet")


def test_key_missing_and_duplicate(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(5)]
    rows[2][1] = " "
    rows[4][1] = rows[0][1]
    report = _refused(world, deliver(world, entry["id"], csv_bytes(rows)), "key_missing")
    assert [(p["code"], p["row"]) for p in report["problems"]] == [
        ("key_missing", 3),
        ("key_duplicate", 5),
    ]


def test_wrong_field_count_and_too_long(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(3)]
    rows[0].append("多余")
    rows[1][0] = "名" * 51
    report = _refused(world, deliver(world, entry["id"], csv_bytes(rows)), "wrong_field_count")
    assert [(p["code"], p["row"]) for p in report["problems"]] == [
        ("wrong_field_count", 1),
        ("too_long", 2),
    ]


def test_report_keeps_the_first_problems_and_counts_all(world: World) -> None:
    entry = publish_people(world)
    rows = [person(n) for n in range(3000)]
    for n, row in enumerate(rows):
        row[1] = f"{110101199000000000 + n}"
        row[3] = "x"
    report = _refused(world, deliver(world, entry["id"], csv_bytes(rows)), "bad_type")
    assert report["problem_count"] == 3000 and len(report["problems"]) == 1000
    assert report["truncated"] is True


def test_second_key_item_is_refused_by_validation(world: World) -> None:
    items = [{**i, "key": True} for i in publish_people.__globals__["PEOPLE_ITEMS"][:2]]
    from tests.platform.catalog_helpers import entry_payload

    r = world.client.post(
        "/api/v1/catalog/entries",
        json=entry_payload(data_items=items),
        headers=world.h("A", Role.REGISTRAR),
    )
    errors = r.json().get("errors") or r.json().get("problems") or []
    if r.status_code == 201:  # drafts are saved with their problems listed
        errors = r.json()["problems"]
    assert any(e["code"] == "second_key_item" and e["field"] == "data_items[1].key" for e in errors)
