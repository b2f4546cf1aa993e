"""A print preview of a PDF built on this computer: the pages in QtPdf's view with page
navigation and zoom, 打印… (QPrintDialog; pages rendered by QtPdf onto the printer in the
background, with progress and 取消) and 另存为PDF…. The assessment report's preview
(assessment/report_preview.py) and the printed forms (申请表, 目录登记表) use it:

    preview = open_pdf_preview(parent, build, title="申请表 #12", file_name="申请表-12.pdf")

`build()` runs off the UI thread. Texts: context "ReportPreview" (the report's preview came
first; its translations serve every preview).

`PdfPages` is the pages part alone (the view, page navigation, zoom) over a form's tool bar; the
preview shows its PDF with it, and so does the agreement viewer (agreements/viewer.py) beside its
signatures. `ask_printer` is the print dialog both open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QVBoxLayout, QWidget

from govshare_desktop.common.pdf_printing import PrintError, print_pdf_bytes
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import Form, load_form
from govshare_desktop.i18n import module_tr
from govshare_desktop.tasks import Task, run_in_background

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0)
_OPEN: set[PdfPreview] = set()
"""Previews opened without a parent, kept alive until closed."""


def tr(text: str) -> str:
    return module_tr("ReportPreview", text)


def keep_open(preview: PdfPreview, parent: QWidget | None) -> None:
    """Show `preview` sized for the screen, deleted on close (kept alive without a parent)."""
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _OPEN.add(preview)
        preview.destroyed.connect(lambda *_: _OPEN.discard(preview))
    fit_to_screen(preview, PdfPreview.PREFERRED_SIZE, parent=parent)
    preview.show()


def open_pdf_preview(
    parent: QWidget | None, build: Callable[[], bytes], *, title: str, file_name: str
) -> PdfPreview:
    """Open a preview window and build its PDF in the background (`build()`)."""
    preview = PdfPreview(parent=parent)
    keep_open(preview, parent)
    preview.show_built(build, title=title, file_name=file_name)
    return preview


def open_previews() -> list[PdfPreview]:
    """The previews open without a parent (tests; the shell's window list)."""
    return list(_OPEN)


def ask_printer(parent: QWidget, doc_name: str, pages: int) -> QPrinter | None:
    """The print dialog for a document of `pages` pages named `doc_name`: the printer (and its
    page range) chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(pages, 1))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


class PdfPages(QObject):
    """A PDF's pages in a QPdfView (in the form's `pdfHost`), driven by the form's tool bar:
    prevPageButton, pageSpin, pageCountLabel, nextPageButton, zoomOutButton, zoomLabel,
    zoomInButton, fitWidthButton and, where the form has one, fitPageButton. Ctrl++ / Ctrl+-
    zoom, PgUp / PgDown turn the page (shortcuts of `owner`, in `shortcut_context`).

    `fit_text` is what the zoom label says while the page fits the view.
    """

    def __init__(
        self,
        ui: Form,
        owner: QWidget,
        *,
        fit_text: str,
        shortcut_context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> None:
        super().__init__(owner)
        self.ui = ui
        self.fit_text = fit_text
        self.fit_page_button = ui.widget.findChild(QAbstractButton, "fitPageButton")
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(owner)
        self.view = QPdfView(ui.pdfHost)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        host_layout = ui.pdfHost.layout() or QVBoxLayout(ui.pdfHost)
        host_layout.addWidget(self.view)
        ui.fitWidthButton.setChecked(True)
        self._connect(owner, shortcut_context)

    def _connect(self, owner: QWidget, context: Qt.ShortcutContext) -> None:
        ui = self.ui
        ui.prevPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        ui.nextPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        ui.pageSpin.valueChanged.connect(self._on_page_spin_value_changed)
        ui.zoomInButton.clicked.connect(lambda: self.zoom_step(+1))
        ui.zoomOutButton.clicked.connect(lambda: self.zoom_step(-1))
        ui.fitWidthButton.toggled.connect(self._on_fit_width_button_toggled)
        if self.fit_page_button is not None:
            self.fit_page_button.toggled.connect(self._on_fit_page_button_toggled)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.view.zoomFactorChanged.connect(self.show_zoom)
        self.document.statusChanged.connect(self._on_document_status_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_step(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_step(-1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to_page(self.current_page() - 1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to_page(self.current_page() + 1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def load(self, pdf: bytes) -> None:
        """Show `pdf` (its bytes) from its first page."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._show_pages()

    def _on_document_status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self._show_pages()

    def _show_pages(self) -> None:
        count = max(self.page_count(), 1)
        self.ui.pageSpin.blockSignals(True)
        self.ui.pageSpin.setMaximum(count)
        self.ui.pageSpin.setValue(1)
        self.ui.pageSpin.blockSignals(False)
        self.ui.pageCountLabel.setText(f"/ {count}")
        self._on_navigator_page_changed(self.current_page())
        self.show_zoom()

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
        self.show_zoom()

    def _set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        for button, its_mode in (
            (self.ui.fitWidthButton, QPdfView.ZoomMode.FitToWidth),
            (self.fit_page_button, QPdfView.ZoomMode.FitInView),
        ):
            if button is not None:
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
        self.show_zoom()

    def show_zoom(self, *_args: object) -> None:
        mode = self.view.zoomMode()
        if mode in (QPdfView.ZoomMode.FitToWidth, QPdfView.ZoomMode.FitInView):
            self.ui.zoomLabel.setText(self.fit_text)
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


class PdfPagesMixin:
    """The page and zoom methods of a widget that shows its PDF with `self.pages` (PdfPages)."""

    pages: PdfPages

    def page_count(self) -> int:
        return self.pages.page_count()

    def current_page(self) -> int:
        return self.pages.current_page()

    def go_to_page(self, page: int) -> None:
        self.pages.go_to_page(page)

    def zoom_step(self, direction: int) -> None:
        """One step bigger (+1) or smaller (-1) from the current zoom."""
        self.pages.zoom_step(direction)


class PdfPreview(PdfPagesMixin, QDialog):
    """A PDF's pages, with 打印… and 另存为PDF….

    Signals:
        ready(int): the whole document is shown; its page count.
        failed(str): building the document failed; the message shown.
        printed(int): printing finished; the pages sent to the printer.
    """

    ready = Signal(int)
    failed = Signal(str)
    printed = Signal(int)

    PREFERRED_SIZE = QSize(1000, 720)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ui = load_form("report_preview.ui", self)
        self.pdf = b""  # the whole document, once built
        self.file_name = "document.pdf"
        self._generation = 0
        self._print_task: Task | None = None
        self._printer: QPrinter | None = None
        self.pages = PdfPages(self.ui, self, fit_text=tr("自动"))
        self.document = self.pages.document
        self.view = self.pages.view
        self._connect()
        self._set_complete(False)
        self._show_printing(False)

    def _connect(self) -> None:
        ui = self.ui
        ui.saveButton.clicked.connect(self._on_save_button_clicked)
        ui.printButton.clicked.connect(self._on_print_button_clicked)
        ui.cancelButton.clicked.connect(self._on_cancel_button_clicked)
        ui.closeButton.clicked.connect(self.close)

    # --- building ----------------------------------------------------------------------------

    def show_built(self, build: Callable[[], bytes], *, title: str, file_name: str) -> None:
        """Build the PDF in the background with `build()` and show it."""
        self.pdf, self.file_name = b"", file_name
        self._generation += 1
        generation = self._generation
        self.ui.titleLabel.setText(title)
        self.setWindowTitle(tr("打印预览 - %1").replace("%1", title))
        self._set_complete(False)
        self._busy(tr("正在生成…"))

        def op(_task: Task) -> tuple[int, bytes]:
            return generation, build()

        run_in_background(op, success=self._on_built, failure=self._on_build_failed)

    def _on_built(self, result: tuple[int, bytes]) -> None:
        generation, pdf = result
        if generation == self._generation:
            self.show_complete(pdf)

    def show_complete(self, pdf: bytes) -> None:
        """The whole document is built: show it (on the page shown so far), enable 打印/保存."""
        page = self.current_page()
        self.pdf = pdf
        self._load(pdf)
        self.go_to_page(min(page, self.page_count() - 1))
        self._set_complete(True)
        self._idle(tr("共 %1 页。").replace("%1", str(self.page_count())))
        self.ready.emit(self.page_count())

    def _on_build_failed(self, exc: Exception) -> None:
        self.show_failure(tr("生成失败：%1").replace("%1", str(exc) or type(exc).__name__))

    def show_failure(self, text: str) -> None:
        self._idle(text)
        self.failed.emit(text)

    def _load(self, pdf: bytes) -> None:
        self.pages.load(pdf)

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

    # --- save and print ----------------------------------------------------------------------

    def suggested_name(self) -> str:
        return self.file_name

    def save_to(self, path: Path) -> None:
        """Write the whole report's PDF to `path`."""
        path.write_bytes(self.pdf)

    def _on_save_button_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("另存为PDF"), self.suggested_name(), tr("PDF 文件 (*.pdf)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            self.save_to(path)
        except OSError as exc:
            self._idle(tr("保存失败：%1").replace("%1", str(exc)))
        else:
            self._idle(tr("已保存到 %1").replace("%1", str(path)))

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
        printer = ask_printer(self, self.suggested_name(), self.page_count())
        if printer is not None:
            self.print_to(printer)

    def _on_print_progress(self, percent: int, text: str) -> None:
        self.ui.progressBar.setRange(0, 100)
        self.ui.progressBar.setValue(percent)
        self.ui.statusLabel.setText(tr("正在打印第 %1 页…").replace("%1", text))

    def _on_print_finished(self, pages: int) -> None:
        self._show_printing(False)
        self._idle(tr("已发送 %1 页到打印机。").replace("%1", str(pages)))
        self.printed.emit(pages)

    def _on_print_failed(self, exc: Exception) -> None:
        self._show_printing(False)
        reason = tr("无法启动打印机。") if isinstance(exc, PrintError) else str(exc)
        self._idle(tr("打印失败：%1").replace("%1", reason))

    def _on_cancel_button_clicked(self) -> None:
        if self._print_task is not None:
            self._print_task.cancel()
        self._show_printing(False)
        self._idle(tr("已取消打印。"))

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
