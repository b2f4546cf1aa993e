"""The requests pages' columns; the sizing helpers (common/tables.py) are re-exported for
the share pages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from govshare_core.vocab import RequestStatus
from govshare_desktop.common.paged_model import Column
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
from govshare_desktop.i18n import label_of, local_time
from govshare_desktop.requests.presenters import action_label

# --- the requests pages' columns -------------------------------------------------------------


def request_columns(counterpart: str) -> list[Column]:
    other = (
        QCoreApplication.translate("RequestsPage", "提供部门")
        if counterpart == "provider"
        else QCoreApplication.translate("RequestsPage", "申请部门")
    )
    return [
        Column("id", QCoreApplication.translate("RequestsPage", "编号")),
        Column(
            "entry_name",
            QCoreApplication.translate("RequestsPage", "信息资源"),
            tooltip=lambda r: str(r.get("entry_name", "")),
        ),
        Column(f"{counterpart}_name", other, tooltip=lambda r: str(r.get(f"{counterpart}_name"))),
        Column(
            "status",
            QCoreApplication.translate("RequestsPage", "状态"),
            lambda r: label_of(RequestStatus, r.get("status")),
        ),
        Column(
            "_due",
            QCoreApplication.translate("RequestsPage", "截止日期"),
            tooltip=lambda r: str(r.get("_deadline", "")),
        ),
        Column(
            "_left",
            QCoreApplication.translate("RequestsPage", "剩余工作日"),
            tooltip=lambda r: str(r.get("_deadline", "")),
            sort_key=lambda r: r.get("_days_left"),
        ),
    ]  # the requested end of use (截止时间) is in the detail: the list fits beside it


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
        Column(
            "to_status",
            QCoreApplication.translate("RequestsPage", "结果状态"),
            lambda r: label_of(RequestStatus, r.get("to_status")),
        ),
        Column(
            "comment",
            QCoreApplication.translate("RequestsPage", "意见"),
            tooltip=lambda r: str(r.get("comment") or ""),
        ),
    ]


__all__ = [
    "Capped",
    "ColumnDropper",
    "Contents",
    "Fit",
    "Plan",
    "Stretch",
    "compact_rows",
    "enable_sorting",
    "event_columns",
    "request_columns",
    "size_columns",
    "text_width",
]
