"""Every listed deadline comes from the platform with its calendar overrides (`due`,
`working_days_left`), so a client never counts on its own; and the inbox gives a to-do only to
someone who can close it (第十七条, 第二十七条, 第三十条)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from govshare_core.agreements import AGREEMENT
from govshare_core.rules import DEFAULT_CHANGE_REPORT_DAYS, GRANT_EXPIRY_WARNING_DAYS
from govshare_core.vocab import Role
from govshare_core.workdays import WorkdayCalendar, working_days_between, working_days_left
from govshare_core.workflow import (
    CATALOG_ENTRY,
    Actor,
    Parties,
    allowed_actions,
)
from govshare_platform.inbox.service import CLOSED_BY
from govshare_platform.policy.service import Deadlines
from tests.platform.catalog_helpers import API, act, create_entry, publish_entry
from tests.platform.conftest import DEPT_ROLES, PLATFORM_ROLES, World
from tests.platform.requests_support import TODAY, make_entry, set_today, submitted
from tests.platform.test_access_matrix import make_request

PA, RA, AP = Role.PLATFORM_ADMIN, Role.RESOURCE_ADMIN, Role.APPLICANT


def _get(world: World, path: str, dept: str, role: Role, **params: Any) -> Any:
    r = world.client.get(f"/api/v1{path}", params=params, headers=world.h(dept, role))
    assert r.status_code == 200, r.text
    return r.json()


def _day_off(world: World, day: date) -> None:
    body = {"day": day.isoformat(), "working": False, "note": "停电检修"}
    r = world.client.put(f"/api/v1/workdays/overrides/{day}", json=body, headers=world.h("P", PA))
    assert r.status_code == 200, r.text


def test_request_lists_count_with_the_overrides(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)  # Monday 2026-06-01; due Monday 2026-06-08
    req = submitted(world, make_entry(world))
    assert req["due"] == req["review_due"] == "2026-06-08"
    assert req["working_days_left"] == 5
    _day_off(world, TODAY + timedelta(days=2))
    for dept, role in (("B", AP), ("A", RA), ("P", PA)):  # both parties and the platform
        (row,) = _get(world, "/requests", dept, role)["items"]
        assert (row["due"], row["working_days_left"]) == ("2026-06-08", 4), (dept, role)
    detail = _get(world, f"/requests/{req['id']}", "B", AP)
    assert detail["working_days_left"] == 4
    set_today(monkeypatch, date(2026, 6, 10))
    (late,) = _get(world, "/requests", "B", AP)["items"]
    assert late["overdue"] is True and late["working_days_left"] == -2


def test_no_deadline_once_nobody_reviews(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    active = submitted(world, make_entry(world, share_type="unconditional"))
    assert active["status"] == "active" and active["review_due"] is not None
    assert (active["due"], active["working_days_left"]) == (None, None)


def test_grants_carry_their_end_and_the_warning(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    end = TODAY + timedelta(days=GRANT_EXPIRY_WARNING_DAYS + 1)
    submitted(world, make_entry(world, share_type="unconditional"), end_date=str(end))
    _day_off(world, TODAY + timedelta(days=1))
    grant = _get(world, "/grants", "B", AP)["items"][0]
    assert grant["due"] == str(end) and grant["expiring_soon"] is False
    assert grant["working_days_left"] == working_days_between(TODAY, end) - 1  # the day off
    set_today(monkeypatch, TODAY + timedelta(days=1))
    assert _get(world, f"/grants/{grant['id']}", "A", RA)["expiring_soon"] is True
    set_today(monkeypatch, end + timedelta(days=1))  # past its end: expired, no deadline
    past = _get(world, f"/grants/{grant['id']}", "A", RA)
    assert (past["status"], past["due"], past["expiring_soon"]) == ("expired", None, False)


def _report(world: World, entry_id: int, effective: date) -> dict[str, Any]:
    body = {
        "effective_date": effective.isoformat(),
        "description": "更新周期调整为每周",
        "changes": {"update_cycle": "weekly"},
    }
    r = world.client.post(
        f"{API}/entries/{entry_id}/change-reports", json=body, headers=world.h("A", Role.REGISTRAR)
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_change_reports_and_their_todo_carry_the_window(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, TODAY)
    entry = publish_entry(world)
    effective = TODAY - timedelta(days=3)
    due = effective + timedelta(days=DEFAULT_CHANGE_REPORT_DAYS)  # 第十七条: 20日内
    report = _report(world, entry["id"], effective)
    assert report["due"] == str(due)
    assert report["working_days_left"] == working_days_between(TODAY, due)
    (todo,) = [i for i in _get(world, "/inbox", "P", PA) if i["kind"] == "change_report"]
    assert todo["due"] == str(due) and todo["working_days_left"] == report["working_days_left"]
    patch = {"change_report_days": 30}
    r = world.client.patch(
        "/api/v1/policy", json=patch, headers=world.h("P", PA, **{"If-Match": "*"})
    )
    assert r.status_code == 200, r.text
    (listed,) = _get(world, "/catalog/change-reports", "A", Role.REGISTRAR)["items"]
    assert listed["due"] == str(effective + timedelta(days=30))  # the editable policy counts
    r = world.client.post(f"{API}/change-reports/{report['id']}/apply", headers=world.h("P", PA))
    assert r.status_code == 200 and r.json()["due"] is None  # decided: nothing is due


def test_every_role_reads_policy_and_calendar(world: World) -> None:
    _day_off(world, date(2026, 6, 3))
    for dept, roles in (("A", DEPT_ROLES), ("P", PLATFORM_ROLES)):
        for role in roles:
            assert _get(world, "/policy", dept, role)["change_report_days"] == 20
            overrides = _get(world, "/workdays/overrides", dept, role)
            assert overrides == [{"day": "2026-06-03", "working": False, "note": "停电检修"}]


# --- the inbox: only who can act ------------------------------------------------------------


def _me(world: World, dept: str, role: Role) -> Actor:
    me = _get(world, "/me", dept, role)
    return Actor.of(
        user_id=me["user"]["id"],
        roles=me["roles"],
        department_id=me["department"]["id"],
        is_platform=me["department"]["is_platform"],
    )


def _closable(world: World, item: dict[str, Any], dept: str, role: Role) -> bool:
    """What a client would compute from the object's JSON with the core's one rule."""
    machine, closers = CLOSED_BY[item["kind"]]
    if machine is CATALOG_ENTRY:
        obj = _get(world, f"/catalog/entries/{item['object_id']}", dept, role)
        parties = Parties(owner_dept=obj["department_id"], submitter_id=obj["submitted_by"])
    elif machine is AGREEMENT:
        obj = _get(world, f"/agreements/{item['object_id']}", dept, role)
        parties = Parties(
            owner_dept=obj["consumer_department_id"], provider_dept=obj["provider_department_id"]
        )
    else:
        obj = _get(world, f"/requests/{item['object_id']}", dept, role)
        parties = Parties(
            owner_dept=obj["consumer_department_id"], provider_dept=obj["provider_department_id"]
        )
    actor = _me(world, dept, role)
    return bool(set(allowed_actions(machine, obj["status"], actor, parties)) & closers)


def test_todos_go_only_to_who_can_close_them(world: World) -> None:
    for state in ("submitted", "provider_approved", "awaiting_agreement", "provider_rejected"):
        make_request(world, "consumer", state)
        make_request(world, "provider", state)
    make_request(world, "consumer", "disputed")
    returned = create_entry(world)
    act(world, returned["id"], "submit", "A", Role.REGISTRAR)
    act(world, returned["id"], "dept-return", "A", Role.CATALOG_REVIEWER, reason="请补充")
    waiting = create_entry(world)
    act(world, waiting["id"], "submit", "A", Role.REGISTRAR)
    seen: set[str] = set()
    for dept, roles in (("A", DEPT_ROLES), ("B", DEPT_ROLES), ("P", PLATFORM_ROLES)):
        for role in roles:
            for item in _get(world, "/inbox", dept, role):
                seen.add(item["kind"])
                if item["kind"] in CLOSED_BY:
                    assert _closable(world, item, dept, role), (dept, role, item)
    assert {"request_decide", "entry_review", "dispute"} <= seen
    assert not [i for i in _get(world, "/inbox", "A", AP) if i["kind"] == "agreement_sign"]


def test_the_inbox_counts_with_the_overrides(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)
    req = submitted(world, make_entry(world))
    _day_off(world, TODAY + timedelta(days=2))
    (item,) = _get(world, "/inbox", "A", RA)
    assert (item["object_id"], item["working_days_left"]) == (req["id"], 4)


def test_every_closing_action_exists() -> None:
    for kind, (machine, actions) in CLOSED_BY.items():
        names = {t.action for t in machine.transitions}
        assert actions <= names, kind
    assert CLOSED_BY["agreement_sign"] == (AGREEMENT, {"sign"})


@pytest.mark.parametrize("today", [date(2026, 6, 1), date(2027, 1, 4), date(2026, 10, 8)])
def test_the_platforms_clock_counts_as_the_core_does(today: date) -> None:
    """Deadlines.left remembers the days behind today; it must answer what the core answers,
    overdue or not, whatever order the deadlines come in, with the admin's overrides."""
    calendar = WorkdayCalendar({date(2026, 5, 30): True, date(2026, 9, 1): False})
    clock_ = Deadlines(today, calendar)
    dues = [today + timedelta(days=n) for n in (-3, 0, -400, 5, -1, -40, -400, -2, 30, -700)]
    for due in [*dues, None]:
        assert clock_.left(due) == working_days_left(today, due, calendar=calendar), due
