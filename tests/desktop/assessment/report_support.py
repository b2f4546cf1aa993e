"""Hand-made assessment reports for the report tests and the benchmark (no tests here).

    make_report(3)                         # a draft round of 3 departments
    make_report(100, published=True)       # a published round of 100

The figures come from `govshare_core.assessment.score_round` over seeded synthetic facts, so
indicators, groups, grades and ranks agree as the platform's would; the report code only prints
them. Department 1 (when present) has a very long name, an adjustment, explanations and text
with markup characters; `empty` lists departments whose scorecard has no indicators at all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from govshare_core.assessment import (
    DEFAULT_GRADE_BANDS,
    DEFAULT_WEIGHTS,
    INDICATOR_BY_CODE,
    Article36Item,
    DepartmentFacts,
    DepartmentResult,
    Group,
    Period,
    RectificationStatus,
    RoundStatus,
    rerank,
    score_round,
)
from govshare_core.assessment_schemas import (
    ExplanationOut,
    IndicatorValueOut,
    RectificationOut,
    ResultOut,
    RoundOut,
    RoundReportOut,
    ScorecardOut,
    SuggestionOut,
    TrendPoint,
)

LONG_NAME = (
    "南通市人力资源和社会保障局城乡居民基本养老保险待遇领取资格认证与社会保险基金监督管理中心"
)
"""Longer than any real department name: must wrap, never overflow."""
INJECTION = "=cmd|' /C calc'!A0"

_BUREAUS = (
    "公安局", "民政局", "财政局", "自然资源和规划局", "生态环境局", "住房和城乡建设局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "行政审批局",
)  # fmt: skip
_PLACES = ("南通市", "崇川区", "通州区", "海门区", "如皋市", "启东市", "海安市", "如东县")
COMPUTED_AT = datetime(2026, 11, 30, 2, 30, tzinfo=UTC)  # 2026-11-30 10:30 in Nantong
PUBLISHED_AT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 2026-12-01 01:00 in Nantong


def department_names(count: int, *, first: str | None = LONG_NAME) -> list[str]:
    """`count` distinct names, the first one `first` (default: the very long one)."""
    names = [f"{p}{b}" for b in _BUREAUS for p in _PLACES]
    out = ([first] if first else []) + names
    return out[:count]


def _facts(department_id: int, name: str, rng: random.Random) -> DepartmentFacts:
    published = rng.randint(0, 400)
    shareable = rng.randint(0, published)
    not_shared = published - shareable
    checked = rng.randint(0, published)
    changes = rng.randint(0, 12)
    due = rng.randint(0, 60)
    in_time = rng.randint(0, due)
    decided = rng.randint(0, due)
    rejections = rng.randint(0, 8)
    deliveries = rng.randint(0, 50)
    open_orders = rng.choice((0, 0, 0, 1, 2))
    open_disc = rng.choice((0, 0, 1, 3))
    return DepartmentFacts(
        department_id,
        name,
        published_entries=published,
        data_items=published * rng.randint(3, 12),
        shareable_entries=shareable,
        elements_stated=rng.randint(published * 8, published * 13),
        conformance_checked=checked,
        conformance_passed=rng.randint(0, checked),
        not_shared_entries=not_shared,
        not_shared_with_basis=rng.randint(0, not_shared),
        changes=changes,
        changes_in_time=rng.randint(0, changes),
        requests_due=due,
        requests_in_time=in_time,
        decision_working_days=tuple(rng.randint(0, 9) for _ in range(decided)),
        rejections=rejections,
        rejections_overturned=rng.randint(0, rejections),
        deliveries_due=deliveries,
        deliveries_on_time=rng.randint(0, deliveries),
        entries_overdue=rng.randint(0, 5),
        consumer_departments=rng.randint(0, 30),
        grants=rng.randint(0, 200),
        accesses=rng.randint(0, 50_000),
        rectifications_open=open_orders,
        rectifications_overdue=rng.randint(0, open_orders),
        discrepancies_open=open_disc,
        discrepancies_overdue=rng.randint(0, open_disc),
    )


def _round(period: Period, status: RoundStatus, count: int) -> RoundOut:
    published = status is RoundStatus.PUBLISHED
    return RoundOut(
        id=7,
        period=period.code,
        period_kind=period.kind,
        period_label=period.label_zh,
        starts=period.starts,
        ends=period.ends,
        title=f"{period.label_zh}政务信息资源共享考核评估",
        status=status,
        asof=period.ends,
        provisional=False,
        computed_at=COMPUTED_AT,
        computed_by_name="市大数据局评估监督员",
        published_at=PUBLISHED_AT if published else None,
        published_by_name="市大数据局评估监督员" if published else None,
        weights={str(k): v for k, v in DEFAULT_WEIGHTS.items()},
        grade_bands={str(k): v for k, v in DEFAULT_GRADE_BANDS.items()},
        department_count=count,
        explanation_count=2 if count else 0,
        version=3,
    )


def _trend(period: Period, result: ResultOut, count: int, rng: random.Random) -> list[TrendPoint]:
    earlier: list[Period] = []
    p = period
    for _ in range(rng.choice((0, 2, 3))):
        p = p.previous()
        earlier.insert(0, p)
    points = []
    for i, q in enumerate(earlier, start=1):
        score = round(rng.uniform(40, 98), 2)
        grade = (
            "excellent"
            if score >= 90
            else "good"
            if score >= 75
            else "pass"
            if score >= 60
            else "fail"
        )
        points.append(
            TrendPoint(round_id=i, period=q.code, period_label=q.label_zh, score=score,
                       grade=grade, rank=rng.randint(1, count), department_count=count)
        )  # fmt: skip
    points.append(
        TrendPoint(round_id=7, period=period.code, period_label=period.label_zh,
                   score=result.score, grade=result.grade, rank=result.rank, department_count=count)
    )  # fmt: skip
    return points


def _result(r: DepartmentResult, *, adjusted: float | None, explanations: int) -> ResultOut:
    score = r.computed_score if adjusted is None else adjusted
    return ResultOut(
        department_id=r.department_id,
        department_name=r.department_name,
        computed_score=r.computed_score,
        adjusted_score=adjusted,
        adjust_reason="该部门第三季度系统迁移期间交付中断，经核实属客观原因，酌情调整。"
        if adjusted is not None
        else None,
        adjusted_by_name="市大数据局评估监督员" if adjusted is not None else None,
        score=score,
        grade=r.grade,
        rank=r.rank,
        group_scores=dict(r.group_scores),
        explanation_count=explanations,
    )


def _explanations(department_id: int) -> list[ExplanationOut]:
    text = (
        "本部门第三季度承担全市养老保险系统迁移任务，9月1日至9月20日数据交付暂停，"
        "已于9月25日全部补交（见附件<交付记录>及 A&B 对账单）。"
        "请评估组在计算数据按时更新率时予以考虑。"
    )
    return [
        ExplanationOut(id=1, department_id=department_id, text=text * 2, by=11,
                       by_name="信息资源管理员", at=COMPUTED_AT + timedelta(hours=3)),
        ExplanationOut(id=2, department_id=department_id, text="补充说明：相关佐证材料已线下报送。",
                       by=11, by_name="信息资源管理员", at=COMPUTED_AT + timedelta(hours=5)),
    ]  # fmt: skip


def _rectifications(results: Sequence[ResultOut], period: Period) -> list[RectificationOut]:
    statuses = list(RectificationStatus)
    out = []
    for i, r in enumerate(results[: max(2, len(results) // 10)]):
        item = list(Article36Item)[i % 7]
        status = statuses[i % len(statuses)]
        due = period.ends + timedelta(days=10 * (i % 4) - 15)
        out.append(
            RectificationOut(
                id=i + 1, department_id=r.department_id, department_name=r.department_name,
                article_item=item, facts=f"经检查发现：{item.label_zh[11:]}。涉及目录 {3 + i} 条。",
                round_id=None, issued_by=1, issued_by_name="市大数据局评估监督员",
                issued_at=datetime(2026, 8, 3 + i % 20, 2, tzinfo=UTC), status=status, due=due,
                overdue=status in ("issued", "returned") and due < date(2026, 12, 1), version=1,
            )
        )  # fmt: skip
    return out


def _with_result(card: ScorecardOut, result: ResultOut) -> ScorecardOut:
    """The card after the adjustment's re-ranking (its own trend point included)."""
    last = card.trend[-1].model_copy(
        update={"score": result.score, "grade": result.grade, "rank": result.rank}
    )
    return card.model_copy(update={"result": result, "trend": [*card.trend[:-1], last]})


def make_report(
    count: int = 3,
    *,
    published: bool = False,
    period: str = "2026-Q3",
    names: Sequence[str] | None = None,
    empty: Sequence[int] = (),
    seed: int = 10,
) -> RoundReportOut:
    """A whole round's report: `count` departments (ids 1…count), draft or published;
    `empty`: ids of departments whose scorecard has no indicators."""
    rng = random.Random(seed)
    the_period = Period.parse(period)
    dept_names = list(names) if names is not None else department_names(count)
    facts = [_facts(i + 1, dept_names[i], rng) for i in range(count)]
    scored = score_round(facts)
    the_round = _round(the_period, RoundStatus.PUBLISHED if published else RoundStatus.DRAFT, count)
    results, cards = [], []
    for r in scored:
        adjusted = 88.5 if r.department_id == 1 else None
        result = _result(r, adjusted=adjusted, explanations=2 if r.department_id == 1 else 0)
        results.append(result)
        none = r.department_id in empty
        indicators = [] if none else [IndicatorValueOut(**vars(v)) for v in r.indicators]
        suggestions = [
            SuggestionOut(
                indicator=code,
                text_zh=INDICATOR_BY_CODE[code].suggestion_zh,
                text_en=INDICATOR_BY_CODE[code].suggestion_en,
            )
            for code in ([] if none else r.suggestions)
        ]
        if none:
            result = result.model_copy(update={"group_scores": {g.value: None for g in Group}})
            results[-1] = result
        cards.append(
            ScorecardOut(
                round=the_round,
                result=result,
                indicators=indicators,
                suggestions=suggestions,
                explanations=_explanations(r.department_id) if r.department_id == 1 else [],
                trend=_trend(the_period, result, count, rng),
            )
        )
    ranked = rerank({r.department_id: r.score for r in results})
    results = sorted(
        (
            r.model_copy(update=dict(zip(("rank", "grade"), ranked[r.department_id], strict=True)))
            for r in results
        ),
        key=lambda r: (r.rank, r.department_name),
    )
    by_id = {r.department_id: r for r in results}
    cards = sorted(
        (_with_result(c, by_id[c.result.department_id]) for c in cards),
        key=lambda c: (c.result.rank, c.result.department_name),
    )
    return RoundReportOut(
        round=the_round,
        results=results,
        scorecards=cards,
        rectifications=_rectifications(results, the_period),
        generated_at=datetime(2026, 12, 1, 1, 0, tzinfo=UTC),
    )
