"""Catalog entries: lifecycle and codes, reviews, validation, versions, idempotency, visibility."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from govshare_core.rescode import is_valid_resource_code
from govshare_core.vocab import Role
from govshare_platform.audit.models import AuditEvent
from govshare_platform.catalog.models import CatalogEntry
from tests.platform.catalog_helpers import (
    API,
    act,
    create_entry,
    entry_payload,
    items,
    publish_entry,
)
from tests.platform.conftest import World


def _actions(world: World, entry_id: int) -> list[str]:
    with world.session() as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.object_type == "catalog_entry")
                .where(AuditEvent.object_id == str(entry_id))
                .order_by(AuditEvent.seq)
            )
        )


def test_full_lifecycle_assigns_a_code(world: World) -> None:
    entry = create_entry(world)
    assert entry["status"] == "draft" and entry["resource_code"] is None
    assert entry["problems"] == []
    assert act(world, entry["id"], "submit", "A", Role.REGISTRAR)["status"] == "submitted"
    approved = act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    assert approved["status"] == "dept_approved"
    published = act(world, entry["id"], "publish", "P", Role.PLATFORM_ADMIN)
    assert published["status"] == "published"
    assert published["resource_code"] == "101001/000001"
    assert is_valid_resource_code(published["resource_code"])
    assert published["published_on"] is not None
    assert published["provider_code"] and published["department_name"] == "南通市公安局"
    assert _actions(world, entry["id"]) == [
        "catalog_entry_create",
        "catalog_entry_submit",
        "catalog_entry_dept_approve",
        "catalog_entry_publish",
    ]
    snaps = world.client.get(
        f"{API}/entries/{entry['id']}/snapshots", headers=world.h("A", Role.REGISTRAR)
    ).json()
    assert [s["reason"] for s in snaps] == ["published"]


def test_codes_are_unique_per_prefix_and_never_reused(world: World) -> None:
    first = publish_entry(world)
    other_prefix = publish_entry(world, class_item="02", class_detail="7")
    assert other_prefix["resource_code"] == "102001" + "7/000001"
    act(world, first["id"], "withdraw", "P", Role.PLATFORM_ADMIN, reason="资源已停止维护")
    second = publish_entry(world, name="流动人口信息")
    assert second["resource_code"] == "101001/000002"
    gone = world.client.get(f"{API}/entries/{first['id']}", headers=world.h("A", Role.REGISTRAR))
    assert gone.json()["status"] == "withdrawn"
    assert gone.json()["resource_code"] == "101001/000001"


def test_not_shared_entry_is_confirmed_too(world: World) -> None:
    """第十三条: a 不予共享 entry is confirmed (核定) by the platform like any other."""
    entry = publish_entry(
        world,
        share_type="not_shared",
        share_conditions=None,
        share_scope=None,
        legal_basis="《中华人民共和国居民身份证法》第十三条",
    )
    assert entry["resource_code"] == "101001/000001"


def test_returns_at_both_reviews_then_resubmit(world: World) -> None:
    entry = create_entry(world)
    eid = entry["id"]
    act(world, eid, "submit", "A", Role.REGISTRAR)
    back = act(world, eid, "dept-return", "A", Role.CATALOG_REVIEWER, reason="摘要需补充数据来源")
    assert back["status"] == "returned" and back["return_reason"] == "摘要需补充数据来源"
    act(world, eid, "submit", "A", Role.REGISTRAR)
    act(world, eid, "dept-approve", "A", Role.CATALOG_REVIEWER)
    back = act(world, eid, "platform-return", "P", Role.PLATFORM_ADMIN, reason="分类项有误")
    assert back["status"] == "returned" and back["return_reason"] == "分类项有误"
    resubmitted = act(world, eid, "submit", "A", Role.REGISTRAR)
    assert resubmitted["status"] == "submitted" and resubmitted["return_reason"] is None
    no_reason = world.client.post(
        f"{API}/entries/{eid}/dept-return", json={}, headers=world.h("A", Role.CATALOG_REVIEWER)
    )
    assert no_reason.status_code == 422


def test_recall_and_illegal_transition(world: World) -> None:
    entry = create_entry(world)
    r = world.client.post(
        f"{API}/entries/{entry['id']}/publish", headers=world.h("P", Role.PLATFORM_ADMIN)
    )
    assert r.status_code == 409 and r.json()["code"] == "illegal_transition"
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    assert act(world, entry["id"], "recall", "A", Role.REGISTRAR)["status"] == "draft"


@pytest.mark.parametrize(
    ("step", "body", "by_another"),
    [("dept-approve", None, "dept_approved"), ("dept-return", {"reason": "请补充"}, "returned")],
)
def test_reviewer_never_reviews_own_submission(
    world: World, step: str, body: dict[str, str] | None, by_another: str
) -> None:
    # 第十五条: 登记 and 审核 are separate duties — neither approving nor returning one's own entry
    both = world.add_user("A", Role.REGISTRAR, Role.CATALOG_REVIEWER, username="a_both")
    headers = {"Authorization": f"Bearer {world.token(both)}"}
    r = world.client.post(f"{API}/entries", json=entry_payload(), headers=headers)
    eid = r.json()["id"]
    assert world.client.post(f"{API}/entries/{eid}/submit", headers=headers).status_code == 200
    own = world.client.post(f"{API}/entries/{eid}/{step}", json=body, headers=headers)
    assert own.status_code == 403 and own.json()["code"] == "own_submission"
    with world.session() as s:
        denied = s.scalars(select(AuditEvent).where(AuditEvent.action == "permission_denied")).all()
    assert [e.details["refusal"] for e in denied] == ["own_submission"]
    assert act(world, eid, step, "A", Role.CATALOG_REVIEWER, **(body or {}))["status"] == by_another


def test_roles_and_party_are_enforced(world: World) -> None:
    entry = create_entry(world)
    eid = entry["id"]
    r = world.client.post(f"{API}/entries/{eid}/submit", headers=world.h("A", Role.APPLICANT))
    assert r.status_code == 403
    act(world, eid, "submit", "A", Role.REGISTRAR)
    # B's reviewer cannot even see A's unpublished entry
    r = world.client.post(
        f"{API}/entries/{eid}/dept-approve", headers=world.h("B", Role.CATALOG_REVIEWER)
    )
    assert r.status_code == 404
    act(world, eid, "dept-approve", "A", Role.CATALOG_REVIEWER)
    r = world.client.post(f"{API}/entries/{eid}/publish", headers=world.h("A", Role.REGISTRAR))
    assert r.status_code == 403
    with world.session() as s:
        denied = s.scalars(select(AuditEvent).where(AuditEvent.action == "permission_denied"))
        assert len(list(denied)) == 2


def _fields(response_json: dict) -> set[str]:  # type: ignore[type-arg]
    return {e["field"] for e in response_json.get("errors", [])}


def test_submit_names_the_broken_fields(world: World) -> None:
    cases = {
        "legal_basis": {"share_type": "not_shared", "share_conditions": None, "share_scope": None},
        "share_conditions": {"share_conditions": None},
        "data_items": {"data_items": []},
    }
    for field, overrides in cases.items():
        draft = create_entry(world, **overrides)
        assert field in {p["field"] for p in draft["problems"]}, field
        r = world.client.post(
            f"{API}/entries/{draft['id']}/submit", headers=world.h("A", Role.REGISTRAR)
        )
        assert r.status_code == 422, field
        assert field in _fields(r.json()), r.json()
        assert r.json()["status"] == 422


def test_state_secret_is_refused_outright(world: World) -> None:
    """第六条: 涉及国家秘密 resources are never registered."""
    r = world.client.post(
        f"{API}/entries",
        json=entry_payload(involves_state_secret=True),
        headers=world.h("A", Role.REGISTRAR),
    )
    assert r.status_code == 422
    assert _fields(r.json()) == {"involves_state_secret"}
    with world.session() as s:
        assert s.scalar(select(CatalogEntry.id)) is None


def test_bad_input_is_422_not_500(world: World) -> None:
    h = world.h("A", Role.REGISTRAR)
    for bad in ({"share_type": "sometimes"}, {"data_items": [{"name": "x"}]}, {"name": None}):
        r = world.client.post(f"{API}/entries", json=entry_payload(**bad), headers=h)
        assert r.status_code == 422, bad
    assert world.client.get(f"{API}/entries?limit=201", headers=h).status_code == 422
    assert world.client.get(f"{API}/entries?status=nope", headers=h).status_code == 422


def test_if_match_stale_and_missing(world: World) -> None:
    entry = create_entry(world)
    url, h = f"{API}/entries/{entry['id']}", world.h("A", Role.REGISTRAR)
    got = world.client.get(url, headers=h)
    etag = got.headers["ETag"]
    assert etag == f'"{entry["version"]}"'
    missing = world.client.put(url, json=entry_payload(name="人口信息"), headers=h)
    assert missing.status_code == 428
    ok = world.client.put(url, json=entry_payload(name="人口信息"), headers={**h, "If-Match": etag})
    assert ok.status_code == 200 and ok.json()["name"] == "人口信息"
    assert ok.headers["ETag"] == f'"{ok.json()["version"]}"' != etag
    stale = world.client.put(url, json=entry_payload(), headers={**h, "If-Match": etag})
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"


def test_item_change_moves_the_version(world: World) -> None:
    entry = create_entry(world)
    url, h = f"{API}/entries/{entry['id']}", world.h("A", Role.REGISTRAR)
    r = world.client.put(
        url, json=entry_payload(data_items=items("姓名")), headers={**h, "If-Match": '"1"'}
    )
    assert r.status_code == 200
    assert r.json()["version"] == 2 and [i["name"] for i in r.json()["data_items"]] == ["姓名"]


def test_idempotent_create(world: World) -> None:
    h = world.h("A", Role.REGISTRAR, **{"Idempotency-Key": "k-123"})
    first = world.client.post(f"{API}/entries", json=entry_payload(), headers=h)
    again = world.client.post(f"{API}/entries", json=entry_payload(), headers=h)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    with world.session() as s:
        assert len(s.scalars(select(CatalogEntry)).all()) == 1
    other = world.client.post(f"{API}/entries", json=entry_payload(name="别的"), headers=h)
    assert other.status_code == 422


def test_visibility(world: World) -> None:
    draft = create_entry(world)
    published = publish_entry(world, name="婚姻登记信息")
    b = world.h("B", Role.REGISTRAR)
    assert world.client.get(f"{API}/entries/{draft['id']}", headers=b).status_code == 404
    assert world.client.get(f"{API}/entries/{published['id']}", headers=b).status_code == 200
    for role in (Role.PLATFORM_ADMIN, Role.SUPERVISOR):
        r = world.client.get(f"{API}/entries/{draft['id']}", headers=world.h("P", role))
        assert r.status_code == 200
    assert world.client.get(f"{API}/entries", headers=b).json()["total"] == 0
    mine = world.client.get(f"{API}/entries", headers=world.h("A", Role.REGISTRAR)).json()
    assert [e["id"] for e in mine["items"]] == [published["id"], draft["id"]]
    everything = world.client.get(f"{API}/entries", headers=world.h("P", Role.SUPERVISOR)).json()
    assert everything["total"] == 2
    put = world.client.put(
        f"{API}/entries/{published['id']}", json=entry_payload(), headers={**b, "If-Match": '"4"'}
    )
    assert put.status_code == 403


def test_delete_draft_only(world: World) -> None:
    draft = create_entry(world)
    h = world.h("A", Role.REGISTRAR)
    published = publish_entry(world, name="社会保险参保信息")
    gone = world.client.delete(f"{API}/entries/{published['id']}", headers=h)
    assert gone.status_code == 409
    assert world.client.delete(f"{API}/entries/{draft['id']}", headers=h).status_code == 204
    assert world.client.get(f"{API}/entries/{draft['id']}", headers=h).status_code == 404
    found = world.client.get(f"{API}/entries", params={"q": "人口"}, headers=h).json()
    assert [e["id"] for e in found["items"]] == [published["id"]]
    assert "catalog_entry_delete" in _actions(world, draft["id"])
