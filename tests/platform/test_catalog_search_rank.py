"""The share catalog ranks, counts facets and lists 不予共享 entries flagged (第五条, 第二十条,
第二十五条); govshare_core.search_rank defines the tiers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from govshare_core.search_rank import Tier, relevance_tier
from govshare_core.vocab import EntryStatus, Role
from govshare_platform.catalog import search
from govshare_platform.catalog.models import CatalogEntry
from tests.platform.catalog_helpers import API, items, publish_entry
from tests.platform.conftest import World

NOT_SHARED = {
    "share_type": "not_shared",
    "share_conditions": None,
    "share_scope": None,
    "legal_basis": "《社会救助暂行办法》",
}


def _get(world: World, path: str, **params: Any) -> dict[str, Any]:
    r = world.client.get(f"{API}/{path}", params=params, headers=world.h("B", Role.APPLICANT))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _names(world: World, **params: Any) -> list[str]:
    return [e["name"] for e in _get(world, "share-catalog", **params)["items"]]


def _city(world: World) -> None:
    """Oldest first: the passing mentions are the newest, so newest-first would list them first."""
    publish_entry(world, name="常住人口基本信息", summary="身份核验用的基本信息")
    publish_entry(world, name="人口抽样调查汇总信息", summary="抽样汇总", update_cycle="yearly")
    publish_entry(world, "B", name="常住人员与人口台账", summary="按街道汇总")
    publish_entry(world, "B", name="流动人员登记", summary="涉及常住人口的流动情况")
    publish_entry(
        world, name="低保对象名单", summary="救助对象", data_items=items("人口数"), **NOT_SHARED
    )


def test_relevance_sorts_paging_and_not_shared(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One small city for all the list checks (publishing through the API is the slow part)."""
    _city(world)
    _check_relevance(world)
    _check_sort_choices(world)
    _check_not_shared(world)
    _check_pages_past_the_cap(world, monkeypatch)


def _check_relevance(world: World) -> None:
    # 人口: the names holding it (newest first), then the passing mentions (newest first)
    assert _names(world, q="人口") == [
        "常住人员与人口台账",
        "人口抽样调查汇总信息",
        "常住人口基本信息",
        "低保对象名单",  # a data item 人口数 only (and 不予共享: listed)
        "流动人员登记",  # 人口 in its summary only, though newer than the three above
    ]
    # 常住人口: the whole term in the name, then all its bigrams scattered, then elsewhere
    assert _names(world, q="常住人口") == ["常住人口基本信息", "常住人员与人口台账", "流动人员登记"]
    for name in _names(world, q="常住人口"):
        assert relevance_tier("常住人口", name) in set(Tier)
    assert _names(world, q="常住人口", sort="relevance") == _names(world, q="常住人口")


def _check_sort_choices(world: World) -> None:
    newest = _names(world, q="人口", sort="newest")
    assert newest[:2] == ["低保对象名单", "流动人员登记"]  # by id, newest first
    assert _names(world, q="人口", sort="name") == sorted(newest)
    assert _names(world, q="人口", sort="-name") == sorted(newest, reverse=True)
    assert _names(world) == newest  # no text: newest first
    assert _names(world, sort="relevance") == newest  # relevance without text: newest
    bad = world.client.get(
        f"{API}/share-catalog", params={"sort": "best"}, headers=world.h("B", Role.APPLICANT)
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"


def _check_pages_past_the_cap(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """More name matches than the cap: tiers 1 and 2 read newest first as one, pages join up."""
    whole = _names(world, q="人口")
    monkeypatch.setattr(search, "TEXT_CAP", 2)
    pages = [_get(world, "share-catalog", q="人口", offset=i, limit=1) for i in range(5)]
    assert [n for p in pages for n in (e["name"] for e in p["items"])] == whole
    assert pages[0]["total_is_estimate"]
    assert _names(world, q="人口", limit=5) == whole


def _check_not_shared(world: World) -> None:
    rows = _get(world, "share-catalog", share_type="not_shared")["items"]
    assert [(r["name"], r["share_type"]) for r in rows] == [("低保对象名单", "not_shared")]
    assert "低保对象名单" in _names(world, q="低保")
    assert "低保对象名单" not in _names(world, share_type="conditional")


def _direct(world: World, dim: str, **where: Any) -> dict[str, int]:
    with world.session() as s:
        column = getattr(CatalogEntry, dim)
        stmt = select(column, func.count()).where(CatalogEntry.status == EntryStatus.PUBLISHED)
        for key, value in where.items():
            stmt = stmt.where(getattr(CatalogEntry, key) == value)
        return {str(v): int(n) for v, n in s.execute(stmt.group_by(column))}


def _facets(world: World, **params: Any) -> dict[str, dict[str, int]]:
    body = _get(world, "share-catalog/facets", **params)
    assert body["exact"] and body["limit"] == search.FACET_CAP
    return {dim: {f["value"]: f["count"] for f in body[dim]} for dim in search.FACET_DIMENSIONS}


def test_facets(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _city(world)
    _check_facets_count_like_a_direct_count(world)
    _check_facets_past_the_cap(world, monkeypatch)


def _check_facets_count_like_a_direct_count(world: World) -> None:
    everything = _facets(world)
    for dim in search.FACET_DIMENSIONS:
        assert everything[dim] == _direct(world, dim), dim
    assert everything["share_type"]["not_shared"] == 1
    # a filter narrows the other dimensions, not its own
    one_cycle = _facets(world, update_cycle="yearly")
    assert one_cycle["update_cycle"] == everything["update_cycle"]
    assert one_cycle["department_id"] == _direct(world, "department_id", update_cycle="yearly")
    # text: 常住人口 matches three entries, one of A and two of B
    text = _facets(world, q="常住人口")
    assert sum(text["department_id"].values()) == 3
    assert text["share_type"] == {"conditional": 3}
    counts = _get(world, "share-catalog/facets", q="人口")
    assert counts["department_id"][0]["count"] >= counts["department_id"][-1]["count"]


def _check_facets_past_the_cap(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "FACET_CAP", 2)
    body = _get(world, "share-catalog/facets", q="人口")
    assert not body["exact"]
    assert sum(f["count"] for f in body["share_type"]) <= 3
    bad = world.client.get(
        f"{API}/share-catalog/facets",
        params={"share_type": "nope"},
        headers=world.h("B", Role.APPLICANT),
    )
    assert bad.status_code == 422
    anonymous = world.client.get(f"{API}/share-catalog/facets")
    assert anonymous.status_code == 401
