"""我的目录's list as data: its columns (each sorted by the platform, so a list of any length
sorts whole), their widths, the status colours, and how a page is fetched with the page's
filters. No widgets.

    model = PagedTableModel(fetch_page=entries_fetcher(client, filters), columns=entry_columns())
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from govshare_core.vocab import EntryStatus, ShareType, UpdateCycle
from govshare_desktop import i18n
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.catalog import presenter as P
from govshare_desktop.common.paged_model import Column, FetchPage, PageResult, Row
from govshare_desktop.common.tables import Fit, Plan, Stretch

CACHE_NAME = "my_entries"
"""The offline cache of the list's first rows (browsed offline with their "as of" time)."""
CACHED_ROWS = 200
STATUS_COLOURS = {
    EntryStatus.RETURNED: "#d93025",
    EntryStatus.PUBLISHED: "#188038",
    EntryStatus.SUBMITTED: "#1a73e8",
    EntryStatus.DEPT_APPROVED: "#1a73e8",
}


def entry_columns() -> list[Column]:
    return [
        Column(
            "name",
            QCoreApplication.translate("MyEntriesPage", "信息资源名称"),
            tooltip=lambda r: str(r.get("name", "")),
            server_sort=True,
        ),
        Column(
            "resource_code",
            QCoreApplication.translate("MyEntriesPage", "信息资源代码"),
            server_sort=True,
        ),
        Column(
            "status",
            QCoreApplication.translate("MyEntriesPage", "状态"),
            render=lambda r: P.status_label(r["status"]),
            server_sort=True,
        ),
        P.value_column(
            "share_type", QCoreApplication.translate("MyEntriesPage", "共享类型"), server_sort=True
        ),
        P.value_column(
            "update_cycle",
            QCoreApplication.translate("MyEntriesPage", "更新周期"),
            server_sort=True,
        ),
        P.time_column(
            "updated_at", QCoreApplication.translate("MyEntriesPage", "更新时间"), server_sort=True
        ),
    ]


def entry_plans() -> list[Plan]:
    """The name stretches; the other columns fit their contents (the longest label)."""
    return [
        Stretch(),
        Fit(["311010/000001"]),
        Fit([i18n.label(s) for s in EntryStatus]),
        Fit([i18n.label(t) for t in ShareType]),
        Fit([i18n.label(c) for c in UpdateCycle]),
        Fit(["2026-12-31 23:59"]),
    ]


def status_colour(row: Row, role: int) -> Any:
    """A row's text in its status's colour (returned red, published green, in review blue)."""
    if role == Qt.ItemDataRole.ForegroundRole:
        colour = STATUS_COLOURS.get(row.get("status", ""))
        return QColor(colour) if colour else None
    return None


def entries_fetcher(client: PlatformClient, filters: dict[str, Any]) -> FetchPage:
    """`fetch_page(offset, limit[, sort])` of the department's entries matching `filters`."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = client.entries(offset=offset, limit=limit, sort=sort, **filters)
        return list(page["items"]), int(page["total"])

    return fetch


def cacheable(loaded: int, filters: dict[str, Any]) -> bool:
    """Whether the rows loaded go to the offline cache: a short list of the whole department
    (not narrowed by a search or a filter)."""
    narrowed = any(filters.get(k) for k in ("q", "status", "share_type", "update_cycle"))
    return loaded <= CACHED_ROWS and not narrowed
