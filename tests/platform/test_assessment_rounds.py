"""Assessment rounds (第三十四条): opening and its refusals, the snapshot staying put, recompute,
adjustments and ranks, explanations (申辩), publication and who sees what before and after it,
the scorecard's trend, the report, to-dos, the policy's weights and bands, query counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select

from govshare_core.assessment import DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS, INDICATORS
from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.assessment.models import AssessmentRound
from govshare_platform.audit.models import AuditEvent
from govshare_platform.departments.models import Department
from tests.platform.assessment_support import (
    AP,
    API,
    RA,
    ROUNDS,
    SU,
    get,
    open_round,
    past_month,
    publish,
    quarter,
    rectify,
    scores,
    tag,
)
from tests.platform.conftest import World

SE, AU = Role.SECURITY_ADMIN, Role.AUDIT_ADMIN


def _post(world: World, path: str, body: Any, dept: str, role: Role, **headers: str) -> Any:
    return world.client.post(f"{API}{path}", json=body, headers=world.h(dept, role, **headers))


def _problem(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert code is None or body["code"] == code, body
    return body


def _audit(world: World, action: str) -> list[AuditEvent]:
    with world.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_open_computes_the_snapshot_at_once(world: World) -> None:
    rectify(world, "A")
    period = quarter()
    rnd = open_round(world)
    assert rnd["title"] == f"{period.label_zh}政务信息资源共享考核评估"
    assert (rnd["period"], rnd["period_kind"], rnd["status"]) == (period.code, "quarter", "draft")
    assert rnd["asof"] == min(period.ends, clock.today()).isoformat()
    assert rnd["weights"] == dict(DEFAULT_WEIGHTS) and rnd["grade_bands"] == dict(
        DEFAULT_GRADE_BANDS
    )
    assert rnd["department_count"] == 2 and rnd["computed_by_name"] == "p_supervisor"
    assert rnd["actions"] == ["recompute", "adjust", "publish"]
    a, b = world.depts["A"], world.depts["B"]
    results = get(world, f"/rounds/{rnd['id']}/results", "P", SU)
    assert scores(results) == {b: (100.0, 1, "excellent"), a: (90.0, 2, "excellent")}
    assert [r["department_id"] for r in results] == [b, a]  # by rank
    [event_] = _audit(world, "assessment_round_open")
    assert event_.details["departments"] == 2 and event_.object_id == str(rnd["id"])
    card = get(world, f"/rounds/{rnd['id']}/results/{a}", "P", SU)
    assert len(card["indicators"]) == len(INDICATORS)
    supervision = next(i for i in card["indicators"] if i["code"] == "supervision")
    assert supervision["score"] == 90.0
    r = world.client.get(f"{ROUNDS}/{rnd['id']}", headers=world.h("A", AP))
    assert r.headers["ETag"] == f'"{rnd["version"]}"' and r.json()["actions"] == []


def test_open_refusals_are_problems(world: World) -> None:
    next_year = str(clock.today().year + 1)
    for period, code in (("2026-Q5", "period_invalid"), ("x", "period_invalid")):
        body = _problem(_post(world, "/rounds", {"period": period}, "P", SU), 422, code)
        assert body["errors"][0]["field"] == "period"
    _problem(_post(world, "/rounds", {"period": next_year}, "P", SU), 422, "period_not_started")
    _problem(_post(world, "/rounds", {"period": "2026", "title": "x" * 201}, "P", SU), 422)
    _problem(_post(world, "/rounds", {"period": 2026, "extra": 1}, "P", SU), 422)
    for dept, role in (("A", RA), ("P", Role.PLATFORM_ADMIN), ("P", SE)):
        _problem(_post(world, "/rounds", {"period": quarter().code}, dept, role), 403)
    titled = {"period": quarter().code, "title": "  本季度考核  "}
    first = _post(world, "/rounds", titled, "P", SU).json()
    assert first["title"] == "本季度考核"
    again = _post(world, "/rounds", {"period": quarter().code}, "P", SU)
    assert _problem(again, 409, "round_exists")["round_id"] == first["id"]
    for path in ("/rounds/999999", "/rounds/999999/results", "/rounds/999999/report"):
        _problem(world.client.get(f"{API}{path}", headers=world.h("P", SU)), 404)
    _problem(world.client.get(f"{ROUNDS}?status=open", headers=world.h("P", SU)), 422)
    for path in ("/rounds/99999999999999999999", "/rounds/9223372036854775808/results/1"):
        r = world.client.get(f"{API}{path}", headers=world.h("P", SU))
        assert r.status_code in (404, 422), r.text


def test_one_live_round_per_period(world: World) -> None:
    """A published round counted to date does not block a round for the whole period; one
    counted to the period's end does."""
    running = publish(world, open_round(world))
    assert running["asof"] < quarter().ends.isoformat()
    assert open_round(world)["id"] != running["id"]
    ended = past_month()
    publish(world, open_round(world, ended))
    _problem(_post(world, "/rounds", {"period": ended}, "P", SU), 409, "round_exists")


def test_idempotent_open(world: World) -> None:
    key = {"Idempotency-Key": "open-round-1"}
    first = _post(world, "/rounds", {"period": quarter().code}, "P", SU, **key)
    second = _post(world, "/rounds", {"period": quarter().code}, "P", SU, **key)
    assert first.status_code == second.status_code == 201
    assert second.json()["id"] == first.json()["id"]
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert get(world, "/rounds", "P", SU)["total"] == 1
    other = _post(world, "/rounds", {"period": past_month()}, "P", SU, **key)
    _problem(other, 422, "idempotency_key_reused")


def test_visibility_before_and_after_publication(world: World) -> None:
    rectify(world, "B", 2)
    rnd = open_round(world)
    a, b, rid = world.depts["A"], world.depts["B"], rnd["id"]
    _post(world, f"/rounds/{rid}/results/{b}/explanations", {"text": "已整改"}, "B", RA)
    # the supervisor sees everything
    assert len(get(world, f"/rounds/{rid}/results", "P", SU)) == 2
    assert len(get(world, f"/rounds/{rid}/report", "P", SU)["scorecards"]) == 2
    # every user sees the round; in a draft a department sees its own result only
    for dept, role in (("A", AP), ("A", RA), ("B", Role.REGISTRAR), ("P", SE), ("P", AU)):
        assert get(world, "/rounds", dept, role)["total"] == 1
        own = world.depts[dept] if dept != "P" else None
        assert [r["department_id"] for r in get(world, f"/rounds/{rid}/results", dept, role)] == (
            [own] if own else []
        )
    get(world, f"/rounds/{rid}/results/{b}", "A", RA, 404)
    get(world, f"/rounds/{rid}/results/{a}", "P", SE, 404)
    get(world, f"/rounds/{rid}/report", "A", RA, 403)
    get(world, f"/rounds/{rid}/report?department_id={b}", "A", RA, 404)
    mine = get(world, f"/rounds/{rid}/report?department_id={a}", "A", AP)
    assert [c["result"]["department_id"] for c in mine["scorecards"]] == [a]
    assert mine["round"]["status"] == "draft" and mine["results"][0]["department_id"] == a
    own_card = get(world, f"/rounds/{rid}/results/{b}", "B", RA)
    assert len(own_card["explanations"]) == 1
    # published: everyone sees every result; explanations stay with their department
    publish(world, rnd)
    for dept, role in (("A", AP), ("P", SE), ("P", AU)):
        assert len(get(world, f"/rounds/{rid}/results", dept, role)) == 2
    card = get(world, f"/rounds/{rid}/results/{b}", "A", RA)
    assert card["result"]["score"] == 80.0 and card["explanations"] == []
    assert card["result"]["explanation_count"] == 0
    report = get(world, f"/rounds/{rid}/report", "A", AP)
    assert {c["result"]["department_id"] for c in report["scorecards"]} == {a, b}
    assert report["round"]["status"] == "published"
    assert report["rectifications"] == []  # B's orders are B's
    assert len(get(world, f"/rounds/{rid}/report", "B", AP)["rectifications"]) == 2
    assert len(get(world, f"/rounds/{rid}/report", "P", SU)["rectifications"]) == 2
    sup = get(world, f"/rounds/{rid}/results/{b}", "P", SU)
    assert len(sup["explanations"]) == 1 and sup["result"]["explanation_count"] == 1


def test_snapshot_stays_put_until_recomputed(world: World) -> None:
    rnd = open_round(world)
    rid, a = rnd["id"], world.depts["A"]
    rectify(world, "A", 3)
    assert scores(get(world, f"/rounds/{rid}/results", "P", SU))[a][0] == 100.0
    url = f"/rounds/{rid}/recompute"
    _problem(_post(world, url, None, "P", SU), 428)
    _problem(_post(world, url, None, "P", SU, **tag(rnd["version"] + 5)), 412, "version_conflict")
    _problem(_post(world, url, None, "A", RA, **tag(rnd["version"])), 403)
    r = _post(world, url, None, "P", SU, **tag(rnd["version"]))
    assert r.status_code == 200, r.text
    assert r.json()["version"] == rnd["version"] + 1 and r.headers["ETag"] == '"2"'
    assert scores(get(world, f"/rounds/{rid}/results", "P", SU))[a] == (70.0, 2, "pass")
    assert _audit(world, "assessment_round_recompute")[0].details["adjustments_cleared"] == 0


def test_adjust_reranks_and_recompute_clears(world: World) -> None:
    rectify(world, "A")
    rnd = open_round(world)
    rid, a, b = rnd["id"], world.depts["A"], world.depts["B"]
    url = f"/rounds/{rid}/results/{a}/adjust"
    body = {"score": 100, "reason": "整改通知系误发，已撤销"}
    _problem(_post(world, url, body, "A", RA, **tag(1)), 403)
    _problem(_post(world, url, {"score": 101, "reason": "过高"}, "P", SU, **tag(1)), 422)
    _problem(_post(world, url, {"score": 50, "reason": " "}, "P", SU, **tag(1)), 422)
    _problem(_post(world, f"/rounds/{rid}/results/999999/adjust", body, "P", SU, **tag(1)), 404)
    r = _post(world, url, body, "P", SU, **tag(1))
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"'
    got = r.json()
    assert (got["computed_score"], got["adjusted_score"], got["score"]) == (90.0, 100.0, 100.0)
    assert got["adjust_reason"] == body["reason"] and got["adjusted_by_name"] == "p_supervisor"
    assert scores(get(world, f"/rounds/{rid}/results", "P", SU)) == {
        a: (100.0, 1, "excellent"),
        b: (100.0, 1, "excellent"),
    }
    _problem(_post(world, url, body, "P", SU, **tag(1)), 412)  # the version moved
    low = _post(world, url, {"score": 59.5, "reason": "核减"}, "P", SU, **tag(2)).json()
    assert (low["rank"], low["grade"]) == (2, "fail")
    cleared = _post(world, url, {"score": None, "reason": "恢复计算得分"}, "P", SU, **tag(3))
    assert cleared.json()["adjusted_score"] is None and cleared.json()["score"] == 90.0
    _post(world, url, body, "P", SU, **tag(4))
    redo = _post(world, f"/rounds/{rid}/recompute", None, "P", SU, **tag(5))
    assert redo.status_code == 200 and redo.json()["version"] == 6
    assert scores(get(world, f"/rounds/{rid}/results", "P", SU))[a] == (90.0, 2, "excellent")
    assert _audit(world, "assessment_round_recompute")[0].details["adjustments_cleared"] == 1
    assert len(_audit(world, "assessment_result_adjust")) == 4


def test_explanations(world: World) -> None:
    rnd = open_round(world)
    rid, a, b = rnd["id"], world.depts["A"], world.depts["B"]
    explain = f"/rounds/{rid}/results/{a}/explanations"
    inbox = lambda dept, role: [  # noqa: E731
        (i["kind"], i["object_id"])
        for i in world.client.get("/api/v1/inbox", headers=world.h(dept, role)).json()
    ]
    assert ("assessment_explain", rid) in inbox("A", RA)
    assert ("assessment_explain", rid) not in inbox("A", AP)
    assert ("assessment_explanation", rid) not in inbox("P", SU)
    assert "explain" in get(world, f"/rounds/{rid}", "A", RA)["actions"]
    _problem(_post(world, explain, {"text": "数据口径有误"}, "A", AP), 403)
    _problem(_post(world, explain, {"text": "数据口径有误"}, "P", SU), 403)
    _problem(_post(world, explain, {"text": "数据口径有误"}, "B", RA), 404)  # A's is hidden
    _problem(_post(world, explain, {"text": "  "}, "A", RA), 422)
    _problem(
        _post(world, f"/rounds/999999/results/{a}/explanations", {"text": "申辩"}, "A", RA), 404
    )
    r = _post(world, explain, {"text": "数据口径有误，请复核"}, "A", RA)
    assert r.status_code == 201, r.text
    assert r.json()["by_name"] == "a_resource_admin" and r.json()["department_id"] == a
    assert ("assessment_explain", rid) not in inbox("A", RA)
    assert ("assessment_explain", rid) in inbox("B", RA)
    assert ("assessment_explanation", rid) in inbox("P", SU)
    assert get(world, f"/rounds/{rid}", "P", SU)["explanation_count"] == 1
    assert get(world, f"/rounds/{rid}", "B", RA)["explanation_count"] == 0
    assert len(_audit(world, "assessment_explanation_file")) == 1
    publish(world, rnd)
    _problem(_post(world, explain, {"text": "补充说明"}, "A", RA), 409, "round_published")
    other = f"/rounds/{rid}/results/{b}/explanations"
    _problem(_post(world, other, {"text": "补充说明"}, "A", RA), 403)  # visible now, not A's
    assert not [k for k, _ in inbox("A", RA) + inbox("P", SU) if k.startswith("assessment")]


def test_published_rounds_are_frozen(world: World) -> None:
    rnd = publish(world, open_round(world))
    rid, a = rnd["id"], world.depts["A"]
    assert rnd["published_by_name"] == "p_supervisor" and rnd["actions"] == []
    v = tag(rnd["version"])
    _problem(_post(world, f"/rounds/{rid}/recompute", None, "P", SU, **v), 409, "round_published")
    _problem(_post(world, f"/rounds/{rid}/publish", None, "P", SU, **v), 409, "round_published")
    adjust = {"score": 10, "reason": "核减分数"}
    _problem(_post(world, f"/rounds/{rid}/results/{a}/adjust", adjust, "P", SU, **v), 409)
    rectify(world, "A", 5)
    assert scores(get(world, f"/rounds/{rid}/results", "A", AP))[a][0] == 100.0
    assert len(_audit(world, "assessment_round_publish")) == 1


def test_trend_and_report_orders(world: World) -> None:
    a = world.depts["A"]
    old = [past_month(n) for n in (2, 1)]  # two ended months, oldest first
    rectify(world, "A")
    for period in old:
        publish(world, open_round(world, period))
    get(world, "/rounds?status=draft", "P", SU)
    current = open_round(world, past_month(0))
    this_quarter = open_round(world)  # another kind of period: not in the trend
    card = get(world, f"/rounds/{current['id']}/results/{a}", "A", RA)
    assert [p["period"] for p in card["trend"]] == [*old, past_month(0)]
    assert card["trend"][-1]["round_id"] == current["id"]
    assert all(p["department_count"] == 2 for p in card["trend"])
    first = get(world, "/rounds?period_kind=month&status=published&limit=1", "B", AP)
    assert first["total"] == 2 and first["items"][0]["period"] == old[1]
    report = get(world, f"/rounds/{current['id']}/report", "P", SU)
    assert report["rectifications"] == []  # issued after that month
    assert report["scorecards"][0]["round"]["id"] == current["id"]
    report = get(world, f"/rounds/{this_quarter['id']}/report", "P", SU)
    assert [o["department_id"] for o in report["rectifications"]] == [a]
    assert report["rectifications"][0]["status"] == "issued"


def test_policy_weights_and_bands(world: World) -> None:
    pa = world.h("P", Role.PLATFORM_ADMIN, **{"If-Match": "*"})
    policy = world.client.get("/api/v1/policy", headers=world.h("A", AP)).json()
    assert policy["assessment_weights"] == dict(DEFAULT_WEIGHTS)
    assert policy["grade_bands"] == dict(DEFAULT_GRADE_BANDS)
    bad = {**DEFAULT_WEIGHTS, "quantity": 16.0, "bogus": 1.0}
    body = _problem(
        world.client.patch("/api/v1/policy", json={"assessment_weights": bad}, headers=pa), 422
    )
    assert {e["field"] for e in body["errors"]} == {"assessment_weights.bogus"}
    bad = {**DEFAULT_WEIGHTS, "quantity": 16.0}
    body = _problem(
        world.client.patch("/api/v1/policy", json={"assessment_weights": bad}, headers=pa), 422
    )
    assert [e["code"] for e in body["errors"]] == ["weights_sum"]
    bands = {"excellent": 80, "good": 85, "pass": 60}
    body = _problem(
        world.client.patch("/api/v1/policy", json={"grade_bands": bands}, headers=pa), 422
    )
    assert body["errors"][0]["field"] == "grade_bands"
    _problem(
        world.client.patch("/api/v1/policy", json={"grade_bands": {"pass": "x"}}, headers=pa), 422
    )
    weights = {**DEFAULT_WEIGHTS, "quantity": 5.0, "supervision": 20.0}
    bands = {"excellent": 95, "good": 80, "pass": 65}
    r = world.client.patch(
        "/api/v1/policy", json={"assessment_weights": weights, "grade_bands": bands}, headers=pa
    )
    assert r.status_code == 200 and r.json()["grade_bands"] == bands
    rnd = open_round(world)
    assert rnd["weights"] == weights and rnd["grade_bands"] == bands


def test_indicators_for_every_user(world: World) -> None:
    defs = get(world, "/indicators", "P", AU)
    assert [d["code"] for d in defs] == [d.code for d in INDICATORS]
    assert defs[0]["article"] and defs[0]["group_label_zh"]


@contextmanager
def _queries(world: World) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = world.app.state.engine

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_100_departments_take_a_handful_of_queries(world: World) -> None:
    """The results, the report (100 scorecards with their trends) and the list of rounds each
    take a fixed number of queries (authentication included), not one per department."""
    with world.session() as s:
        for n in range(98):
            code = make_credit_code(f"1132060001{n:07d}")
            s.add(Department(name=f"测试部门{n:03d}", credit_code=code))
        s.commit()
    rectify(world, "A")
    old = publish(world, open_round(world, past_month(1)))
    rnd = open_round(world, past_month(0))
    assert rnd["department_count"] == 100 and old["department_count"] == 100
    for path, limit in (
        (f"/rounds/{rnd['id']}/results", 10),
        (f"/rounds/{rnd['id']}/report", 18),
        ("/rounds", 12),
    ):
        with _queries(world) as seen:
            got = get(world, path, "P", SU)
        assert len(seen) <= limit, (path, len(seen))
    assert len(got["items"]) == 2
    with world.session() as s:
        assert s.scalar(select(func.count()).select_from(AssessmentRound)) == 2
