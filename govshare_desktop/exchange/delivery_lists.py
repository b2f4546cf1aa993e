"""The lists of 数据交付 (第二十三条): the schedule of my department's entries (更新周期, next due
date, overdue in red) and an entry's deliveries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableView, QWidget

from govshare_core.vocab import UpdateCycle
from govshare_desktop.common.deadlines import OVERDUE, deadline_text
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row
from govshare_desktop.common.tables import compact_rows
from govshare_desktop.exchange.messages import size_text
from govshare_desktop.i18n import label_of, time_text


def schedule_columns() -> list[Column]:
    def due(row: Row) -> str:
        if not row.get("next_due"):
            return "—"
        return deadline_text(str(row["next_due"]), row.get("working_days_left"))

    return [
        Column(
            "entry_name", QCoreApplication.translate("ExchangePages", "目录名称"), server_sort=True
        ),
        Column(
            "update_cycle",
            QCoreApplication.translate("ExchangePages", "更新周期"),
            render=lambda r: label_of(UpdateCycle, r.get("update_cycle")),
        ),
        Column(
            "last_delivered_at",
            QCoreApplication.translate("ExchangePages", "最近交付"),
            render=lambda r: time_text(r.get("last_delivered_at")),
        ),
        Column("last_rows", QCoreApplication.translate("ExchangePages", "行数")),
        Column("deliveries", QCoreApplication.translate("ExchangePages", "交付次数")),
        Column(
            "next_due",
            QCoreApplication.translate("ExchangePages", "下次应交付"),
            render=due,
            server_sort=True,
        ),
    ]


def delivery_columns() -> list[Column]:
    return [
        Column(
            "delivered_at",
            QCoreApplication.translate("ExchangePages", "交付时间"),
            render=lambda r: time_text(r.get("delivered_at")),
        ),
        Column("filename", QCoreApplication.translate("ExchangePages", "文件名")),
        Column("rows", QCoreApplication.translate("ExchangePages", "行数")),
        Column(
            "bytes",
            QCoreApplication.translate("ExchangePages", "大小"),
            render=lambda r: size_text(r.get("bytes")),
        ),
        Column("delivered_by_name", QCoreApplication.translate("ExchangePages", "交付人")),
        Column(
            "on_time",
            QCoreApplication.translate("ExchangePages", "按时"),
            render=lambda r: (
                QCoreApplication.translate("ExchangePages", "是")
                if r.get("on_time")
                else QCoreApplication.translate("ExchangePages", "逾期")
            ),
        ),
    ]


def overdue_role(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and row.get("overdue"):
        return QBrush(OVERDUE)
    return None


def list_view(parent: QWidget, name: str, model: PagedTableModel) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    compact_rows(view)
    return view
