"""To-do items of rectification orders (第三十六条), collected into the user's inbox
(govshare_platform.inbox).

Each item goes only to who can act on it now (govshare_core.workflow.may_take on the core's
RECTIFICATION table):
- rectification_todo: issued or returned orders, to the ordered department's resource admins
  (who may `answer`), due by the order's due date (overdue flagged past it);
- rectification_review: answered orders, to the supervisors (who may `accept` / `return`);
- rectification_overdue: orders past due while the department holds them, to the supervisors
  (who may `withdraw` or follow up) — the platform's reminder of late departments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select

from govshare_core.assessment import (
    RECTIFICATION,
    RECTIFICATION_DUE_STATES,
    Article36Item,
    RectificationStatus,
)
from govshare_core.workflow import may_take
from govshare_platform.supervision.models import Rectification
from govshare_platform.supervision.service import parties
from govshare_platform.supervision.views import overdue_clause

if TYPE_CHECKING:
    from govshare_platform.inbox.service import InboxBuilder

LIMIT = 200
_DUE = sorted(RECTIFICATION_DUE_STATES)


def _title(order: Rectification) -> str:
    return f"{order.department.name}：{Article36Item(order.article_item).short_zh}"


def _could(actions: set[str], b: InboxBuilder) -> bool:
    """Whether the actor's roles take any of `actions` at all (else skip the query)."""
    return any(t.action in actions and t.roles & b.actor.roles for t in RECTIFICATION.transitions)


def _collect(
    b: InboxBuilder, kind: str, actions: set[str], *where: ColumnElement[bool], due: bool
) -> None:
    if not _could(actions, b):
        return
    query = (
        select(Rectification)
        .where(*where)
        .order_by(Rectification.due, Rectification.id)
        .limit(LIMIT)
    )
    for row in b.session.scalars(query):
        if any(
            may_take(t, b.actor, parties(row))
            for t in RECTIFICATION.transitions
            if t.action in actions and row.status in t.source
        ):
            shown = row.due if due else None
            b.add(kind, row.id, _title(row), row.status, shown, due and row.due_provisional)


def collect(b: InboxBuilder) -> None:
    """Add this domain's to-do items for `b.actor` (kinds above)."""
    _collect(
        b,
        "rectification_todo",
        {"answer"},
        Rectification.department_id == b.actor.department_id,
        Rectification.status.in_(_DUE),
        due=True,
    )
    _collect(
        b,
        "rectification_review",
        {"accept", "return"},
        Rectification.status == RectificationStatus.ANSWERED,
        due=False,
    )
    _collect(b, "rectification_overdue", {"withdraw"}, overdue_clause(b.clock.today), due=True)
