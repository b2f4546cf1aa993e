"""The share pages' columns and how their views size them; the sizing helpers (common/tables.py)
are re-exported for the share pages.

A column whose key is one of the platform's sort keys is `server_sort`: a header click on a list
not loaded whole asks the platform to sort it (common/paged_model.py).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView

from govshare_core.vocab import (
    SHARE_CATALOG_TYPES,
    DataType,
    GrantStatus,
    RequestStatus,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import (
    Capped,
    ColumnDropper,
    Contents,
    Fit,
    Plan,
    Stretch,
    compact_rows,
    enable_sorting,
    size_columns,
    text_width,
)
from govshare_desktop.i18n import field_label, label, label_of, local_time
from govshare_desktop.requests.deadlines import DeadlineInfo, days_left_text, expiry_text
from govshare_desktop.requests.presenters import action_label

DEPARTMENT_WIDTH = 240
"""Department names fit up to this (px); longer ones elide, the full name is the tooltip."""
GRANT_DEPARTMENT_WIDTH = 220
STATUS_WIDTH = 150

# --- column factories ------------------------------------------------------------------------


def text_column(key: str, title: str, *, server_sort: bool = False) -> Column:
    """A column of texts that may be elided (names): the full text is the tooltip."""
    return Column(key, title, tooltip=lambda r: str(r.get(key) or ""), server_sort=server_sort)


def label_column(
    key: str, title: str, vocab: type[StrEnum], *, server_sort: bool = False
) -> Column:
    """A column of vocabulary codes shown by their labels (govshare_core.vocab)."""
    return Column(key, title, lambda r: label_of(vocab, r.get(key)), server_sort=server_sort)


def select_row(view: QTableView, row: int) -> None:
    """Make `row` the view's current and selected row, scrolled into sight."""
    index = view.model().index(row, 0)
    view.setCurrentIndex(index)
    view.selectRow(row)
    view.scrollTo(index)


def _deadline(row: Row) -> str:
    return str(row.get("_deadline", ""))


# --- requests --------------------------------------------------------------------------------


def request_columns(counterpart: str) -> list[Column]:
    """编号, 信息资源, the other department, 状态, 截止日期, 剩余工作日; both deadline columns
    sort by the platform's `due` (the fewer working days left, the sooner due)."""
    other = (
        QCoreApplication.translate("RequestsPage", "提供部门")
        if counterpart == "provider"
        else QCoreApplication.translate("RequestsPage", "申请部门")
    )
    return [
        Column("id", QCoreApplication.translate("RequestsPage", "编号"), server_sort=True),
        text_column(
            "entry_name", QCoreApplication.translate("RequestsPage", "信息资源"), server_sort=True
        ),
        text_column(f"{counterpart}_department_name", other, server_sort=True),
        label_column(
            "status",
            QCoreApplication.translate("RequestsPage", "状态"),
            RequestStatus,
            server_sort=True,
        ),
        Column(
            "due",
            QCoreApplication.translate("RequestsPage", "截止日期"),
            lambda r: str(r.get("_due", "")),
            tooltip=_deadline,
            sort_key=lambda r: r.get("_due"),
            server_sort=True,
        ),
        Column(
            "due",
            QCoreApplication.translate("RequestsPage", "剩余工作日"),
            lambda r: str(r.get("_left", "")),
            tooltip=_deadline,
            sort_key=lambda r: r.get("_days_left"),
            server_sort=True,
        ),
    ]  # the requested end of use (截止时间) is in the detail: the list fits beside it


def request_column_plans() -> list[Plan]:
    return [
        Fit(["9999"]),
        Stretch(),
        Capped(DEPARTMENT_WIDTH),
        Capped(STATUS_WIDTH, [label(s) for s in RequestStatus]),
        Fit(["2026-12-31"]),
        Fit(
            [
                days_left_text(DeadlineInfo("", -99, True, False)),
                days_left_text(DeadlineInfo("", 99, False, True)),
            ]
        ),
    ]


def event_columns() -> list[Column]:
    return [
        Column(
            "at",
            QCoreApplication.translate("RequestsPage", "时间"),
            lambda r: local_time(r.get("at")),
        ),
        Column(
            "action",
            QCoreApplication.translate("RequestsPage", "环节"),
            lambda r: action_label(str(r.get("action"))),
        ),
        label_column(
            "to_status", QCoreApplication.translate("RequestsPage", "结果状态"), RequestStatus
        ),
        text_column("comment", QCoreApplication.translate("RequestsPage", "意见")),
    ]


def event_column_plans() -> list[Plan]:
    return [Fit(["2026-12-31 23:59"]), Contents(), Contents(), Stretch()]


# --- grants ----------------------------------------------------------------------------------


def grant_columns() -> list[Column]:
    return [
        text_column(
            "entry_name", QCoreApplication.translate("GrantsPage", "信息资源"), server_sort=True
        ),
        text_column(
            "data_item", QCoreApplication.translate("GrantsPage", "信息项"), server_sort=True
        ),
        text_column(
            "provider_department_name",
            QCoreApplication.translate("GrantsPage", "提供部门"),
            server_sort=True,
        ),
        text_column(
            "consumer_department_name",
            QCoreApplication.translate("GrantsPage", "使用部门"),
            server_sort=True,
        ),
        # 共享方式, the catalog's term (第二十四条)
        label_column("share_mode", field_label("share_mode"), ShareMode, server_sort=True),
        Column(
            "valid_from", QCoreApplication.translate("GrantsPage", "生效日期"), server_sort=True
        ),
        Column(
            "valid_until", QCoreApplication.translate("GrantsPage", "有效期至"), server_sort=True
        ),
        Column(
            "_expiry",
            QCoreApplication.translate("GrantsPage", "剩余"),
            sort_key=lambda r: r.get("_days_left"),
        ),
        label_column(
            "status",
            QCoreApplication.translate("GrantsPage", "状态"),
            GrantStatus,
            server_sort=True,
        ),
        text_column("revoked_reason", QCoreApplication.translate("GrantsPage", "撤销理由")),
    ]


def grant_column_plans() -> list[Plan]:
    """Grant columns sized to fit beside the navigation at 1280 px; long names elide."""
    dept = Capped(GRANT_DEPARTMENT_WIDTH)
    return [
        Stretch(),
        Capped(160, ["公民身份号码"]),
        dept,
        dept,
        Fit([label(m) for m in ShareMode]),
        Fit(["2026-12-31"]),
        Fit(["2026-12-31"]),
        Fit(
            [
                expiry_text(250),
                QCoreApplication.translate("SharePresenter", "今日到期"),
                QCoreApplication.translate("SharePresenter", "已过期"),
            ]
        ),
        Fit([label(s) for s in GrantStatus]),
        Capped(200),  # 撤销理由: the full text is the tooltip
    ]


# --- the share catalog -----------------------------------------------------------------------


def catalog_columns() -> list[Column]:
    return [
        text_column(
            "name", QCoreApplication.translate("ShareCatalogPage", "资源名称"), server_sort=True
        ),
        Column(
            "resource_code",
            QCoreApplication.translate("ShareCatalogPage", "资源代码"),
            server_sort=True,
        ),
        text_column(
            "department_name",
            QCoreApplication.translate("ShareCatalogPage", "提供部门"),
            server_sort=True,
        ),
        label_column(
            "share_type",
            QCoreApplication.translate("ShareCatalogPage", "共享类型"),
            ShareType,
            server_sort=True,
        ),
        label_column("share_mode", field_label("share_mode"), ShareMode, server_sort=True),
        label_column(
            "update_cycle",
            QCoreApplication.translate("ShareCatalogPage", "更新周期"),
            UpdateCycle,
            server_sort=True,
        ),
    ]  # the publication date is in the detail panel: the list stays narrow enough for 60 %


def catalog_column_plans() -> list[Plan]:
    return [
        Stretch(),
        Fit(["000000/000000"]),
        Capped(DEPARTMENT_WIDTH),
        Fit([label(t) for t in SHARE_CATALOG_TYPES]),
        Fit([label(m) for m in ShareMode]),
        Fit([label(c) for c in UpdateCycle]),
    ]


def item_columns() -> list[Column]:
    """Data items; rows carry their effective share type (the item's own or the entry's)."""
    return [
        Column("name", QCoreApplication.translate("ShareCatalogPage", "信息项名称")),
        label_column(
            "data_type", QCoreApplication.translate("ShareCatalogPage", "数据类型"), DataType
        ),
        Column("length", QCoreApplication.translate("ShareCatalogPage", "长度")),
        label_column(
            "share_type", QCoreApplication.translate("ShareCatalogPage", "共享类型"), ShareType
        ),
    ]


def item_column_plans() -> list[Plan]:
    return [
        Stretch(),
        Fit([label(t) for t in DataType]),
        Fit(["99999"]),
        Fit([label(t) for t in ShareType]),
    ]


__all__ = [  # the sizing helpers the share pages take from here
    "Capped",
    "ColumnDropper",
    "Contents",
    "Fit",
    "Plan",
    "Stretch",
    "compact_rows",
    "enable_sorting",
    "size_columns",
    "text_width",
]
