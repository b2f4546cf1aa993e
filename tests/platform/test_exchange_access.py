"""Consumer-side access (第二十二条, 第二十四条, 第二十九条): what a department may fetch, the
projected download (CSV, XLSX), refusals and their exchange-log records."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.exchange.models import ExchangeLog
from tests.platform.conftest import World
from tests.platform.exchange_support import (
    FORMULA,
    csv_of,
    deliver,
    exchange_entry,
    grant,
    person,
)
from tests.platform.requests_support import audit_events, set_today

AP, RA, R = Role.APPLICANT, Role.RESOURCE_ADMIN, Role.REGISTRAR
GRANTED = ["身份证号", "姓名"]


def logs(world: World) -> list[ExchangeLog]:
    with world.session() as s:
        return list(s.scalars(select(ExchangeLog).order_by(ExchangeLog.id)))


def data_url(entry_id: int, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/api/v1/exchange/entries/{entry_id}/data" + (f"?{query}" if query else "")


@pytest.fixture
def shared(world: World) -> int:
    """An entry of A with a delivery (a formula in one name) and B's exchange grant on
    身份证号 and 姓名."""
    entry = exchange_entry(world)
    rows = [person(n) for n in range(1, 6)]
    rows[2][1] = FORMULA
    deliver(world, entry, rows)
    grant(world, entry, GRANTED)
    return entry


def test_access_lists_what_the_department_may_fetch(world: World, shared: int) -> None:
    grant(world, shared, ["住址"], mode="query")
    r = world.client.get("/api/v1/exchange/access", headers=world.h("B", AP))
    assert r.status_code == 200, r.text
    (item,) = r.json()["items"]
    assert item["items"] == ["身份证号", "姓名", "住址"]  # the entry's order
    assert set(item["share_modes"]) == {"exchange", "query"}
    assert item["can_download"] and item["can_query"]
    assert item["key_item"] == "身份证号"
    assert item["latest_rows"] == 5 and item["latest_delivery_id"]
    assert item["interface_endpoint"] is None
    assert item["valid_until"] == str(clock.today() + timedelta(days=30))
    mine = world.client.get("/api/v1/exchange/access", headers=world.h("A", AP)).json()
    assert mine["items"] == [] and mine["total"] == 0
    assert world.client.get("/api/v1/exchange/access", headers=world.h("B", R)).status_code == 403


def test_download_serves_only_granted_columns(world: World, shared: int) -> None:
    r = world.client.get(data_url(shared), headers=world.h("B", AP))
    assert r.status_code == 200, r.text
    assert "南通市崇川区" not in r.text and "住址" not in r.text and "电话" not in r.text
    assert "13900000001" not in r.text
    rows = csv_of(r.content)
    assert rows[0] == GRANTED and len(rows) == 6
    assert rows[3][1] == "'" + FORMULA  # neutralised (OWASP CSV injection)
    assert r.headers["X-Row-Count"] == "5"
    assert [unquote(i) for i in r.headers["X-Items"].split(",")] == GRANTED
    assert "attachment" in r.headers["Content-Disposition"]
    (record,) = logs(world)
    assert (record.action, record.outcome, record.rows) == ("download", "ok", 5)
    assert record.bytes == len(r.content) and record.items == GRANTED
    assert record.provider_department_id == world.depts["A"]
    assert record.department_id == world.depts["B"] and len(record.grant_ids) == 2
    assert audit_events(world, "exchange_download")


def test_download_of_some_items(world: World, shared: int) -> None:
    r = world.client.get(data_url(shared, items="姓名"), headers=world.h("B", RA))
    assert r.status_code == 200, r.text
    assert csv_of(r.content)[0] == ["姓名"] and "3206001990" not in r.text


def test_tampered_items_are_refused_and_logged(world: World, shared: int) -> None:
    url = data_url(shared, items="姓名") + "&items=住址"
    r = world.client.get(url, headers=world.h("B", AP))
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "item_not_granted" and r.json()["items"] == ["住址"]
    assert "南通市崇川区" not in r.text
    (record,) = logs(world)
    assert (record.outcome, record.reason) == ("refused", "item_not_granted")
    assert record.items == ["姓名", "住址"]


def test_xlsx_download_has_granted_headers_and_neutralised_cells(world: World, shared: int) -> None:
    r = world.client.get(data_url(shared, format="xlsx"), headers=world.h("B", AP))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == GRANTED and len(rows) == 6
    assert rows[3][1] == "'" + FORMULA
    assert all("南通市崇川区" not in str(v) for row in rows for v in row)
    assert logs(world)[-1].outcome == "ok"


def test_refusals(world: World, shared: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """No grant, another role, no delivery, a query-only grant, an expired grant."""
    r = world.client.get(data_url(shared), headers=world.h("A", AP))  # the provider itself
    assert (r.status_code, r.json()["code"]) == (403, "no_active_grant")
    r = world.client.get(data_url(shared), headers=world.h("B", R))
    assert r.status_code == 403
    assert world.client.get(data_url(999999), headers=world.h("B", AP)).status_code == 404
    fresh = exchange_entry(world)
    grant(world, fresh, ["姓名"])
    r = world.client.get(data_url(fresh), headers=world.h("B", AP))
    assert (r.status_code, r.json()["code"]) == (404, "no_delivery")
    queried = exchange_entry(world)
    deliver(world, queried, [person(1)])
    grant(world, queried, ["姓名"], mode="query")
    r = world.client.get(data_url(queried), headers=world.h("B", AP))
    assert (r.status_code, r.json()["code"]) == (403, "share_mode_not_granted")
    set_today(monkeypatch, clock.today() + timedelta(days=31))
    r = world.client.get(data_url(shared), headers=world.h("B", AP))
    assert (r.status_code, r.json()["code"]) == (403, "no_active_grant")
    reasons = [(x.outcome, x.reason) for x in logs(world)]
    assert reasons == [
        ("refused", "no_active_grant"),
        ("refused", "forbidden"),
        ("refused", "not_found"),
        ("refused", "no_delivery"),
        ("refused", "share_mode_not_granted"),
        ("refused", "no_active_grant"),
    ]
