"""导入预览: what importing a catalog workbook would do, row by row — 新增, 修改 (with the field
diff), 报送变更 (key elements of a published entry, 第十七条), 无变化, or 拒绝 with the sheet, row,
column and reason — and the confirm that applies it: one outbox action through the session's
sync engine (sent now, or kept and sent when the platform is reachable; the idempotency key
makes a retry harmless). All rows or none: a workbook with a refused row cannot be confirmed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govshare_core.catalog_import import ImportAction
from govshare_desktop import i18n
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog.workbook_io import (
    ImportPreview,
    PreviewLine,
    apply_action,
    refused_lines,
)
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

_COLOURS = {
    ImportAction.CREATE: "#e8f5e9",
    ImportAction.UPDATE: "#e3f2fd",
    ImportAction.CHANGE_REPORT: "#fff8e1",
    ImportAction.REFUSED: "#ffebee",
}


def action_label(action: ImportAction) -> str:
    return action.label_en if i18n.english() else action.label_zh


class ImportPreviewDialog(QDialog):
    """The preview table and 确认导入; `applied(result)` once the platform has applied it."""

    applied = Signal(dict)

    COLUMNS = 5

    def __init__(
        self, *, context: AppContext, preview: ImportPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = preview
        self.setWindowTitle(self.tr("导入预览"))
        self.setObjectName("importPreviewDialog")
        self.summaryLabel = QLabel(self)
        self.summaryLabel.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("previewTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("工作表"),
                self.tr("行"),
                self.tr("信息资源名称"),
                self.tr("操作"),
                self.tr("变更内容或拒绝原因"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((70, 50, 200, 80)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.outcomeLabel = QLabel(self)
        clear_outcome(self.outcomeLabel)
        self.confirmButton = QPushButton(self.tr("确认导入"), self)
        self.confirmButton.setObjectName("confirmButton")
        self.closeButton = QPushButton(self.tr("取消"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirmButton)
        buttons.addWidget(self.closeButton)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summaryLabel)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcomeLabel)
        layout.addLayout(buttons)
        self.confirmButton.clicked.connect(self.confirm)
        self.closeButton.clicked.connect(self.reject)
        self.show_lines(preview.lines)
        self._summarise()
        fit_to_screen(self, QSize(1000, 600), parent=parent)

    # --- display -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # wrapped details need the final column widths

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def show_lines(self, lines: list[PreviewLine]) -> None:
        self.table.setRowCount(len(lines))
        for index, line in enumerate(lines):
            cells = [
                line.sheet,
                str(line.row) if line.row is not None else "",
                line.name,
                action_label(line.action),
                "\n".join(line.details),
            ]
            colour = _COLOURS.get(line.action)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()

    def _summarise(self) -> None:
        p = self.preview
        text = (
            self.tr("新增 %1 条，修改 %2 条，报送变更 %3 条，无变化 %4 条，拒绝 %5 条。")
            .replace("%1", str(p.count(ImportAction.CREATE)))
            .replace("%2", str(p.count(ImportAction.UPDATE)))
            .replace("%3", str(p.count(ImportAction.CHANGE_REPORT)))
            .replace("%4", str(p.count(ImportAction.UNCHANGED)))
            .replace("%5", str(p.refused))
        )
        if p.refused:
            text += self.tr("存在被拒绝的行：请按“变更内容或拒绝原因”修改工作簿后重新导入。")
            text += self.tr("导入要么全部执行，要么全部不执行。")
        elif not p.changes:
            text += self.tr("工作簿与平台上的目录一致，没有需要导入的内容。")
        else:
            text += self.tr("新增的目录保存为草稿；")
            text += self.tr("已发布目录的关键要素（★）将报送变更，由平台审核后生效（第十七条）。")
        self.summaryLabel.setText(text)
        self.confirmButton.setEnabled(p.can_apply)

    def rows_text(self) -> list[list[str]]:
        """The table's texts (tests and the screenshot read it)."""
        rows = []
        for r in range(self.table.rowCount()):
            cells = (self.table.item(r, c) for c in range(self.COLUMNS))
            rows.append([cell.text() if cell is not None else "" for cell in cells])
        return rows

    # --- applying ------------------------------------------------------------------------------

    def confirm(self) -> None:
        """确认导入: one action through the sync engine (all rows or none)."""
        if not self.preview.can_apply:
            return
        self.confirmButton.setEnabled(False)
        show_outcome(self.outcomeLabel, self.tr("正在导入…"), QUEUED)
        label = self.tr("导入目录工作簿（%1 条）").replace("%1", str(self.preview.changes))
        self.context.sync.submit(apply_action(self.preview, label), done=self._on_done)

    def _on_done(self, outcome: Outcome) -> None:
        if outcome.status == OutcomeStatus.SENT:
            result: dict[str, Any] = outcome.result or {}
            text = (
                self.tr("已导入：新增 %1 条草稿，修改 %2 条，报送变更 %3 条。")
                .replace("%1", str(len(result.get("created") or [])))
                .replace("%2", str(len(result.get("updated") or [])))
                .replace("%3", str(len(result.get("change_reports") or [])))
            )
            show_outcome(self.outcomeLabel, text, OK)
            self._done()
            self.applied.emit(result)
        elif outcome.status == OutcomeStatus.QUEUED:
            show_outcome(
                self.outcomeLabel,
                self.tr("共享平台暂时无法连接：导入已保存，联网后自动发送。"),
                QUEUED,
            )
            self._done()
        else:
            self._on_refused(outcome)

    def _on_refused(self, outcome: Outcome) -> None:
        error = outcome.error
        if isinstance(error, ApiError) and error.body.get("rows"):
            self.show_lines(refused_lines(error.body))
        message = outcome.message or (error.message() if isinstance(error, ApiError) else "")
        show_outcome(
            self.outcomeLabel,
            self.tr("导入未执行（没有任何目录被修改）：%1").replace("%1", message),
            ERROR,
        )
        self._done()

    def _done(self) -> None:
        self.confirmButton.setEnabled(False)
        self.closeButton.setText(self.tr("关闭"))
