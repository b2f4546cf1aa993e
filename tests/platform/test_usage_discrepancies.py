"""Discrepancy reports (数据异议, 第二十条): report, answer, accept/dispute, arbitration,
evidence, deadlines from the policy, to-dos, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from govshare_core.usage import MAX_EVIDENCE_BYTES
from govshare_core.vocab import Role
from govshare_core.workdays import review_deadline
from govshare_platform.policy.service import get_calendar
from tests.platform.conftest import World
from tests.platform.requests_support import audit_events, make_entry, set_today
from tests.platform.usage_support import (
    AP,
    API,
    PA,
    RA,
    act,
    add_c,
    created,
    delivery,
    ok,
    past,
    report,
    setup,
)

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)


def _due(world: World, start: date, days: int = 5) -> str:
    with world.session() as s:
        return str(review_deadline(start, days, calendar=get_calendar(s)).due)


def test_correct_accept(world: World) -> None:
    entry = setup(world)
    old = delivery(world, entry, past(60))
    d = created(report(world, entry, delivery_id=old))
    assert d["status"] == "reported" and d["due"] == _due(world, TODAY)
    assert d["actions"] == ["withdraw"] and d["history"][0]["action"] == "report"
    # a correction must be a delivery of the same entry made after the report
    r = act(world, d["id"], "correct", "A", RA, {"delivery_id": old})
    assert r.status_code == 422 and r.json()["code"] == "correction_delivery_invalid"
    foreign = delivery(world, make_entry(world, dept="A", name="其他资源"))
    r = act(world, d["id"], "correct", "A", RA, {"delivery_id": foreign})
    assert r.status_code == 422 and r.json()["code"] == "correction_delivery_invalid"
    new = delivery(world, entry)
    fixed = ok(act(world, d["id"], "correct", "A", RA, {"delivery_id": new}), "corrected")
    assert fixed["correction_delivery_id"] == new and fixed["due"] is None
    closed = ok(act(world, d["id"], "accept", "B", RA), "closed")
    assert [h["action"] for h in closed["history"]] == ["report", "correct", "accept"]
    assert closed["history"][1]["delivery_id"] == new
    assert audit_events(world, "discrepancy_correct") and audit_events(world, "discrepancy_accept")


def test_explain_dispute_arbitrate(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = setup(world)
    d = created(report(world, entry))
    assert act(world, d["id"], "explain", "A", RA, {}).status_code == 422  # needs a reason
    ok(act(world, d["id"], "explain", "A", RA, {"reason": "以公安户籍系统为准"}), "explained")
    ok(act(world, d["id"], "dispute", "B", AP, {"reason": "户籍系统已更新"}), "disputed")
    assert act(world, d["id"], "uphold", "A", RA, {"reason": "维持"}).status_code == 403
    set_today(monkeypatch, date(2026, 6, 8))
    back = ok(
        act(world, d["id"], "order_correction", "P", PA, {"reason": "请提供方更正"}), "reported"
    )
    assert back["due"] == _due(world, date(2026, 6, 8)) and back["answer"] is None
    ok(act(world, d["id"], "explain", "A", RA, {"reason": "已再次核实无误"}), "explained")
    ok(act(world, d["id"], "dispute", "B", AP, {"reason": "仍不一致"}), "disputed")
    done = ok(act(world, d["id"], "uphold", "P", PA, {"reason": "以户籍系统为准"}), "closed")
    assert done["history"][-1]["by_name"] == "p_platform_admin"


def test_withdraw_and_refusals(world: World) -> None:
    add_c(world)
    entry = setup(world)
    r = report(world, entry, dept="C")
    assert r.status_code == 409 and r.json()["code"] == "no_grant_relation"
    assert report(world, entry, role=PA, dept="P").status_code == 403
    r = report(world, entry, data_item="不存在的信息项")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "data_item"
    other = delivery(world, make_entry(world, dept="A", name="其他资源"))
    assert report(world, entry, delivery_id=other).status_code == 422
    d = created(report(world, entry))
    url = f"{API}/discrepancies/{d['id']}"
    assert world.client.get(url, headers=world.h("C", RA)).status_code == 404
    assert act(world, d["id"], "withdraw", "C", AP).status_code == 404
    assert act(world, d["id"], "withdraw", "A", RA).status_code == 403
    assert act(world, d["id"], "explain", "B", RA, {"reason": "无"}).status_code == 403
    assert act(world, d["id"], "accept", "B", AP).status_code == 409
    assert act(world, d["id"], "nonsense", "B", AP).status_code == 404
    r = act(world, d["id"], "withdraw", "B", AP, None, **{"If-Match": '"99"'})
    assert r.status_code == 412
    ok(act(world, d["id"], "withdraw", "B", AP, None, **{"If-Match": f'"{d["version"]}"'}))
    assert act(world, d["id"], "explain", "A", RA, {"reason": "说明"}).status_code == 409


def test_idempotent_report(world: World) -> None:
    entry = setup(world)
    body = {"entry_id": entry, "description": "数据错误说明"}
    h = world.h("B", AP, **{"Idempotency-Key": "d-1"})
    a = world.client.post(f"{API}/discrepancies", json=body, headers=h)
    b = world.client.post(f"{API}/discrepancies", json=body, headers=h)
    assert a.status_code == b.status_code == 201 and a.json()["id"] == b.json()["id"]


def test_evidence(world: World) -> None:
    add_c(world)
    entry = setup(world)
    d = created(report(world, entry))
    url = f"{API}/discrepancies/{d['id']}/evidence"
    assert world.client.get(url, headers=world.h("B", AP)).status_code == 404
    data = "身份证号,住址\n320601199001011234,崇川区\n".encode()
    r = world.client.post(
        url,
        params={"filename": "../../etc/核对结果\x00.csv"},
        content=data,
        headers=world.h("B", AP),
    )
    out = ok(r)
    assert out["evidence_filename"] == "核对结果_.csv" and out["evidence_size"] == len(data)
    for dept, role in (("A", RA), ("B", RA), ("P", PA)):
        got = world.client.get(url, headers=world.h(dept, role))
        assert got.status_code == 200 and got.content == data
        assert "filename*=UTF-8''" in got.headers["content-disposition"]
    assert world.client.get(url, headers=world.h("C", RA)).status_code == 404
    assert world.client.post(url, content=data, headers=world.h("A", RA)).status_code == 403
    assert world.client.post(url, content=b"", headers=world.h("B", AP)).status_code == 422
    big = b"x" * (MAX_EVIDENCE_BYTES + 1)
    r = world.client.post(url, content=big, headers=world.h("B", AP))
    assert r.status_code == 413
    ok(act(world, d["id"], "explain", "A", RA, {"reason": "已核实"}))
    r = world.client.post(url, content=data, headers=world.h("B", AP))
    assert r.status_code == 409 and r.json()["code"] == "evidence_locked"
    assert audit_events(world, "discrepancy_evidence")


def test_policy_deadline_over_national_day(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import chinese_calendar

    h = world.h("P", PA)
    policy = ok(world.client.get("/api/v1/policy", headers=h))
    assert policy["discrepancy_response_working_days"] == 5
    r = world.client.patch(
        "/api/v1/policy",
        json={"discrepancy_response_working_days": 2},
        headers={**h, "If-Match": f'"{policy["version"]}"'},
    )
    assert ok(r)["discrepancy_response_working_days"] == 2
    bad = world.client.patch(
        "/api/v1/policy", json={"discrepancy_response_working_days": 0}, headers=h
    )
    assert bad.status_code == 422
    set_today(monkeypatch, date(2026, 9, 30))
    entry = setup(world)
    d = created(report(world, entry))
    assert d["due"] == _due(world, date(2026, 9, 30), 2)
    workdays = [
        day for day in (date(2026, 10, n) for n in range(1, 20)) if chinese_calendar.is_workday(day)
    ]
    assert d["due"] == str(workdays[1])  # the second working day after the National Day week


def test_todos_each_side(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = setup(world)
    d = created(report(world, entry))

    def todo(dept: str, role: Role) -> list[tuple[str, int, bool]]:
        r = world.client.get("/api/v1/inbox", headers=world.h(dept, role))
        assert r.status_code == 200, r.text
        return [
            (i["kind"], i["object_id"], i["overdue"]) for i in r.json() if "discre" in i["kind"]
        ]

    assert todo("A", RA) == [("discrepancy_answer", d["id"], False)]
    set_today(monkeypatch, date(2026, 6, 20))
    assert todo("A", RA) == [("discrepancy_answer", d["id"], True)]
    assert todo("A", AP) == [] and todo("B", AP) == [] and todo("P", PA) == []
    r = world.client.get(
        f"{API}/discrepancies",
        params={"overdue": "true", "side": "received"},
        headers=world.h("A", RA),
    )
    assert [i["id"] for i in ok(r)["items"]] == [d["id"]]
    ok(act(world, d["id"], "explain", "A", RA, {"reason": "已核实"}))
    assert todo("B", AP) == [("discrepancy_review", d["id"], False)] == todo("B", RA)
    assert todo("A", RA) == []
    ok(act(world, d["id"], "dispute", "B", AP, {"reason": "不认可"}))
    assert todo("P", PA) == [("discrepancy_arbitrate", d["id"], False)]
    assert todo("B", AP) == []
    r = world.client.get(
        f"{API}/discrepancies", params={"side": "reported"}, headers=world.h("B", AP)
    )
    assert ok(r)["total"] == 1
    r = world.client.get(f"{API}/discrepancies", params={"q": "户籍"}, headers=world.h("A", RA))
    assert ok(r)["total"] == 1
