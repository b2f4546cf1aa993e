"""The queues of 目录审核 as data: the department's review (第十五条), the platform's confirmation
(第十六条) and the change reports (第十七条) — who has which, their columns and widths, how a
page of each is fetched (sorted by the platform); the deadline columns are common.deadlines'.
No widgets.

    columns = queue_columns(DEPT_QUEUE, own=lambda row: ...)   # own: 本人提交 (greyed out)
    model.reset(queue_fetcher(context.client, DEPT_QUEUE))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import EntryStatus, ShareType
from govshare_desktop import i18n
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.catalog import presenter as P
from govshare_desktop.common.deadlines import (  # shared with the agreements' list
    deadline_column,
    deadline_text,
)
from govshare_desktop.common.paged_model import Column, FetchPage, PageResult, Row
from govshare_desktop.common.tables import Capped, Fit, Plan, Stretch

DEPT_QUEUE, PLATFORM_QUEUE, REPORT_QUEUE = "dept", "platform", "reports"
TODO_QUEUES = {"entry_review": DEPT_QUEUE, "entry_confirm": PLATFORM_QUEUE}
"""To-do kind → the queue listing its entry; "change_report" (a report id) → REPORT_QUEUE."""
SHOWN_FIELDS = tuple(f for f in P.ENTRY_FIELDS if f != "involves_state_secret")
"""The elements compared side by side (涉及国家秘密 is never on the platform, 第六条)."""


def queues_for(roles: set[str]) -> list[tuple[str, str]]:
    """(title, queue) of the queues a user with `roles` works on, in the order shown."""
    found = []
    if "catalog_reviewer" in roles:
        found.append((QCoreApplication.translate("ReviewPage", "本部门待审核目录"), DEPT_QUEUE))
    if "platform_admin" in roles:
        found.append((QCoreApplication.translate("ReviewPage", "待平台确认目录"), PLATFORM_QUEUE))
        found.append((QCoreApplication.translate("ReviewPage", "待处理的变更报告"), REPORT_QUEUE))
    return found


def queue_of(kind: str) -> str | None:
    """The queue listing the object of a to-do of `kind` (None: no queue of this page)."""
    return REPORT_QUEUE if kind == "change_report" else TODO_QUEUES.get(kind)


# --- columns ---------------------------------------------------------------------------------


def queue_columns(queue: str, *, own: Callable[[Row], bool]) -> list[Column]:
    """The queue's columns; `own(row)`: the user submitted the entry (第十五条: 本人提交).
    An entry queue sorts on the platform by any column, so a long queue sorts whole."""
    if queue == REPORT_QUEUE:
        return report_columns()
    return [
        Column(
            "name",
            QCoreApplication.translate("ReviewPage", "信息资源名称"),
            tooltip=lambda r: str(r["name"]),
            server_sort=True,
        ),
        Column(
            "department_name",
            QCoreApplication.translate("ReviewPage", "提供方"),
            tooltip=lambda r: str(r.get("department_name", "")),
            server_sort=True,
        ),
        P.value_column(
            "share_type", QCoreApplication.translate("ReviewPage", "共享类型"), server_sort=True
        ),
        Column(
            "submitted_by_name",
            QCoreApplication.translate("ReviewPage", "提交人"),
            render=lambda r: submitter(r, own=own(r)),
            sort_key=lambda r: r.get("submitted_by_name"),
            server_sort=True,
        ),
        P.time_column(
            "submitted_at", QCoreApplication.translate("ReviewPage", "提交时间"), server_sort=True
        ),
        deadline_column("review_due", QCoreApplication.translate("ReviewPage", "审核期限")),
    ]


def report_columns() -> list[Column]:
    """The change reports; the platform sorts them by any column but the entry's name."""
    return [
        Column(
            "entry_name",
            QCoreApplication.translate("ReviewPage", "信息资源"),
            tooltip=lambda r: str(r["entry_name"]),
        ),
        Column(
            "effective_date",
            QCoreApplication.translate("ReviewPage", "生效日期"),
            server_sort=True,
        ),
        Column(
            "reported_on", QCoreApplication.translate("ReviewPage", "报送日期"), server_sort=True
        ),
        deadline_column("due", QCoreApplication.translate("ReviewPage", "报送期限")),
        Column(
            "late",
            QCoreApplication.translate("ReviewPage", "是否迟报"),
            render=lambda r: QCoreApplication.translate("ReviewPage", "迟报") if r["late"] else "",
            server_sort=True,
        ),
    ]


def queue_plans(queue: str) -> list[Plan]:
    """The columns' widths: the name stretches, the others fit their longest text."""
    longest_deadline = Fit([deadline_text("2026-12-31", -10)])
    if queue == REPORT_QUEUE:
        return [Stretch(), Fit(["2026-12-31"]), Fit(["2026-12-31"]), longest_deadline, Fit()]
    return [
        Stretch(),
        Capped(220),
        Fit([i18n.label(t) for t in ShareType]),
        Capped(140, [QCoreApplication.translate("ReviewPage", "本人提交")]),
        Fit(["2026-12-31 23:59"]),
        longest_deadline,
    ]


def optional_columns(queue: str) -> tuple[int, ...]:
    """The columns a narrow list hides first (the detail shows them): in the department's own
    queue the provider (always the user's department), then the share type and submission
    time; in the platform's queue, where the provider matters, the share type and time first;
    in the change reports the dates, then 迟报."""
    return (2, 4, 1) if queue == PLATFORM_QUEUE else (1, 2, 4)


def submitter(row: Row, *, own: bool) -> str:
    """Who submitted the entry: "本人提交" for the user's own submission (第十五条: reviewed by
    another reviewer), else the submitter's name."""
    if own:
        return QCoreApplication.translate("ReviewPage", "本人提交")
    return str(row.get("submitted_by_name") or "—")


# --- deadlines -------------------------------------------------------------------------------


def review_overdue(row: Row) -> bool:
    """An entry waiting past its review deadline (a change report's lateness is its 迟报)."""
    left = row.get("review_working_days_left")
    return left is not None and int(left) < 0


# --- fetching --------------------------------------------------------------------------------


def queue_fetcher(client: PlatformClient, queue: str) -> FetchPage:
    """The queue's `fetch_page(offset, limit[, sort])` (runs in the background pool)."""
    if queue == REPORT_QUEUE:
        return lambda offset, limit, sort=None: _reports(client, offset, limit, sort)
    status = EntryStatus.SUBMITTED if queue == DEPT_QUEUE else EntryStatus.DEPT_APPROVED

    def entries(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = client.entries(status=status, offset=offset, limit=limit, sort=sort)
        # the summaries lack the submitter's id (第十五条: one's own submission is greyed out):
        # read each entry of the page
        return [client.entry(int(i["id"])) for i in page["items"]], int(page["total"])

    return entries


def _reports(client: PlatformClient, offset: int, limit: int, sort: str | None) -> PageResult:
    page = client.change_reports(status="submitted", offset=offset, limit=limit, sort=sort)
    items: list[dict[str, Any]] = []
    for r in page["items"]:
        entry = client.entry(int(r["entry_id"]))
        items.append({**r, "entry_name": entry["name"], "entry": entry})
    return items, int(page["total"])
