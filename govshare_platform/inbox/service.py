"""待办 (to-do) items for a user, with deadlines in working days (第二十七条, 第十七条).

An item goes only to someone who can close it today: each kind names the workflow actions that
close it (`CLOSED_BY`), and an item is listed only when `govshare_core.workflow.may_take` lets
the user take one of them (role, party, four eyes). Reminders (`grant_expiring`) and the
platform's follow-up of late providers (`request_overdue`) close no action. 待签保密协议
(`agreement_sign`, 第三十条) goes to the signer of the turn only: a department's filed resource
admin, any platform admin for the platform's turn; due by the turn's signing deadline.

工作日安排待确认 (`calendar_confirm`, the year as its object) asks the platform admin to enter and
confirm a year's holiday schedule (govshare_core.workdays.years_to_confirm).

`working_days_left` is `govshare_core.workdays.working_days_left` with the platform's calendar:
0 means "due today", negative means overdue by that many working days.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from govshare_core.agreements import AGREEMENT, AgreementStatus
from govshare_core.rules import change_report_due
from govshare_core.schemas import InboxItem
from govshare_core.vocab import ChangeReportStatus, DisputeStatus, EntryStatus, RequestStatus, Role
from govshare_core.workdays import Deadline, YearSchedule, years_to_confirm
from govshare_core.workflow import (
    CATALOG_ENTRY,
    ENTRY_REVIEW_STATES,
    REQUEST_REVIEW_STATES,
    SHARE_REQUEST,
    Actor,
    Parties,
    StateMachine,
    may_take,
)
from govshare_platform.agreements import service as agreements
from govshare_platform.agreements.models import Agreement
from govshare_platform.assessment import todo as assessment_todo
from govshare_platform.catalog.models import CatalogEntry, ChangeReport
from govshare_platform.catalog.views import review_deadline
from govshare_platform.exchange import todo as exchange_todo
from govshare_platform.grants import service as grants
from govshare_platform.inbox import admin_todo
from govshare_platform.policy.service import Deadlines, deadlines, get_policy
from govshare_platform.requests.models import Dispute, ShareRequest
from govshare_platform.supervision import todo as supervision_todo
from govshare_platform.usage import todo as usage_todo

LIMIT = 200
_R = RequestStatus

CLOSED_BY: dict[str, tuple[StateMachine, frozenset[str]]] = {
    "entry_returned": (CATALOG_ENTRY, frozenset({"submit"})),
    "entry_review": (CATALOG_ENTRY, frozenset({"dept_approve", "dept_return"})),
    "entry_confirm": (CATALOG_ENTRY, frozenset({"publish", "platform_return"})),
    "request_decide": (SHARE_REQUEST, frozenset({"provider_approve", "provider_reject"})),
    "request_platform_decide": (
        SHARE_REQUEST,
        frozenset({"platform_approve", "platform_approve_statutory", "platform_reject"}),
    ),
    "dispute": (SHARE_REQUEST, frozenset({"mediate_uphold", "mediate_overturn"})),
    "request_rejected": (SHARE_REQUEST, frozenset({"dispute"})),
    # 第三十条: 待签保密协议, to the signer of the turn (a department's filed resource admin)
    "agreement_sign": (AGREEMENT, frozenset({"sign"})),
}
"""Inbox kind → the actions that close it; the item goes only to who may take one of them."""


def can_close(kind: str, state: str, actor: Actor, parties: Parties) -> bool:
    """Whether `actor` may take one of the actions that close an item of `kind` now."""
    machine, actions = CLOSED_BY[kind]
    return any(
        may_take(t, actor, parties)
        for t in machine.transitions
        if t.action in actions and state in t.source
    )


@dataclass
class InboxBuilder:
    """Collects inbox items, computing the deadline fields once per item."""

    session: Session
    actor: Actor
    clock: Deadlines
    items: list[InboxItem]
    entry_review_days: int | None = None  # the policy's, read once when needed

    def entries(self, kind: str, *where: ColumnElement[bool]) -> None:
        query = select(CatalogEntry).where(*where).order_by(CatalogEntry.id).limit(LIMIT)
        for entry in self.session.scalars(query):
            parties = Parties(
                owner_dept=entry.department_id,
                submitter_id=entry.submitted_by,
                author_id=entry.created_by,
            )
            if can_close(kind, entry.status, self.actor, parties):
                deadline = self._review_deadline(entry)
                due = deadline.due if deadline is not None else None
                provisional = deadline is not None and deadline.provisional
                self.add(kind, entry.id, entry.name, entry.status, due, provisional)

    def _review_deadline(self, entry: CatalogEntry) -> Deadline | None:
        """The review an entry waits for is due (policy entry_review_working_days; none for
        entries waiting for no review, e.g. returned ones)."""
        if entry.status not in ENTRY_REVIEW_STATES:
            return None
        if self.entry_review_days is None:
            self.entry_review_days = get_policy(self.session).entry_review_working_days
        return review_deadline(
            entry, working_days=self.entry_review_days, calendar=self.clock.calendar
        )

    def requests(self, kind: str, *where: ColumnElement[bool]) -> None:
        query = select(ShareRequest).where(*where)
        query = query.order_by(ShareRequest.review_due, ShareRequest.id).limit(LIMIT)
        for req in self.session.scalars(query):
            parties = Parties(
                owner_dept=req.consumer_department_id, provider_dept=req.provider_department_id
            )
            if kind in CLOSED_BY and not can_close(kind, req.status, self.actor, parties):
                continue
            due = req.review_due if req.status in REQUEST_REVIEW_STATES else None
            self.add(kind, req.id, req.entry.name, req.status, due, req.review_due_provisional)

    def add(
        self,
        kind: str,
        object_id: int,
        title: str,
        state: str,
        due: date | None,
        provisional: bool = False,
        *,
        can_be_late: bool = True,
    ) -> None:
        self.items.append(
            InboxItem(
                kind=kind,
                object_id=object_id,
                title=title,
                state=state,
                due=due,
                due_provisional=provisional,
                working_days_left=self.clock.left(due),
                overdue=can_be_late and self.clock.overdue(due),
            )
        )

    def sorted(self) -> list[InboxItem]:
        def key(item: InboxItem) -> tuple[bool, bool, date, str, int]:
            return (
                not item.overdue,
                item.due is None,
                item.due or date.max,
                item.kind,
                item.object_id,
            )

        return sorted(self.items, key=key)[:LIMIT]


def _registrar(b: InboxBuilder) -> None:
    b.entries(
        "entry_returned",
        CatalogEntry.department_id == b.actor.department_id,
        CatalogEntry.status == EntryStatus.RETURNED,
    )


def _reviewer(b: InboxBuilder) -> None:
    # 第十五条 (never one's own submission) is applied by can_close, from the workflow table
    b.entries(
        "entry_review",
        CatalogEntry.department_id == b.actor.department_id,
        CatalogEntry.status == EntryStatus.SUBMITTED,
    )


def _change_reports(b: InboxBuilder) -> None:
    """Reported key-element changes to apply, due by the end of the 第十七条 window."""
    days = get_policy(b.session).change_report_days
    reports = select(ChangeReport).where(ChangeReport.status == ChangeReportStatus.SUBMITTED)
    for report in b.session.scalars(reports.order_by(ChangeReport.id).limit(LIMIT)):
        due = change_report_due(report.effective_date, days)
        b.add("change_report", report.id, report.description[:100], report.status, due)


def _platform_admin(b: InboxBuilder) -> None:
    b.entries("entry_confirm", CatalogEntry.status == EntryStatus.DEPT_APPROVED)
    _change_reports(b)
    b.requests("request_platform_decide", ShareRequest.status == _R.PROVIDER_APPROVED)
    open_disputes = select(Dispute.request_id).where(Dispute.status == DisputeStatus.OPEN)
    b.requests("dispute", ShareRequest.id.in_(open_disputes))
    _agreements(b, AgreementStatus.AWAITING_PLATFORM)
    # late at the provider: the platform follows up (overdue platform items are listed above)
    b.requests(
        "request_overdue",
        ShareRequest.status == _R.SUBMITTED,
        ShareRequest.review_due < b.clock.today,
    )
    # 第二十七条's working days: a year without official data (chinesecalendar ends with 2026)
    # whose State Council schedule is to be entered and confirmed, due before the year starts
    for year in years_to_confirm(b.clock.today, b.clock.calendar):
        b.add("calendar_confirm", year, str(year), YearSchedule.PROVISIONAL, date(year - 1, 12, 31))


def _resource_admin(b: InboxBuilder) -> None:
    _filed_signer(b)


def _filed_signer(b: InboxBuilder) -> None:
    """A department's share requests and turns go to its filed resource admin only (备案,
    第二十八条): another holder of the role neither decides nor signs."""
    if agreements.filed_signer(b.session, b.actor.department_id) != b.actor.user_id:
        return
    mine = b.actor.department_id
    b.requests(
        "request_decide",
        ShareRequest.provider_department_id == mine,
        ShareRequest.status == _R.SUBMITTED,
    )
    _agreements(b, AgreementStatus.AWAITING_CONSUMER, Agreement.consumer_department_id == mine)
    _agreements(b, AgreementStatus.AWAITING_PROVIDER, Agreement.provider_department_id == mine)


def _agreements(b: InboxBuilder, status: AgreementStatus, *where: ColumnElement[bool]) -> None:
    """Agreements waiting for the actor's signature, due by the turn's signing deadline."""
    query = (
        select(Agreement, CatalogEntry.name)
        .join(ShareRequest, ShareRequest.id == Agreement.request_id)
        .join(CatalogEntry, CatalogEntry.id == ShareRequest.entry_id)
        .where(Agreement.status == status, *where)
        .order_by(Agreement.due, Agreement.id)
        .limit(LIMIT)
    )
    for agreement, title in b.session.execute(query):
        parties = Parties(
            owner_dept=agreement.consumer_department_id,
            provider_dept=agreement.provider_department_id,
        )
        if can_close("agreement_sign", agreement.status, b.actor, parties):
            b.add(
                "agreement_sign",
                agreement.id,
                title,
                agreement.status,
                agreement.due,
                agreement.due_provisional,
            )


def _applicant(b: InboxBuilder) -> None:
    disputed = select(Dispute.request_id)
    b.requests(
        "request_rejected",
        ShareRequest.applicant_id == b.actor.user_id,
        ShareRequest.status.in_([_R.PROVIDER_REJECTED, _R.REJECTED]),
        ShareRequest.id.not_in(disputed),
    )


def _expiring_grants(b: InboxBuilder) -> None:
    """Reminders before expiry: one item per request whose grants end within the window."""
    rows = grants.expiring_received(
        b.session, department_id=b.actor.department_id, today=b.clock.today, limit=LIMIT
    )
    seen: set[int] = set()
    for grant in rows:  # soonest first, so each request shows its earliest end
        if grant.request_id in seen:
            continue
        seen.add(grant.request_id)
        b.add(
            "grant_expiring",
            grant.request_id,
            grant.entry.name,
            grant.status,
            grant.valid_until,
            can_be_late=False,
        )


_BY_ROLE: dict[Role, Callable[[InboxBuilder], None]] = {
    Role.REGISTRAR: _registrar,
    Role.CATALOG_REVIEWER: _reviewer,
    Role.PLATFORM_ADMIN: _platform_admin,
    Role.RESOURCE_ADMIN: _resource_admin,
    Role.APPLICANT: _applicant,
}


def inbox(session: Session, *, actor: Actor, today: date) -> list[InboxItem]:
    """The user's to-do items (at most 200): overdue first, then by due date."""
    b = InboxBuilder(session, actor, deadlines(session, today), [])
    for role in sorted(actor.roles):
        collect = _BY_ROLE.get(role)
        if collect is not None:
            collect(b)
    _expiring_grants(b)
    exchange_todo.collect(b)  # deliveries due (更新周期, 第二十三条)
    usage_todo.collect(b)  # usage inquiries (第二十二条), discrepancy reports (第二十条)
    supervision_todo.collect(b)  # rectification orders (第三十六条)
    assessment_todo.collect(b)  # explanations in draft assessment rounds (第三十四条)
    admin_todo.collect(b)  # the security and audit admins' (三员分立, 第二十六条, 第三十三条)
    return b.sorted()
