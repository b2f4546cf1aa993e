"""The 待办 inbox per role, with working-day deadlines (第二十七条)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from govshare_core.vocab import Role
from govshare_core.workdays import working_days_between
from govshare_platform.catalog.models import CatalogEntry
from tests.platform.catalog_helpers import API, create_entry
from tests.platform.catalog_helpers import act as entry_act
from tests.platform.conftest import World
from tests.platform.requests_support import (
    TODAY,
    act,
    make_entry,
    ok,
    set_today,
    submitted,
)

RA, PA, AP = Role.RESOURCE_ADMIN, Role.PLATFORM_ADMIN, Role.APPLICANT


def _inbox(world: World, dept: str, role: Role) -> list[dict[str, object]]:
    r = world.client.get("/api/v1/inbox", headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return list(r.json())


def _kinds(world: World, dept: str, role: Role) -> list[tuple[object, object]]:
    return [(i["kind"], i["object_id"]) for i in _inbox(world, dept, role)]


def test_request_items_per_role(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world)
    first = submitted(world, entry)
    second = submitted(world, entry)
    item = _inbox(world, "A", RA)[0]
    assert item["kind"] == "request_decide"
    assert item["due"] == first["review_due"]
    assert item["working_days_left"] == 5
    assert item["overdue"] is False
    assert _kinds(world, "A", RA) == [
        ("request_decide", first["id"]),
        ("request_decide", second["id"]),
    ]
    assert _inbox(world, "B", RA) == []  # the consumer's resource admin has nothing to decide
    ok(act(world, first["id"], "provider-decision", "A", RA, approve=True))
    assert ("request_platform_decide", first["id"]) in _kinds(world, "P", PA)
    ok(act(world, second["id"], "provider-decision", "A", RA, approve=False, ground="privacy"))
    assert _kinds(world, "B", AP) == [("request_rejected", second["id"])]
    ok(act(world, second["id"], "dispute", "B", AP, reason="有法定依据"))
    assert _kinds(world, "B", AP) == []
    assert ("dispute", second["id"]) in _kinds(world, "P", PA)
    ok(act(world, first["id"], "platform-decision", "P", PA, approve=True))
    # 第三十条: 待签保密协议 goes to the signer of each turn; see test_agreement_inbox.py
    assert _kinds(world, "B", AP) == []


def test_overdue_first_with_negative_days(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world)
    old = submitted(world, entry)
    later = TODAY + timedelta(days=10)
    set_today(monkeypatch, later)
    new = submitted(world, entry)
    due = date.fromisoformat(str(old["review_due"]))
    items = _inbox(world, "A", RA)
    assert [i["object_id"] for i in items] == [old["id"], new["id"]]
    assert items[0]["overdue"] is True
    assert items[0]["working_days_left"] == -working_days_between(due, later)
    assert items[0]["working_days_left"] < 0
    assert items[1]["overdue"] is False
    assert ("request_overdue", old["id"]) in _kinds(world, "P", PA)


def test_catalog_items(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    returned = make_entry(world, status="returned", name="退回的条目")
    pending = make_entry(world, status="submitted", name="待审核")
    own = make_entry(world, status="submitted", name="自己提交的")
    confirm = make_entry(world, status="dept_approved", name="待确认")
    reviewer = world.uid("A", Role.CATALOG_REVIEWER)
    with world.session() as s:
        s.get(CatalogEntry, own).submitted_by = reviewer
        s.get(CatalogEntry, pending).submitted_by = world.uid("A", Role.REGISTRAR)
        s.commit()
    assert _kinds(world, "A", Role.REGISTRAR) == [("entry_returned", returned)]
    assert _kinds(world, "A", Role.CATALOG_REVIEWER) == [("entry_review", pending)]
    assert _kinds(world, "B", Role.CATALOG_REVIEWER) == []
    assert ("entry_confirm", confirm) in _kinds(world, "P", PA)


def test_grants_expiring_within_14_days(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    entry = make_entry(world, share_type="unconditional")
    end = TODAY + timedelta(days=20)
    out = submitted(world, entry, end_date=str(end))
    assert _kinds(world, "B", Role.REGISTRAR) == []
    set_today(monkeypatch, end - timedelta(days=14))
    items = _inbox(world, "B", Role.REGISTRAR)
    assert [(i["kind"], i["object_id"], i["due"]) for i in items] == [
        ("grant_expiring", out["id"], str(end))
    ]
    assert items[0]["overdue"] is False
    assert _kinds(world, "A", RA) == []  # reminders go to the consumer


def test_catalog_review_items_carry_the_entrys_review_deadline(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The to-do of a submitted entry (第十五条) and of one approved by its department (第十六条)
    shows the same deadline as the entry itself (policy entry_review_working_days); an overdue
    one comes first, red; a returned entry's to-do has none."""
    set_today(monkeypatch, TODAY)
    entry = create_entry(world, name="审核期限的目录")
    entry_act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    [item] = _inbox(world, "A", Role.CATALOG_REVIEWER)
    shown = world.client.get(f"{API}/entries/{entry['id']}", headers=world.h("A", Role.REGISTRAR))
    assert item["kind"] == "entry_review" and item["due"] == shown.json()["review_due"]
    assert item["working_days_left"] == shown.json()["review_working_days_left"] >= 0
    assert item["overdue"] is False

    entry_act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    approved = world.client.get(f"{API}/entries/{entry['id']}", headers=world.h("P", PA))
    due = date.fromisoformat(approved.json()["review_due"])
    set_today(monkeypatch, due + timedelta(days=30))  # long past the platform's deadline
    [confirm] = [i for i in _inbox(world, "P", PA) if i["kind"] == "entry_confirm"]
    assert confirm["object_id"] == entry["id"] and confirm["overdue"] is True
    assert confirm["working_days_left"] < 0
    # overdue first, earliest due first: only older overdue items may come ahead of it (from
    # December the platform admin's 工作日安排待确认 of a provisional next year is one)
    inbox = _inbox(world, "P", PA)
    ahead = inbox[: inbox.index(confirm)]
    assert all(i["overdue"] and i["due"] <= confirm["due"] for i in ahead), ahead
    assert {i["kind"] for i in ahead} <= {"calendar_confirm"}, ahead

    entry_act(world, entry["id"], "platform-return", "P", PA, reason="请补充共享条件")
    [returned] = _inbox(world, "A", Role.REGISTRAR)
    assert returned["kind"] == "entry_returned" and returned["due"] is None
