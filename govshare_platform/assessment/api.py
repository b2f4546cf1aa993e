"""Assessment round endpoints (考核评估, 第三十四条): the endpoint list is the docstring of
govshare_core.assessment_schemas. The supervisor opens, recomputes, adjusts and publishes; the
assessed department's resource admin files explanations; visibility: assessment.views."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from govshare_core.assessment import PeriodKind, RoundStatus
from govshare_core.assessment_schemas import (
    AdjustIn,
    ExplanationIn,
    ExplanationOut,
    IndicatorDefOut,
    ResultOut,
    RoundIn,
    RoundOut,
    RoundReportOut,
    ScorecardOut,
)
from govshare_core.schemas import Page
from govshare_platform import clock
from govshare_platform.assessment import access, service, views
from govshare_platform.assessment.models import AssessmentRound
from govshare_platform.deps import Ctx, IdempotencyKey, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import not_found
from govshare_platform.idempotency import service as idem
from govshare_platform.policy.service import deadlines
from govshare_platform.versioning import check_if_match, etag

router = APIRouter(tags=["assessment"])
OBJECT = "assessment_round"
R = "/assessment/rounds/{round_id}"


def _out(ctx: Ctx, round_: AssessmentRound, response: Response | None = None) -> RoundOut:
    if response is not None:
        response.headers["ETag"] = etag(round_.version)
    return views.one_round_out(ctx.db, round_, ctx.actor)


@router.get("/assessment/indicators", response_model=list[IndicatorDefOut])
def list_indicators(ctx: ReadCtx) -> list[IndicatorDefOut]:
    """Every indicator's definition: formula, article, unit, whether it scores."""
    return views.indicator_defs()


@router.post("/assessment/rounds", status_code=201, response_model=RoundOut)
def open_round(
    body: RoundIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """The supervisor opens a round for a period and its snapshot is computed at once; 409
    `round_exists` while the period has a draft round (or a published one counted to its end)."""
    access.require_assessor(ctx, "open")

    def produce() -> RoundOut:
        round_ = service.open_round(
            ctx.db,
            period_text=body.period,
            title=body.title,
            user_id=ctx.user.id,
            today=clock.today(),
        )
        ctx.audit(
            "assessment_round_open",
            object_type=OBJECT,
            object_id=round_.id,
            details=_computed(round_),
        )
        return _out(ctx, round_)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


def _computed(round_: AssessmentRound) -> dict[str, object]:
    return {
        "period": round_.period,
        "asof": str(round_.asof),
        "departments": len(round_.results),
        "weights": round_.weights,
        "grade_bands": round_.grade_bands,
    }


@router.get("/assessment/rounds", response_model=Page)
def list_rounds(
    ctx: ReadCtx,
    status: RoundStatus | None = None,
    period_kind: PeriodKind | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
) -> Page:
    """Every round (the metadata; what the caller may do in `actions`), newest period first."""
    rows, total = views.list_rounds(
        ctx.db, status=status, period_kind=period_kind, offset=offset, limit=limit
    )
    counts = views.RoundFacts(ctx.db, [r.id for r in rows], ctx.actor)
    items = [views.round_out(r, counts, ctx.actor) for r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get(R, response_model=RoundOut)
def get_round(round_id: int, ctx: ReadCtx, response: Response) -> RoundOut:
    """One round (ETag: its version)."""
    return _out(ctx, access.load(ctx, round_id), response)


@router.post(R + "/recompute", response_model=RoundOut)
def recompute_round(
    round_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> RoundOut:
    """Count the draft anew: replaces the snapshot and clears every adjustment (the audit event
    says how many); 409 `round_published` once published."""
    access.require_assessor(ctx, "recompute", round_id)
    round_ = access.load(ctx, round_id, acting=True)
    check_if_match(if_match, round_.version)
    cleared = service.recompute(ctx.db, round_, user_id=ctx.user.id, today=clock.today())
    ctx.audit(
        "assessment_round_recompute",
        object_type=OBJECT,
        object_id=round_.id,
        details={**_computed(round_), "adjustments_cleared": cleared},
    )
    ctx.db.commit()
    return _out(ctx, round_, response)


@router.post(R + "/publish", response_model=RoundOut)
def publish_round(
    round_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> RoundOut:
    """第三十四条 定期公布: every department sees the results; the round is frozen."""
    access.require_assessor(ctx, "publish", round_id)
    round_ = access.load(ctx, round_id, acting=True)
    check_if_match(if_match, round_.version)
    service.publish(round_, user_id=ctx.user.id)
    ctx.audit(
        "assessment_round_publish",
        object_type=OBJECT,
        object_id=round_.id,
        details={"period": round_.period, "departments": len(round_.results)},
    )
    ctx.db.commit()
    return _out(ctx, round_, response)


@router.get(R + "/results", response_model=list[ResultOut])
def list_results(round_id: int, ctx: ReadCtx) -> list[ResultOut]:
    """By rank: the supervisor all; others all once published, else their own department's."""
    round_ = access.load(ctx, round_id)
    results = views.visible_results(ctx.db, round_, ctx.actor)
    return views.results_out(ctx.db, round_, ctx.actor, results)


@router.get(R + "/results/{department_id}", response_model=ScorecardOut)
def get_scorecard(round_id: int, department_id: int, ctx: ReadCtx) -> ScorecardOut:
    """One department's scorecard: indicators, suggestions, explanations, trend (404 unless the
    caller sees its result)."""
    round_ = access.load(ctx, round_id)
    access.require_result_visible(ctx, round_, department_id)
    results = views.visible_results(ctx.db, round_, ctx.actor, department_id)
    if not results:
        raise not_found("assessment result")
    round_out = views.one_round_out(ctx.db, round_, ctx.actor)
    return views.scorecards_out(ctx.db, round_, round_out, ctx.actor, results)[0]


@router.post(R + "/results/{department_id}/adjust", response_model=ResultOut)
def adjust_result(
    round_id: int,
    department_id: int,
    body: AdjustIn,
    ctx: WriteCtx,
    response: Response,
    if_match: IfMatch = None,
) -> ResultOut:
    """The supervisor sets (or with `score` null removes) an adjusted score with its reason,
    beside the computed one; every rank and grade follows (If-Match: the round's version)."""
    access.require_assessor(ctx, "adjust", round_id)
    round_ = access.load(ctx, round_id, acting=True)
    check_if_match(if_match, round_.version)
    result, before = service.adjust(
        round_,
        department_id=department_id,
        score=body.score,
        reason=body.reason,
        user_id=ctx.user.id,
    )
    ctx.audit(
        "assessment_result_adjust",
        object_type=OBJECT,
        object_id=round_.id,
        details={
            "department_id": department_id,
            "computed_score": result.computed_score,
            "adjusted_before": before,
            "adjusted_score": result.adjusted_score,
            "reason": body.reason,
        },
    )
    ctx.db.commit()
    response.headers["ETag"] = etag(round_.version)
    return views.results_out(ctx.db, round_, ctx.actor, [result])[0]


@router.post(
    R + "/results/{department_id}/explanations", status_code=201, response_model=ExplanationOut
)
def file_explanation(
    round_id: int, department_id: int, body: ExplanationIn, ctx: WriteCtx
) -> ExplanationOut:
    """The assessed department's resource admin explains its result (申辩) while the round is a
    draft; 409 `round_published` afterwards."""
    round_ = access.load(ctx, round_id, acting=True)
    access.require_explainer(ctx, round_, department_id)
    row = service.explain(
        ctx.db, round_, department_id=department_id, text=body.text, user_id=ctx.user.id
    )
    ctx.audit(
        "assessment_explanation_file",
        object_type=OBJECT,
        object_id=round_.id,
        details={"department_id": department_id, "explanation_id": row.id, "text": row.text},
    )
    ctx.db.commit()
    return ExplanationOut.model_validate(row)


@router.get(R + "/report", response_model=RoundReportOut)
def get_report(round_id: int, ctx: ReadCtx, department_id: int | None = None) -> RoundReportOut:
    """Everything the printed report needs: the supervisor at any time, everyone once published;
    `department_id` narrows it to one department (its own staff also in a draft)."""
    round_ = access.load(ctx, round_id)
    access.require_report(ctx, round_, department_id)
    results = views.visible_results(ctx.db, round_, ctx.actor, department_id)
    if department_id is not None and not results:
        raise not_found("assessment result")
    round_out = views.one_round_out(ctx.db, round_, ctx.actor)
    today = clock.today()
    return RoundReportOut(
        round=round_out,
        results=views.results_out(ctx.db, round_, ctx.actor, results),
        scorecards=views.scorecards_out(ctx.db, round_, round_out, ctx.actor, results),
        rectifications=views.rectifications(
            ctx.db, round_, ctx.actor, department_id, deadlines(ctx.db, today)
        ),
        generated_at=clock.now(),
    )
