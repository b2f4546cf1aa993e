"""The print preview of an assessment report: the PDF built off the UI thread (report_pdf), shown
in QtPdf's view with page navigation and zoom, then 打印… (QPrintDialog; pages rendered by
QtPdf onto the printer in the background, with progress and 取消) and 另存为PDF….

    open_report_preview(parent, report)                    # the whole round (supervisor)
    open_report_preview(parent, report, department_id=12)  # one department's result (its staff)

The report's first page (the cover, built alone in a few tens of milliseconds) shows at once;
the whole document replaces it when it is built, and printing and saving wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout, QWidget

from govshare_core.assessment_schemas import RoundReportOut
from govshare_desktop.assessment.report_pdf import (
    ReportError,
    build_cover,
    build_round_report,
    report_file_name,
)
from govshare_desktop.common.pdf_printing import PrintError, print_pdf_bytes
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.i18n import english
from govshare_desktop.tasks import Task, run_in_background

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0)
_OPEN: set[ReportPreview] = set()
"""Previews opened without a parent, kept alive until closed."""


def open_report_preview(
    parent: QWidget | None, report: RoundReportOut, *, department_id: int | None = None
) -> None:
    """Open a preview window of the report (whole round, or one department's result) and start
    building the PDF in the background; the window closes itself and is deleted on close."""
    preview = ReportPreview(parent=parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _OPEN.add(preview)
        preview.destroyed.connect(lambda *_: _OPEN.discard(preview))
    fit_to_screen(preview, ReportPreview.PREFERRED_SIZE, parent=parent)
    preview.show()
    preview.show_report(report, department_id=department_id)


def open_previews() -> list[ReportPreview]:
    """The previews open without a parent (tests; the shell's window list)."""
    return list(_OPEN)


class ReportPreview(QDialog):
    """A report's pages, with 打印… and 另存为PDF….

    Signals:
        first_page_shown(): the report's first page is in the view.
        ready(int): the whole report is shown; its page count.
        failed(str): building the report failed; the message shown.
        printed(int): printing finished; the pages sent to the printer.
    """

    first_page_shown = Signal()
    ready = Signal(int)
    failed = Signal(str)
    printed = Signal(int)

    PREFERRED_SIZE = QSize(1000, 720)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ui = load_form("report_preview.ui", self)
        self.report: RoundReportOut | None = None
        self.department_id: int | None = None
        self.pdf = b""  # the whole report, once built
        self.lang = "zh"  # the report's language: the UI's
        self._generation = 0
        self._buffer: QBuffer | None = None
        self._print_task: Task | None = None
        self._printer: QPrinter | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self.ui.pdfHost)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        host_layout = self.ui.pdfHost.layout() or QVBoxLayout(self.ui.pdfHost)
        host_layout.addWidget(self.view)
        self.ui.fitWidthButton.setChecked(True)
        self._connect()
        self._set_complete(False)
        self._show_printing(False)

    def _connect(self) -> None:
        ui = self.ui
        ui.prevPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        ui.nextPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        ui.pageSpin.valueChanged.connect(self._on_page_spin_value_changed)
        ui.zoomInButton.clicked.connect(lambda: self.zoom_step(+1))
        ui.zoomOutButton.clicked.connect(lambda: self.zoom_step(-1))
        ui.fitWidthButton.toggled.connect(self._on_fit_width_button_toggled)
        ui.fitPageButton.toggled.connect(self._on_fit_page_button_toggled)
        ui.saveButton.clicked.connect(self._on_save_button_clicked)
        ui.printButton.clicked.connect(self._on_print_button_clicked)
        ui.cancelButton.clicked.connect(self._on_cancel_button_clicked)
        ui.closeButton.clicked.connect(self.close)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_step(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_step(-1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to_page(self.current_page() - 1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to_page(self.current_page() + 1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    # --- building ----------------------------------------------------------------------------

    def show_report(self, report: RoundReportOut, *, department_id: int | None = None) -> None:
        """Build the report's PDF in the background: its first page first, then the whole."""
        self.report, self.department_id = report, department_id
        self.lang = "en" if english() else "zh"
        self.pdf = b""
        self._generation += 1
        generation = self._generation
        self.ui.titleLabel.setText(self._title())
        self.setWindowTitle(self.tr("报告预览 - %1").replace("%1", self._title()))
        self._set_complete(False)
        self._busy(self.tr("正在生成报告…"))

        lang = self.lang

        def op(_task: Task) -> tuple[int, bytes]:
            return generation, build_cover(report, department_id=department_id, lang=lang)

        run_in_background(op, success=self._on_cover_built, failure=self._on_build_failed)

    def _on_cover_built(self, result: tuple[int, bytes]) -> None:
        generation, cover = result
        if generation != self._generation or self.report is None:
            return
        if not self.pdf:
            self._load(cover)
            self.first_page_shown.emit()
        report, department_id, lang = self.report, self.department_id, self.lang
        count = len(report.scorecards) if department_id is None else 1
        self._busy(self.tr("已显示封面，正在生成其余页面（%1 个部门）…").replace("%1", str(count)))

        def op(_task: Task) -> tuple[int, bytes]:
            return generation, build_round_report(report, department_id=department_id, lang=lang)

        run_in_background(op, success=self._on_report_built, failure=self._on_build_failed)

    def _on_report_built(self, result: tuple[int, bytes]) -> None:
        generation, pdf = result
        if generation != self._generation:
            return
        page = self.current_page()
        self.pdf = pdf
        self._load(pdf)
        self.go_to_page(min(page, self.page_count() - 1))
        self._set_complete(True)
        self._idle(self.tr("共 %1 页。").replace("%1", str(self.page_count())))
        self.ready.emit(self.page_count())

    def _on_build_failed(self, exc: Exception) -> None:
        if isinstance(exc, ReportError):
            text = self.tr("报告中没有该部门的评估结果。")
        else:
            text = self.tr("生成报告失败：%1").replace("%1", str(exc) or type(exc).__name__)
        self._idle(text)
        self.failed.emit(text)

    def _load(self, pdf: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        count = max(self.page_count(), 1)
        self.ui.pageSpin.blockSignals(True)
        self.ui.pageSpin.setMaximum(count)
        self.ui.pageSpin.setValue(1)
        self.ui.pageSpin.blockSignals(False)
        self.ui.pageCountLabel.setText(f"/ {count}")
        self._on_navigator_page_changed(self.current_page())
        self._show_zoom()

    def _title(self) -> str:
        if self.report is None:
            return ""
        r = self.report.round
        status = r.status.label_en if self.lang == "en" else r.status.label_zh
        parts = [self.tr("考核评估报告"), r.period_label, status]
        if self.department_id is not None:
            for card in self.report.scorecards:
                if card.result.department_id == self.department_id:
                    parts.insert(1, card.result.department_name)
        return " · ".join(parts)

    def _set_complete(self, complete: bool) -> None:
        self.ui.printButton.setEnabled(complete)
        self.ui.saveButton.setEnabled(complete)

    def _busy(self, text: str) -> None:
        self.ui.statusLabel.setText(text)
        self.ui.progressBar.setRange(0, 0)
        self.ui.progressBar.show()

    def _idle(self, text: str) -> None:
        self.ui.statusLabel.setText(text)
        self.ui.progressBar.hide()

    # --- pages and zoom ----------------------------------------------------------------------

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())

    def zoom_step(self, direction: int) -> None:
        """One step bigger (+1) or smaller (-1) from the current zoom."""
        current = self.view.zoomFactor()
        if direction > 0:
            factor = next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1])
        else:
            factor = next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01), ZOOM_STEPS[0])
        self._set_zoom_mode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_zoom()

    def _set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        for button, its_mode in (
            (self.ui.fitWidthButton, QPdfView.ZoomMode.FitToWidth),
            (self.ui.fitPageButton, QPdfView.ZoomMode.FitInView),
        ):
            button.blockSignals(True)
            button.setChecked(mode == its_mode)
            button.blockSignals(False)
        self.view.setZoomMode(mode)

    def _on_fit_width_button_toggled(self, on: bool) -> None:
        self._fit_toggled(on, QPdfView.ZoomMode.FitToWidth)

    def _on_fit_page_button_toggled(self, on: bool) -> None:
        self._fit_toggled(on, QPdfView.ZoomMode.FitInView)

    def _fit_toggled(self, on: bool, mode: QPdfView.ZoomMode) -> None:
        if on:
            self._set_zoom_mode(mode)
        elif self.view.zoomMode() == mode:
            self._set_zoom_mode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(1.0)
        self._show_zoom()

    def _show_zoom(self, *_args: object) -> None:
        mode = self.view.zoomMode()
        if mode in (QPdfView.ZoomMode.FitToWidth, QPdfView.ZoomMode.FitInView):
            self.ui.zoomLabel.setText(self.tr("自动"))
        else:
            self.ui.zoomLabel.setText(f"{round(self.view.zoomFactor() * 100)}%")

    def _on_page_spin_value_changed(self, value: int) -> None:
        if value - 1 != self.current_page():
            self.go_to_page(value - 1)

    def _on_navigator_page_changed(self, page: int) -> None:
        self.ui.pageSpin.blockSignals(True)
        self.ui.pageSpin.setValue(page + 1)
        self.ui.pageSpin.blockSignals(False)
        self.ui.prevPageButton.setEnabled(page > 0)
        self.ui.nextPageButton.setEnabled(page + 1 < self.page_count())

    # --- save and print ----------------------------------------------------------------------

    def suggested_name(self) -> str:
        if self.report is None:
            return "report.pdf"
        try:
            return report_file_name(self.report, self.department_id, lang=self.lang)
        except ReportError:
            return "report.pdf"

    def save_to(self, path: Path) -> None:
        """Write the whole report's PDF to `path`."""
        path.write_bytes(self.pdf)

    def _on_save_button_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为PDF"), self.suggested_name(), self.tr("PDF 文件 (*.pdf)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            self.save_to(path)
        except OSError as exc:
            self._idle(self.tr("保存失败：%1").replace("%1", str(exc)))
        else:
            self._idle(self.tr("已保存到 %1").replace("%1", str(path)))

    def print_to(self, printer: QPrinter) -> None:
        """Print the whole report on `printer` in the background (`printed` tells the end)."""
        if not self.pdf or self._print_task is not None:
            return
        pdf, self._printer = self.pdf, printer

        def op(task: Task) -> int:
            def progress(done: int, total: int) -> None:
                task.report(round(100 * done / total), f"{done}/{total}")

            return print_pdf_bytes(
                pdf, printer, progress=progress, cancelled=lambda: task.cancelled
            )

        self._show_printing(True)
        self._print_task = run_in_background(
            op,
            success=self._on_print_finished,
            failure=self._on_print_failed,
            progress=self._on_print_progress,
        )

    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _on_print_progress(self, percent: int, text: str) -> None:
        self.ui.progressBar.setRange(0, 100)
        self.ui.progressBar.setValue(percent)
        self.ui.statusLabel.setText(self.tr("正在打印第 %1 页…").replace("%1", text))

    def _on_print_finished(self, pages: int) -> None:
        self._show_printing(False)
        self._idle(self.tr("已发送 %1 页到打印机。").replace("%1", str(pages)))
        self.printed.emit(pages)

    def _on_print_failed(self, exc: Exception) -> None:
        self._show_printing(False)
        reason = self.tr("无法启动打印机。") if isinstance(exc, PrintError) else str(exc)
        self._idle(self.tr("打印失败：%1").replace("%1", reason))

    def _on_cancel_button_clicked(self) -> None:
        if self._print_task is not None:
            self._print_task.cancel()
        self._show_printing(False)
        self._idle(self.tr("已取消打印。"))

    def _show_printing(self, printing: bool) -> None:
        if not printing:
            self._print_task, self._printer = None, None
        self.ui.cancelButton.setVisible(printing)
        self.ui.printButton.setEnabled(not printing and bool(self.pdf))
        if printing:
            self.ui.progressBar.setRange(0, 100)
            self.ui.progressBar.setValue(0)
            self.ui.progressBar.show()

    def closeEvent(self, event: Any) -> None:
        self._generation += 1  # results still coming are dropped
        if self._print_task is not None:
            self._print_task.cancel()
        super().closeEvent(event)
