"""打印… and 导出PDF… for the object a page shows (a share request's 申请表, a catalog entry's
目录登记表): two buttons added to the page's button bar. 打印… opens the print preview
(common/pdf_preview.py: print, or save as PDF, from there); 导出PDF… asks for a file and writes
the PDF in the background (never half a file).

    printing = SheetPrinting(page, bar, sheet_of=lambda: (sheet, "申请表-12.pdf"), status=...)
    printing.set_available(detail is not None)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QPushButton, QWidget

from govshare_desktop.common.pdf_preview import PdfPreview, open_pdf_preview
from govshare_desktop.common.print_layout import Sheet, build_sheet_pdf
from govshare_desktop.i18n import module_tr
from govshare_desktop.tasks import Task, run_in_background

SheetOf = Callable[[], "tuple[Sheet, str] | None"]
"""The sheet of the object shown and its file name (None: nothing to print)."""


def tr(text: str) -> str:
    return module_tr("SheetPrinting", text)


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Write `pdf` to `path` through a temporary file (never half a file)."""
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(pdf)
    partial.replace(path)
    return path


class SheetPrinting(QObject):
    """Signals:
    preview_opened(object): the PdfPreview opened by 打印….
    saved(str): 导出PDF… wrote this file.
    failed(str): building or writing the PDF failed; the message.
    """

    preview_opened = Signal(object)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        page: QWidget,
        bar: QBoxLayout,
        *,
        sheet_of: SheetOf,
        status: Callable[[str], None],
        at: int | None = None,
    ) -> None:
        """`at`: where in `bar` the buttons go (default: its end)."""
        super().__init__(page)
        self.page = page
        self.sheet_of = sheet_of
        self.status = status
        self.preview: PdfPreview | None = None
        self.printButton = QPushButton(tr("打印…"))
        self.printButton.setObjectName("printSheetButton")
        self.printButton.setToolTip(tr("打印预览，可打印或另存为PDF"))
        self.pdfButton = QPushButton(tr("导出PDF…"))
        self.pdfButton.setObjectName("pdfSheetButton")
        first = bar.count() if at is None else at
        bar.insertWidget(first, self.printButton)
        bar.insertWidget(first + 1, self.pdfButton)
        self.printButton.clicked.connect(self.open_preview)
        self.pdfButton.clicked.connect(self._on_pdf_button_clicked)

    def set_available(self, available: bool) -> None:
        self.printButton.setVisible(available)
        self.pdfButton.setVisible(available)

    def open_preview(self) -> PdfPreview | None:
        """打印…: the print preview of the sheet, built in the background."""
        got = self.sheet_of()
        if got is None:
            return None
        sheet, name = got
        self.preview = open_pdf_preview(
            self.page, lambda: build_sheet_pdf(sheet), title=sheet.title, file_name=name
        )
        self.preview_opened.emit(self.preview)
        return self.preview

    def _on_pdf_button_clicked(self) -> None:
        got = self.sheet_of()
        if got is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.page, tr("导出PDF"), got[1], tr("PDF 文件 (*.pdf)")
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        """Write the sheet's PDF to `path` in the background (`saved` or `failed` tell)."""
        got = self.sheet_of()
        if got is None:
            return
        sheet = got[0]
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.status(tr("正在生成PDF……"))

        def op(_task: Task) -> Path:
            return write_pdf(path, build_sheet_pdf(sheet))

        run_in_background(op, success=self._on_saved, failure=self._on_failed)

    def _on_saved(self, path: Path) -> None:
        self.status(tr("已保存：%1").replace("%1", str(path)))
        self.saved.emit(str(path))

    def _on_failed(self, exc: Exception) -> None:
        text = tr("导出失败：%1").replace("%1", str(exc) or type(exc).__name__)
        self.status(text)
        self.failed.emit(text)
