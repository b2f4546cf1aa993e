"""The assessment's rules (第三十四条–第三十六条) on hand-built facts: every indicator's formula,
the scores, grades and ranks, periods, the 13 elements, rectification orders, deadlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from govshare_core.assessment import (
    CORE_ELEMENTS,
    DEFAULT_GRADE_BANDS,
    DEFAULT_WEIGHTS,
    INDICATOR_BY_CODE,
    INDICATORS,
    RECTIFICATION,
    RECTIFICATION_DUE_STATES,
    RECTIFICATION_OPEN_STATES,
    ROUND,
    DepartmentFacts,
    Grade,
    Group,
    Period,
    PeriodKind,
    RectificationStatus,
    check_grade_bands,
    check_weights,
    competition_ranks,
    decided_in_time,
    decision_working_days,
    elements_present,
    grade_of,
    group_scores,
    indicator_values,
    period_closed,
    rectification_overdue,
    request_counts_as_due,
    rerank,
    score_round,
    supervision_score,
    weighted_score,
)
from govshare_core.vocab import Role
from govshare_core.workdays import WorkdayCalendar, review_deadline
from govshare_core.workflow import Actor, IllegalTransition, Parties, Refusal, refusal

R = RectificationStatus


def values_of(facts: DepartmentFacts, best: dict[str, int] | None = None) -> dict[str, object]:
    return {v.code: v for v in indicator_values(facts, best)}


FULL = DepartmentFacts(
    1,
    "甲局",
    published_entries=10,
    data_items=40,
    shareable_entries=8,
    elements_stated=117,  # 9 of 13 per entry
    conformance_checked=10,
    conformance_passed=7,
    not_shared_entries=2,
    not_shared_with_basis=1,
    changes=4,
    changes_in_time=3,
    requests_due=5,
    requests_in_time=4,
    decision_working_days=(1, 3, 2, 7),
    rejections=4,
    rejections_overturned=1,
    deliveries_due=6,
    deliveries_on_time=3,
    entries_overdue=2,
    consumer_departments=5,
    grants=12,
    accesses=300,
    rectifications_open=1,
    rectifications_overdue=0,
    discrepancies_open=2,
    discrepancies_overdue=1,
)


# --- indicators --------------------------------------------------------------------------------


def test_every_indicator_formula() -> None:
    v = values_of(FULL)
    expect = {
        "published_entries": (10.0, 100.0),  # its own best without a round
        "data_items": (40.0, None),
        "share_ratio": (0.8, 80.0),
        "completeness": (0.9, 90.0),
        "conformance": (0.7, 70.0),
        "legal_basis": (0.5, 50.0),
        "change_reporting": (0.75, 75.0),
        "decided_in_time": (0.8, 80.0),
        "median_decision_days": (2.5, None),
        "rejections_upheld": (0.75, 75.0),
        "delivery_timeliness": (0.375, 37.5),  # 3 ÷ (6 due + 2 overdue entries)
        "consumer_departments": (5.0, 100.0),
        "grants": (12.0, None),
        "accesses": (300.0, None),
        "supervision": (75.0, 75.0),  # 100 − 10 (open order) − 10 (overdue) − 5 (other open)
        "rectifications_open": (1.0, None),
        "discrepancies_open": (2.0, None),
    }
    assert set(expect) == {d.code for d in INDICATORS}
    for code, (value, score) in expect.items():
        got = v[code]
        assert got.value == pytest.approx(value), code  # type: ignore[attr-defined]
        assert got.score == score, code  # type: ignore[attr-defined]
    assert v["delivery_timeliness"].numerator == 3  # type: ignore[attr-defined]
    assert v["delivery_timeliness"].denominator == 8  # type: ignore[attr-defined]
    weak = {code for code, got in v.items() if got.weak}  # type: ignore[attr-defined]
    assert weak == {"legal_basis", "delivery_timeliness"}


def test_empty_department_has_no_data_not_zeros() -> None:
    v = values_of(DepartmentFacts(2, "乙局"))
    for code in (
        "share_ratio",
        "completeness",
        "conformance",
        "legal_basis",
        "change_reporting",
        "decided_in_time",
        "median_decision_days",
        "rejections_upheld",
        "delivery_timeliness",
    ):
        assert v[code].value is None and v[code].score is None, code  # type: ignore[attr-defined]
        assert not v[code].weak  # type: ignore[attr-defined]
    # relative scores have no best to compare with; supervision starts at 100
    assert v["published_entries"].score is None  # type: ignore[attr-defined]
    assert v["supervision"].score == 100.0  # type: ignore[attr-defined]


def test_department_without_requests() -> None:
    facts = replace(FULL, requests_due=0, requests_in_time=0, decision_working_days=())
    facts = replace(facts, rejections=0, rejections_overturned=0)
    v = values_of(facts)
    assert v["decided_in_time"].score is None  # type: ignore[attr-defined]
    assert v["median_decision_days"].value is None  # type: ignore[attr-defined]
    assert v["rejections_upheld"].score is None  # type: ignore[attr-defined]
    assert group_scores(v.values())[Group.REQUESTS] is None  # type: ignore[arg-type]


def test_relative_scores_against_the_rounds_best() -> None:
    v = values_of(FULL, {"published_entries": 40, "consumer_departments": 10})
    assert v["published_entries"].score == 25.0  # type: ignore[attr-defined]
    assert v["published_entries"].weak  # type: ignore[attr-defined]
    assert v["consumer_departments"].score == 50.0  # type: ignore[attr-defined]
    # a best lower than the department's own (stale best) never gives more than 100
    v = values_of(FULL, {"published_entries": 5})
    assert v["published_entries"].score == 100.0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("counts", "score"),
    [
        ({}, 100.0),
        ({"rectifications_open": 1, "rectifications_overdue": 1}, 80.0),  # overdue counts once
        ({"rectifications_open": 2, "rectifications_overdue": 1}, 70.0),
        ({"discrepancies_open": 3}, 85.0),
        ({"discrepancies_open": 1, "discrepancies_overdue": 1}, 90.0),
        ({"rectifications_open": 6, "rectifications_overdue": 6}, 0.0),  # never below 0
    ],
)
def test_supervision_penalties(counts: dict[str, int], score: float) -> None:
    assert supervision_score(DepartmentFacts(1, "甲局", **counts)) == score  # type: ignore[arg-type]


def test_group_scores_mean_of_scored_indicators_with_data() -> None:
    groups = group_scores(indicator_values(FULL))
    assert groups[Group.QUALITY] == pytest.approx((90 + 70 + 50) / 3, abs=0.01)
    assert groups[Group.REQUESTS] == pytest.approx(77.5)  # 80 and 75; the median is not scored
    assert groups[Group.TIMELINESS] == 37.5
    assert groups[Group.USAGE] == 100.0  # grants and accesses are not scored


def test_weighted_score_shares_out_weights_of_groups_without_data() -> None:
    weights = dict(DEFAULT_WEIGHTS)
    all_groups = {g.value: 80.0 for g in Group}
    assert weighted_score(all_groups, weights) == 80.0
    some = {g.value: None for g in Group} | {"quantity": 100.0, "quality": 50.0}
    # 15 and 20 of the 100: (15×100 + 20×50) ÷ 35
    assert weighted_score(some, weights) == pytest.approx(71.43)
    assert weighted_score({g.value: None for g in Group}, weights) == 0.0
    zero = {g.value: 0.0 for g in Group} | {"quality": 100.0}
    assert weighted_score(all_groups | {"quality": 0.0}, zero) == 0.0


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, Grade.EXCELLENT),
        (90, Grade.EXCELLENT),
        (89.99, Grade.GOOD),
        (75, Grade.GOOD),
        (74.99, Grade.PASS),
        (60, Grade.PASS),
        (59.99, Grade.FAIL),
        (0, Grade.FAIL),
    ],
)
def test_grade_band_boundaries(score: float, grade: Grade) -> None:
    assert grade_of(score) is grade
    assert grade_of(score, DEFAULT_GRADE_BANDS) is grade


def test_grade_with_policy_bands() -> None:
    bands = {"excellent": 95.0, "good": 80.0, "pass": 50.0}
    assert grade_of(90, bands) is Grade.GOOD
    assert grade_of(50, bands) is Grade.PASS


def test_competition_ranks_with_ties() -> None:
    assert competition_ranks({1: 90.0, 2: 80.0, 3: 80.0, 4: 70.0}) == {1: 1, 2: 2, 3: 2, 4: 4}
    assert competition_ranks({1: 50.0, 2: 50.0}) == {1: 1, 2: 1}
    assert competition_ranks({}) == {}
    assert rerank({1: 91.0, 2: 91.0, 3: 10.0}) == {
        1: (1, Grade.EXCELLENT),
        2: (1, Grade.EXCELLENT),
        3: (3, Grade.FAIL),
    }


def test_score_round_orders_ranks_and_suggests() -> None:
    big = replace(FULL, department_id=2, department_name="乙局", published_entries=40)
    big = replace(big, shareable_entries=32, elements_stated=520, consumer_departments=10)
    empty = DepartmentFacts(3, "丙局")
    results = score_round([FULL, big, empty])
    assert [r.department_id for r in results] == [2, 1, 3]
    assert [r.rank for r in results] == [1, 2, 3]
    first, second, last = results
    assert second.indicators[0].score == 25.0  # 10 of the best 40
    assert "published_entries" in second.suggestions
    assert "published_entries" not in first.suggestions
    # the empty department: no ratio has data; quantity and usage are relative (0 of the best)
    # and supervision starts at 100: (15×0 + 10×0 + 10×100) ÷ 35, the other weights shared out
    assert last.group_scores[Group.QUALITY] is None
    assert last.group_scores[Group.SUPERVISION] == 100.0
    assert last.computed_score == pytest.approx(28.57)
    assert last.grade is Grade.FAIL
    assert score_round([]) == []
    tie = score_round([FULL, replace(FULL, department_id=9, department_name="丁局")])
    assert [r.rank for r in tie] == [1, 1]
    assert [r.department_name for r in tie] == ["丁局", "甲局"]  # ties by name


def test_check_weights() -> None:
    assert check_weights(dict(DEFAULT_WEIGHTS)) == []
    assert sum(DEFAULT_WEIGHTS.values()) == 100
    missing = {k: v for k, v in DEFAULT_WEIGHTS.items() if k != "usage"}
    assert "missing:usage" in check_weights(missing)
    assert "unknown:fun" in check_weights(dict(DEFAULT_WEIGHTS) | {"fun": 0.0})
    assert check_weights(dict(DEFAULT_WEIGHTS) | {"quantity": 16.0}) == ["sum"]
    bad = dict(DEFAULT_WEIGHTS) | {"quantity": -5.0, "quality": 40.0}
    assert "range:quantity" in check_weights(bad)
    assert "range:quality" in check_weights(dict(DEFAULT_WEIGHTS) | {"quality": float("nan")})


@pytest.mark.parametrize(
    ("bands", "problems"),
    [
        ({"excellent": 90, "good": 75, "pass": 60}, []),
        ({"excellent": 100, "good": 99, "pass": 0.5}, []),
        ({"excellent": 90, "good": 90, "pass": 60}, ["order"]),
        ({"excellent": 101, "good": 75, "pass": 60}, ["order"]),
        ({"excellent": 90, "good": 75, "pass": 0}, ["order"]),
        ({"excellent": 90, "good": 75}, ["missing"]),
        ({"excellent": "x", "good": 75, "pass": 60}, ["missing"]),
    ],
)
def test_check_grade_bands(bands: dict[str, object], problems: list[str]) -> None:
    assert check_grade_bands(bands) == problems  # type: ignore[arg-type]


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "starts", "ends"),
    [
        ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q4", PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31)),
        ("2024-02", PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2026-02", PeriodKind.MONTH, date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-12", PeriodKind.MONTH, date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_period_parse_and_bounds(code: str, kind: PeriodKind, starts: date, ends: date) -> None:
    period = Period.parse(code)
    assert (period.kind, period.starts, period.ends, period.code) == (kind, starts, ends, code)
    assert Period.parse(f" {code} ") == period


@pytest.mark.parametrize(
    "text", ["", "26", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-1", "1999", "2100", "x"]
)
def test_period_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_labels_previous_and_closed() -> None:
    assert Period.parse("2026-Q3").label_zh == "2026年第三季度"
    assert Period.parse("2026-11").label_zh == "2026年11月"
    assert Period.parse("2026").label_zh == "2026年度"
    assert Period.parse("2026-Q1").previous() == Period.parse("2025-Q4")
    assert Period.parse("2026-01").previous() == Period.parse("2025-12")
    assert Period.parse("2026").previous() == Period.parse("2025")
    assert not period_closed(Period.parse("2026"), date(2026, 12, 31))
    assert period_closed(Period.parse("2026-11"), date(2026, 12, 1))
    assert not Period.parse("2026-Q3").provisional()
    assert Period.parse("2027-01").provisional()  # no official schedule for 2027 yet


# --- the 13 core elements ----------------------------------------------------------------------


def test_elements_present() -> None:
    assert len(CORE_ELEMENTS) == 13
    full: dict[str, object] = {field: "x" for *_, fields in CORE_ELEMENTS for field in fields}
    full |= {"data_items": [{"name": "姓名"}], "open_to_public": False, "related_codes": ["c"]}
    assert elements_present(full) == 13
    # blanks, empty lists and None are not stated; a yes/no element always is
    partial = full | {"summary": "  ", "related_codes": [], "data_items": [], "name": None}
    assert elements_present(partial) == 9
    # classification: either field is enough
    assert elements_present(full | {"class_item": ""}) == 13
    assert elements_present(full | {"class_item": "", "class_catalog": ""}) == 12
    assert elements_present({"open_to_public": True}) == 1
    assert elements_present({}) == 0


# --- rectification orders (第三十六条) ---------------------------------------------------------

SUPERVISOR = Actor(1, frozenset({Role.SUPERVISOR}), 1, is_platform=True)
DEPT_ADMIN = Actor(2, frozenset({Role.RESOURCE_ADMIN}), 20)
OTHER_ADMIN = Actor(3, frozenset({Role.RESOURCE_ADMIN}), 30)
DEPT_APPLICANT = Actor(4, frozenset({Role.APPLICANT}), 20)
ORDER = Parties(owner_dept=20)


def test_rectification_transitions() -> None:
    m = RECTIFICATION
    assert m.initial == R.ISSUED
    assert m.find("answer", R.ISSUED).target == R.ANSWERED
    assert m.find("answer", R.RETURNED).target == R.ANSWERED
    assert m.find("accept", R.ANSWERED).target == R.CLOSED
    assert m.find("return", R.ANSWERED).target == R.RETURNED
    for state in (R.ISSUED, R.ANSWERED, R.RETURNED):
        assert m.find("withdraw", state).target == R.WITHDRAWN
    for action, state in [
        ("accept", R.ISSUED),
        ("answer", R.ANSWERED),
        ("return", R.RETURNED),
        ("answer", R.CLOSED),
        ("withdraw", R.CLOSED),
        ("withdraw", R.WITHDRAWN),
    ]:
        with pytest.raises(IllegalTransition):
            m.find(action, state)
    assert m.transition("answer").needs_reason and m.transition("return").needs_reason


def test_rectification_roles() -> None:
    answer, accept = RECTIFICATION.transition("answer"), RECTIFICATION.transition("accept")
    assert refusal(answer, DEPT_ADMIN, ORDER) is None
    assert refusal(answer, OTHER_ADMIN, ORDER) is Refusal.PARTY  # another department's order
    assert refusal(answer, DEPT_APPLICANT, ORDER) is Refusal.ROLE
    assert refusal(answer, SUPERVISOR, ORDER) is Refusal.ROLE
    for action in ("accept", "return", "withdraw"):
        t = RECTIFICATION.transition(action)
        assert refusal(t, SUPERVISOR, ORDER) is None
        assert refusal(t, DEPT_ADMIN, ORDER) is Refusal.ROLE
    assert refusal(accept, SUPERVISOR, Parties()) is None  # the supervisor acts on any order
    assert ROUND.find("publish", "draft").roles == frozenset({Role.SUPERVISOR})


def test_rectification_open_due_and_overdue() -> None:
    assert RECTIFICATION_OPEN_STATES == {R.ISSUED, R.ANSWERED, R.RETURNED}
    assert RECTIFICATION_DUE_STATES == {R.ISSUED, R.RETURNED}
    due = date(2026, 10, 12)
    assert not rectification_overdue(R.ISSUED, due, due)  # the due day itself is in time
    assert rectification_overdue(R.ISSUED, due, date(2026, 10, 13))
    assert rectification_overdue(R.RETURNED, due, date(2026, 10, 13))
    assert not rectification_overdue(R.ANSWERED, due, date(2026, 10, 13))  # the supervisor's turn
    assert not rectification_overdue(R.CLOSED, due, date(2027, 1, 1))
    assert not rectification_overdue(R.ISSUED, None, date(2027, 1, 1))


# --- request deadlines across 国庆 2026 (real chinesecalendar data) ---------------------------


def test_decided_in_time_across_national_day() -> None:
    received = date(2026, 9, 29)  # Tuesday before 国庆 (1–7 October off, Saturday 10 October on)
    due = review_deadline(received, 5).due
    # 9-30, 10-8, 10-9, 10-10 (调休 Saturday), 10-12
    assert due == date(2026, 10, 12)
    assert decided_in_time(date(2026, 10, 12), due)
    assert not decided_in_time(date(2026, 10, 13), due)
    assert not decided_in_time(None, due)
    assert decided_in_time(date(2026, 10, 13), None)  # no deadline recorded: in time
    assert decision_working_days(received, date(2026, 10, 12)) == 5
    assert decision_working_days(received, date(2026, 10, 7)) == 1  # only 9-30 worked
    assert decision_working_days(received, received) == 0
    # the platform admin's override moves the count
    calendar = WorkdayCalendar({date(2026, 10, 9): False})
    assert decision_working_days(received, date(2026, 10, 12), calendar=calendar) == 4


def test_request_counts_as_due() -> None:
    due = date(2026, 10, 12)
    assert request_counts_as_due(date(2026, 10, 20), due, date(2026, 10, 1))  # decided
    assert not request_counts_as_due(None, due, date(2026, 10, 12))  # not yet due
    assert request_counts_as_due(None, due, date(2026, 10, 13))  # past its deadline
    assert not request_counts_as_due(None, None, date(2027, 1, 1))


def test_indicator_definitions_are_complete() -> None:
    for d in INDICATORS:
        assert d.article.startswith("第") and d.article.endswith("条"), d.code
        assert d.formula_zh and d.formula_en and d.label_zh and d.label_en
        if d.scored:
            assert d.suggestion_zh and d.suggestion_en, d.code
    assert set(INDICATOR_BY_CODE) == {d.code for d in INDICATORS}
    assert {d.group for d in INDICATORS if d.scored} == set(Group)
