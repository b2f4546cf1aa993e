"""To-do items of the assessment rounds (第三十四条), collected into the user's inbox
(govshare_platform.inbox):
- assessment_explain: a draft round in which the caller's department has a result and has filed
  no explanation yet, to the department's resource admin (who may explain); no due date;
- assessment_explanation: draft rounds with explanations filed, to the supervisor (who decides
  whether to adjust before publishing); no due date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import exists, func, select

from govshare_core.assessment import (
    ASSESSOR_ROLES,
    DEPARTMENT_RESPONDER_ROLES,
    RoundStatus,
)
from govshare_platform.assessment.models import AssessmentRound, RoundExplanation, RoundResult

if TYPE_CHECKING:
    from govshare_platform.inbox.service import InboxBuilder

LIMIT = 50
_DRAFT = AssessmentRound.status == RoundStatus.DRAFT


def _explain(b: InboxBuilder) -> None:
    mine = b.actor.department_id
    query = (
        select(AssessmentRound.id, AssessmentRound.title, AssessmentRound.status)
        .where(
            _DRAFT,
            exists().where(
                RoundResult.round_id == AssessmentRound.id, RoundResult.department_id == mine
            ),
            ~exists().where(
                RoundExplanation.round_id == AssessmentRound.id,
                RoundExplanation.department_id == mine,
            ),
        )
        .order_by(AssessmentRound.id)
        .limit(LIMIT)
    )
    for round_id, title, status in b.session.execute(query):
        b.add("assessment_explain", round_id, title, status, None, can_be_late=False)


def _review(b: InboxBuilder) -> None:
    query = (
        select(AssessmentRound.id, AssessmentRound.title, AssessmentRound.status, func.count())
        .join(RoundExplanation, RoundExplanation.round_id == AssessmentRound.id)
        .where(_DRAFT)
        .group_by(AssessmentRound.id, AssessmentRound.title, AssessmentRound.status)
        .order_by(AssessmentRound.id)
        .limit(LIMIT)
    )
    for round_id, title, status, count in b.session.execute(query):
        b.add(
            "assessment_explanation",
            round_id,
            f"{title}（申辩{count}件）",
            status,
            None,
            can_be_late=False,
        )


def collect(b: InboxBuilder) -> None:
    """Add this domain's to-do items for `b.actor` (kinds above)."""
    if b.actor.roles & DEPARTMENT_RESPONDER_ROLES:
        _explain(b)
    if b.actor.roles & ASSESSOR_ROLES:
        _review(b)
