"""我的目录's 导入/导出 button (docs/user-guide.md 导入导出): export the department's catalog to
an Excel workbook, download the empty template, import an edited workbook (preview, then
confirm). File dialogs here; the work in the background (`context.run`), the logic in
`workbook_io`, the preview in `import_dialog`."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QPushButton, QWidget

from govshare_core import clock
from govshare_core.spreadsheet import WorkbookRefused
from govshare_desktop import i18n
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import workbook_io
from govshare_desktop.catalog.import_dialog import ImportPreviewDialog
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, show_outcome
from govshare_desktop.context import AppContext
from govshare_desktop.tasks import Task

XLSX_FILTER = "Excel (*.xlsx)"


class WorkbookActions(QObject):
    """The button with its menu, and what its entries do. `finished(text)` after each job."""

    finished = Signal(str)

    def __init__(self, *, context: AppContext, status: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.status = status
        self.page = parent
        self.dialog: ImportPreviewDialog | None = None
        self.button = QPushButton(parent)
        self.button.setObjectName("workbookButton")
        self.button.setText(self.tr("导入/导出"))
        self.button.setToolTip(self.tr("按国家政务信息资源目录模板导出或导入本部门目录（Excel）"))
        menu = QMenu(self.button)
        self.export_action = menu.addAction(self.tr("导出本部门目录…"), self._ask_export)
        self.template_action = menu.addAction(self.tr("下载空白模板…"), self._ask_template)
        menu.addSeparator()
        self.import_action = menu.addAction(self.tr("从工作簿导入…"), self._ask_import)
        self.button.setMenu(menu)

    # --- menu entries (file dialogs) -----------------------------------------------------------

    def _save_path(self, title: str, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.page, title, name, XLSX_FILTER)
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def _ask_export(self) -> None:
        name = self.tr("政务信息资源目录_%1.xlsx").replace("%1", clock.today().strftime("%Y%m%d"))
        if path := self._save_path(self.tr("导出本部门目录"), name):
            self.export_to(path)

    def _ask_template(self) -> None:
        if path := self._save_path(self.tr("下载空白模板"), self.tr("政务信息资源目录模板.xlsx")):
            self.template_to(path)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.page, self.tr("从工作簿导入"), "", XLSX_FILTER)
        if path:
            self.import_from(path)

    # --- the jobs --------------------------------------------------------------------------------

    def _show(self, text: str, kind: str) -> None:
        show_outcome(self.status, text, kind)
        self.finished.emit(text)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, WorkbookRefused):
            text = exc.message_en if i18n.english() else exc.message_zh
        elif isinstance(exc, ApiError):
            text = exc.message()
        else:
            text = str(exc)
        self._show(self.tr("操作未完成：%1").replace("%1", text), ERROR)

    def export_to(self, path: str | os.PathLike[str]) -> Task:
        show_outcome(self.status, self.tr("正在导出…"), QUEUED)

        def done(count: int) -> None:
            text = self.tr("已导出 %1 条目录到 %2").replace("%1", str(count))
            self._show(text.replace("%2", os.fspath(path)), OK)

        return self.context.run(
            lambda task: workbook_io.export_catalog(self.context.client, path, task),
            success=done,
            failure=self._failed,
        )

    def template_to(self, path: str | os.PathLike[str]) -> Task:
        def done(_: Any) -> None:
            self._show(self.tr("空白模板已保存到 %1").replace("%1", os.fspath(path)), OK)

        return self.context.run(
            lambda _task: workbook_io.write_template(path), success=done, failure=self._failed
        )

    def import_from(self, path: str | os.PathLike[str]) -> Task:
        """Read and preview in the background, then open the preview dialog."""
        show_outcome(self.status, self.tr("正在读取工作簿并核对…"), QUEUED)
        return self.context.run(
            lambda task: workbook_io.preview_workbook(self.context.client, path, task),
            success=self._open_preview,
            failure=self._failed,
        )

    def _open_preview(self, preview: workbook_io.ImportPreview) -> None:
        self.status.setVisible(False)
        dialog = ImportPreviewDialog(context=self.context, preview=preview, parent=self.page)
        self.dialog = dialog
        dialog.open()
        self.finished.emit("preview")
