"""Deadlines of share requests and the expiry of grants, as the share screens show them.

The counts are the platform's (`due`, `working_days_left`, `expiring_soon`, counted with its
calendar). The desktop counts itself, with the platform's calendar (`common.policy.calendar`:
the official schedule plus the cached overrides), only for a row the platform did not count
for today: one cached before the platform sent the counts, or one cached on an earlier day and
shown offline (`recount`). Sentences go through Qt's translation (context "SharePresenter";
the list's short cells "RequestsPage").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.rules import grant_expiring_soon
from govshare_core.vocab import GrantStatus
from govshare_core.workdays import WorkdayCalendar, working_days_left
from govshare_core.workflow import SHARE_REQUEST, waiting_for_review
from govshare_desktop.i18n import parse_date


@dataclass(frozen=True)
class DeadlineInfo:
    """A review deadline as shown: the text, the due date, working days left, and the flags."""

    text: str
    days_left: int | None
    overdue: bool
    provisional: bool
    due: date | None = None


_NO_DEADLINE = DeadlineInfo("", None, False, False)


def review_deadline(
    row: Mapping[str, Any], today: date, calendar: WorkdayCalendar, *, recount: bool = False
) -> tuple[date | None, int | None]:
    """(due, working days left): the platform's; counted here with the platform's `calendar`
    for a row without them (cached before the platform sent them) or, with `recount`, for a
    row whose count is of another day (cached, shown offline)."""
    if "working_days_left" in row or "due" in row:
        due = parse_date(row.get("due"))
        if recount:
            return due, working_days_left(today, due, calendar=calendar)
        left = row.get("working_days_left")
        return due, int(left) if left is not None else None
    if not waiting_for_review(SHARE_REQUEST, str(row.get("status"))):
        return None, None
    due = parse_date(row.get("review_due"))
    return due, working_days_left(today, due, calendar=calendar)


def review_deadline_info(
    row: Mapping[str, Any], today: date, *, calendar: WorkdayCalendar, recount: bool = False
) -> DeadlineInfo:
    """Review deadline of a request row with the working days left (第二十七条)."""
    due, left = review_deadline(row, today, calendar, recount=recount)
    if due is None or left is None:
        return _NO_DEADLINE
    provisional = bool(row.get("review_due_provisional"))
    mark = QCoreApplication.translate("SharePresenter", "（暂定）") if provisional else ""
    if left < 0 or due < today:
        late = max(-left, 0)
        text = (
            QCoreApplication.translate("SharePresenter", "%1 已超期 %2 个工作日")
            .replace("%1", due.isoformat())
            .replace("%2", str(late))
        )
        return DeadlineInfo(text + mark, -late, True, provisional, due)
    text = (
        QCoreApplication.translate("SharePresenter", "%1（剩 %2 个工作日）")
        .replace("%1", due.isoformat())
        .replace("%2", str(left))
    )
    return DeadlineInfo(text + mark, left, False, provisional, due)


def days_left_text(info: DeadlineInfo) -> str:
    """The 剩余工作日 cell: the working days left, or how many are overdue."""
    if info.days_left is None:
        return ""
    if info.overdue:
        return QCoreApplication.translate("RequestsPage", "超期 %1").replace(
            "%1", str(abs(info.days_left))
        )
    mark = QCoreApplication.translate("RequestsPage", "（暂定）") if info.provisional else ""
    return f"{info.days_left}{mark}"


@dataclass(frozen=True)
class ExpiryInfo:
    text: str
    days_left: int | None
    expiring_soon: bool


def grant_expiry_info(
    row: Mapping[str, Any], today: date, *, calendar: WorkdayCalendar
) -> ExpiryInfo:
    """Working days until an active grant ends, and whether it is flagged: the platform's
    `working_days_left` and `expiring_soon`; for a cached row without them, counted here with
    the platform's `calendar` and `govshare_core.rules.grant_expiring_soon`."""
    until = parse_date(row.get("valid_until"))
    if until is None or row.get("status") != GrantStatus.ACTIVE:
        return ExpiryInfo("", None, False)
    if "working_days_left" in row and "expiring_soon" in row:
        raw = row.get("working_days_left")
        left = int(raw) if raw is not None else working_days_left(today, until, calendar=calendar)
        soon = bool(row.get("expiring_soon"))
    else:
        left = working_days_left(today, until, calendar=calendar)
        soon = grant_expiring_soon(until, today)
    if until < today:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "已过期"), left, True)
    if until == today:
        return ExpiryInfo(QCoreApplication.translate("SharePresenter", "今日到期"), 0, True)
    return ExpiryInfo(expiry_text(left), left, soon)


def expiry_text(days_left: int | None) -> str:
    """The 剩余 cell of an active grant ending after today."""
    return QCoreApplication.translate("SharePresenter", "剩 %1 个工作日").replace(
        "%1", str(days_left)
    )
