"""Chinese full-text search, the share catalog and 一数一源 hints (第十八条, 第二十条)."""

from __future__ import annotations

from sqlalchemy import select

from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.catalog import search
from govshare_platform.catalog.models import CatalogEntry
from tests.platform.catalog_helpers import API, create_entry, items, publish_entry
from tests.platform.conftest import World


def test_tokenize_bigrams_words_and_unigrams() -> None:
    assert search.tokenize("常住人口") == ["常住", "住人", "人口"]
    assert search.tokenize("人") == ["人"]
    assert search.tokenize("婚姻 Registry-2024") == ["婚姻", "registry", "2024"]
    assert search.tokenize("社保", unigrams=True) == ["社", "保", "社保"]
    assert search.tokenize("！？ ,") == []
    assert search.filter_token("zst", "dept_approved") == "zstdeptapproved"


def _names(world: World, path: str, role: Role = Role.APPLICANT, **params: str) -> list[str]:
    r = world.client.get(f"{API}/{path}", params=params, headers=world.h("B", role))
    assert r.status_code == 200, r.text
    return [e["name"] for e in r.json()["items"]]


def _world_of_entries(world: World) -> None:
    publish_entry(world, name="常住人口基本信息")
    publish_entry(
        world,
        name="职工社会保险缴费信息",
        summary="参保单位及职工缴费记录",
        data_items=items("单位名称", "社保缴费基数"),
        share_type="unconditional",
        share_conditions=None,
        share_scope=None,
        share_mode="query",
    )
    publish_entry(
        world, "B", name="婚姻登记信息", summary="结婚、离婚登记记录", update_cycle="realtime"
    )
    publish_entry(
        world,
        "B",
        name="收养登记档案",
        summary="收养当事人信息",
        share_type="not_shared",
        share_conditions=None,
        share_scope=None,
        legal_basis="《中华人民共和国收养法》",
    )
    create_entry(world, "B", name="婚姻状况草稿", summary="尚未提交的草稿")


def test_share_catalog_search(world: World) -> None:
    _world_of_entries(world)
    assert _names(world, "share-catalog", q="人口") == ["常住人口基本信息"]
    assert _names(world, "share-catalog", q="社保") == ["职工社会保险缴费信息"]
    assert _names(world, "share-catalog", q="婚姻") == ["婚姻登记信息"]  # not the draft
    assert _names(world, "share-catalog", q="收养") == ["收养登记档案"]  # 不予共享: listed, flagged
    assert _names(world, "share-catalog", q="婚姻", update_cycle="realtime") == ["婚姻登记信息"]
    assert _names(world, "share-catalog", q="婚姻", update_cycle="daily") == []
    assert _names(world, "share-catalog", q="缴费", share_type="unconditional", share_mode="query")
    assert _names(world, "share-catalog", q="公安局") == [
        "职工社会保险缴费信息",
        "常住人口基本信息",
    ]
    assert _names(world, "share-catalog", q="101001/000001") == ["常住人口基本信息"]
    assert _names(world, "share-catalog", q="人口 婚姻") == []
    assert _names(world, "share-catalog") == [
        "收养登记档案",
        "婚姻登记信息",
        "职工社会保险缴费信息",
        "常住人口基本信息",
    ]
    assert _names(world, "share-catalog", share_type="not_shared") == ["收养登记档案"]


def test_entry_list_search_and_filters(world: World) -> None:
    _world_of_entries(world)
    assert _names(world, "entries", Role.REGISTRAR, q="婚姻") == ["婚姻状况草稿", "婚姻登记信息"]
    assert _names(world, "entries", Role.REGISTRAR, q="婚姻", status="draft") == ["婚姻状况草稿"]
    assert _names(world, "entries", Role.REGISTRAR, q="人口") == []  # A's entry, not B's
    assert _names(
        world, "entries", Role.REGISTRAR, status="published", share_type="not_shared"
    ) == ["收养登记档案"]
    admin = world.client.get(
        f"{API}/entries",
        params={"q": "信息", "limit": 2},
        headers=world.h("P", Role.PLATFORM_ADMIN),
    ).json()
    assert admin["total"] == 4 and len(admin["items"]) == 2 and not admin["total_is_estimate"]


def test_reindex_follows_changes(world: World) -> None:
    entry = create_entry(world, name="流动人口登记")
    h = world.h("A", Role.REGISTRAR)
    with world.session() as s:
        row = s.get(CatalogEntry, entry["id"])
        assert row is not None
        row.name = "户籍迁移登记"
        search.reindex_entry(s, row)
        s.commit()
    assert _found(world, h, "迁移") == [entry["id"]]
    assert _found(world, h, "流动") == []
    with world.session() as s:
        assert search.rebuild(s) == 1
        s.commit()
    assert _found(world, h, "迁移") == [entry["id"]]


def _found(world: World, headers: dict[str, str], q: str) -> list[int]:
    r = world.client.get(f"{API}/entries", params={"q": q}, headers=headers)
    return [e["id"] for e in r.json()["items"]]


def test_share_catalog_searches_are_audited(world: World) -> None:
    publish_entry(world)
    h = world.h("B", Role.APPLICANT)
    world.client.get(
        f"{API}/share-catalog", params={"q": "人口", "share_mode": "interface"}, headers=h
    )
    world.client.get(f"{API}/share-catalog", headers=h)  # plain browsing is not a search
    with world.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "share_catalog_search")
        ).all()
    assert len(events) == 1
    assert events[0].details == {"q": "人口", "filters": {"share_mode": "interface"}, "results": 1}
    assert events[0].actor_id == world.uid("B", Role.APPLICANT)


def test_source_hints_across_departments(world: World) -> None:
    a = publish_entry(world, data_items=items("姓名", "公民身份号码", "户籍地址"))
    publish_entry(world, name="驾驶人信息", data_items=items("姓名", "准驾车型"))
    b_own = publish_entry(world, "B", name="低保对象信息", data_items=items("姓名", "公民身份号码"))
    r = world.client.get(
        f"{API}/source-hints",
        params=[("item", "姓名"), ("item", "公民身份号码"), ("item", "婚姻状况")],
        headers=world.h("B", Role.REGISTRAR),
    )
    assert r.status_code == 200
    hints = r.json()
    assert hints[0]["entry_id"] == a["id"]
    assert hints[0]["matching_items"] == ["姓名", "公民身份号码"]
    assert hints[0]["department_name"] == "南通市公安局"
    assert b_own["id"] not in [h["entry_id"] for h in hints]
    assert len(hints) == 2
    excluded = world.client.get(
        f"{API}/source-hints",
        params={"item": "姓名", "exclude_entry_id": a["id"]},
        headers=world.h("B", Role.REGISTRAR),
    ).json()
    assert [h["entry_name"] for h in excluded] == ["驾驶人信息"]
    assert (
        world.client.get(f"{API}/source-hints", headers=world.h("B", Role.REGISTRAR)).status_code
        == 422
    )
