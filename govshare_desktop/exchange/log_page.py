"""访问日志 (第二十六条): the exchange log as each role may see it — a provider department the
accesses to its resources, a consumer its own, the audit and platform admins all — newest first,
loaded as the list scrolls (keyset paging: `before_id`), with filters and 导出… to CSV/XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govshare_core.exchange import AccessAction, AccessOutcome, DeliveryProblem
from govshare_core.vocab import Role
from govshare_desktop.api import exchange_paths
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel, PageResult
from govshare_desktop.common.tables import Capped, Fit, Stretch, compact_rows, size_columns
from govshare_desktop.context import AppContext
from govshare_desktop.exchange import transfer
from govshare_desktop.exchange.messages import error_text, size_text
from govshare_desktop.exchange.transfer_panel import TransferPanel
from govshare_desktop.i18n import label_of, qtoday, time_text

PAGE_SIZE = 100


def keyset_fetcher(get: Any, path: str, params: dict[str, Any]) -> Any:
    """A PagedTableModel fetch_page over a keyset list: the model asks by offset, this
    remembers the `next_before_id` each offset continues from (pages are asked in order)."""
    cursors: dict[int, int | None] = {0: None}

    def fetch(offset: int, limit: int) -> PageResult:
        page = get(path, before_id=cursors.get(offset), limit=limit, **params)
        items = list(page.get("items", []))
        following = page.get("next_before_id")
        cursors[offset + len(items)] = following
        total = None if following is not None else offset + len(items)
        return items, total

    return fetch


def log_columns() -> list[Column]:
    return [
        Column(
            "at",
            QCoreApplication.translate("ExchangePages", "时间"),
            render=lambda r: time_text(r.get("at")),
        ),
        Column(
            "action",
            QCoreApplication.translate("ExchangePages", "操作"),
            render=lambda r: label_of(AccessAction, r.get("action")),
        ),
        Column(
            "outcome",
            QCoreApplication.translate("ExchangePages", "结果"),
            render=lambda r: label_of(AccessOutcome, r.get("outcome")),
        ),
        Column(
            "reason",
            QCoreApplication.translate("ExchangePages", "原因"),
            render=lambda r: label_of(DeliveryProblem, r.get("reason")),
        ),
        Column("user_name", QCoreApplication.translate("ExchangePages", "用户")),
        Column("department_name", QCoreApplication.translate("ExchangePages", "部门")),
        Column("entry_name", QCoreApplication.translate("ExchangePages", "目录")),
        Column("provider_department_name", QCoreApplication.translate("ExchangePages", "提供部门")),
        Column(
            "items",
            QCoreApplication.translate("ExchangePages", "信息项"),
            render=lambda r: "、".join(r.get("items", [])),
        ),
        Column("rows", QCoreApplication.translate("ExchangePages", "行数")),
        Column(
            "bytes",
            QCoreApplication.translate("ExchangePages", "大小"),
            render=lambda r: size_text(r.get("bytes")),
        ),
        Column("client_address", QCoreApplication.translate("ExchangePages", "客户端地址")),
    ]


class LogPage(QWidget):
    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeLogPage")
        self.context = context
        self.model = PagedTableModel(
            fetch_page=None,
            columns=log_columns(),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self._build()
        self.model.failed.connect(self._on_model_failed)
        for combo in (self.sideCombo, self.actionCombo, self.outcomeCombo):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.sinceEdit, self.untilEdit):
            edit.dateChanged.connect(self.reload)
        self.dateCheck.toggled.connect(self._on_date_check_toggled)
        self.refreshButton.clicked.connect(self.reload)
        self.exportButton.clicked.connect(self._on_export_button_clicked)
        self.transfers.succeeded.connect(self._on_export_succeeded)
        self.transfers.failed.connect(self._on_export_failed)
        self.transfers.cancelled.connect(lambda: clear_outcome(self.outcomeLabel))
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.sideCombo = QComboBox(self)
        self.sideCombo.setObjectName("sideCombo")
        self.sideCombo.addItem(QCoreApplication.translate("ExchangePages", "全部"), "all")
        self.sideCombo.addItem(
            QCoreApplication.translate("ExchangePages", "作为提供方"), "provider"
        )
        self.sideCombo.addItem(
            QCoreApplication.translate("ExchangePages", "作为使用方"), "consumer"
        )
        self.sideCombo.setVisible(not self.context.has(Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN))
        self.actionCombo = QComboBox(self)
        self.actionCombo.setObjectName("actionCombo")
        self.actionCombo.addItem(QCoreApplication.translate("ExchangePages", "全部操作"), None)
        for action in AccessAction:
            self.actionCombo.addItem(label_of(AccessAction, action), action.value)
        self.outcomeCombo = QComboBox(self)
        self.outcomeCombo.setObjectName("outcomeCombo")
        self.outcomeCombo.addItem(QCoreApplication.translate("ExchangePages", "全部结果"), None)
        for outcome in AccessOutcome:
            self.outcomeCombo.addItem(label_of(AccessOutcome, outcome), outcome.value)
        self.dateCheck = QCheckBox(QCoreApplication.translate("ExchangePages", "日期"), self)
        self.dateCheck.setObjectName("dateCheck")
        today = qtoday()  # the log's dates are Asia/Shanghai dates
        self.sinceEdit = QDateEdit(today.addDays(-30), self)
        self.untilEdit = QDateEdit(today, self)
        for edit in (self.sinceEdit, self.untilEdit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.refreshButton = QPushButton(QCoreApplication.translate("ExchangePages", "刷新"), self)
        self.exportButton = QPushButton(QCoreApplication.translate("ExchangePages", "导出…"), self)
        self.exportButton.setObjectName("exportButton")
        for widget in (
            self.sideCombo,
            self.actionCombo,
            self.outcomeCombo,
            self.dateCheck,
            self.sinceEdit,
            QLabel("—", self),
            self.untilEdit,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.refreshButton)
        bar.addWidget(self.exportButton)
        layout.addLayout(bar)
        self.view = QTableView(self)
        self.view.setObjectName("logView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.view)
        size_columns(
            self.view,
            [
                Fit(),
                Fit(),
                Fit(),
                Capped(120),
                Capped(120),
                Capped(160),
                Stretch(),
                Capped(160),
                Capped(200),
                Fit(),
                Fit(),
                Capped(120),
            ],
        )
        layout.addWidget(self.view, 1)
        self.transfers = TransferPanel(context=self.context, parent=self)
        self.outcomeLabel = QLabel(self)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        layout.addWidget(self.transfers)
        layout.addWidget(self.outcomeLabel)
        clear_outcome(self.outcomeLabel)

    def filters(self) -> dict[str, Any]:
        """The list's filters as the platform's query parameters (None: not set)."""
        admin = self.context.has(Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN)
        params: dict[str, Any] = {
            "side": "all" if admin else self.sideCombo.currentData(),
            "action": self.actionCombo.currentData(),
            "outcome": self.outcomeCombo.currentData(),
        }
        if self.dateCheck.isChecked():
            params["since"] = self.sinceEdit.date().toString(Qt.DateFormat.ISODate)
            params["until"] = self.untilEdit.date().toString(Qt.DateFormat.ISODate)
        return {k: v for k, v in params.items() if v is not None}

    def reload(self) -> None:
        fetch = keyset_fetcher(self.context.client.get, exchange_paths.log_path(), self.filters())
        self.model.reset(fetch)

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def _on_date_check_toggled(self, on: bool) -> None:
        self.sinceEdit.setEnabled(on)
        self.untilEdit.setEnabled(on)
        self.reload()

    def _on_model_failed(self, exc: object) -> None:
        show_outcome(
            self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
        )

    # --- export ------------------------------------------------------------------------------

    def _on_export_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExchangePages", "导出访问日志"),
            "exchange-log.xlsx",
            QCoreApplication.translate("ExchangePages", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, target: Path) -> bool:
        """Stream the filtered log into `target` (.csv or .xlsx) in the background."""
        if self.transfers.busy:
            return False
        fmt = "xlsx" if target.suffix.lower() == ".xlsx" else "csv"
        client, params = self.context.client, {**self.filters(), "format": fmt}

        def op(progress: transfer.OnBytes, cancelled: transfer.IsCancelled) -> Any:
            return transfer.download(
                client,
                exchange_paths.log_export_path(),
                params,
                target,
                fmt=fmt,
                progress=progress,
                cancelled=cancelled,
            )

        show_outcome(
            self.outcomeLabel,
            QCoreApplication.translate("ExchangePages", "正在导出到 %1…").replace(
                "%1", str(target)
            ),
            BUSY,
        )
        self.transfers.start(
            op,
            what=QCoreApplication.translate("ExchangePages", "导出 %1").replace("%1", target.name),
        )
        return True

    def _on_export_succeeded(self, result: object) -> None:
        assert isinstance(result, transfer.Downloaded)
        show_outcome(
            self.outcomeLabel,
            QCoreApplication.translate("ExchangePages", "已导出到 %1").replace(
                "%1", str(result.path)
            ),
            OK,
        )

    def _on_export_failed(self, exc: object) -> None:
        show_outcome(
            self.outcomeLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR
        )
