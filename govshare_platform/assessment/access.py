"""Who may see a round's results (404 otherwise) and take its steps (403, audited).

- open, recompute, adjust, publish: the supervisor (govshare_core.assessment.ASSESSOR_ROLES,
  the ROUND table) — anyone else 403;
- explanations: the assessed department's resource admin (DEPARTMENT_RESPONDER_ROLES) for its
  own department only; another department's result is 404 while the round is a draft (the
  caller cannot see it), 403 once published;
- the report: the supervisor at any time, everyone once published; in a draft a department's
  staff may fetch their own department's scorecard report (`department_id`), nothing more.
Permission is checked before the round's state, so a refused caller learns nothing of it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from govshare_core.assessment import (
    ASSESSOR_ROLES,
    DEPARTMENT_RESPONDER_ROLES,
    ROUND,
)
from govshare_core.workflow import Parties, refusal
from govshare_platform.assessment.models import AssessmentRound
from govshare_platform.assessment.views import sees_all_results, sees_result
from govshare_platform.deps import Ctx
from govshare_platform.errors import not_found


def load(ctx: Ctx, round_id: int, *, acting: bool = False) -> AssessmentRound:
    """The round (every signed-in user sees rounds); 404 when there is none. When acting, the
    row is locked so that concurrent steps on the round queue, each seeing the last's version."""
    query = select(AssessmentRound).where(AssessmentRound.id == round_id)
    if acting:
        query = (
            query.options(lazyload(AssessmentRound.computer), lazyload(AssessmentRound.publisher))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    row = ctx.db.scalars(query).unique().one_or_none()
    if row is None:
        raise not_found("assessment round")
    return row


def require_assessor(ctx: Ctx, action: str, round_id: int | None = None) -> None:
    """403 (audited) unless the caller may take the ROUND step `action` (the supervisor);
    `adjust` and `open` follow the same table as `recompute`."""
    step = ROUND.transition("recompute" if action in ("adjust", "open") else action)
    why = refusal(step, ctx.actor, Parties())
    if why is not None or not ctx.has(*ASSESSOR_ROLES):
        raise ctx.deny(f"{action}: only the supervisor assesses (第三十四条)", object_id=round_id)


def require_result_visible(ctx: Ctx, round_: AssessmentRound, department_id: int) -> None:
    """404 unless the caller sees this department's result in the round."""
    if not sees_result(round_, ctx.actor, department_id):
        raise not_found("assessment result")


def require_explainer(ctx: Ctx, round_: AssessmentRound, department_id: int) -> None:
    """The department's resource admin, for its own department: another department's result is
    404 while hidden (the attempt audited), 403 when visible; any other role 403."""
    if department_id != ctx.department_id:
        visible = sees_result(round_, ctx.actor, department_id)
        problem = ctx.deny(
            "explanations come from the assessed department only",
            object_id=round_.id,
            department_id=department_id,
        )
        raise problem if visible else not_found("assessment result")
    if not ctx.has(*DEPARTMENT_RESPONDER_ROLES):
        raise ctx.deny("the department's resource admin files its explanation", object_id=round_.id)


def require_report(ctx: Ctx, round_: AssessmentRound, department_id: int | None) -> None:
    """The whole report: the supervisor, or anyone once published (403 before); one department's
    scorecard report: whoever sees that department's result (404 otherwise)."""
    if department_id is not None:
        require_result_visible(ctx, round_, department_id)
        return
    if not sees_all_results(round_, ctx.actor):
        raise ctx.deny("the round's report is available once published", object_id=round_.id)
