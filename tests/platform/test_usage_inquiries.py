"""Usage inquiries (使用情况询问, 第二十二条): ask, answer, withdraw, deadlines, lists, to-dos."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_core.workdays import add_working_days, review_deadline
from govshare_platform.policy.service import get_calendar
from tests.platform.conftest import World
from tests.platform.requests_support import audit_events, make_entry, set_today
from tests.platform.usage_support import AP, API, PA, RA, add_c, ask, created, grant, ok, setup

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)


def test_ask_answer_round_trip(world: World) -> None:
    entry = setup(world)
    inq = created(ask(world, entry, due_working_days=3))
    assert inq["status"] == "open" and inq["due"] == str(add_working_days(TODAY, 3))
    assert inq["actions"] == ["withdraw"] and inq["working_days_left"] == 3
    assert inq["provider_department_id"] == world.depts["A"]
    seen = ok(world.client.get(f"{API}/inquiries/{inq['id']}", headers=world.h("B", AP)))
    assert seen["actions"] == ["answer"]
    r = world.client.post(
        f"{API}/inquiries/{inq['id']}/answer",
        json={"reason": "用于低保资格审核"},
        headers=world.h("B", AP, **{"If-Match": f'"{seen["version"]}"'}),
    )
    done = ok(r, "answered")
    assert done["answer"] == "用于低保资格审核" and done["answered_by_name"] == "b_applicant"
    assert done["overdue"] is False and done["actions"] == []
    assert audit_events(world, "usage_inquiry_create")
    assert audit_events(world, "usage_inquiry_answer")


def test_refusals(world: World) -> None:
    add_c(world)
    entry = setup(world)
    # only the provider's resource admin asks, about its own department's entries
    r = world.client.post(
        f"{API}/inquiries",
        json={"entry_id": entry, "consumer_department_id": world.depts["B"], "question": "用途"},
        headers=world.h("A", AP),
    )
    assert r.status_code == 403
    other = make_entry(world, dept="B")
    assert ask(world, other).status_code == 403
    # the consumer must hold or have held a grant on the entry
    r = ask(world, entry, consumer="C")
    assert r.status_code == 409 and r.json()["code"] == "no_grant_relation"
    revoked = make_entry(world, dept="A", name="已撤销的授权")
    grant(world, revoked, "C", status="revoked")
    created(ask(world, revoked, consumer="C"))
    inq = created(ask(world, entry))
    url = f"{API}/inquiries/{inq['id']}"
    # a third department sees nothing
    assert world.client.get(url, headers=world.h("C", RA)).status_code == 404
    r = world.client.post(f"{url}/answer", json={"reason": "用途"}, headers=world.h("C", AP))
    assert r.status_code == 404
    # the provider cannot answer, the consumer cannot withdraw
    r = world.client.post(f"{url}/answer", json={"reason": "用途"}, headers=world.h("A", RA))
    assert r.status_code == 403
    assert world.client.post(f"{url}/withdraw", headers=world.h("B", RA)).status_code == 403
    # stale If-Match
    r = world.client.post(f"{url}/withdraw", headers=world.h("A", RA, **{"If-Match": '"99"'}))
    assert r.status_code == 412
    ok(world.client.post(f"{url}/withdraw", headers=world.h("A", RA)), "withdrawn")
    # illegal state
    r = world.client.post(f"{url}/answer", json={"reason": "用途"}, headers=world.h("B", AP))
    assert r.status_code == 409 and r.json()["code"] == "illegal_transition"
    # the platform admin sees it
    ok(world.client.get(url, headers=world.h("P", PA)))


def test_idempotent_create(world: World) -> None:
    entry = setup(world)
    body = {
        "entry_id": entry,
        "consumer_department_id": world.depts["B"],
        "question": "请说明数据用途",
    }
    h = world.h("A", RA, **{"Idempotency-Key": "inq-1"})
    first = world.client.post(f"{API}/inquiries", json=body, headers=h)
    again = world.client.post(f"{API}/inquiries", json=body, headers=h)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"


def test_deadline_over_national_day(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import chinese_calendar

    set_today(monkeypatch, date(2026, 9, 30))
    entry = setup(world)
    inq = created(ask(world, entry, due_working_days=1))
    with world.session() as s:
        expected = review_deadline(date(2026, 9, 30), 1, calendar=get_calendar(s))
    assert inq["due"] == str(expected.due) and inq["due_provisional"] is expected.provisional
    # the official schedule: the first working day after 2026-09-30 is after the holiday week
    day = date(2026, 10, 1)
    while not chinese_calendar.is_workday(day):
        day = date.fromordinal(day.toordinal() + 1)
    assert inq["due"] == str(day) and day > date(2026, 10, 7)


def test_lists_overdue_and_todos(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = setup(world)
    late = created(ask(world, entry, due_working_days=1))
    created(ask(world, entry, question="另一项询问：数据是否转交第三方"))
    set_today(monkeypatch, date(2026, 6, 10))

    def page(dept: str, role: Role, **params: str) -> list[dict[str, Any]]:
        r = world.client.get(f"{API}/inquiries", params=params, headers=world.h(dept, role))
        return list(ok(r)["items"])

    assert len(page("A", RA, side="asked")) == 2
    assert page("A", RA, side="received") == []
    assert len(page("B", AP, side="received")) == 2
    assert [i["id"] for i in page("B", AP, overdue="true")] == [late["id"]]
    assert [i["id"] for i in page("A", RA, q="第三方")] != [late["id"]]
    assert len(page("P", PA, side="all")) == 2
    assert page("A", RA, sort="-due")[0]["id"] == late["id"]
    r = world.client.get(f"{API}/inquiries", params={"sort": "nope"}, headers=world.h("A", RA))
    assert r.status_code == 422

    def todo(dept: str, role: Role) -> list[tuple[str, int, bool]]:
        r = world.client.get("/api/v1/inbox", headers=world.h(dept, role))
        assert r.status_code == 200, r.text
        return [
            (i["kind"], i["object_id"], i["overdue"]) for i in r.json() if "inquiry" in i["kind"]
        ]

    assert ("inquiry_answer", late["id"], True) in todo("B", AP)
    assert len(todo("B", RA)) == 2
    assert todo("A", RA) == [("inquiry_overdue", late["id"], True)]
    assert todo("A", AP) == [] and todo("P", PA) == []
