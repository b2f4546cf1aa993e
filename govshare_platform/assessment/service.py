"""Assessment rounds (考核评估, 第三十四条): open, recompute, adjust, publish, explanations.

Keyword-only functions taking the session. Who may act is checked by the API layer
(`govshare_platform.assessment.access`); these enforce the rest:
- one period, one live round: opening answers 409 `round_exists` while the period has a draft
  round, or a published one counted to the period's end (a round published while its period was
  still running, counted "to date", may be followed by a new round for the whole period);
- a period that has not started yet cannot be assessed (422 `period_not_started`);
- computing counts the data to asof = min(period end, today), runs the conformance checks due
  (第十六条), gathers every department's facts and scores them with the core's `score_round`
  under the policy's weights and grade bands, which the round keeps: the snapshot (one
  `round_results` row per department) never moves with later data;
- recompute (draft only) replaces the snapshot and clears every adjustment (the audit event
  names how many were cleared); explanations stay;
- a supervisor's adjustment sits beside the computed score with its reason; ranks and grades are
  recomputed from the effective scores (`rerank`); the round's version bumps;
- publishing (第三十四条 定期公布) freezes the round: recompute, adjust and explanations answer 409
  `round_published` afterwards.
Opening and recomputing hold the policy row's lock, so that two computations never run at once
(the conformance checks they write) and the weights cannot change under them.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, object_session

from govshare_core.assessment import (
    Period,
    RoundStatus,
    rerank,
    score_round,
)
from govshare_core.validation import field_error, validate_reason
from govshare_platform.assessment import conformance, facts
from govshare_platform.assessment.models import AssessmentRound, RoundExplanation, RoundResult
from govshare_platform.db import utcnow
from govshare_platform.errors import Problem, conflict, invalid, not_found
from govshare_platform.policy.models import Policy
from govshare_platform.policy.service import get_calendar, get_policy

MAX_EXPLANATIONS = 20
"""Explanations one department may file in one round (each a separate text)."""


def parse_period(text: str, today: date) -> Period:
    """The period of a new round: 422 on the field for a malformed one, 422
    `period_not_started` for one that starts after today."""
    try:
        period = Period.parse(text)
    except ValueError:
        raise Problem(
            422,
            "period_invalid",
            "the period is 2026 (year), 2026-Q3 (quarter) or 2026-11 (month)",
            errors=[field_error("period", "invalid_value", value=str(text)[:20])],
        ) from None
    if period.starts > today:
        raise Problem(
            422,
            "period_not_started",
            f"the period {period.code} starts on {period.starts}: it cannot be assessed yet",
            errors=[field_error("period", "invalid_value", value=period.code)],
        )
    return period


def default_title(period: Period) -> str:
    return f"{period.label_zh}政务信息资源共享考核评估"


def _lock_computations(session: Session) -> None:
    """Take the policy row's lock: computations queue (and the weights stay put) until commit."""
    get_policy(session)
    session.scalar(
        select(Policy)
        .where(Policy.id == 1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _blocking_round(session: Session, period: Period) -> AssessmentRound | None:
    """A round that forbids a new one for the period: a draft, or a published one counted to the
    period's end."""
    live = (AssessmentRound.status == RoundStatus.DRAFT) | (
        AssessmentRound.asof >= AssessmentRound.ends
    )
    return session.scalar(
        select(AssessmentRound)
        .where(AssessmentRound.period == period.code, live)
        .order_by(AssessmentRound.id)
        .limit(1)
    )


def open_round(
    session: Session, *, period_text: str, title: str | None, user_id: int, today: date
) -> AssessmentRound:
    """Open a round for the period and compute its snapshot at once (第三十四条)."""
    period = parse_period(period_text, today)
    _lock_computations(session)
    if (existing := _blocking_round(session, period)) is not None:
        raise Problem(
            409,
            "round_exists",
            f"the period {period.code} already has a round ({existing.status})",
            extra={"round_id": existing.id},
        )
    round_ = AssessmentRound(
        period=period.code,
        period_kind=period.kind.value,
        starts=period.starts,
        ends=period.ends,
        title=(title or "").strip() or default_title(period),
        status=RoundStatus.DRAFT.value,
    )
    _compute(session, round_, user_id=user_id, today=today)
    session.add(round_)
    session.flush()
    return round_


def _compute(session: Session, round_: AssessmentRound, *, user_id: int, today: date) -> None:
    """Count, score and store the snapshot (the round's results must be empty)."""
    period = Period.parse(round_.period)
    asof = min(period.ends, today)
    calendar = get_calendar(session)
    conformance.ensure_checked(session, period, asof)
    gathered = facts.gather_facts(session, period, asof, calendar)
    policy = get_policy(session)
    weights = {str(k): float(v) for k, v in policy.assessment_weights.items()}
    bands = {str(k): float(v) for k, v in policy.grade_bands.items()}
    by_department = {f.department_id: f for f in gathered}
    round_.asof, round_.provisional = asof, period.provisional(calendar)
    round_.weights, round_.grade_bands = weights, bands
    round_.computed_at, round_.computed_by = utcnow(), user_id
    for result in score_round(gathered, weights, bands):
        round_.results.append(
            RoundResult(
                department_id=result.department_id,
                department_name=result.department_name,
                facts=asdict(by_department[result.department_id]),
                indicators=[asdict(v) for v in result.indicators],
                group_scores=dict(result.group_scores),
                suggestions=list(result.suggestions),
                computed_score=result.computed_score,
                score=result.computed_score,
                grade=result.grade.value,
                rank=result.rank,
            )
        )


def require_draft(round_: AssessmentRound) -> None:
    if round_.status != RoundStatus.DRAFT:
        raise conflict("round_published", "the round is published: it no longer changes")


def recompute(session: Session, round_: AssessmentRound, *, user_id: int, today: date) -> int:
    """Replace the draft's snapshot with one counted now; returns how many adjustments were
    cleared (recompute clears them all: each was made against the old computed score)."""
    require_draft(round_)
    _lock_computations(session)
    cleared = sum(1 for r in round_.results if r.adjusted_score is not None)
    round_.results.clear()
    session.flush()  # the old rows go before the new ones meet (round_id, department_id)
    _compute(session, round_, user_id=user_id, today=today)
    session.flush()
    return cleared


def publish(round_: AssessmentRound, *, user_id: int) -> None:
    """第三十四条 定期公布: visible to every department, immutable from now on."""
    require_draft(round_)
    round_.status = RoundStatus.PUBLISHED.value
    round_.published_at, round_.published_by = utcnow(), user_id


def result_of(round_: AssessmentRound, department_id: int) -> RoundResult:
    for result in round_.results:
        if result.department_id == department_id:
            return result
    raise not_found("assessment result")


def adjust(
    round_: AssessmentRound,
    *,
    department_id: int,
    score: float | None,
    reason: str,
    user_id: int,
) -> tuple[RoundResult, float | None]:
    """Set (or, with None, remove) a department's adjusted score beside the computed one, then
    rank and grade every result anew from the effective scores. Returns the result and the
    adjusted score it had before."""
    require_draft(round_)
    result = result_of(round_, department_id)
    before = result.adjusted_score
    if score is None:
        result.adjusted_score = result.adjust_reason = None
        result.adjusted_by = result.adjusted_at = None
        result.score = result.computed_score
    else:
        result.adjusted_score, result.adjust_reason = round(score, 2), reason.strip()
        result.adjusted_by, result.adjusted_at = user_id, utcnow()
        result.score = result.adjusted_score
    ranked = rerank({r.department_id: r.score for r in round_.results}, round_.grade_bands)
    for r in round_.results:
        r.rank, grade = ranked[r.department_id]
        r.grade = grade.value
    round_.version += 1  # no column of the round changed: bump its version by hand
    if (session := object_session(result)) is not None:
        session.expire(result, ["adjuster"])  # adjusted_by_name: the new adjuster
    return result, before


def explain(
    session: Session, round_: AssessmentRound, *, department_id: int, text: str, user_id: int
) -> RoundExplanation:
    """File a department's explanation (申辩) of its result in a draft round."""
    require_draft(round_)
    if errors := validate_reason(text, "text"):
        raise invalid(errors)
    has_result = session.scalar(
        select(
            exists().where(
                RoundResult.round_id == round_.id, RoundResult.department_id == department_id
            )
        )
    )
    if not has_result:
        raise not_found("assessment result")
    filed = session.scalar(
        select(func.count())
        .select_from(RoundExplanation)
        .where(
            RoundExplanation.round_id == round_.id,
            RoundExplanation.department_id == department_id,
        )
    )
    if (filed or 0) >= MAX_EXPLANATIONS:
        raise conflict(
            "too_many_explanations", f"at most {MAX_EXPLANATIONS} explanations per department"
        )
    row = RoundExplanation(
        round_id=round_.id, department_id=department_id, text=text.strip(), by=user_id
    )
    session.add(row)
    session.flush()
    return row
