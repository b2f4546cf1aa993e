"""The regulation's numbers, in one place (《南通市政务信息资源共享管理办法》).

Both programs read these; neither defines its own copy (tests/test_architecture.py fails when a
module of the platform or the desktop assigns one of these names, or a rule-like name to one of
these numbers). Values the platform admin may change are only defaults here: the platform keeps
the editable ones (`GET /api/v1/policy`), and clients read them from there.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

# --- policy defaults (docs/design.md §3 "Policy"); the platform admin may change them -----------

DEFAULT_REVIEW_WORKING_DAYS: Final = 5
"""第二十七条: a share request is reviewed within this many working days of receipt."""

DEFAULT_CHANGE_REPORT_DAYS: Final = 20
"""第十七条: a key-element change is reported within this many (calendar) days ("20日内")."""

DEFAULT_LOG_RETENTION_YEARS: Final = 5
"""第二十六条: how long the audit trail is kept."""

# --- fixed rules ---------------------------------------------------------------------------------

MIN_REASON_LENGTH: Final = 2
"""The shortest free-text reason, comment or description accepted (return, dispute, revocation,
mediation, change report, and the 应用业务/使用对象/申请理由 of a share request, 第二十八条)."""

GRANT_EXPIRY_WARNING_DAYS: Final = 14
"""Grants ending within this many calendar days are flagged and put in the consumer's to-dos
(reminders before the 截止时间 of 第二十八条)."""


def change_report_due(effective: date, days: int = DEFAULT_CHANGE_REPORT_DAYS) -> date:
    """The last day to report a key-element change that took effect on `effective` (第十七条)."""
    return effective + timedelta(days=days)


def change_report_late(
    effective: date, reported_on: date, days: int = DEFAULT_CHANGE_REPORT_DAYS
) -> bool:
    """Whether a change reported on `reported_on` came after the window of 第十七条."""
    return reported_on > change_report_due(effective, days)


def grant_expiring_soon(valid_until: date, today: date) -> bool:
    """Whether a grant ending on `valid_until` is within the warning window (or past it)."""
    return (valid_until - today).days <= GRANT_EXPIRY_WARNING_DAYS


DEFAULT_ENTRY_REVIEW_WORKING_DAYS: Final = 5
"""Working days a department (第十五条) and then the platform (第十六条) each have to review an
entry. The regulation sets no such deadline, so it is a platform policy value
(`entry_review_working_days`, editable by the platform admin); 5 mirrors 第二十七条's period
for share requests."""
