"""Key lookups (信息查询, 第二十四条): granted items of the matching rows, missing keys, the
1,000-key limit, and the mode a grant allows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from govshare_core.exchange import MAX_QUERY_KEYS
from govshare_core.vocab import Role
from govshare_platform.exchange.models import ExchangeLog
from tests.platform.conftest import World
from tests.platform.exchange_support import deliver, exchange_entry, grant, person
from tests.platform.requests_support import audit_events

AP = Role.APPLICANT


def query(world: World, entry_id: int, keys: list[str], **extra: object) -> dict[str, object]:
    r = world.client.post(
        f"/api/v1/exchange/entries/{entry_id}/query",
        json={"keys": keys, **extra},
        headers=world.h("B", AP),
    )
    return {"status": r.status_code, **r.json()}


def last_log(world: World) -> ExchangeLog:
    with world.session() as s:
        row = s.scalar(select(ExchangeLog).order_by(ExchangeLog.id.desc()).limit(1))
        assert row is not None
        return row


@pytest.fixture
def queried(world: World) -> int:
    entry = exchange_entry(world)
    rows = [person(n) for n in range(1, 101)]
    rows[49][2] = '多行\n"引号",地址'  # a quoted multi-line cell reads back whole
    deliver(world, entry, rows)
    grant(world, entry, ["身份证号", "住址"], mode="query")
    return entry


def test_query_returns_granted_items_of_matching_rows(world: World, queried: int) -> None:
    keys = [person(50)[0], person(3)[0], "320600000000000000", person(3)[0]]
    out = query(world, queried, keys)
    assert out["status"] == 200, out
    assert out["items"] == ["身份证号", "住址"] and out["key_item"] == "身份证号"
    rows = out["rows"]
    assert isinstance(rows, list)
    assert [r["key"] for r in rows] == [person(50)[0], person(3)[0]]
    assert rows[0]["values"] == {"身份证号": person(50)[0], "住址": '多行\n"引号",地址'}
    assert "姓名" not in rows[1]["values"] and "电话" not in rows[1]["values"]
    assert out["missing"] == ["320600000000000000"]
    record = last_log(world)
    assert (record.action, record.outcome, record.rows) == ("query", "ok", 2)
    assert audit_events(world, "exchange_query")


def test_query_of_ungranted_items_is_refused(world: World, queried: int) -> None:
    out = query(world, queried, [person(1)[0]], items=["姓名"])
    assert (out["status"], out["code"]) == (403, "item_not_granted")
    assert (last_log(world).outcome, last_log(world).reason) == ("refused", "item_not_granted")


def test_too_many_keys_is_refused_and_logged(world: World, queried: int) -> None:
    # one key too many (100,000 keys would now stop at the 1 MiB body limit: 413, http_guard)
    keys = [f"{n:018d}" for n in range(MAX_QUERY_KEYS + 1)]
    out = query(world, queried, keys)
    assert (out["status"], out["code"]) == (422, "too_many_keys")
    assert out["limit"] == MAX_QUERY_KEYS and out["received"] == MAX_QUERY_KEYS + 1
    assert (last_log(world).outcome, last_log(world).reason) == ("refused", "too_many_keys")
    assert query(world, queried, keys[:MAX_QUERY_KEYS])["status"] == 200


def test_query_on_a_download_grant_is_refused(world: World) -> None:
    entry = exchange_entry(world)
    deliver(world, entry, [person(1)])
    grant(world, entry, ["身份证号", "姓名"], mode="exchange")
    out = query(world, entry, [person(1)[0]])
    assert (out["status"], out["code"]) == (403, "share_mode_not_granted")
    assert last_log(world).reason == "share_mode_not_granted"
