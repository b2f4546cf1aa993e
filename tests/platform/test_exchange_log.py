"""The exchange log (第二十六条): who sees which records, filters, keyset pages, the export and
the retention purge."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from govshare_core.exchange import AccessAction, AccessOutcome
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.exchange import log
from govshare_platform.exchange.log_views import purge_expired
from govshare_platform.exchange.models import ExchangeLog
from tests.platform.conftest import World
from tests.platform.exchange_support import FORMULA, csv_of, deliver, exchange_entry, grant, person
from tests.platform.requests_support import add_department, audit_events

AP, RA, R = Role.APPLICANT, Role.RESOURCE_ADMIN, Role.REGISTRAR
AU, PA, SE = Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN, Role.SECURITY_ADMIN
LOG = "/api/v1/exchange/log"


def listed(world: World, dept: str, role: Role, query: str = "") -> list[dict[str, object]]:
    r = world.client.get(LOG + query, headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


@pytest.fixture
def accessed(world: World) -> int:
    """B downloads A's entry once and is refused once; A delivers (a log record of its own)."""
    entry = exchange_entry(world)
    deliver(world, entry, [person(1), person(2)])
    grant(world, entry, ["姓名"])
    assert world.client.get(
        f"/api/v1/exchange/entries/{entry}/data", headers=world.h("B", AP)
    ).is_success
    r = world.client.get(
        f"/api/v1/exchange/entries/{entry}/data?items=电话", headers=world.h("B", AP)
    )
    assert r.status_code == 403
    with world.session() as s:
        log.record(
            s,
            action=AccessAction.DELIVERY,
            outcome=AccessOutcome.OK,
            user_id=world.uid("A", R),
            user_name="a_registrar",
            department_id=world.depts["A"],
            entry_id=entry,
            provider_department_id=world.depts["A"],
            items=[FORMULA],
            rows=2,
        )
        s.commit()
    return entry


def test_each_side_sees_its_records(world: World, accessed: int) -> None:
    provider = listed(world, "A", RA, "?side=provider")
    assert [(r["action"], r["outcome"]) for r in provider] == [
        ("delivery", "ok"),
        ("download", "refused"),
        ("download", "ok"),
    ]
    assert provider[1]["department_name"] == "南通市民政局"  # who accessed A's resource
    assert provider[1]["user_name"] == "b_applicant" and provider[1]["entry_name"]
    assert provider[1]["provider_department_name"] == "南通市公安局"
    assert len(listed(world, "A", R)) == 3  # a registrar: the provider side only
    # an applicant sees what its department did: here A's own delivery, no access to others
    assert [r["action"] for r in listed(world, "A", AP)] == ["delivery"]
    consumer = listed(world, "B", AP)
    assert [r["action"] for r in consumer] == ["download", "download"]
    assert listed(world, "B", RA, "?side=provider") == []
    add_department(world, "C")
    assert listed(world, "C", RA) == []
    assert len(listed(world, "P", AU)) == 3 and len(listed(world, "P", PA)) == 3
    for dept, role in (("P", SE), ("A", Role.CATALOG_REVIEWER)):
        assert world.client.get(LOG, headers=world.h(dept, role)).status_code == 403
    r = world.client.get(LOG + "?side=consumer", headers=world.h("A", R))
    assert r.status_code == 403


def test_filters(world: World, accessed: int) -> None:
    today = clock.today()
    assert len(listed(world, "P", AU, "?outcome=refused")) == 1
    assert len(listed(world, "P", AU, "?action=download")) == 2
    assert len(listed(world, "P", AU, f"?entry_id={accessed}&action=delivery")) == 1
    assert len(listed(world, "P", AU, f"?department_id={world.depts['B']}")) == 2
    assert len(listed(world, "P", AU, f"?since={today}&until={today}")) == 3
    assert listed(world, "P", AU, f"?until={today - timedelta(days=1)}") == []
    assert listed(world, "P", AU, f"?since={today + timedelta(days=1)}") == []


def test_keyset_paging(world: World, accessed: int) -> None:
    seen: list[object] = []
    before = ""
    while True:
        r = world.client.get(LOG + f"?limit=2{before}", headers=world.h("A", RA)).json()
        seen += [x["id"] for x in r["items"]]
        if r["next_before_id"] is None:
            break
        before = f"&before_id={r['next_before_id']}"
    assert len(seen) == 3 and seen == sorted(seen, reverse=True)  # type: ignore[type-var]
    r = world.client.get(LOG + "?limit=201", headers=world.h("A", RA))
    assert r.status_code == 422


def test_export_is_neutralised_and_audited(world: World, accessed: int) -> None:
    r = world.client.get(LOG + "/export?side=provider", headers=world.h("A", RA))
    assert r.status_code == 200, r.text
    rows = csv_of(r.content)
    assert rows[0][:4] == ["编号", "时间", "操作", "结果"] and len(rows) == 4
    assert rows[1][2] == "数据交付" and rows[1][11] == "'" + FORMULA
    r = world.client.get(LOG + "/export?format=xlsx", headers=world.h("P", AU))
    sheet = load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 4 and values[1][11] == "'" + FORMULA
    assert len(audit_events(world, "exchange_log_export")) == 2
    assert world.client.get(LOG + "/export", headers=world.h("P", SE)).status_code == 403


def test_purge_keeps_at_least_five_years(world: World, accessed: int) -> None:
    today = date(2031, 6, 1)
    with world.session() as s:
        old = s.get(ExchangeLog, 1)
        assert old is not None
        old.at = datetime(2026, 5, 31, 12, tzinfo=UTC)  # older than 5 years
        young = s.get(ExchangeLog, 2)
        assert young is not None
        young.at = datetime(2026, 6, 2, tzinfo=UTC)  # within 5 years
        s.commit()
        assert purge_expired(s, today=today, retention_years=3) == 1  # held to 5 years
        s.commit()
        assert purge_expired(s, today=today, retention_years=10) == 0
        s.commit()
    assert len(listed(world, "P", AU)) == 2
    assert audit_events(world, "exchange_log_purge")
