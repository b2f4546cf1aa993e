"""待办 (to-do) items for a user's roles, with review deadlines in working days (第二十七条).

`working_days_left` is defined as follows (None when the item has no due date):
- due today or later: the working days d with today < d <= due, so 0 means "due today";
- overdue (due before today): minus the working days d with due < d <= today, so -1 means the
  deadline passed one working day ago.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from govshare_core.schemas import InboxItem
from govshare_core.vocab import (
    ChangeReportStatus,
    DisputeStatus,
    EntryStatus,
    RequestStatus,
    Role,
)
from govshare_core.workdays import WorkdayCalendar, working_days_between
from govshare_platform.catalog.models import CatalogEntry, ChangeReport
from govshare_platform.grants import service as grants
from govshare_platform.policy.service import get_calendar
from govshare_platform.requests.models import Dispute, ShareRequest

LIMIT = 200
EXPIRY_REMINDER_DAYS = 14
_R = RequestStatus


def working_days_left(today: date, due: date | None, calendar: WorkdayCalendar) -> int | None:
    """Working days until `due` (0 = due today), negative when overdue (see module docstring)."""
    if due is None:
        return None
    if due >= today:
        return working_days_between(today, due, calendar=calendar)
    return -working_days_between(due, today, calendar=calendar)


class _Builder:
    """Collects inbox items, computing the deadline fields once per item."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.calendar = get_calendar(session)
        self.items: list[InboxItem] = []

    def entries(self, kind: str, *where: ColumnElement[bool]) -> None:
        query = select(CatalogEntry).where(*where).order_by(CatalogEntry.id).limit(LIMIT)
        for entry in self.session.scalars(query):
            self.add(kind, entry.id, entry.name, entry.status, None)

    def requests(self, kind: str, *where: ColumnElement[bool]) -> None:
        query = select(ShareRequest).where(*where)
        query = query.order_by(ShareRequest.review_due, ShareRequest.id).limit(LIMIT)
        for req in self.session.scalars(query):
            review = req.status in (_R.SUBMITTED, _R.PROVIDER_APPROVED, _R.DISPUTED)
            due = req.review_due if review else None
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
                working_days_left=working_days_left(self.today, due, self.calendar),
                overdue=can_be_late and due is not None and due < self.today,
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


def _registrar(b: _Builder, user_id: int, dept: int) -> None:
    b.entries(
        "entry_returned",
        CatalogEntry.department_id == dept,
        CatalogEntry.status == EntryStatus.RETURNED,
    )


def _reviewer(b: _Builder, user_id: int, dept: int) -> None:
    b.entries(
        "entry_review",
        CatalogEntry.department_id == dept,
        CatalogEntry.status == EntryStatus.SUBMITTED,
        # 第十五条: never review one's own submission
        (CatalogEntry.submitted_by.is_(None)) | (CatalogEntry.submitted_by != user_id),
    )


def _platform_admin(b: _Builder, user_id: int, dept: int) -> None:
    b.entries("entry_confirm", CatalogEntry.status == EntryStatus.DEPT_APPROVED)
    reports = select(ChangeReport).where(ChangeReport.status == ChangeReportStatus.SUBMITTED)
    for report in b.session.scalars(reports.order_by(ChangeReport.id).limit(LIMIT)):
        b.add("change_report", report.id, report.description[:100], report.status, None)
    b.requests("request_platform_decide", ShareRequest.status == _R.PROVIDER_APPROVED)
    open_disputes = select(Dispute.request_id).where(Dispute.status == DisputeStatus.OPEN)
    b.requests("dispute", ShareRequest.id.in_(open_disputes))
    # late at the provider: the platform follows up (overdue platform items are listed above)
    b.requests(
        "request_overdue",
        ShareRequest.status == _R.SUBMITTED,
        ShareRequest.review_due < b.today,
    )


def _resource_admin(b: _Builder, user_id: int, dept: int) -> None:
    b.requests(
        "request_decide",
        ShareRequest.provider_department_id == dept,
        ShareRequest.status == _R.SUBMITTED,
    )


def _applicant(b: _Builder, user_id: int, dept: int) -> None:
    disputed = select(Dispute.request_id)
    b.requests(
        "request_rejected",
        ShareRequest.applicant_id == user_id,
        ShareRequest.status.in_([_R.PROVIDER_REJECTED, _R.REJECTED]),
        ShareRequest.id.not_in(disputed),
    )
    b.requests(
        "agreement_pending",
        ShareRequest.applicant_id == user_id,
        ShareRequest.status == _R.AWAITING_AGREEMENT,
    )


def _expiring_grants(b: _Builder, dept: int) -> None:
    """Reminders before expiry: one item per request whose grants end within 14 days."""
    rows = grants.expiring_received(
        b.session, department_id=dept, today=b.today, days=EXPIRY_REMINDER_DAYS, limit=LIMIT
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


_BY_ROLE: dict[Role, Callable[[_Builder, int, int], None]] = {
    Role.REGISTRAR: _registrar,
    Role.CATALOG_REVIEWER: _reviewer,
    Role.PLATFORM_ADMIN: _platform_admin,
    Role.RESOURCE_ADMIN: _resource_admin,
    Role.APPLICANT: _applicant,
}


def inbox(
    session: Session, *, user_id: int, department_id: int, roles: Iterable[Role], today: date
) -> list[InboxItem]:
    """The user's to-do items (at most 200): overdue first, then by due date."""
    b = _Builder(session, today)
    for role in sorted(set(roles)):
        collect = _BY_ROLE.get(role)
        if collect is not None:
            collect(b, user_id, department_id)
    _expiring_grants(b, department_id)
    return b.sorted()
