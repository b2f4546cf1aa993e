"""Rectification orders as the API lists and shows them: who sees which, filters, `q`, `sort`,
the deadline fields and the caller's allowed actions (govshare_core.workflow.allowed_actions)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session, selectinload

from govshare_core.assessment import (
    ASSESSOR_ROLES,
    RECTIFICATION,
    RECTIFICATION_DUE_STATES,
    RectificationStatus,
)
from govshare_core.assessment_schemas import RectificationEventOut, RectificationOut
from govshare_core.workflow import Actor, allowed_actions
from govshare_platform.db import shared_alias
from govshare_platform.departments.models import Department
from govshare_platform.policy.service import Deadlines
from govshare_platform.sorting import Sort, SortKey, SortKeys, enum_order
from govshare_platform.substring import contains, every_word
from govshare_platform.supervision.models import Rectification
from govshare_platform.supervision.service import is_overdue, parties

_DEPT = shared_alias(Department, name="rectification_department")
RECTIFICATION_SORT = SortKeys(
    keys={
        "id": SortKey(Rectification.id),
        "issued_at": SortKey(Rectification.issued_at),
        "due": SortKey(Rectification.due),
        "status": SortKey(enum_order(Rectification.status, RectificationStatus)),
        "article_item": SortKey(Rectification.article_item),
        "department_name": SortKey(_DEPT.name, joins=("department",)),
    },
    tiebreak=Rectification.id,
    joins={"department": lambda s: s.join(_DEPT, _DEPT.id == Rectification.department_id)},
)


def sees_all(actor: Actor) -> bool:
    """Supervisors see every order (第三十六条: the supervising side)."""
    return bool(actor.roles & ASSESSOR_ROLES)


def is_visible(order: Rectification, actor: Actor) -> bool:
    """Supervisors see all; a department's users see their own department's orders only."""
    return sees_all(actor) or order.department_id == actor.department_id


def overdue_clause(today: date) -> ColumnElement[bool]:
    """SQL of govshare_core.assessment.rectification_overdue."""
    return and_(
        Rectification.status.in_(sorted(RECTIFICATION_DUE_STATES)), Rectification.due < today
    )


def list_orders(
    session: Session,
    *,
    actor: Actor,
    status: RectificationStatus | None,
    department_id: int | None,
    overdue: bool | None,
    today: date,
    words: list[str],
    sort: Sort | None,
    offset: int,
    limit: int,
) -> tuple[list[Rectification], int]:
    """The orders the caller sees, filtered; newest first unless `sort`."""
    mine = true() if sees_all(actor) else Rectification.department_id == actor.department_id
    query = select(Rectification).where(mine)
    if status is not None:
        query = query.where(Rectification.status == status)
    if department_id is not None:
        query = query.where(Rectification.department_id == department_id)
    if overdue is not None:
        late = overdue_clause(today)
        query = query.where(late if overdue else ~late)
    joined: tuple[str, ...] = ()
    if words:
        query = RECTIFICATION_SORT.join(query, ("department",))
        joined = ("department",)
        query = query.where(
            *every_word(
                words,
                lambda w: [
                    contains(c, w)
                    for c in (Rectification.facts, Rectification.measures, _DEPT.name)
                ],
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if sort is None:
        query = query.order_by(Rectification.id.desc())
    else:
        query = RECTIFICATION_SORT.apply(query, sort, joined=joined)
    query = query.options(selectinload(Rectification.events)).offset(offset).limit(limit)
    return list(session.scalars(query).unique().all()), total


def rectification_out(order: Rectification, clock: Deadlines, actor: Actor) -> RectificationOut:
    """The API's view of an order: the deadline runs while the department holds it."""
    running = order.status in RECTIFICATION_DUE_STATES
    values: dict[str, Any] = {n: getattr(order, n) for n in _FIELDS}
    return RectificationOut.model_validate(
        {
            **values,
            "working_days_left": clock.left(order.due) if running else None,
            "overdue": is_overdue(order, clock.today),
            "events": [RectificationEventOut.model_validate(e) for e in order.events],
            "actions": allowed_actions(RECTIFICATION, order.status, actor, parties(order)),
        }
    )


_COMPUTED = {"working_days_left", "overdue", "actions", "events"}
_FIELDS = tuple(n for n in RectificationOut.model_fields if n not in _COMPUTED)
