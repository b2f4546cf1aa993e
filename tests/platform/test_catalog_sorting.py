"""`sort` on the catalog lists: every key of the whitelist, both directions, stable offset paging,
NULLs last, on the B-tree path (plain listing) and on the token path (text or filters)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from govshare_core.vocab import (
    ChangeReportStatus,
    EntryStatus,
    Role,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_platform.catalog import search, service
from govshare_platform.catalog.models import CatalogEntry, EntryDataItem
from govshare_platform.departments.models import User
from tests.platform.catalog_helpers import API, publish_entry
from tests.platform.conftest import World
from tests.platform.listing_support import (
    assert_unknown_sort,
    check_sorted,
    enum_rank,
    expected_ids,
    get_page,
    moment,
)
from tests.platform.requests_support import set_today

BASE = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
NAMES = (
    "户籍人口信息",
    "法人登记信息",
    "Alpha数据",
    "alpha数据",
    "户籍人口信息",  # the same name again: ties broken by id
    "不动产登记信息",
    "社保缴费信息",
    "婚姻登记信息",
    "企业信用信息",
    "Beta",
    "医保结算信息",
    "车辆登记信息",
    "教育学籍信息",
    "气象观测信息",
    "排污许可登记",
    "公积金缴存信息",
)
STATES = (
    EntryStatus.PUBLISHED,
    EntryStatus.PUBLISHED,
    EntryStatus.DRAFT,
    EntryStatus.SUBMITTED,
    EntryStatus.PUBLISHED,
    EntryStatus.DEPT_APPROVED,
    EntryStatus.RETURNED,
    EntryStatus.PUBLISHED,
    EntryStatus.WITHDRAWN,
    EntryStatus.PUBLISHED,
)
RANKS = {
    "status": enum_rank(EntryStatus),
    "share_type": enum_rank(ShareType),
    "share_mode": enum_rank(ShareMode),
    "update_cycle": enum_rank(UpdateCycle),
    "updated_at": moment,
    "submitted_at": moment,
}
TEXT_KEYS = ("name", "resource_code", "department_name", "submitted_by_name", "resource_class")
OTHER_KEYS = ("id", "status", "share_type", "share_mode", "update_cycle")
DATE_KEYS = ("published_on", "updated_at", "submitted_at")


def _entry(world: World, i: int, submitters: list[int | None]) -> CatalogEntry:
    status = STATES[i % len(STATES)]
    published = status in (EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN)
    share_type = list(ShareType)[i % 3]
    submitted = status is not EntryStatus.DRAFT
    return CatalogEntry(
        department_id=world.depts["A" if i % 3 else "B"],
        status=status,
        resource_class=str(1 + i % 3),
        class_item="01",
        class_catalog="001",
        name=NAMES[i],
        summary="测试摘要",
        format_class="database",
        format_type="mysql",
        share_type=share_type,
        share_conditions="仅限履职" if share_type is ShareType.CONDITIONAL else None,
        share_scope="市级部门" if share_type is ShareType.CONDITIONAL else None,
        legal_basis="《某某法》第十条" if share_type is ShareType.NOT_SHARED else None,
        share_mode=list(ShareMode)[i % 4],
        update_cycle=list(UpdateCycle)[(i * 5) % 9],
        resource_code=f"101001/{900 - i:06d}" if published else None,
        published_on=date(2026, 1, 1) + timedelta(days=i % 3) if published else None,
        submitted_by=submitters[i % len(submitters)] if submitted else None,
        submitted_at=BASE + timedelta(days=i % 4) if submitted else None,
        dept_approved_at=BASE + timedelta(days=5 + i % 2)
        if status is EntryStatus.DEPT_APPROVED
        else None,
        created_at=BASE,
        updated_at=BASE + timedelta(hours=i % 5),
        items=[EntryDataItem(position=0, name="姓名", data_type="C", length=50)],
    )


@pytest.fixture
def entries(world: World) -> list[int]:
    """Sixteen entries of departments A and B in every state, with ties and NULLs in each key."""
    zhang = world.add_user("A", Role.REGISTRAR, username="zhang_san")
    blank = world.add_user("A", Role.REGISTRAR, username="blank_name")
    with world.session() as s:
        s.get(User, zhang).full_name = "张三"  # type: ignore[union-attr]
        s.get(User, blank).full_name = "  "  # type: ignore[union-attr]
        s.commit()
    submitters = [world.uid("A", Role.REGISTRAR), zhang, blank, None]
    with world.session() as s:
        rows = [_entry(world, i, submitters) for i in range(len(NAMES))]
        s.add_all(rows)
        s.flush()
        search.index_entries(s, rows)
        s.commit()
        return [e.id for e in rows]


ADMIN = ("P", Role.PLATFORM_ADMIN)


@pytest.mark.parametrize("key", TEXT_KEYS + OTHER_KEYS + DATE_KEYS)
def test_entries_sort_by_every_key(world: World, entries: list[int], key: str) -> None:
    check_sorted(world.client, f"{API}/entries", world.h(*ADMIN), key, rank=RANKS.get(key))


@pytest.mark.parametrize("key", ("name", "department_name", "updated_at", "published_on", "id"))
def test_share_catalog_sorts_its_plain_listing(world: World, entries: list[int], key: str) -> None:
    url = f"{API}/share-catalog"
    check_sorted(world.client, url, world.h("B", Role.APPLICANT), key, rank=RANKS.get(key))
    listed = get_page(world.client, url, world.h("B", Role.APPLICANT), sort=key)["items"]
    assert {e["status"] for e in listed} == {"published"}  # 不予共享 too (第五条, issue 12)


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("name", {"q": "登记"}),
        ("department_name", {"q": "信息"}),
        ("updated_at", {"q": "信息"}),
        ("resource_code", {"q": "信息"}),
        ("name", {"share_mode": "query"}),
        ("submitted_by_name", {"status": "published"}),
    ],
)
def test_sorting_search_results(
    world: World, entries: list[int], key: str, params: dict[str, Any]
) -> None:
    """Text or a filter goes to the token index; its matches sort the same way."""
    url = f"{API}/entries"
    check_sorted(world.client, url, world.h(*ADMIN), key, rank=RANKS.get(key), limit=2, **params)


def test_a_department_sorts_only_its_own_entries(world: World, entries: list[int]) -> None:
    url = f"{API}/entries"
    listed = get_page(world.client, url, world.h("B", Role.REGISTRAR), sort="-name", limit=200)
    assert {e["department_id"] for e in listed["items"]} == {world.depts["B"]}
    assert listed["total"] == len([i for i in range(len(NAMES)) if i % 3 == 0])
    for key in ("submitted_by_name", "department_name", "status"):
        rank = RANKS.get(key)
        check_sorted(world.client, url, world.h("B", Role.REGISTRAR), key, rank=rank, limit=2)


def test_review_due_sorts_the_review_queue_by_deadline(world: World, entries: list[int]) -> None:
    r = get_page(world.client, f"{API}/entries", world.h(*ADMIN), sort="review_due", limit=200)
    dues = [e["review_due"] for e in r["items"]]
    waiting = [d for d in dues if d is not None]
    assert len(waiting) >= 2 and waiting == sorted(waiting)
    assert dues == waiting + [None] * (len(dues) - len(waiting))  # NULLs last
    r = get_page(world.client, f"{API}/entries", world.h(*ADMIN), sort="-review_due", limit=200)
    dues = [e["review_due"] for e in r["items"]]
    assert dues[: len(waiting)] == sorted(waiting, reverse=True)


def test_submitter_names_fall_back_to_the_username(world: World, entries: list[int]) -> None:
    items = get_page(world.client, f"{API}/entries", world.h(*ADMIN), limit=200)["items"]
    names = {e["submitted_by_name"] for e in items}
    assert names == {"a_registrar", "张三", "blank_name", None}
    drafts = [e for e in items if e["status"] == "draft"]
    assert drafts and all(e["submitted_by_name"] is e["submitted_at"] is None for e in drafts)


def test_no_sort_keeps_the_newest_first_order(world: World, entries: list[int]) -> None:
    """(The share catalog ranks a search by relevance unless asked for `newest`: issue 12,
    tests/platform/test_catalog_search_rank.py.)"""
    for path in ("entries", "share-catalog"):
        newest = {"sort": "newest"} if path == "share-catalog" else {}
        for params in ({}, {"sort": ""}, {"q": "信息", **newest}):
            got = get_page(world.client, f"{API}/{path}", world.h(*ADMIN), limit=200, **params)
            ids = [e["id"] for e in got["items"]]
            assert ids == sorted(ids, reverse=True) and ids


@pytest.mark.parametrize("path", ["entries", "share-catalog", "change-reports"])
def test_unknown_sort_keys_are_refused(world: World, path: str) -> None:
    allowed = assert_unknown_sort(world.client, f"{API}/{path}", world.h(*ADMIN))
    if path != "change-reports":
        assert allowed == list(search.ENTRY_SORT.names)
        assert {"name", "department_name", "submitted_by_name", "review_due"} <= set(allowed)


def test_the_whitelist_is_in_the_openapi_document(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    for path in ("/api/v1/catalog/entries", "/api/v1/catalog/share-catalog"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        schema = params["sort"]["schema"]
        assert "name" in schema["enum"] and "-name" in schema["enum"]
        assert "department_name" in params["sort"]["description"]


def test_authentication_comes_before_the_sort_check(world: World) -> None:
    r = world.client.get(f"{API}/entries", params={"sort": "nope"})
    assert r.status_code == 401


@pytest.mark.parametrize("key", ["name", "-updated_at", "department_name", "-resource_code"])
def test_sorting_more_matches_than_are_counted(
    world: World, entries: list[int], monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """Beyond COUNT_CAP matches the matches are not collected first (PostgreSQL's id array):
    the order must be the same."""
    url = f"{API}/entries"
    everything = get_page(world.client, url, world.h(*ADMIN), q="信息", limit=200)["items"]
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    got = get_page(world.client, url, world.h(*ADMIN), q="信息", sort=key, limit=200)
    assert got["total_is_estimate"] is True and got["total"] == 3
    field = key.lstrip("-")
    want = expected_ids(everything, field, key.startswith("-"), RANKS.get(field))
    assert [e["id"] for e in got["items"]] == want


def test_change_reports_sort_by_every_key(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """第十七条 reports: reported on different days, some late, applied, rejected or open."""
    set_today(monkeypatch, date(2026, 6, 1))
    entries = [publish_entry(world)["id"], publish_entry(world, name="法人登记信息")["id"]]
    cycles = ["weekly", "monthly", "daily", "yearly"]
    ids = []
    for i, effective in enumerate([-3, -30, -3, -1, -45, -10, -3]):
        set_today(monkeypatch, date(2026, 6, 1) + timedelta(days=i // 2))
        body = {
            "effective_date": (date(2026, 6, 1) + timedelta(days=effective)).isoformat(),
            "description": "根据新修订的管理规定调整",
            "changes": {"update_cycle": cycles[i % 4]},
        }
        r = world.client.post(
            f"{API}/entries/{entries[i % 2]}/change-reports",
            json=body,
            headers=world.h("A", Role.REGISTRAR),
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    admin = world.h(*ADMIN)
    assert world.client.post(f"{API}/change-reports/{ids[1]}/apply", headers=admin).is_success
    rejected = world.client.post(
        f"{API}/change-reports/{ids[4]}/reject", json={"reason": "与实际不符"}, headers=admin
    )
    assert rejected.is_success, rejected.text
    url = f"{API}/change-reports"
    ranks = {"status": enum_rank(ChangeReportStatus)}
    for key in service.CHANGE_REPORT_SORT.names:
        check_sorted(world.client, url, admin, key, rank=ranks.get(key), limit=2)
    listed = get_page(world.client, url, admin, limit=200)["items"]
    assert {r["late"] for r in listed} == {True, False}
    assert {r["status"] for r in listed} == {"submitted", "applied", "rejected"}
    mine = get_page(world.client, url, world.h("B", Role.REGISTRAR), sort="-due")
    assert mine["items"] == []  # department B reported nothing
