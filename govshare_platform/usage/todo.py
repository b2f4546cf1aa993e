"""To-do items of this domain, collected into the user's inbox (govshare_platform.inbox).

Each item goes only to who can act on it now (govshare_core.workflow.may_take on the core's
INQUIRY / DISCREPANCY tables):
- inquiry_answer: open inquiries, to the consumer department (who may `answer`);
- inquiry_overdue: open inquiries past due, to the asking provider (who may `withdraw`: its
  resource admin) — a reminder to follow up (第二十二条);
- discrepancy_answer: reported discrepancies, to the provider (who may `correct` / `explain`),
  due by the report's deadline (第二十条);
- discrepancy_review: corrected or explained ones, to the consumer (who may `accept` / `dispute`);
- discrepancy_arbitrate: disputed ones, to the platform admin (who may `uphold`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select, true

from govshare_core.usage import DISCREPANCY, INQUIRY, DiscrepancyStatus, InquiryStatus
from govshare_core.workflow import Actor, Parties, StateMachine, may_take
from govshare_platform.usage.models import Discrepancy, UsageInquiry

if TYPE_CHECKING:
    from govshare_platform.inbox.service import InboxBuilder

LIMIT = 200
_D = DiscrepancyStatus


def _can(machine: StateMachine, actions: set[str], state: str, actor: Actor, p: Parties) -> bool:
    return any(
        may_take(t, actor, p)
        for t in machine.transitions
        if t.action in actions and state in t.source
    )


def _parties(row: UsageInquiry | Discrepancy) -> Parties:
    return Parties(owner_dept=row.consumer_department_id, provider_dept=row.provider_department_id)


def _rows(b: InboxBuilder, model: Any, *where: ColumnElement[bool]) -> list[Any]:
    query = select(model).where(*where).order_by(model.due, model.id).limit(LIMIT)
    return list(b.session.scalars(query))


def _inquiries(b: InboxBuilder) -> None:
    mine = b.actor.department_id
    open_ = UsageInquiry.status == InquiryStatus.OPEN
    for row in _rows(b, UsageInquiry, open_, UsageInquiry.consumer_department_id == mine):
        if _can(INQUIRY, {"answer"}, row.status, b.actor, _parties(row)):
            b.add(
                "inquiry_answer", row.id, row.entry.name, row.status, row.due, row.due_provisional
            )
    late = [
        open_,
        UsageInquiry.provider_department_id == mine,
        UsageInquiry.due < b.clock.today,
    ]
    for row in _rows(b, UsageInquiry, *late):
        if _can(INQUIRY, {"withdraw"}, row.status, b.actor, _parties(row)):
            b.add(
                "inquiry_overdue", row.id, row.entry.name, row.status, row.due, row.due_provisional
            )


def _discrepancies(b: InboxBuilder) -> None:
    mine = b.actor.department_id
    kinds: list[tuple[str, set[str], ColumnElement[bool], set[str]]] = [
        (
            "discrepancy_answer",
            {_D.REPORTED},
            Discrepancy.provider_department_id == mine,
            {"correct", "explain"},
        ),
        (
            "discrepancy_review",
            {_D.CORRECTED, _D.EXPLAINED},
            Discrepancy.consumer_department_id == mine,
            {"accept", "dispute"},
        ),
        ("discrepancy_arbitrate", {_D.DISPUTED}, true(), {"uphold", "order_correction"}),
    ]
    for kind, states, where, actions in kinds:
        if not any(
            t.action in actions and t.roles & b.actor.roles for t in DISCREPANCY.transitions
        ):
            continue  # the role cannot close this kind: skip the query
        for row in _rows(b, Discrepancy, Discrepancy.status.in_(states), where):
            if _can(DISCREPANCY, actions, row.status, b.actor, _parties(row)):
                due = row.due if row.status == _D.REPORTED else None
                provisional = due is not None and row.due_provisional
                b.add(kind, row.id, row.entry.name, row.status, due, provisional)


def collect(b: InboxBuilder) -> None:
    """Add this domain's to-do items for `b.actor` (kinds above)."""
    _inquiries(b)
    _discrepancies(b)
