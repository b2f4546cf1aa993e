"""The agreement viewer: the PDF (QPdfView over a QPdfDocument loaded from the bytes) with page
navigation and zoom, beside it the agreement's facts, the signatures panel and the action
buttons; 另存为 and 打印. It also shows any PDF from disk (验证文件…), without actions.

The signatures are checked on this computer (signing.verify.inspect_pdf, in the background,
against the platform CA); until that finishes the panel shows the platform's record.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from govshare_desktop.agreements import presenter
from govshare_desktop.agreements.signatures_panel import SignaturesPanel
from govshare_desktop.common.pdf_printing import PrintError, print_document
from govshare_desktop.common.uiload import load_form
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.verify import SignatureCheck, inspect_pdf
from govshare_desktop.tasks import Task, run_in_background

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0)


class AgreementViewer(QWidget):
    """The PDF with its signatures; the page wires the action buttons (`ui.signButton`, ...).

    Signals:
        back_requested(): 返回列表 (or Esc).
        checked(object): this computer's check of the shown PDF finished (list of
            SignatureCheck), or failed (a SigningError).
    """

    back_requested = Signal()
    checked = Signal(object)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementViewer")
        self.ui = load_form("agreement_viewer.ui", self)
        self.agreement: dict[str, Any] | None = None
        self.pdf = b""
        self.file_name = ""
        self.checks: list[SignatureCheck] | None = None
        self._generation = 0
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self.ui.pdfHost)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.ui.pdfHost.layout().addWidget(self.view)
        self.ui.fitWidthButton.setChecked(True)
        self.panel = SignaturesPanel(
            verdict_label=self.ui.verdictLabel, host=self.ui.signaturesHost
        )
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 0)
        self.ui.splitter.setSizes([720, 340])
        self._connect()
        self.show_actions(set())

    def _connect(self) -> None:
        ui = self.ui
        ui.backButton.clicked.connect(self.back_requested)
        ui.prevPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        ui.nextPageButton.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        ui.pageSpin.valueChanged.connect(self._on_page_spin_value_changed)
        ui.zoomInButton.clicked.connect(lambda: self.zoom_step(+1))
        ui.zoomOutButton.clicked.connect(lambda: self.zoom_step(-1))
        ui.fitWidthButton.toggled.connect(self._on_fit_width_button_toggled)
        ui.saveButton.clicked.connect(self._on_save_button_clicked)
        ui.printButton.clicked.connect(self._on_print_button_clicked)
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.document.statusChanged.connect(self._on_document_status_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_step(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_step(-1)),
            (QKeySequence(Qt.Key.Key_Escape), self.back_requested.emit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- what is shown -----------------------------------------------------------------------

    def show_agreement(
        self, agreement: Mapping[str, Any], pdf: bytes, ca_pem: bytes | None
    ) -> None:
        """An agreement of the platform: its facts, the PDF, the signatures (checked here)."""
        self.agreement = dict(agreement)
        self.file_name = ""
        self.ui.titleLabel.setText(presenter.agreement_title(agreement))
        self.ui.summaryLabel.setText(presenter.summary_html(agreement))
        self.ui.summaryLabel.show()
        self.ui.backButton.setText(self.tr("返回列表"))
        self._load(pdf, ca_pem)

    def update_agreement(self, agreement: Mapping[str, Any]) -> None:
        """The platform's newer record of the same revision (e.g. after a refused action)."""
        self.agreement = dict(agreement)
        self.ui.summaryLabel.setText(presenter.summary_html(agreement))
        self._show_rows()

    def show_file(self, name: str, pdf: bytes, ca_pem: bytes | None) -> None:
        """A PDF from disk (验证文件…): its pages and what its signatures say; no actions."""
        self.agreement = None
        self.file_name = name
        self.ui.titleLabel.setText(self.tr("验证文件：%1").replace("%1", name))
        self.ui.summaryLabel.hide()
        self.show_actions(set())
        self.ui.noteLabel.setText(
            self.tr("签名按共享平台的根证书验证；有效表示签署后文件未被改动、证书由平台签发。")
        )
        self._load(pdf, ca_pem)

    def show_actions(self, actions: set[str]) -> None:
        """Show the buttons named ("sign", "platform_sign", "decline", "setup_key")."""
        ui = self.ui
        ui.signButton.setVisible("sign" in actions)
        ui.platformSignButton.setVisible("platform_sign" in actions)
        ui.declineButton.setVisible("decline" in actions)
        ui.setupKeyButton.setVisible("setup_key" in actions)

    def _load(self, pdf: bytes, ca_pem: bytes | None) -> None:
        self.pdf = pdf
        self.checks = None
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._show_rows()
        self._check(pdf, ca_pem)

    def _check(self, pdf: bytes, ca_pem: bytes | None) -> None:
        self._generation += 1
        generation = self._generation

        def op(_task: Task) -> list[SignatureCheck]:
            return inspect_pdf(pdf, ca_pem)

        def done(checks: list[SignatureCheck]) -> None:
            if generation == self._generation:
                self.checks = checks
                self._show_rows()
                self.checked.emit(checks)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self.checks = []
                text = exc.message_zh if isinstance(exc, SigningError) else str(exc)
                self.panel.show_error(text)
                self.checked.emit(exc)

        run_in_background(op, success=done, failure=failed)

    def _show_rows(self) -> None:
        if self.agreement is not None:
            rows = presenter.agreement_rows(self.agreement, self.checks)
        else:
            rows = presenter.file_rows(self.checks or [])
        self.panel.show_rows(rows, checked=self.checks is not None)

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
        self.ui.fitWidthButton.setChecked(False)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def _on_fit_width_button_toggled(self, on: bool) -> None:
        if on:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(1.0)
        self._show_zoom()

    def _show_zoom(self, *_args: object) -> None:
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self.ui.zoomLabel.setText(self.tr("自适应"))
        else:
            self.ui.zoomLabel.setText(f"{round(self.view.zoomFactor() * 100)}%")

    def _on_document_status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            count = max(self.page_count(), 1)
            self.ui.pageSpin.blockSignals(True)
            self.ui.pageSpin.setMaximum(count)
            self.ui.pageSpin.setValue(1)
            self.ui.pageSpin.blockSignals(False)
            self.ui.pageCountLabel.setText(f"/ {count}")
            self._show_zoom()
        elif status == QPdfDocument.Status.Error:
            self.panel.show_error(self.tr("无法显示该 PDF 文件。"))

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
        if self.agreement is None:
            return self.file_name or "agreement.pdf"
        name = str(self.agreement.get("entry_name") or "")
        revision = int(self.agreement.get("revision") or 0)
        return (
            self.tr("三方数据保密协议-%1-第%2版.pdf")
            .replace("%1", name)
            .replace("%2", str(revision))
        )

    def save_to(self, path: Path) -> None:
        """Write the shown PDF's bytes, exactly as signed, to `path`."""
        path.write_bytes(self.pdf)

    def _on_save_button_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为"), self.suggested_name(), self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            try:
                self.save_to(Path(name))
            except OSError as exc:
                self.ui.noteLabel.setText(self.tr("保存失败：%1").replace("%1", str(exc)))
            else:
                self.ui.noteLabel.setText(self.tr("已保存到 %1").replace("%1", name))

    def print_to(self, printer: QPrinter) -> int:
        """Print the agreement's pages; 0 when the printer cannot be started."""
        try:
            return print_document(self.document, printer)
        except PrintError:
            return 0

    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)
