"""Rounds, results, scorecards and the report as the API shows them, and who sees what.

Visibility (第三十四条: results are made known by publication):
- every signed-in user sees every round's metadata (the security and audit admins too: like
  everyone, they read what is published; they take no step);
- results: the supervisor sees all of them; once published, everyone sees all of them; in a
  draft, a department's staff see only their own department's;
- explanations (申辩) stay between the department and the supervisor: the supervisor sees all, a
  department only its own (before and after publication);
- rectification orders in the report: the supervisor all, a department only its own (第三十六条).
Every list is read in a fixed handful of queries, whatever the number of departments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from govshare_core.assessment import (
    ASSESSOR_ROLES,
    DEPARTMENT_RESPONDER_ROLES,
    INDICATORS,
    ROUND,
    Period,
    PeriodKind,
    RoundStatus,
    suggestion_text,
)
from govshare_core.assessment_schemas import (
    ExplanationOut,
    IndicatorDefOut,
    IndicatorValueOut,
    RectificationOut,
    ResultOut,
    RoundOut,
    ScorecardOut,
    SuggestionOut,
    TrendPoint,
)
from govshare_core.workflow import Actor, Parties, allowed_actions
from govshare_platform.assessment.models import AssessmentRound, RoundExplanation, RoundResult
from govshare_platform.clock import SHANGHAI
from govshare_platform.policy.service import Deadlines
from govshare_platform.supervision.models import Rectification
from govshare_platform.supervision.views import rectification_out

TREND_POINTS = 20
"""At most this many past published rounds in a scorecard's trend."""


# --- who sees what -------------------------------------------------------------------------------


def is_supervisor(actor: Actor) -> bool:
    return bool(actor.roles & ASSESSOR_ROLES)


def sees_all_results(round_: AssessmentRound, actor: Actor) -> bool:
    return is_supervisor(actor) or round_.status == RoundStatus.PUBLISHED


def sees_result(round_: AssessmentRound, actor: Actor, department_id: int) -> bool:
    return sees_all_results(round_, actor) or department_id == actor.department_id


def sees_explanations(actor: Actor, department_id: int) -> bool:
    return is_supervisor(actor) or department_id == actor.department_id


# --- rounds --------------------------------------------------------------------------------------


def list_rounds(
    session: Session,
    *,
    status: RoundStatus | None,
    period_kind: PeriodKind | None,
    offset: int,
    limit: int,
) -> tuple[list[AssessmentRound], int]:
    """Newest period first (then the newest round)."""
    query = select(AssessmentRound)
    if status is not None:
        query = query.where(AssessmentRound.status == status)
    if period_kind is not None:
        query = query.where(AssessmentRound.period_kind == period_kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(AssessmentRound.starts.desc(), AssessmentRound.id.desc())
    return list(session.scalars(query.offset(offset).limit(limit)).unique()), total


class RoundFacts:
    """Per-round counts for a page of rounds, read in three queries."""

    def __init__(self, session: Session, round_ids: list[int], actor: Actor) -> None:
        ids = round_ids or [-1]
        counts = select(RoundResult.round_id, func.count()).where(RoundResult.round_id.in_(ids))
        self.departments: dict[int, int] = {
            k: n for k, n in session.execute(counts.group_by(RoundResult.round_id))
        }
        explained = select(RoundExplanation.round_id, func.count()).where(
            RoundExplanation.round_id.in_(ids)
        )
        if not is_supervisor(actor):
            explained = explained.where(RoundExplanation.department_id == actor.department_id)
        self.explanations: dict[int, int] = {
            k: n for k, n in session.execute(explained.group_by(RoundExplanation.round_id))
        }
        mine = select(RoundResult.round_id).where(
            RoundResult.round_id.in_(ids), RoundResult.department_id == actor.department_id
        )
        self.assessed: set[int] = set(session.scalars(mine))


def round_actions(round_: AssessmentRound, actor: Actor, assessed: bool) -> list[str]:
    """What the caller may do now: recompute / adjust / publish (supervisor, draft), explain
    (the assessed department's resource admin, draft)."""
    actions = allowed_actions(ROUND, round_.status, actor, Parties())
    draft = round_.status == RoundStatus.DRAFT
    if draft and is_supervisor(actor):
        actions.insert(1, "adjust")
    if draft and assessed and actor.roles & DEPARTMENT_RESPONDER_ROLES:
        actions.append("explain")
    return actions


def round_out(round_: AssessmentRound, counts: RoundFacts, actor: Actor) -> RoundOut:
    period = Period.parse(round_.period)
    return RoundOut(
        id=round_.id,
        period=round_.period,
        period_kind=PeriodKind(round_.period_kind),
        period_label=period.label_zh,
        starts=round_.starts,
        ends=round_.ends,
        title=round_.title,
        status=RoundStatus(round_.status),
        asof=round_.asof,
        provisional=round_.provisional,
        computed_at=round_.computed_at,
        computed_by_name=round_.computed_by_name,
        published_at=round_.published_at,
        published_by_name=round_.published_by_name,
        weights=round_.weights,
        grade_bands=round_.grade_bands,
        department_count=counts.departments.get(round_.id, 0),
        explanation_count=counts.explanations.get(round_.id, 0),
        version=round_.version,
        actions=round_actions(round_, actor, round_.id in counts.assessed),
    )


def one_round_out(session: Session, round_: AssessmentRound, actor: Actor) -> RoundOut:
    return round_out(round_, RoundFacts(session, [round_.id], actor), actor)


# --- results and scorecards ----------------------------------------------------------------------


def visible_results(
    session: Session, round_: AssessmentRound, actor: Actor, department_id: int | None = None
) -> list[RoundResult]:
    """The results the caller sees (by rank, then name), optionally one department's only."""
    query = select(RoundResult).where(RoundResult.round_id == round_.id)
    if not sees_all_results(round_, actor):
        query = query.where(RoundResult.department_id == actor.department_id)
    if department_id is not None:
        query = query.where(RoundResult.department_id == department_id)
    query = query.order_by(RoundResult.rank, RoundResult.department_name, RoundResult.id)
    return list(session.scalars(query).unique())


def explanations_by_department(
    session: Session, round_id: int, actor: Actor, department_ids: Iterable[int]
) -> dict[int, list[RoundExplanation]]:
    wanted = [d for d in department_ids if sees_explanations(actor, d)]
    found: dict[int, list[RoundExplanation]] = defaultdict(list)
    if not wanted:
        return found
    query = (
        select(RoundExplanation)
        .where(RoundExplanation.round_id == round_id, RoundExplanation.department_id.in_(wanted))
        .order_by(RoundExplanation.id)
    )
    for row in session.scalars(query).unique():
        found[row.department_id].append(row)
    return found


def result_out(result: RoundResult, explanation_count: int) -> ResultOut:
    return ResultOut(
        department_id=result.department_id,
        department_name=result.department_name,
        computed_score=result.computed_score,
        adjusted_score=result.adjusted_score,
        adjust_reason=result.adjust_reason,
        adjusted_by_name=result.adjusted_by_name,
        score=result.score,
        grade=result.grade,
        rank=result.rank,
        group_scores=result.group_scores,
        explanation_count=explanation_count,
    )


def results_out(
    session: Session, round_: AssessmentRound, actor: Actor, results: list[RoundResult]
) -> list[ResultOut]:
    explained = explanations_by_department(
        session, round_.id, actor, (r.department_id for r in results)
    )
    return [result_out(r, len(explained.get(r.department_id, []))) for r in results]


def trends(
    session: Session, round_: AssessmentRound, department_ids: list[int]
) -> dict[int, list[TrendPoint]]:
    """Each department in the published rounds of the same period kind up to this round's
    period (oldest first, at most TREND_POINTS), this round last: two queries in all."""
    earlier = (
        select(AssessmentRound.id)
        .where(
            AssessmentRound.status == RoundStatus.PUBLISHED,
            AssessmentRound.period_kind == round_.period_kind,
            AssessmentRound.starts <= round_.starts,
            AssessmentRound.id != round_.id,
        )
        .scalar_subquery()
    )
    sizes = {
        k: n
        for k, n in session.execute(
            select(RoundResult.round_id, func.count())
            .where(or_(RoundResult.round_id.in_(earlier), RoundResult.round_id == round_.id))
            .group_by(RoundResult.round_id)
        )
    }
    rows = session.execute(
        select(RoundResult, AssessmentRound.period, AssessmentRound.starts)
        .join(AssessmentRound, AssessmentRound.id == RoundResult.round_id)
        .where(
            RoundResult.department_id.in_(department_ids or [-1]),
            or_(RoundResult.round_id.in_(earlier), RoundResult.round_id == round_.id),
        )
        .order_by(AssessmentRound.starts, AssessmentRound.id)
    ).all()
    points: dict[int, list[TrendPoint]] = defaultdict(list)
    current: dict[int, TrendPoint] = {}
    for result, period_code, _starts in rows:
        point = TrendPoint(
            round_id=result.round_id,
            period=period_code,
            period_label=Period.parse(period_code).label_zh,
            score=result.score,
            grade=result.grade,
            rank=result.rank,
            department_count=sizes.get(result.round_id, 0),
        )
        if result.round_id == round_.id:
            current[result.department_id] = point
        else:
            points[result.department_id].append(point)
    return {
        d: points.get(d, [])[-TREND_POINTS:] + ([current[d]] if d in current else [])
        for d in department_ids
    }


def scorecard_out(
    round_out_: RoundOut,
    result: RoundResult,
    explanations: list[RoundExplanation],
    trend: list[TrendPoint],
) -> ScorecardOut:
    return ScorecardOut(
        round=round_out_,
        result=result_out(result, len(explanations)),
        indicators=[IndicatorValueOut.model_validate(v) for v in result.indicators],
        suggestions=[
            SuggestionOut(
                indicator=code,
                text_zh=suggestion_text(code, "zh"),
                text_en=suggestion_text(code, "en"),
            )
            for code in result.suggestions
        ],
        explanations=[ExplanationOut.model_validate(e) for e in explanations],
        trend=trend,
    )


def scorecards_out(
    session: Session,
    round_: AssessmentRound,
    round_out_: RoundOut,
    actor: Actor,
    results: list[RoundResult],
) -> list[ScorecardOut]:
    ids = [r.department_id for r in results]
    explained = explanations_by_department(session, round_.id, actor, ids)
    trend = trends(session, round_, ids)
    return [
        scorecard_out(round_out_, r, explained.get(r.department_id, []), trend[r.department_id])
        for r in results
    ]


# --- the report's rectification orders -----------------------------------------------------------


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI)


def rectifications_query(
    round_: AssessmentRound, actor: Actor, department_id: int | None
) -> Select[Any]:
    """Orders issued in the round's period, or issued before and still open at its end (the
    round's asof); a department sees only its own."""
    begin, end = _start_of(round_.starts), _start_of(round_.asof + timedelta(days=1))
    query = select(Rectification).where(
        Rectification.issued_at < end,
        or_(
            Rectification.issued_at >= begin,
            Rectification.closed_at.is_(None),
            Rectification.closed_at >= end,
        ),
    )
    if not is_supervisor(actor):
        query = query.where(Rectification.department_id == actor.department_id)
    if department_id is not None:
        query = query.where(Rectification.department_id == department_id)
    return query.order_by(Rectification.issued_at, Rectification.id)


def rectifications(
    session: Session,
    round_: AssessmentRound,
    actor: Actor,
    department_id: int | None,
    clock: Deadlines,
) -> list[RectificationOut]:
    query = rectifications_query(round_, actor, department_id).options(
        selectinload(Rectification.events)
    )
    return [rectification_out(r, clock, actor) for r in session.scalars(query).unique()]


# --- indicator definitions -----------------------------------------------------------------------


def indicator_defs() -> list[IndicatorDefOut]:
    return [
        IndicatorDefOut(
            code=d.code,
            group=d.group.value,
            group_label_zh=d.group.label_zh,
            group_label_en=d.group.label_en,
            label_zh=d.label_zh,
            label_en=d.label_en,
            formula_zh=d.formula_zh,
            formula_en=d.formula_en,
            article=d.article,
            unit=d.unit,
            scored=d.scored,
        )
        for d in INDICATORS
    ]
