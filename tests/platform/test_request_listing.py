"""`sort` and `q` on GET /requests and GET /grants: every key of the whitelists, both
directions, stable paging, NULLs last; words found in the right places; and never a row of
another department's requests or grants (第二十二条: only the parties see a request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from govshare_core.vocab import GrantStatus, RequestStatus, Role, ShareMode, ShareType
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.grants.service import GRANT_SORT
from govshare_platform.requests.service import REQUEST_SORT
from tests.platform.conftest import World
from tests.platform.listing_support import (
    assert_unknown_sort,
    check_sorted,
    enum_rank,
    get_page,
    moment,
)
from tests.platform.requests_support import (
    TODAY,
    act,
    add_department,
    create,
    make_entry,
    ok,
    set_today,
)

REQUESTS, GRANTS = "/api/v1/requests", "/api/v1/grants"
ADMIN = ("P", Role.PLATFORM_ADMIN)
ITEMS = (("姓名", None), ("身份证号", None), ("住址", None), ("GIS坐标", None))


@dataclass
class Listing:
    """The ids of the requests made by `_world`, by what they are."""

    b_draft: int
    b_waiting: int
    c_approved: int
    c_active: int
    b_active: int
    a_active: int
    b_withdrawn: int
    c_rejected: int


def _code(world: World, entry_id: int, code: str) -> None:
    with world.session() as s:
        entry = s.get(CatalogEntry, entry_id)
        assert entry is not None
        entry.resource_code = code
        s.commit()


def _submit(world: World, entry: int, dept: str, **kw: Any) -> int:
    rid = create(world, entry, dept, **kw)["id"]
    ok(act(world, rid, "submit", dept, Role.APPLICANT))
    return int(rid)


@pytest.fixture
def listing(world: World, monkeypatch: pytest.MonkeyPatch) -> Listing:
    """Requests between departments A, B and C in many states, received on different days."""
    add_department(world)  # C, 南通市税务局
    people = make_entry(world, name="人口基础信息", items=ITEMS)
    gis = make_entry(world, name="GIS地理信息", share_type="unconditional", items=ITEMS)
    marriage = make_entry(world, dept="B", name="婚姻登记信息", share_type="unconditional")
    _code(world, people, "101001/000001")
    _code(world, gis, "101002/000007")
    end = TODAY + timedelta(days=200)

    def day(n: int) -> None:
        set_today(monkeypatch, TODAY + timedelta(days=n))

    day(0)
    b_draft = int(create(world, people, "B", business="低保资格复核")["id"])
    b_waiting = _submit(world, people, "B", share_mode="query", end_date=str(end))
    day(1)
    c_approved = _submit(world, people, "C", business="税收征管比对", end_date=str(end))
    ok(act(world, c_approved, "provider-decision", "A", Role.RESOURCE_ADMIN, approve=True))
    day(2)
    b_active = _submit(world, gis, "B", items=["姓名", "住址"], business="Gis Mapping 核验")
    a_active = _submit(
        world,
        marriage,
        "A",
        items=["姓名", "住址"],
        share_mode="custom",
        reason="户籍业务办理需要核验婚姻",
    )
    # the one grant still active at the end: created last, so its id is the largest and sorting
    # by stored status (the swept one) would put it after the grants that have ended since
    c_active = _submit(
        world,
        gis,
        "C",
        items=["GIS坐标"],
        share_mode="exchange",
        end_date=str(TODAY + timedelta(days=400)),
    )
    day(3)
    b_withdrawn = _submit(world, people, "B", end_date=str(end - timedelta(10)))
    ok(act(world, b_withdrawn, "withdraw", "B", Role.APPLICANT))
    c_rejected = _submit(world, people, "C", share_mode="exchange")
    rejection = {"approve": False, "ground": "not_duty_related", "comment": "与职责无关"}
    ok(act(world, c_rejected, "provider-decision", "A", Role.RESOURCE_ADMIN, **rejection))
    return Listing(
        b_draft, b_waiting, c_approved, c_active, b_active, a_active, b_withdrawn, c_rejected
    )


REQUEST_RANKS = {
    "status": enum_rank(RequestStatus),
    "share_type": enum_rank(ShareType),
    "share_mode": enum_rank(ShareMode),
    "created_at": moment,
    "updated_at": moment,
}


def test_requests_sort_by_every_key(world: World, listing: Listing) -> None:
    # one world for all keys (building it takes a few seconds); a failure names the key
    for key in REQUEST_SORT.names:
        check_sorted(world.client, REQUESTS, world.h(*ADMIN), key, rank=REQUEST_RANKS.get(key))


def test_a_department_sorts_only_its_own_requests(world: World, listing: Listing) -> None:
    for key in REQUEST_SORT.names:
        rank = REQUEST_RANKS.get(key)
        check_sorted(world.client, REQUESTS, world.h("B", Role.APPLICANT), key, rank=rank, limit=2)
        mine = get_page(world.client, REQUESTS, world.h("C", Role.APPLICANT), sort=key, limit=200)
        assert {r["id"] for r in mine["items"]} == {
            listing.c_approved,
            listing.c_active,
            listing.c_rejected,
        }, key


def test_requests_name_their_departments(world: World, listing: Listing) -> None:
    r = get_page(world.client, f"{REQUESTS}/{listing.a_active}", world.h("A", Role.APPLICANT))
    assert r["consumer_department_name"] == "南通市公安局"
    assert r["provider_department_name"] == "南通市民政局"
    items = get_page(world.client, REQUESTS, world.h(*ADMIN), limit=200)["items"]
    assert {i["consumer_department_name"] for i in items} == {
        "南通市公安局",
        "南通市民政局",
        "南通市税务局",
    }


def _ids(world: World, url: str, who: tuple[str, Role], **params: Any) -> set[int]:
    return {
        r["id"] for r in get_page(world.client, url, world.h(*who), limit=200, **params)["items"]
    }


def test_q_finds_requests_by_every_field(world: World, listing: Listing) -> None:
    who = ADMIN
    assert _ids(world, REQUESTS, who, q="GIS地理") == {listing.c_active, listing.b_active}
    assert _ids(world, REQUESTS, who, q="101002/") == {listing.c_active, listing.b_active}
    assert _ids(world, REQUESTS, who, q="税务局") == {
        listing.c_approved,
        listing.c_active,
        listing.c_rejected,
    }
    assert _ids(world, REQUESTS, who, q="民政") == {
        listing.b_waiting,
        listing.b_active,
        listing.a_active,  # the provider's name
        listing.b_withdrawn,
    }
    assert _ids(world, REQUESTS, who, q="征管") == {listing.c_approved}  # 应用业务
    assert _ids(world, REQUESTS, who, q="婚姻") == {listing.a_active}  # entry name and reason
    assert _ids(world, REQUESTS, who, q="户籍业务") == {listing.a_active}  # the reason only
    assert _ids(world, REQUESTS, who, q="gis mapping") == {listing.b_active}  # any case
    assert _ids(world, REQUESTS, who, q="mapping 税务局") == set()  # every word must match
    assert _ids(world, REQUESTS, who, q="人口 税务局") == {listing.c_approved, listing.c_rejected}
    assert _ids(world, REQUESTS, who, q="100%") == set()  # LIKE wildcards are literal
    assert _ids(world, REQUESTS, who, q="人口 税务局", status="rejected") == set()
    assert _ids(world, REQUESTS, who, q="人口 税务局", status="provider_rejected") == {
        listing.c_rejected
    }


def test_q_keeps_to_the_departments_own_requests(world: World, listing: Listing) -> None:
    # C searches for B's business and B's department: nothing of B's reaches C
    c = ("C", Role.APPLICANT)
    assert _ids(world, REQUESTS, c, q="民政局") == set()
    assert _ids(world, REQUESTS, c, q="人口") == {listing.c_approved, listing.c_rejected}
    assert _ids(world, REQUESTS, c, q="低保") == set()
    # the provider never sees the consumer's draft; the consumer does
    assert _ids(world, REQUESTS, ("A", Role.RESOURCE_ADMIN), q="低保") == set()
    assert _ids(world, REQUESTS, ("B", Role.APPLICANT), q="低保") == {listing.b_draft}
    assert _ids(world, REQUESTS, ADMIN, q="低保") == set()
    sorted_c = get_page(
        world.client, REQUESTS, world.h(*c), q="信息", sort="-consumer_department_name", limit=200
    )
    assert {r["consumer_department_id"] for r in sorted_c["items"]} == {world.depts["C"]}
    assert sorted_c["total"] == 3


def test_q_and_sort_combine(world: World, listing: Listing) -> None:
    r = get_page(world.client, REQUESTS, world.h(*ADMIN), q="人口", sort="-received_on", limit=200)
    got = [(i["received_on"], i["id"]) for i in r["items"]]
    assert got == sorted(got, reverse=True) and r["total"] == len(got) == 4


def test_q_is_at_most_200_characters(world: World, listing: Listing) -> None:
    for url in (REQUESTS, GRANTS):
        r = world.client.get(url, params={"q": "人" * 201}, headers=world.h(*ADMIN))
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "q"


GRANT_RANKS = {"status": enum_rank(GrantStatus), "share_mode": enum_rank(ShareMode)}


@pytest.fixture
def grants(world: World, listing: Listing, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The active requests' grants, one revoked, and `today` moved so that some have ended."""
    rows = get_page(world.client, GRANTS, world.h(*ADMIN), limit=200)["items"]
    target = next(
        g for g in rows if g["request_id"] == listing.b_active and g["data_item"] == "住址"
    )
    revoke = world.client.post(
        f"{GRANTS}/{target['id']}/revoke",
        json={"reason": "停止使用"},
        headers=world.h("A", Role.RESOURCE_ADMIN),
    )
    assert revoke.status_code == 200, revoke.text
    # the default end (365 days) has passed, C's (400 days) not: expired without a sweep
    set_today(monkeypatch, TODAY + timedelta(days=366))
    return [g["id"] for g in rows]


def test_grants_sort_by_every_key(world: World, grants: list[int]) -> None:
    statuses = {g["status"] for g in get_page(world.client, GRANTS, world.h(*ADMIN))["items"]}
    assert statuses == {"active", "expired", "revoked"}  # `status` is the effective one
    for key in GRANT_SORT.names:
        check_sorted(world.client, GRANTS, world.h(*ADMIN), key, rank=GRANT_RANKS.get(key))
    b = world.h("B", Role.APPLICANT)
    for key in ("data_item", "status", "consumer_department_name", "due"):
        check_sorted(world.client, GRANTS, b, key, rank=GRANT_RANKS.get(key), limit=1)
        mine = get_page(world.client, GRANTS, b, sort=key)["items"]
        parties = [(g["consumer_department_id"], g["provider_department_id"]) for g in mine]
        assert all(world.depts["B"] in pair for pair in parties), key


def test_grants_default_order_is_unchanged(world: World, grants: list[int]) -> None:
    items = get_page(world.client, GRANTS, world.h(*ADMIN), limit=200)["items"]
    assert [(g["valid_until"], g["id"]) for g in items] == sorted(
        (g["valid_until"], g["id"]) for g in items
    )


def test_q_finds_grants_and_keeps_to_the_parties(world: World, grants: list[int]) -> None:
    def items(who: tuple[str, Role], **params: Any) -> list[dict[str, Any]]:
        page = get_page(world.client, GRANTS, world.h(*who), limit=200, **params)
        return list(page["items"])

    everything = items(ADMIN)
    assert {g["data_item"] for g in items(ADMIN, q="gis坐标")} == {"GIS坐标"}  # any case
    assert {g["entry_name"] for g in items(ADMIN, q="婚姻")} == {"婚姻登记信息"}
    assert len(items(ADMIN, q="101002/")) == 3  # the GIS entry's code: C's item and B's two
    assert {g["consumer_department_name"] for g in items(ADMIN, q="税务")} == {"南通市税务局"}
    assert items(ADMIN, q="住址 税务") == []  # C was granted GIS坐标 only
    assert len(items(ADMIN, q="住址 民政")) == 2  # B's 住址 and A's 住址 of B's entry
    assert len(items(ADMIN, q="住址 民政", status="revoked")) == 1
    c = items(("C", Role.APPLICANT), q="信息")
    assert [g["consumer_department_name"] for g in c] == ["南通市税务局"]
    assert items(("C", Role.APPLICANT), q="民政") == []
    given = items(("B", Role.RESOURCE_ADMIN), q="公安", side="given", sort="-data_item")
    assert [g["data_item"] for g in given] == sorted((g["data_item"] for g in given), reverse=True)
    assert {g["provider_department_name"] for g in given} == {"南通市民政局"} and len(given) == 2
    assert len(everything) == 5


@pytest.mark.parametrize("url", [REQUESTS, GRANTS])
def test_unknown_sort_keys_are_refused(world: World, url: str) -> None:
    allowed = assert_unknown_sort(world.client, url, world.h("B", Role.APPLICANT))
    keys = REQUEST_SORT.names if url == REQUESTS else GRANT_SORT.names
    assert allowed == list(keys)
    assert {"consumer_department_name", "provider_department_name", "entry_name"} <= set(allowed)
