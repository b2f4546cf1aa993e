"""API schemas of assessment rounds (第三十四条) and rectification orders (第三十六条).

Rounds (supervisor opens, recomputes, adjusts, publishes; departments explain):
- GET  /api/v1/assessment/indicators             → list[IndicatorDefOut] (any signed-in user)
- POST /api/v1/assessment/rounds                 → RoundIn → RoundOut (201; Idempotency-Key);
                                                   computes the snapshot at once; 409
                                                   `round_exists` for a period with a draft round
- GET  /api/v1/assessment/rounds                 → Page of RoundOut; `status`, `period_kind`,
                                                   paging; supervisor: all; others: all rounds
                                                   (they see their own result in a draft)
- GET  /api/v1/assessment/rounds/{id}            → RoundOut (ETag: W/"<version>")
- POST /api/v1/assessment/rounds/{id}/recompute  → If-Match → RoundOut (draft only; 409 else)
- POST /api/v1/assessment/rounds/{id}/publish    → If-Match → RoundOut (第三十四条 定期公布)
- GET  /api/v1/assessment/rounds/{id}/results    → list[ResultOut], by rank; supervisor: all;
                                                   others: all once published, else only their own
- GET  /api/v1/assessment/rounds/{id}/results/{department_id}
                                                 → ScorecardOut (same visibility; 404 otherwise)
- POST /api/v1/assessment/rounds/{id}/results/{department_id}/adjust
                                                 → AdjustIn, If-Match (the round's version) →
                                                   ResultOut; supervisor, draft only; `score` null
                                                   removes the adjustment
- POST /api/v1/assessment/rounds/{id}/results/{department_id}/explanations
                                                 → ExplanationIn → ExplanationOut (201); the
                                                   department's resource admin, draft only
- GET  /api/v1/assessment/rounds/{id}/report     → RoundReportOut: everything the printed report
                                                   needs in one answer (supervisor; or any user
                                                   once published). `department_id` narrows it
                                                   to one department's scorecard (its own staff)

Rectification orders (supervisor issues, the department answers, the supervisor accepts/returns):
- POST /api/v1/rectifications                    → RectificationIn → RectificationOut (201;
                                                   Idempotency-Key); supervisor
- GET  /api/v1/rectifications                    → Page of RectificationOut; `status`,
                                                   `department_id`, `overdue=true`, `q`, `sort`,
                                                   paging; supervisor all, others their own dept
- GET  /api/v1/rectifications/{id}               → RectificationOut (ETag)
- POST /api/v1/rectifications/{id}/evidence      → raw body (≤ MAX_EVIDENCE_BYTES), `filename`;
                                                   the department while issued/returned
- GET  /api/v1/rectifications/{id}/evidence      → the file (the department, supervisors)
- POST /api/v1/rectifications/{id}/actions/{action}
                                                 → RectificationActionIn, If-Match; actions of
                                                   govshare_core.assessment.RECTIFICATION

Policy: PolicyOut/PolicyIn carry `assessment_weights` (group → weight, sum 100) and
`grade_bands` (excellent/good/pass lower bounds); a round keeps the ones it was computed with.
Inbox kinds: `rectification_todo` (department: issued/returned, due/overdue),
`rectification_review` (supervisor: answered), `rectification_overdue` (supervisor),
`assessment_explain` (department's resource admin: a draft round with its result),
`assessment_explanation` (supervisor: explanations filed in a draft round).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from govshare_core.assessment import (
    MAX_RECTIFICATION_WORKING_DAYS,
    MAX_TEXT_LENGTH,
    Article36Item,
    Grade,
    PeriodKind,
    RectificationStatus,
    RoundStatus,
)
from govshare_core.schemas import OutSchema, Schema


class IndicatorDefOut(OutSchema):
    code: str
    group: str
    group_label_zh: str
    group_label_en: str
    label_zh: str
    label_en: str
    formula_zh: str
    formula_en: str
    article: str
    unit: str
    scored: bool


class RoundIn(Schema):
    period: str = Field(description="2026 (year), 2026-Q3 (quarter) or 2026-11 (month)")
    title: str | None = Field(default=None, max_length=200)


class RoundOut(OutSchema):
    id: int
    period: str
    period_kind: PeriodKind
    period_label: str
    starts: date
    ends: date
    title: str
    status: RoundStatus
    asof: date = Field(description="the day the data was counted to: min(period end, computed)")
    provisional: bool = Field(
        default=False, description="working days in the period rest on a provisional calendar"
    )
    computed_at: datetime
    computed_by_name: str
    published_at: datetime | None = None
    published_by_name: str | None = None
    weights: dict[str, float]
    grade_bands: dict[str, float]
    department_count: int
    explanation_count: int = 0
    version: int
    actions: list[str] = Field(default_factory=list, description="what the caller may do now")


class IndicatorValueOut(OutSchema):
    code: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    score: float | None = None
    weak: bool = False


class ResultOut(OutSchema):
    department_id: int
    department_name: str
    computed_score: float
    adjusted_score: float | None = None
    adjust_reason: str | None = None
    adjusted_by_name: str | None = None
    score: float = Field(description="the effective score: adjusted if adjusted, else computed")
    grade: Grade
    rank: int
    group_scores: dict[str, float | None]
    explanation_count: int = 0


class ExplanationIn(Schema):
    text: str = Field(min_length=2, max_length=MAX_TEXT_LENGTH)


class ExplanationOut(OutSchema):
    id: int
    department_id: int
    text: str
    by: int
    by_name: str
    at: datetime


class AdjustIn(Schema):
    score: float | None = Field(default=None, ge=0, le=100, description="null: remove")
    reason: str = Field(min_length=2, max_length=MAX_TEXT_LENGTH)


class TrendPoint(OutSchema):
    round_id: int
    period: str
    period_label: str
    score: float
    grade: Grade
    rank: int
    department_count: int


class SuggestionOut(OutSchema):
    indicator: str
    text_zh: str
    text_en: str


class ScorecardOut(OutSchema):
    round: RoundOut
    result: ResultOut
    indicators: list[IndicatorValueOut]
    suggestions: list[SuggestionOut]
    explanations: list[ExplanationOut]
    trend: list[TrendPoint] = Field(
        description="this department in the published rounds of the same period kind, oldest "
        "first, and this round last"
    )


class RectificationIn(Schema):
    department_id: int
    article_item: Article36Item
    facts: str = Field(min_length=2, max_length=MAX_TEXT_LENGTH)
    due_working_days: int = Field(ge=1, le=MAX_RECTIFICATION_WORKING_DAYS)
    round_id: int | None = Field(default=None, description="the round that found it, if any")


class RectificationActionIn(Schema):
    reason: str | None = Field(
        default=None, max_length=MAX_TEXT_LENGTH, description="answer: the measures taken"
    )
    due_working_days: int | None = Field(
        default=None, ge=1, le=MAX_RECTIFICATION_WORKING_DAYS, description="return: a new due"
    )


class RectificationEventOut(OutSchema):
    action: str
    status: RectificationStatus
    by: int
    by_name: str
    at: datetime
    reason: str | None = None


class RectificationOut(OutSchema):
    id: int
    department_id: int
    department_name: str
    article_item: Article36Item
    facts: str
    round_id: int | None = None
    issued_by: int
    issued_by_name: str
    issued_at: datetime
    status: RectificationStatus
    due: date
    due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False
    measures: str | None = Field(default=None, description="the department's latest answer")
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    evidence_filename: str | None = None
    evidence_size: int | None = None
    events: list[RectificationEventOut] = Field(default_factory=list)
    version: int
    actions: list[str] = Field(default_factory=list)


class RoundReportOut(OutSchema):
    """One answer with everything the printed report needs (the desktop builds the PDF)."""

    round: RoundOut
    results: list[ResultOut]
    scorecards: list[ScorecardOut]
    rectifications: list[RectificationOut] = Field(
        description="orders issued in the round's period or still open at its end"
    )
    generated_at: datetime
