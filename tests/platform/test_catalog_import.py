"""Catalog import and export (POST /catalog/imports[/preview], GET /catalog/export): preview,
all-or-nothing apply through the normal write path, idempotent retry, own department only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from govshare_core.vocab import Role
from govshare_platform.catalog.models import CatalogEntry, ChangeReport
from tests.platform.catalog_helpers import create_entry, entry_payload, items, publish_entry
from tests.platform.conftest import World

API = "/api/v1/catalog"
R = Role.REGISTRAR


def row(number: int, entry_id: int | None = None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"row": number, "key": str(number), "entry": entry_payload(**changes)}
    if entry_id is not None:
        body["entry_id"] = entry_id
    return body


def count(world: World, model: type) -> int:
    with world.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_preview_says_what_each_row_does(world: World) -> None:
    draft = create_entry(world, "A")
    published = publish_entry(world, "A", name="法人基本信息")
    rows = [
        row(2, name="新登记资源"),
        row(3, draft["id"], summary="修改后的摘要，说明资源内容。"),
        row(4, published["id"], name="法人基本信息", update_cycle="weekly"),
        row(5, published["id"] + 1000),
        row(6, share_conditions=None),
    ]
    r = world.client.post(f"{API}/imports/preview", json={"rows": rows}, headers=world.h("A", R))
    assert r.status_code == 200, r.text
    got = r.json()
    actions = [x["action"] for x in got["rows"]]
    assert actions == ["create", "update", "change_report", "refused", "refused"]
    assert got["rows"][1]["changes"][0]["field"] == "summary"
    assert got["rows"][2]["changes"][0]["key_element"] is True
    why = got["rows"][4]["problems"][0]
    assert (why["sheet"], why["row"], why["column"]) == ("信息资源", 6, "共享条件")
    assert "共享条件" in why["message_zh"]
    assert got["counts"]["refused"] == 2
    assert count(world, CatalogEntry) == 2  # a preview writes nothing


def test_apply_all_rows_through_the_write_path(world: World) -> None:
    draft = create_entry(world, "A")
    published = publish_entry(world, "A", name="法人基本信息")
    rows = [
        row(2, name="新登记资源", data_items=items("甲", "乙")),
        row(3, draft["id"], summary="修改后的摘要，说明资源内容。"),
        row(4, published["id"], name="法人基本信息", update_cycle="weekly", summary="新摘要"),
    ]
    h = world.h("A", R, **{"Idempotency-Key": "import-1"})
    r = world.client.post(f"{API}/imports", json={"rows": rows}, headers=h)
    assert r.status_code == 201, r.text
    result = r.json()
    assert len(result["created"]) == 1 and len(result["change_reports"]) == 1
    new = world.client.get(f"{API}/entries/{result['created'][0]}", headers=world.h("A", R)).json()
    assert new["status"] == "draft" and [i["name"] for i in new["data_items"]] == ["甲", "乙"]
    edited = world.client.get(f"{API}/entries/{draft['id']}", headers=world.h("A", R)).json()
    assert edited["summary"].startswith("修改后")
    pub = world.client.get(f"{API}/entries/{published['id']}", headers=world.h("A", R)).json()
    assert pub["update_cycle"] == "daily" and pub["summary"] == "新摘要"  # key change reported
    with world.session() as s:
        report = s.scalars(select(ChangeReport)).one()
        assert report.changes == {"update_cycle": "weekly"} and report.status == "submitted"
    # a retry after a lost answer: same result, nothing duplicated
    again = world.client.post(f"{API}/imports", json={"rows": rows}, headers=h)
    assert again.status_code == 201 and again.json() == result
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert count(world, CatalogEntry) == 3 and count(world, ChangeReport) == 1


def test_one_bad_row_applies_nothing(world: World) -> None:
    draft = create_entry(world, "A")
    rows = [
        row(2, name="新登记资源"),
        row(3, draft["id"], summary="修改后的摘要"),
        row(4, share_type="not_shared", legal_basis=None),
    ]
    r = world.client.post(f"{API}/imports", json={"rows": rows}, headers=world.h("A", R))
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "import_refused" and [x["row"] for x in body["rows"]] == [4]
    assert count(world, CatalogEntry) == 1
    kept = world.client.get(f"{API}/entries/{draft['id']}", headers=world.h("A", R)).json()
    assert kept["summary"] == draft["summary"]


def test_another_departments_entry_is_not_found(world: World) -> None:
    theirs = create_entry(world, "B")
    rows = [row(2, name="新登记资源"), row(3, theirs["id"], summary="改别人的目录")]
    r = world.client.post(f"{API}/imports", json={"rows": rows}, headers=world.h("A", R))
    assert r.status_code == 404 and r.json()["code"] == "import_entry_not_found"
    assert count(world, CatalogEntry) == 1
    by_code = [row(2)]
    by_code[0]["resource_code"] = publish_entry(world, "B")["resource_code"]
    r = world.client.post(f"{API}/imports", json={"rows": by_code}, headers=world.h("A", R))
    assert r.status_code == 404


def test_registrars_only(world: World) -> None:
    body = {"rows": [row(2)]}
    for role in (Role.CATALOG_REVIEWER, Role.APPLICANT):
        r = world.client.post(f"{API}/imports", json=body, headers=world.h("A", role))
        assert r.status_code == 403
        r = world.client.post(f"{API}/imports/preview", json=body, headers=world.h("A", role))
        assert r.status_code == 403


def test_export_lists_own_department_in_full(world: World) -> None:
    mine = create_entry(world, "A")
    create_entry(world, "B")
    r = world.client.get(f"{API}/export", headers=world.h("A", R))
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 1 and page["items"][0]["id"] == mine["id"]
    assert page["items"][0]["data_items"][0]["name"] == "姓名"


def test_bad_bodies_are_4xx(world: World) -> None:
    h = world.h("A", R)
    assert world.client.post(f"{API}/imports", json={"rows": []}, headers=h).status_code == 422
    assert world.client.post(f"{API}/imports", json={"x": 1}, headers=h).status_code == 422
