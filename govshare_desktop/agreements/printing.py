"""Printing a PDF's pages: each page rendered by QtPdf at the printer's resolution and drawn
centred, as large as fits, on one sheet."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_RENDER_DPI = 300
"""Pages are rendered at the printer's resolution, at most this (a 600 dpi printer gains
nothing for text rendered by QtPdf at 300)."""


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of `document` (in the printer's page range, if one was chosen);
    returns the number of pages printed."""
    first, last = 0, document.pageCount() - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage() - 1, 0)
        last = min(printer.toPage() - 1, last)
    painter = QPainter()
    if last < first or not painter.begin(printer):
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            _draw_page(document, page, painter, printer, dpi)
            printed += 1
    finally:
        painter.end()
    return printed


def _draw_page(
    document: QPdfDocument, page: int, painter: QPainter, printer: QPrinter, dpi: int
) -> None:
    points = document.pagePointSize(page)  # 1/72 inch
    size = QSize(max(int(points.width() * dpi / 72), 1), max(int(points.height() * dpi / 72), 1))
    image = document.render(page, size)
    area = painter.viewport()
    target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = area.x() + (area.width() - target.width()) // 2
    y = area.y() + (area.height() - target.height()) // 2
    painter.drawImage(QRect(x, y, target.width(), target.height()), image)
