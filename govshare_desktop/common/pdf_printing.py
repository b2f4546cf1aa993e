"""Printing a PDF's pages: each page rendered by QtPdf at the printer's resolution and drawn
centred, as large as fits, on one sheet (the assessment report's preview and the agreement
viewer).

QPainter on a QPrinter and QPdfDocument.render both work outside the UI thread (Qt: painting on
QImage/QPrinter/QPicture is thread-safe), so a long document prints in the background with a
document of its own: `print_pdf_bytes(pdf, printer, progress=..., cancelled=...)`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 300
"""Pages are rendered at the printer's resolution, at most this (a 600 dpi printer gains
nothing for text rendered by QtPdf at 300)."""


class PrintError(RuntimeError):
    """The PDF could not be opened or the printer could not be started."""


def page_range(printer: QPrinter, page_count: int) -> tuple[int, int]:
    """The 0-based first and last page to print (the printer's page range, if one was chosen)."""
    first, last = 0, page_count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage() - 1, 0)
        last = min(printer.toPage() - 1, last)
    return first, last


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print `document`'s pages in the printer's range; `progress(done, total)` after each page,
    stop early when `cancelled()` says so. Returns the number of pages printed."""
    first, last = page_range(printer, document.pageCount())
    painter = QPainter()
    if last < first:
        return 0
    if not painter.begin(printer):
        raise PrintError("cannot start the printer")
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for page in range(first, last + 1):
            if cancelled is not None and cancelled():
                break
            if printed:
                printer.newPage()
            _draw_page(document, page, painter, dpi)
            printed += 1
            if progress is not None:
                progress(printed, last - first + 1)
    finally:
        painter.end()
    return printed


def print_pdf_bytes(
    pdf: bytes,
    printer: QPrinter,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print a PDF given as bytes with a QPdfDocument of its own (safe in a worker thread)."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintError("cannot open the PDF")
        return print_document(document, printer, progress=progress, cancelled=cancelled)
    finally:
        document.close()
        buffer.close()


def _draw_page(document: QPdfDocument, page: int, painter: QPainter, dpi: int) -> None:
    points = document.pagePointSize(page)  # 1/72 inch
    size = QSize(max(int(points.width() * dpi / 72), 1), max(int(points.height() * dpi / 72), 1))
    image = document.render(page, size)
    area = painter.viewport()
    target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = area.x() + (area.width() - target.width()) // 2
    y = area.y() + (area.height() - target.height()) // 2
    painter.drawImage(QRect(x, y, target.width(), target.height()), image)
