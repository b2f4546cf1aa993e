"""Deadline columns of the work queues: a date the platform gives with its working days left
(negative: overdue), and the red of an overdue row. The catalog's review queues (第十五条–第十七条)
and the agreements' signing deadlines (第三十条) show them alike. Texts: context "ReviewPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from govshare_desktop.common.paged_model import Column, Row

OVERDUE = QColor("#b3261e")
"""A row past its deadline (red, as in the to-do list)."""


def deadline_column(key: str, title: str) -> Column:
    """The deadline `key` (a date) with its working days left; sorted by the date."""
    return Column(key, title, render=deadline, sort_key=lambda r: r.get(key), server_sort=True)


def days_left(row: Row) -> int | None:
    """Working days left to the row's deadline (negative: overdue; None: no deadline)."""
    left = row.get("working_days_left", row.get("review_working_days_left"))
    return None if left is None else int(left)


def deadline(row: Row) -> str:
    """The deadline the platform gives — a change report's 20 days (第十七条), an entry's review
    (`entry_review_working_days`) — with its working days left; "—" without one."""
    due = row.get("due") or row.get("review_due")
    return deadline_text(str(due), days_left(row)) if due else "—"


def deadline_text(due: str, left: int | None) -> str:
    """ "2026-03-31（剩 3 个工作日）", "2026-03-31（超期 2 个工作日）", or the date alone."""
    if left is None:
        return due
    if left < 0:
        tail = QCoreApplication.translate("ReviewPage", "（超期 %1 个工作日）")
        return due + tail.replace("%1", str(-left))
    tail = QCoreApplication.translate("ReviewPage", "（剩 %1 个工作日）")
    return due + tail.replace("%1", str(left))
