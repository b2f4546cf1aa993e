"""Rectification orders (督促纠正, 第三十六条): issue, answer with evidence, accept / return /
withdraw, due dates in working days (provisional in 2027), who sees what, the list's filters,
the to-dos of both sides, and bad input answered 4xx problem+json."""

from __future__ import annotations

from datetime import date

import pytest

from govshare_core.assessment import MAX_EVIDENCE_BYTES
from govshare_core.vocab import Role
from govshare_core.workdays import review_deadline
from govshare_platform.policy.service import get_calendar
from tests.platform.conftest import World
from tests.platform.rectification_support import (
    AP,
    API,
    PA,
    RA,
    SU,
    act,
    answered,
    created,
    get,
    issue,
    ok,
    refused,
)
from tests.platform.requests_support import audit_events, set_today

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)


def _due(world: World, start: date, days: int) -> str:
    with world.session() as s:
        return str(review_deadline(start, days, calendar=get_calendar(s)).due)


def test_issue_answer_accept(world: World) -> None:
    order = created(issue(world, round_id=None))
    assert order["status"] == "issued" and order["due"] == _due(world, TODAY, 10)
    assert order["department_name"] == "南通市公安局" and order["issued_by_name"] == "p_supervisor"
    assert order["working_days_left"] == 10 and not order["overdue"]
    assert order["actions"] == ["withdraw"]  # the supervisor's view
    assert [(e["action"], e["status"]) for e in order["events"]] == [("issue", "issued")]
    mine = ok(get(world, order["id"], "A", RA))
    assert mine["actions"] == ["answer"] and ok(get(world, order["id"], "A", AP))["actions"] == []
    refused(act(world, order["id"], "answer", "A", RA, {}), 422)  # the measures are required
    refused(act(world, order["id"], "answer", "A", RA, {"reason": " 改 "}), 422)  # too short
    done = ok(act(world, order["id"], "answer", "A", RA, {"reason": "已完成更新"}), "answered")
    assert done["measures"] == "已完成更新" and done["answered_at"] and done["overdue"] is False
    assert done["working_days_left"] is None  # the supervisor holds it now
    sup = ok(get(world, order["id"]))
    assert sup["actions"] == ["accept", "return", "withdraw"]
    closed = ok(act(world, order["id"], "accept", "P", SU), "closed")
    assert closed["closed_at"] and closed["actions"] == []
    assert [e["action"] for e in closed["events"]] == ["issue", "answer", "accept"]
    assert closed["events"][1]["reason"] == "已完成更新"
    for action in ("issue", "answer", "accept"):
        assert audit_events(world, f"rectification_{action}")
    refused(act(world, order["id"], "return", "P", SU, {"reason": "不行"}), 409)


def test_return_keeps_or_moves_the_due(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    order = answered(world)
    back = ok(act(world, order["id"], "return", "P", SU, {"reason": "缺少证明材料"}), "returned")
    assert back["due"] == order["due"] and back["actions"] == ["withdraw"]
    refused(act(world, order["id"], "return", "P", SU, {"reason": "再退"}), 409)
    ok(act(world, order["id"], "answer", "A", RA, {"reason": "已补充材料"}), "answered")
    refused(act(world, order["id"], "return", "P", SU, {}), 422)  # a reason is required
    set_today(monkeypatch, date(2026, 6, 8))
    body = {"reason": "整改不到位", "due_working_days": 5}
    moved = ok(act(world, order["id"], "return", "P", SU, body), "returned")
    assert moved["due"] == _due(world, date(2026, 6, 8), 5)
    assert [e["action"] for e in moved["events"]] == [
        "issue",
        "answer",
        "return",
        "answer",
        "return",
    ]
    refused(act(world, order["id"], "withdraw", "P", SU, {}), 422)
    gone = ok(act(world, order["id"], "withdraw", "P", SU, {"reason": "误发"}), "withdrawn")
    assert gone["closed_at"] and gone["working_days_left"] is None
    assert audit_events(world, "rectification_return") and audit_events(
        world, "rectification_withdraw"
    )


def test_bad_input_is_4xx(world: World) -> None:
    assert refused(issue(world, article_item="8"), 422)["errors"][0]["field"] == "article_item"
    refused(issue(world, facts="x"), 422)
    refused(issue(world, facts="   \n "), 422)
    refused(issue(world, due_working_days=0), 422)
    refused(issue(world, due_working_days=1000), 422)
    refused(issue(world, department_id=999_999), 422)
    refused(issue(world, department_id=2**63), 422)
    refused(issue(world, department_id=world.depts["P"]), 422)  # never the platform itself
    refused(issue(world, round_id=424242), 422)
    refused(issue(world, role=PA), 403)
    refused(issue(world, role=RA), 403)
    r = world.client.post(API, content=b"{not json", headers=world.h("P", SU))
    refused(r, 422)
    order = created(issue(world))
    oid = order["id"]
    refused(act(world, oid, "accept", "P", SU), 409, "illegal_transition")
    refused(act(world, oid, "nonsense", "P", SU), 404)
    refused(act(world, 10**6, "answer", "A", RA, {"reason": "措施"}), 404)
    refused(act(world, oid, "answer", "A", RA, {"reason": "措施", "due_working_days": 3}), 422)
    refused(act(world, oid, "answer", "A", RA, {"reason": "x" * 5000}), 422)
    stale = {"If-Match": '"99"'}
    refused(act(world, oid, "answer", "A", RA, {"reason": "措施"}, **stale), 412)
    fresh = {"If-Match": f'W/"{order["version"]}"'}
    ok(act(world, oid, "answer", "A", RA, {"reason": "措施"}, **fresh), "answered")
    body = {"reason": "不行", "due_working_days": 0}
    refused(act(world, oid, "return", "P", SU, body), 422)
    refused(act(world, oid, "answer", "A", RA, {"reason": "再答"}), 409)
    refused(act(world, oid, "accept", "A", RA), 403)
    refused(world.client.get(API, params={"sort": "bogus"}, headers=world.h("P", SU)), 422)
    refused(world.client.get(API, params={"status": "bogus"}, headers=world.h("P", SU)), 422)
    refused(world.client.get(f"{API}/abc", headers=world.h("P", SU)), 422)


def test_idempotent_issue(world: World) -> None:
    h = world.h("P", SU, **{"Idempotency-Key": "r-1"})
    body = {
        "department_id": world.depts["A"],
        "article_item": "2",
        "facts": "未按规定提供共享",
        "due_working_days": 5,
    }
    a = world.client.post(API, json=body, headers=h)
    b = world.client.post(API, json=body, headers=h)
    assert a.status_code == b.status_code == 201 and a.json()["id"] == b.json()["id"]
    assert ok(world.client.get(API, headers=world.h("P", SU)))["total"] == 1


def test_due_over_national_day_and_provisional_2027(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chinese_calendar

    set_today(monkeypatch, date(2026, 9, 30))
    order = created(issue(world, due_working_days=2))
    workdays = [
        d for d in (date(2026, 10, n) for n in range(1, 20)) if chinese_calendar.is_workday(d)
    ]
    assert order["due"] == str(workdays[1]) and order["due_provisional"] is False
    set_today(monkeypatch, date(2026, 12, 20))
    late = created(issue(world, due_working_days=20))
    assert late["due"].startswith("2027-") and late["due_provisional"] is True


def test_visibility_and_list(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    a1 = created(issue(world, "A"))
    a2 = created(
        issue(world, "A", article_item="2", facts="共享方式不能满足需求", due_working_days=30)
    )
    b1 = created(issue(world, "B", facts="重复采集婚姻登记信息"))
    refused(get(world, b1["id"], "A", RA), 404)
    refused(get(world, a1["id"], "B", AP), 404)
    refused(act(world, b1["id"], "answer", "A", RA, {"reason": "措施"}), 404)
    ok(get(world, a1["id"], "A", Role.REGISTRAR))
    refused(get(world, a1["id"], "P", PA), 404)  # the platform admin is not the supervisor

    def ids(dept: str, role: Role, **params: str | int) -> list[int]:
        page = ok(world.client.get(API, params=params, headers=world.h(dept, role)))
        return [i["id"] for i in page["items"]]

    assert ids("P", SU) == [b1["id"], a2["id"], a1["id"]]
    assert ids("A", AP) == [a2["id"], a1["id"]] and ids("B", RA) == [b1["id"]]
    assert ids("B", RA, department_id=world.depts["A"]) == []
    assert ids("P", SU, department_id=world.depts["B"]) == [b1["id"]]
    assert ids("P", SU, q="重复 婚姻") == [b1["id"]] and ids("P", SU, q="民政") == [b1["id"]]
    assert ids("P", SU, sort="due") == [a1["id"], b1["id"], a2["id"]]
    assert ids("P", SU, sort="-department_name")[0] == b1["id"]
    assert ids("P", SU, sort="id", offset=1, limit=1) == [a2["id"]]
    ok(act(world, a1["id"], "answer", "A", RA, {"reason": "已整改"}))
    assert ids("P", SU, status="answered") == [a1["id"]]
    set_today(monkeypatch, date(2026, 6, 30))
    assert ids("P", SU, overdue="true") == [b1["id"]]  # the answered one is not overdue
    assert ids("P", SU, overdue="false") == [a2["id"], a1["id"]]
    late = ok(get(world, b1["id"]))
    assert late["overdue"] is True and late["working_days_left"] < 0


def test_evidence(world: World) -> None:
    order = created(issue(world))
    url = f"{API}/{order['id']}/evidence"
    refused(world.client.get(url, headers=world.h("A", RA)), 404)
    data = "整改报告\n已完成更新\n".encode()
    r = world.client.post(
        url, params={"filename": "../整改/报告\x00.html"}, content=data, headers=world.h("A", RA)
    )
    out = ok(r)
    assert out["evidence_filename"] == "报告_.html" and out["evidence_size"] == len(data)
    for dept, role in (("A", RA), ("A", AP), ("P", SU)):
        got = world.client.get(url, headers=world.h(dept, role))
        assert got.status_code == 200 and got.content == data
        assert got.headers["content-type"] == "application/octet-stream"
        assert got.headers["content-disposition"].startswith("attachment;")
        assert got.headers["x-content-type-options"] == "nosniff"
    refused(world.client.get(url, headers=world.h("B", RA)), 404)
    refused(world.client.post(url, content=data, headers=world.h("A", AP)), 403)
    refused(world.client.post(url, content=data, headers=world.h("P", SU)), 403)
    refused(world.client.post(url, content=data, headers=world.h("B", RA)), 404)
    refused(world.client.post(url, content=b"", headers=world.h("A", RA)), 422)
    big = b"x" * (MAX_EVIDENCE_BYTES + 1)
    refused(world.client.post(url, content=big, headers=world.h("A", RA)), 413)
    ok(act(world, order["id"], "answer", "A", RA, {"reason": "见整改报告"}))
    refused(world.client.post(url, content=data, headers=world.h("A", RA)), 409, "evidence_locked")
    assert audit_events(world, "rectification_evidence")


def test_todos_each_side(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    order = created(issue(world, due_working_days=3))

    def todo(dept: str, role: Role) -> list[tuple[str, int, bool]]:
        r = world.client.get("/api/v1/inbox", headers=world.h(dept, role))
        assert r.status_code == 200, r.text
        return [(i["kind"], i["object_id"], i["overdue"]) for i in r.json() if "rect" in i["kind"]]

    assert todo("A", RA) == [("rectification_todo", order["id"], False)]
    assert todo("A", AP) == todo("B", RA) == todo("P", SU) == todo("P", PA) == []
    set_today(monkeypatch, date(2026, 6, 10))
    assert todo("A", RA) == [("rectification_todo", order["id"], True)]
    assert todo("P", SU) == [("rectification_overdue", order["id"], True)]
    ok(act(world, order["id"], "answer", "A", RA, {"reason": "已整改"}))
    assert todo("A", RA) == [] and todo("P", SU) == [("rectification_review", order["id"], False)]
    ok(act(world, order["id"], "return", "P", SU, {"reason": "补充", "due_working_days": 5}))
    assert todo("A", RA) == [("rectification_todo", order["id"], False)] and todo("P", SU) == []
