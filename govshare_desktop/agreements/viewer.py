"""The agreement viewer: the PDF with page navigation and zoom (common.pdf_preview.PdfPages, the
pages part of the print preview), beside it the agreement's facts, the signatures panel and the
action buttons; 另存为 and 打印. It also shows any PDF from disk (验证文件…), without actions.

The signatures are checked on this computer (signing.verify.inspect_pdf, in the background,
against the platform CA); until that finishes the panel shows the platform's record.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from govshare_desktop.agreements import presenter
from govshare_desktop.agreements.signatures_panel import SignaturesPanel
from govshare_desktop.common.pdf_preview import PdfPages, PdfPagesMixin, ask_printer
from govshare_desktop.common.pdf_printing import PrintError, print_document
from govshare_desktop.common.uiload import load_form
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.verify import SignatureCheck, inspect_pdf
from govshare_desktop.tasks import Task, run_in_background


class AgreementViewer(PdfPagesMixin, QWidget):
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
        self.pages = PdfPages(
            self.ui,
            self,
            fit_text=self.tr("自适应"),
            shortcut_context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.document = self.pages.document
        self.view = self.pages.view
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
        ui.saveButton.clicked.connect(self._on_save_button_clicked)
        ui.printButton.clicked.connect(self._on_print_button_clicked)
        self.document.statusChanged.connect(self._on_document_status_changed)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested.emit)

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
        self.pages.load(pdf)
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

    # --- pages and zoom: PdfPagesMixin -------------------------------------------------------

    def _on_document_status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Error:
            self.panel.show_error(self.tr("无法显示该 PDF 文件。"))

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
        printer = ask_printer(self, self.suggested_name(), self.page_count())
        if printer is not None:
            self.print_to(printer)
