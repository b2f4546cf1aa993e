"""查询 (信息查询 grants, 第二十四条): keys pasted one per line or imported from a file, looked up
in batches of MAX_QUERY_KEYS (more keys are split into batches, never cut), the granted items of
the matching rows, the keys without a row, and 导出结果…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govshare_core.exchange import MAX_QUERY_KEYS
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.common.tables import compact_rows
from govshare_desktop.context import AppContext
from govshare_desktop.exchange import files, transfer
from govshare_desktop.exchange.messages import error_text, too_many_keys_text
from govshare_desktop.exchange.transfer_panel import TransferPanel


class QueryPanel(QWidget):
    """Signals:
    answered(object): the merged QueryOut of the last lookup.
    """

    answered = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entry_id: int | None = None
        self.result: dict[str, Any] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(self)
        left = QWidget(splitter)
        keys = QVBoxLayout(left)
        keys.setContentsMargins(0, 0, 0, 0)
        self.keyLabel = QLabel(left)
        self.keyLabel.setWordWrap(True)
        self.keysEdit = QPlainTextEdit(left)
        self.keysEdit.setObjectName("keysEdit")
        self.keysEdit.setPlaceholderText(
            QCoreApplication.translate("ExchangePages", "每行一个关键字")
        )
        self.importButton = QPushButton(
            QCoreApplication.translate("ExchangePages", "从文件导入…"), left
        )
        self.importButton.setObjectName("importKeysButton")
        self.queryButton = QPushButton(QCoreApplication.translate("ExchangePages", "查询"), left)
        self.queryButton.setObjectName("queryButton")
        row = QHBoxLayout()
        row.addWidget(self.importButton)
        row.addWidget(self.queryButton)
        keys.addWidget(self.keyLabel)
        keys.addWidget(self.keysEdit, 1)
        keys.addLayout(row)
        right = QWidget(splitter)
        results = QVBoxLayout(right)
        results.setContentsMargins(0, 0, 0, 0)
        self.transfers = TransferPanel(context=context, parent=right)
        self.statusLabel = QLabel(right)
        self.statusLabel.setObjectName("queryStatusLabel")
        self.statusLabel.setWordWrap(True)
        self.table = QTableWidget(0, 0, right)
        self.table.setObjectName("resultTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        compact_rows(self.table)
        self.missingLabel = QLabel(right)
        self.missingLabel.setObjectName("missingLabel")
        self.missingLabel.setWordWrap(True)
        self.exportButton = QPushButton(
            QCoreApplication.translate("ExchangePages", "导出结果…"), right
        )
        self.exportButton.setObjectName("exportResultButton")
        self.exportButton.setEnabled(False)
        results.addWidget(self.transfers)
        results.addWidget(self.statusLabel)
        results.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.missingLabel, 1)
        bottom.addWidget(self.exportButton)
        results.addLayout(bottom)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter)
        clear_outcome(self.statusLabel)
        self.importButton.clicked.connect(self._on_import_button_clicked)
        self.queryButton.clicked.connect(self.run_query)
        self.exportButton.clicked.connect(self._on_export_button_clicked)
        self.transfers.succeeded.connect(self._on_query_succeeded)
        self.transfers.failed.connect(self._on_query_failed)
        self.transfers.cancelled.connect(lambda: clear_outcome(self.statusLabel))

    def set_entry(self, entry_id: int | None, key_item: str | None) -> None:
        self.entry_id = entry_id
        self.keyLabel.setText(
            QCoreApplication.translate("ExchangePages", "按关键信息项“%1”查询").replace(
                "%1", key_item or ""
            )
            if key_item
            else ""
        )
        self.show_result(None)

    def keys(self) -> list[str]:
        return transfer.clean_keys(self.keysEdit.toPlainText().splitlines())

    def import_keys(self, path: Path) -> int:
        keys = transfer.clean_keys(files.read_keys(path))
        self.keysEdit.setPlainText("\n".join(keys))
        return len(keys)

    def run_query(self) -> bool:
        keys = self.keys()
        if self.entry_id is None or self.transfers.busy:
            return False
        if not keys:
            show_outcome(
                self.statusLabel,
                QCoreApplication.translate("ExchangePages", "请先输入或导入关键字。"),
                ERROR,
            )
            return False
        client, entry_id = self.context.client, self.entry_id
        note = too_many_keys_text(len(keys)) if len(keys) > MAX_QUERY_KEYS else ""
        show_outcome(
            self.statusLabel,
            (note + " " + QCoreApplication.translate("ExchangePages", "正在查询…")).strip(),
            BUSY,
        )
        self.transfers.start(
            lambda progress, cancelled: transfer.query(
                client, entry_id, keys, progress=progress, cancelled=cancelled
            ),
            what=QCoreApplication.translate("ExchangePages", "查询"),
        )
        return True

    def show_result(self, result: dict[str, Any] | None) -> None:
        self.result = result
        items = list(result["items"]) if result else []
        rows = result["rows"] if result else []
        self.table.clear()
        self.table.setColumnCount(len(items))
        self.table.setHorizontalHeaderLabels(items)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, item in enumerate(items):
                self.table.setItem(r, c, QTableWidgetItem(str(row["values"].get(item, ""))))
        self.table.resizeColumnsToContents()
        missing = result["missing"] if result else []
        self.missingLabel.setText(
            QCoreApplication.translate("ExchangePages", "未查到的关键字（%1 个）：%2")
            .replace("%1", str(len(missing)))
            .replace("%2", "、".join(missing[:50]) + ("…" if len(missing) > 50 else ""))
            if missing
            else ""
        )
        self.exportButton.setEnabled(bool(rows))

    def result_rows(self) -> list[list[str]]:
        if not self.result:
            return []
        items = self.result["items"]
        return [[str(r["values"].get(i, "")) for i in items] for r in self.result["rows"]]

    def export_to(self, path: Path) -> int:
        assert self.result is not None
        return files.write_table(path, list(self.result["items"]), self.result_rows())

    def _on_query_succeeded(self, result: object) -> None:
        assert isinstance(result, dict)
        self.show_result(result)
        text = QCoreApplication.translate(
            "ExchangePages", "查到 %1 行，%2 个关键字无结果。"
        ).replace("%1", str(len(result["rows"])))
        show_outcome(self.statusLabel, text.replace("%2", str(len(result["missing"]))), OK)
        self.answered.emit(result)

    def _on_query_failed(self, exc: object) -> None:
        show_outcome(self.statusLabel, error_text(exc) if isinstance(exc, Exception) else "", ERROR)

    def _on_import_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ExchangePages", "导入关键字"),
            "",
            QCoreApplication.translate(
                "ExchangePages", "文本或 CSV 文件 (*.txt *.csv);;所有文件 (*)"
            ),
        )
        if name:
            try:
                self.import_keys(Path(name))
            except OSError as exc:
                show_outcome(self.statusLabel, error_text(exc), ERROR)

    def _on_export_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExchangePages", "导出结果"),
            "result.xlsx",
            QCoreApplication.translate("ExchangePages", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if name:
            try:
                count = self.export_to(Path(name))
            except OSError as exc:
                show_outcome(self.statusLabel, error_text(exc), ERROR)
                return
            show_outcome(
                self.statusLabel,
                QCoreApplication.translate("ExchangePages", "已导出 %1 行到 %2")
                .replace("%1", str(count))
                .replace("%2", name),
                OK,
            )
