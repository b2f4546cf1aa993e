"""The statutory path of a share request (第五条 last paragraph, 第二十五条): a 不予共享 resource
is requested on the provision naming the requesting department; the request skips the provider's
review and waits for the platform admin, who approves or refuses it. Every role's view of it."""

from __future__ import annotations

from typing import Any

import pytest

from govshare_core.vocab import Role
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World
from tests.platform.requests_support import (
    TODAY,
    act,
    add_department,
    body,
    make_entry,
    ok,
    set_today,
    submitted,
)

RA, PA, AP = Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN, Role.APPLICANT
CITATION = "《社会救助暂行办法》第五十六条：民政部门可以查询、核对申请人的户籍信息"


def _statutory(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world, share_type="not_shared", name="户籍人员宗教信仰信息")
    return submitted(world, entry, statutory_citation=CITATION)


def test_blank_citation_is_refused_with_the_article(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world, share_type="not_shared")
    for citation in (None, "   "):
        r = world.client.post(
            "/api/v1/requests",
            json=body(entry, statutory_citation=citation),
            headers=world.h("B", AP),
        )
        assert r.status_code == 422
        assert r.headers["content-type"].startswith("application/problem+json")
        [error] = r.json()["errors"]
        assert error["field"] == "statutory_citation"
        assert error["code"] == "citation_required"
        assert "第五条" in error["message_zh"]


def test_routed_to_the_platform_and_seen_by_the_provider(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _statutory(world, monkeypatch)
    rid = out["id"]
    assert out["status"] == "provider_approved"
    assert out["share_type"] == "not_shared"
    assert out["statutory_citation"] == CITATION
    assert [e["action"] for e in out["events"]] == ["submit", "route_statutory"]
    # the provider sees it, with the citation, in its list and in the detail
    listed = ok(world.client.get("/api/v1/requests?side=provider", headers=world.h("A", RA)))
    assert [r["id"] for r in listed["items"]] == [rid]
    assert listed["items"][0]["statutory_citation"] == CITATION
    detail = ok(world.client.get(f"/api/v1/requests/{rid}", headers=world.h("A", RA)))
    assert detail["statutory_citation"] == CITATION
    # the names the printed 申请表 shows: applicant, departments, who took each step
    assert detail["applicant_name"] == "b_applicant"
    assert detail["consumer_department_name"] and detail["provider_department_name"]
    assert [(e["action"], e["actor_name"]) for e in detail["events"]] == [
        ("submit", "b_applicant"),
        ("route_statutory", None),
    ]
    # ... but has no decision to take: the platform admin has it in the inbox
    r = world.client.get("/api/v1/inbox", headers=world.h("A", RA))
    assert [i for i in r.json() if i["object_id"] == rid] == []
    r = world.client.get("/api/v1/inbox", headers=world.h("P", PA))
    assert ("request_platform_decide", rid) in [(i["kind"], i["object_id"]) for i in r.json()]


def test_every_role_on_the_statutory_request(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Who sees it (200/404) and who may decide (only the platform admin)."""
    rid = _statutory(world, monkeypatch)["id"]
    add_department(world)  # C: no part in it
    sees = {("A", r) for r in DEPT_ROLES} | {("B", r) for r in DEPT_ROLES} | {("P", PA)}
    everyone = [("A", r) for r in DEPT_ROLES] + [("B", r) for r in DEPT_ROLES]
    everyone += [("P", r) for r in PLATFORM_ROLES] + [("C", AP), ("C", RA)]
    for dept, role in everyone:
        r = world.client.get(f"/api/v1/requests/{rid}", headers=world.h(dept, role))
        assert r.status_code == (200 if (dept, role) in sees else 404), (dept, role, r.text)
        if (dept, role) == ("P", PA):
            continue
        decision = act(world, rid, "platform-decision", dept, role, approve=True)
        assert decision.status_code in (403, 404), (dept, role, decision.text)
    # the provider's review is skipped: its decision is an illegal transition now
    assert act(world, rid, "provider-decision", "A", RA, approve=True).status_code == 409
    ok(act(world, rid, "platform-decision", "P", PA, approve=True), "active")


def test_platform_admin_refuses_on_a_legal_ground(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _statutory(world, monkeypatch)["id"]
    assert act(world, rid, "platform-decision", "P", PA, approve=False).status_code == 422
    out = ok(
        act(
            world,
            rid,
            "platform-decision",
            "P",
            PA,
            approve=False,
            ground="other_statutory",
            comment="所引条款未授权申请部门获取该信息",
        ),
        "rejected",
    )
    assert out["rejection_ground"] == "other_statutory"
    assert out["events"][-1]["action"] == "platform_reject"
    assert out["platform_decided_by"] == world.uid("P", PA)
    grants = world.client.get("/api/v1/grants?side=received", headers=world.h("B", AP))
    assert grants.json()["items"] == []
    # the applicant may still object to the platform (第二十五条)
    ok(act(world, rid, "dispute", "B", AP, reason="所引法规明确授权本部门"), "disputed")
