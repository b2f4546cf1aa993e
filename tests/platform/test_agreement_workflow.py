"""The agreement's to-dos, deadlines, templates and visibility (第三十条)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from govshare_core.agreements import SignTurn
from govshare_core.vocab import Role
from govshare_core.workdays import review_deadline
from govshare_platform.agreements.template import BUILTIN_TITLE
from tests.platform.agreement_support import (
    advance,
    awaiting,
    detail,
    file_admin,
    headers,
    platform_sign,
    signer,
)
from tests.platform.conftest import World
from tests.platform.requests_support import TODAY, add_department, set_today

PA, RA = Role.PLATFORM_ADMIN, Role.RESOURCE_ADMIN


def _todos(world: World, user_id: int) -> list[tuple[str, int]]:
    r = world.client.get("/api/v1/inbox", headers=headers(world, user_id))
    assert r.status_code == 200, r.text
    return [(i["kind"], i["object_id"]) for i in r.json() if i["kind"] == "agreement_sign"]


def test_each_signer_sees_the_todo_only_on_their_turn(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    _rid, aid = awaiting(world)
    consumer, provider = world.uid("B", RA), world.uid("A", RA)
    admin = world.uid("P", PA)
    unfiled = world.add_user("B", RA, username="b_resource_admin_2")
    assert _todos(world, consumer) == [("agreement_sign", aid)]
    assert _todos(world, provider) == _todos(world, admin) == _todos(world, unfiled) == []
    (item,) = [
        i
        for i in world.client.get("/api/v1/inbox", headers=headers(world, consumer)).json()
        if i["kind"] == "agreement_sign"
    ]
    due = review_deadline(TODAY, 5).due
    assert item["due"] == str(due) and item["working_days_left"] == 5
    assert item["title"] == "人口基础信息"
    advance(world, aid, SignTurn.PROVIDER)
    assert _todos(world, consumer) == [] and _todos(world, provider) == [("agreement_sign", aid)]
    advance(world, aid, SignTurn.PLATFORM)
    assert _todos(world, provider) == [] and _todos(world, admin) == [("agreement_sign", aid)]
    platform_sign(world, aid)
    assert _todos(world, admin) == []


def test_signing_days_are_policy(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    r = world.client.patch(
        "/api/v1/policy",
        json={"agreement_signing_working_days": 10},
        headers=world.h("P", PA, **{"If-Match": '"1"'}),
    )
    assert r.status_code == 200 and r.json()["agreement_signing_working_days"] == 10
    _rid, aid = awaiting(world)
    out = detail(world, aid, world.uid("P", PA))
    assert out["due"] == str(review_deadline(TODAY, 10).due)
    set_today(monkeypatch, TODAY + timedelta(days=30))
    out = detail(world, aid, world.uid("P", PA))
    assert out["overdue"] is True and out["working_days_left"] < 0


def test_templates_are_versioned_and_checked(world: World) -> None:
    admin = world.h("P", PA)
    (builtin,) = world.client.get("/api/v1/agreement-templates", headers=admin).json()
    assert builtin["version"] == 1 and builtin["title"] == BUILTIN_TITLE and builtin["current"]
    for field in ("第二十九条", "第三十三条", "第三十六条", "{consumer_name}", "{end_date}"):
        assert field in builtin["body"]
    bad = world.client.post(
        "/api/v1/agreement-templates",
        json={"title": "保密协议", "body": "甲方{consumer_name}与{unknown_party}约定保密事项。"},
        headers=admin,
    )
    assert bad.status_code == 422, bad.text
    assert "unknown_party" in bad.text and bad.json()["errors"][0]["field"] == "body"
    forbidden = world.client.post(
        "/api/v1/agreement-templates",
        json={"title": "保密协议", "body": "甲方{consumer_name}依法使用共享数据，不得扩散。"},
        headers=world.h("A", RA),
    )
    assert forbidden.status_code == 403
    new = world.client.post(
        "/api/v1/agreement-templates",
        json={
            "title": "数据保密协议（二〇二六年修订）",
            "body": "甲方{consumer_name}依法使用{entry_name}，不得扩散。",
        },
        headers=admin,
    )
    assert new.status_code == 201 and new.json()["version"] == 2, new.text
    current = world.client.get("/api/v1/agreement-templates/current", headers=admin).json()
    assert current["version"] == 2
    _rid, aid = awaiting(world)
    assert detail(world, aid, world.uid("P", PA))["template_version"] == 2


def test_only_the_three_parties_see_it(world: World) -> None:
    _rid, aid = awaiting(world)
    add_department(world, "C")
    for who in (
        world.uid("C", RA),
        world.uid("C", Role.APPLICANT),
        world.uid("P", Role.SUPERVISOR),
        world.uid("P", Role.SECURITY_ADMIN),
    ):
        for path in (f"/api/v1/agreements/{aid}", f"/api/v1/agreements/{aid}/pdf"):
            assert world.client.get(path, headers=headers(world, who)).status_code == 404
        listed = world.client.get("/api/v1/agreements", headers=headers(world, who)).json()
        assert listed["total"] == 0
    for dept, role in (("A", Role.REGISTRAR), ("B", Role.APPLICANT), ("P", PA)):
        r = world.client.get(f"/api/v1/agreements/{aid}/pdf", headers=world.h(dept, role))
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        listed = world.client.get("/api/v1/agreements", headers=world.h(dept, role)).json()
        assert [a["id"] for a in listed["items"]] == [aid]
    # a decline by someone else's admin: 404, nothing revealed
    r = world.client.post(
        f"/api/v1/agreements/{aid}/decline",
        json={"reason": "不同意签署此协议"},
        headers=headers(world, world.uid("C", RA)),
    )
    assert r.status_code == 404


def test_the_platform_admin_cannot_sign_before_its_turn(world: World) -> None:
    _rid, aid = awaiting(world)
    r = world.client.post(f"/api/v1/agreements/{aid}/platform-signature", headers=world.h("P", PA))
    assert r.status_code == 403 and r.json()["code"] == "agreement_not_your_turn"
    file_admin(world, "B")
    consumer = signer(world, world.uid("B", RA))
    assert consumer.serial
