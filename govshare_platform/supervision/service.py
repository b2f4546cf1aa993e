"""Rectification orders (督促纠正, 第三十六条): the domain steps.

Keyword-only functions taking the session. Who may act is checked by the API layer
(`govshare_platform.supervision.access`, from the core's RECTIFICATION table); these enforce the
rest: the department ordered (an existing department, never the platform's own), the facts and
the measures (reasons of the core's minimum length), the due date in working days with the
platform's calendar (provisional in a year without an official schedule), and the history row
of every step.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from govshare_core.assessment import (
    RECTIFICATION_DUE_STATES,
    RectificationStatus,
    rectification_overdue,
)
from govshare_core.assessment_schemas import RectificationIn
from govshare_core.validation import FieldError, field_error, validate_reason
from govshare_core.workdays import Deadline, review_deadline
from govshare_core.workflow import Parties, Transition
from govshare_platform.assessment.models import AssessmentRound
from govshare_platform.db import utcnow
from govshare_platform.departments.models import Department
from govshare_platform.errors import Problem, conflict, invalid, not_found
from govshare_platform.policy.service import get_calendar
from govshare_platform.supervision.models import Rectification, RectificationEvent

_R = RectificationStatus
CLOSING_ACTIONS = frozenset({"accept", "withdraw"})


def parties(order: Rectification) -> Parties:
    """The ordered department owns the order (answers it); the supervisor acts for the platform
    (govshare_core.assessment.RECTIFICATION)."""
    return Parties(owner_dept=order.department_id)


def due_after(session: Session, today: date, working_days: int) -> Deadline:
    """`working_days` working days after today with the platform's calendar (第三十六条 责令限期
    整改); provisional when it runs into a year without an official schedule."""
    return review_deadline(today, working_days, calendar=get_calendar(session))


def is_overdue(order: Rectification, today: date) -> bool:
    """Past due while the department holds it (issued or returned; govshare_core.assessment)."""
    return rectification_overdue(order.status, order.due, today)


def _department_errors(session: Session, department_id: int) -> list[FieldError]:
    department = session.get(Department, department_id)
    if department is None or department.is_platform:
        # the platform department administers sharing; orders go to the departments it supervises
        return [field_error("department_id", "invalid_value", value=department_id)]
    return []


def issue(session: Session, *, data: RectificationIn, user_id: int, today: date) -> Rectification:
    """The supervisor orders a department to rectify a breach of an item of 第三十六条, with the
    facts and a due date `due_working_days` working days from today."""
    errors = _department_errors(session, data.department_id)
    errors += validate_reason(data.facts, "facts")
    if data.round_id is not None and session.get(AssessmentRound, data.round_id) is None:
        errors.append(field_error("round_id", "invalid_value", value=data.round_id))
    if errors:
        raise invalid(errors)
    due = due_after(session, today, data.due_working_days)
    order = Rectification(
        department_id=data.department_id,
        article_item=data.article_item.value,
        facts=data.facts.strip(),
        round_id=data.round_id,
        issued_by=user_id,
        issued_at=utcnow(),
        status=_R.ISSUED,
        due=due.due,
        due_provisional=due.provisional,
    )
    order.events.append(
        RectificationEvent(action="issue", status=_R.ISSUED, actor_id=user_id, due=due.due)
    )
    session.add(order)
    session.flush()
    return order


def move(
    session: Session,
    *,
    order: Rectification,
    transition: Transition,
    user_id: int,
    reason: str | None,
    due_working_days: int | None,
    today: date,
) -> None:
    """Take a RECTIFICATION transition (the caller checked who): answer (reason = the measures
    taken), accept, return (reason; a new due when `due_working_days` is given, else the old due
    stays), withdraw (reason). Records the step in the history."""
    reason = (reason or "").strip() or None
    errors = validate_reason(reason) if transition.needs_reason else []
    if due_working_days is not None and transition.action != "return":
        errors.append(field_error("due_working_days", "invalid_value", value=due_working_days))
    if errors:
        raise invalid(errors)
    now = utcnow()
    if transition.action == "answer":
        order.measures, order.answered_at = reason, now
    if transition.action == "return" and due_working_days is not None:
        due = due_after(session, today, due_working_days)
        order.due, order.due_provisional = due.due, due.provisional
    if transition.action in CLOSING_ACTIONS:
        order.closed_at = now
    order.status = transition.target
    order.updated_at = now
    order.events.append(
        RectificationEvent(
            action=transition.action,
            status=transition.target,
            actor_id=user_id,
            at=now,
            reason=reason,
            due=order.due,
        )
    )


def attach_evidence(order: Rectification, *, filename: str, data: bytes, sha256: str) -> None:
    """Store (or replace) the order's evidence while the department holds it (issued or
    returned): the measures are proven before they are answered."""
    if order.status not in RECTIFICATION_DUE_STATES:
        raise conflict(
            "evidence_locked", "evidence can be attached only while `issued` or `returned`"
        )
    if not data:
        raise Problem(422, "evidence_empty", "the evidence file is empty")
    order.evidence, order.evidence_filename = data, filename
    order.evidence_size, order.evidence_sha256 = len(data), sha256
    order.updated_at = utcnow()


def evidence_of(order: Rectification) -> bytes:
    if order.evidence_filename is None or order.evidence is None:
        raise not_found("evidence")
    return order.evidence
