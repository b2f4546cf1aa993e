"""Share request workflow over HTTP (第五条, 第二十二条, 第二十五条, 第二十七条, 第三十条)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_core.workdays import add_working_days
from tests.platform.agreement_support import complete as complete_agreement
from tests.platform.conftest import World
from tests.platform.requests_support import (
    TODAY,
    act,
    add_department,
    audit_events,
    body,
    create,
    make_entry,
    ok,
    set_today,
    submitted,
)

RA = Role.RESOURCE_ADMIN
PA = Role.PLATFORM_ADMIN
AP = Role.APPLICANT


def _grants(world: World, dept: str = "B") -> list[dict[str, Any]]:
    r = world.client.get("/api/v1/grants?side=received", headers=world.h(dept, AP))
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def test_unconditional_is_granted_at_once_item_by_item(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world, share_type="unconditional")
    out = submitted(world, entry, items=["姓名", "住址"])
    assert out["status"] == "active"
    assert out["share_type"] == "unconditional"
    assert out["received_on"] == str(TODAY)
    assert [e["action"] for e in out["events"]] == ["submit", "auto_grant"]
    grants = _grants(world)
    assert sorted(g["data_item"] for g in grants) == ["住址", "姓名"]
    assert {g["valid_until"] for g in grants} == {str(TODAY + timedelta(days=365))}
    assert len(audit_events(world, "request_auto_grant")) == 1


def test_conditional_path_to_agreement(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world)
    rid = submitted(world, entry)["id"]
    ok(act(world, rid, "provider-decision", "A", RA, approve=True), "provider_approved")
    assert _grants(world) == []
    ok(act(world, rid, "platform-decision", "P", PA, approve=True), "awaiting_agreement")
    assert _grants(world) == []  # 第三十条: not before the three signatures
    complete_agreement(world, rid, "B", "A")
    out = ok(world.client.get(f"/api/v1/requests/{rid}", headers=world.h("B", Role.APPLICANT)))
    assert out["status"] == "active"
    assert out["events"][-1]["action"] == "agreement_completed"
    assert out["provider_decided_by"] == world.uid("A", RA)
    assert out["platform_decided_by"] == world.uid("P", PA)
    assert sorted(g["data_item"] for g in _grants(world)) == ["姓名", "身份证号"]
    assert len(audit_events(world, "agreement_sign")) == 3


def test_rejection_needs_ground_then_dispute_overturned(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    rid = submitted(world, make_entry(world))["id"]
    missing = act(world, rid, "provider-decision", "A", RA, approve=False)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "ground"
    out = ok(
        act(world, rid, "provider-decision", "A", RA, approve=False, ground="not_duty_related"),
        "provider_rejected",
    )
    assert out["rejection_ground"] == "not_duty_related"
    # only the consumer's applicant disputes
    assert act(world, rid, "dispute", "A", RA, reason="异议").status_code == 403
    out = ok(act(world, rid, "dispute", "B", AP, reason="属于法定职责"), "disputed")
    assert out["disputes"][0]["status"] == "open"
    assert act(world, rid, "dispute", "B", AP, reason="再次").status_code == 409
    out = ok(act(world, rid, "mediate", "P", PA, overturn=True, comment="拒绝理由不成立"))
    assert out["status"] == "provider_approved"
    assert out["disputes"][0]["status"] == "overturned"
    assert out["rejection_ground"] is None
    ok(act(world, rid, "platform-decision", "P", PA, approve=True), "awaiting_agreement")


def test_dispute_upheld_stays_rejected(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    rid = submitted(world, make_entry(world))["id"]
    ok(act(world, rid, "provider-decision", "A", RA, approve=True), "provider_approved")
    no_ground = act(world, rid, "platform-decision", "P", PA, approve=False)
    assert no_ground.status_code == 422
    ok(
        act(world, rid, "platform-decision", "P", PA, approve=False, ground="conditions_not_met"),
        "rejected",
    )
    ok(act(world, rid, "dispute", "B", AP, reason="条件已满足"), "disputed")
    out = ok(act(world, rid, "mediate", "P", PA, overturn=False, comment="维持"), "rejected")
    assert out["disputes"][0]["status"] == "upheld"
    assert out["disputes"][0]["resolution"] == "维持"


def test_not_shared_needs_citation_then_goes_to_platform(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world, share_type="not_shared")
    r = world.client.post("/api/v1/requests", json=body(entry), headers=world.h("B", AP))
    assert r.status_code == 422
    assert [e["code"] for e in r.json()["errors"]] == ["citation_required"]
    out = submitted(world, entry, statutory_citation="《某某法》第二十条规定向民政部门提供")
    assert out["status"] == "provider_approved"
    assert [e["action"] for e in out["events"]] == ["submit", "route_statutory"]
    # the provider has no say on a statutory request; the platform decides
    assert act(world, out["id"], "provider-decision", "A", RA, approve=True).status_code == 409
    ok(act(world, out["id"], "platform-decision", "P", PA, approve=True), "active")
    assert len(_grants(world)) == 2


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"data_items": ["不存在"]}, "unknown_item"),
        ({"data_items": ["姓名", "姓名"]}, "duplicate_item"),
        ({"data_items": ["住址"]}, "item_not_shared"),
        ({"end_date": str(TODAY)}, "end_date_past"),
    ],
)
def test_invalid_requests_are_422(
    world: World, monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any], code: str
) -> None:
    set_today(monkeypatch, TODAY)
    items = (("姓名", None), ("住址", "not_shared"))
    entry = make_entry(world, items=items)
    r = world.client.post("/api/v1/requests", json=body(entry, **kw), headers=world.h("B", AP))
    assert r.status_code == 422, r.text
    assert code in [e["code"] for e in r.json()["errors"]]


def test_entry_must_be_published_and_of_another_department(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    draft = make_entry(world, status="draft")
    own = make_entry(world, dept="B")
    for entry_id, code in ((draft, "entry_not_published"), (own, "own_resource")):
        r = world.client.post("/api/v1/requests", json=body(entry_id), headers=world.h("B", AP))
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == code
    r = world.client.post("/api/v1/requests", json=body(999999), headers=world.h("B", AP))
    assert r.status_code == 422


def test_withdraw(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    rid = submitted(world, make_entry(world))["id"]
    assert act(world, rid, "withdraw", "A", AP).status_code == 403  # the provider applicant
    ok(act(world, rid, "withdraw", "B", AP), "withdrawn")
    assert act(world, rid, "withdraw", "B", AP).status_code == 409


def test_wrong_party_is_refused_and_audited(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    add_department(world)
    rid = submitted(world, make_entry(world))["id"]
    # a third department's resource admin has no part in it: 404, and the attempt is audited
    r = act(world, rid, "provider-decision", "C", RA, approve=True)
    assert r.status_code == 404
    assert world.client.get(f"/api/v1/requests/{rid}", headers=world.h("C", RA)).status_code == 404
    # the consumer's own resource admin is a party, but not the provider: 403
    assert act(world, rid, "provider-decision", "B", RA, approve=True).status_code == 403
    # the provider's applicant holds the wrong role: 403
    assert act(world, rid, "provider-decision", "A", AP, approve=True).status_code == 403
    # the platform admin does not take the provider's decision (only revoke is shared)
    assert act(world, rid, "provider-decision", "P", PA, approve=True).status_code == 403
    denied = audit_events(world, "permission_denied")
    assert len(denied) == 4
    assert {e.details["request_id"] for e in denied} == {rid}
    ok(act(world, rid, "provider-decision", "A", RA, approve=True), "provider_approved")


def test_drafts_stay_with_the_consumer(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    rid = create(world, make_entry(world))["id"]
    assert world.client.get(f"/api/v1/requests/{rid}", headers=world.h("A", RA)).status_code == 404
    assert world.client.get(f"/api/v1/requests/{rid}", headers=world.h("P", PA)).status_code == 404
    mine = world.client.get("/api/v1/requests?side=consumer", headers=world.h("B", AP)).json()
    assert [r["id"] for r in mine["items"]] == [rid]
    act(world, rid, "submit", "B", AP)
    theirs = world.client.get("/api/v1/requests?side=provider", headers=world.h("A", RA)).json()
    assert [r["id"] for r in theirs["items"]] == [rid]
    assert world.client.get("/api/v1/requests", headers=world.h("P", PA)).json()["total"] == 1
    assert (
        world.client.get("/api/v1/requests?side=provider", headers=world.h("B", AP)).json()["items"]
        == []
    )


def test_put_needs_if_match_and_a_draft(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world)
    rid = create(world, entry)["id"]
    url, h = f"/api/v1/requests/{rid}", world.h("B", AP)
    got = world.client.get(url, headers=h)
    tag = got.headers["ETag"]
    assert world.client.put(url, json=body(entry), headers=h).status_code == 428
    r = world.client.put(url, json=body(entry, items=["姓名"]), headers={**h, "If-Match": tag})
    assert r.status_code == 200, r.text
    assert r.json()["data_items"] == ["姓名"]
    assert r.headers["ETag"] != tag
    stale = world.client.put(url, json=body(entry), headers={**h, "If-Match": tag})
    assert stale.status_code == 412
    act(world, rid, "submit", "B", AP)
    fresh = world.client.get(url, headers=h).headers["ETag"]
    done = world.client.put(url, json=body(entry), headers={**h, "If-Match": fresh})
    assert done.status_code == 409


def test_idempotency_key_replay_creates_one(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world)
    h = world.h("B", AP, **{"Idempotency-Key": "req-1"})
    first = world.client.post("/api/v1/requests", json=body(entry), headers=h)
    again = world.client.post("/api/v1/requests", json=body(entry), headers=h)
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert first.json()["id"] == again.json()["id"]
    listed = world.client.get("/api/v1/requests", headers=world.h("B", AP)).json()
    assert listed["total"] == 1


def test_only_applicants_create(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    r = world.client.post(
        "/api/v1/requests", json=body(make_entry(world)), headers=world.h("B", RA)
    )
    assert r.status_code == 403
    assert len(audit_events(world, "permission_denied")) == 1


def _expected_due(received: date) -> date:
    """Independent count from chinesecalendar: the 5th working day after receipt."""
    import chinese_calendar

    day, left = received, 5
    while left:
        day += timedelta(days=1)
        left -= chinese_calendar.is_workday(day)
    return day


def test_review_due_in_working_days_over_national_day(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    received = date(2026, 9, 29)
    set_today(monkeypatch, received)
    out = submitted(world, make_entry(world), end_date="2027-06-30")
    assert out["review_due"] == str(_expected_due(received))
    assert out["review_due"] != str(received + timedelta(days=7))  # holidays count as rest
    assert out["review_due_provisional"] is False


def test_review_due_into_a_year_without_schedule_is_provisional(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    received = date(2026, 12, 29)
    set_today(monkeypatch, received)
    out = submitted(world, make_entry(world), end_date="2027-06-30")
    assert out["review_due"].startswith("2027-")
    assert out["review_due"] == str(add_working_days(received, 5))
    assert out["review_due_provisional"] is True


def test_overdue_and_escalation(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    rid = submitted(world, make_entry(world))["id"]
    due = date.fromisoformat(
        ok(world.client.get(f"/api/v1/requests/{rid}", headers=world.h("B", AP)))["review_due"]
    )
    set_today(monkeypatch, due)
    assert (
        world.client.get("/api/v1/requests?overdue=true", headers=world.h("P", PA)).json()["total"]
        == 0
    )
    set_today(monkeypatch, due + timedelta(days=1))
    late = world.client.get("/api/v1/requests?overdue=true", headers=world.h("P", PA)).json()
    assert [r["id"] for r in late["items"]] == [rid]
    assert late["items"][0]["overdue"] is True
    assert (
        world.client.post("/api/v1/requests/escalate-overdue", headers=world.h("A", RA)).status_code
        == 403
    )
    r = world.client.post("/api/v1/requests/escalate-overdue", headers=world.h("P", PA))
    assert r.json() == {"escalated": 1}
    again = world.client.post("/api/v1/requests/escalate-overdue", headers=world.h("P", PA))
    assert again.json() == {"escalated": 0}
    assert ok(world.client.get(f"/api/v1/requests/{rid}", headers=world.h("A", RA)))["escalated"]
    assert [e.object_id for e in audit_events(world, "request_escalated")] == [str(rid)]
