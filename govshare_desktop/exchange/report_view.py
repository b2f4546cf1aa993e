"""The checker's report of a refused delivery as a table (row, column, problem, value), with
导出报告… to CSV/XLSX (cells neutralised). Also shows the local pre-check's problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govshare_core.exchange import DeliveryProblem
from govshare_desktop.common.tables import compact_rows
from govshare_desktop.exchange import files
from govshare_desktop.exchange.messages import error_text
from govshare_desktop.i18n import label_of


def report_rows(report: dict[str, Any]) -> list[list[str]]:
    """The report's problems as table rows: row, column, problem label, value."""
    return [
        [
            "" if p.get("row") is None else str(p["row"]),
            str(p.get("column") or ""),
            label_of(DeliveryProblem, p.get("code")),
            str(p.get("value") or ""),
        ]
        for p in report.get("problems", [])
    ]


def headers() -> list[str]:
    return [
        QCoreApplication.translate("ExchangePages", "行"),
        QCoreApplication.translate("ExchangePages", "列"),
        QCoreApplication.translate("ExchangePages", "问题"),
        QCoreApplication.translate("ExchangePages", "值"),
    ]


class ReportView(QWidget):
    """The problems of a refused (or pre-checked) file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summaryLabel = QLabel(self)
        self.summaryLabel.setObjectName("reportSummaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.exportButton = QPushButton(
            QCoreApplication.translate("ExchangePages", "导出报告…"), self
        )
        self.exportButton.setObjectName("exportReportButton")
        top.addWidget(self.summaryLabel, 1)
        top.addWidget(self.exportButton)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("reportTable")
        self.table.setHorizontalHeaderLabels(headers())
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)  # the 行 column numbers the rows
        compact_rows(self.table)
        layout.addWidget(self.table, 1)
        self.exportButton.clicked.connect(self._on_export_button_clicked)
        self.set_report(None)

    def set_report(self, report: dict[str, Any] | None) -> None:
        self.rows = report_rows(report) if report else []
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if report:
            text = (
                QCoreApplication.translate("ExchangePages", "检查了 %1 行，发现 %2 个问题。")
                .replace("%1", str(report.get("rows_checked", 0)))
                .replace("%2", str(report.get("problem_count", len(self.rows))))
            )
            if report.get("truncated"):
                text += QCoreApplication.translate("ExchangePages", "（仅列出前 %1 个）").replace(
                    "%1", str(len(self.rows))
                )
            self.summaryLabel.setText(text)
        self.setVisible(bool(report))

    def export_to(self, path: Path) -> int:
        """Write the report to `path` (.csv or .xlsx); the rows written."""
        return files.write_table(path, headers(), self.rows)

    def _on_export_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExchangePages", "导出报告"),
            "report.xlsx",
            QCoreApplication.translate("ExchangePages", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if not name:
            return
        try:
            count = self.export_to(Path(name))
        except OSError as exc:
            self.summaryLabel.setText(error_text(exc))
            return
        self.summaryLabel.setText(
            QCoreApplication.translate("ExchangePages", "已导出 %1 行到 %2")
            .replace("%1", str(count))
            .replace("%2", name)
        )
