"""The report's print preview, offscreen: the cover first, then the whole report with its page
count; page navigation and zoom; 另存为PDF writes the report; printing on a QPrinter writing a
PDF file sends every page (checked with pdfinfo and the printed pixels); a department's own
scorecard; a failure is shown; the window fits 1366×768."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from govshare_core.assessment_schemas import RoundReportOut
from govshare_desktop.assessment.report_pdf import build_round_report
from govshare_desktop.assessment.report_preview import (
    ReportPreview,
    open_previews,
    open_report_preview,
)
from tests.desktop.assessment.report_support import make_report
from tests.desktop.qt_support import assert_fits

WAIT = 30000


@pytest.fixture(scope="module")
def report() -> RoundReportOut:
    return make_report(3)


def opened(qtbot: QtBot, parent: QWidget, report: RoundReportOut, **kw: int) -> ReportPreview:
    """Open the preview under `parent` and wait for the whole report."""
    open_report_preview(parent, report, **kw)
    preview = parent.findChildren(ReportPreview)[-1]
    with qtbot.wait_signal(preview.ready, timeout=WAIT):
        pass
    return preview


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]


def test_the_preview_shows_the_cover_then_the_whole_report(
    qtbot: QtBot, report: RoundReportOut, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    open_report_preview(parent, report)
    preview = parent.findChild(ReportPreview)
    assert preview is not None and preview.isVisible()
    assert not preview.ui.printButton.isEnabled()  # not before the whole report is there
    with qtbot.wait_signals(
        [preview.first_page_shown, preview.ready], timeout=WAIT, order="strict"
    ):
        pass
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(build_round_report(report))
    count = pdf_pages(whole)
    assert preview.page_count() == count > 5
    assert preview.ui.pageCountLabel.text() == f"/ {count}"
    assert str(count) in preview.ui.statusLabel.text()
    assert "2026年第三季度" in preview.ui.titleLabel.text() and "初稿" in preview.windowTitle()
    assert preview.ui.printButton.isEnabled() and preview.ui.saveButton.isEnabled()
    assert_fits(preview, "report preview")

    # pages
    assert not preview.ui.prevPageButton.isEnabled()
    preview.ui.pageSpin.setValue(4)
    qtbot.waitUntil(lambda: preview.current_page() == 3, timeout=WAIT)
    assert preview.ui.prevPageButton.isEnabled()
    qtbot.mouseClick(preview.ui.nextPageButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.ui.pageSpin.value() == 5, timeout=WAIT)
    # zoom
    qtbot.mouseClick(preview.ui.zoomInButton, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert not preview.ui.fitWidthButton.isChecked()
    assert preview.ui.zoomLabel.text().endswith("%")
    before = preview.view.zoomFactor()
    qtbot.mouseClick(preview.ui.zoomOutButton, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() < before
    preview.ui.fitPageButton.setChecked(True)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert not preview.ui.fitWidthButton.isChecked()

    # 另存为PDF: the same bytes as the report
    saved = tmp_path / "saved.pdf"
    preview.save_to(saved)
    assert saved.read_bytes() == whole.read_bytes()
    assert preview.suggested_name().endswith("-初稿.pdf")
    preview.close()


def test_printing_sends_every_page_to_the_printer(
    qtbot: QtBot, report: RoundReportOut, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    preview = opened(qtbot, parent, report)
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.wait_signal(preview.printed, timeout=WAIT) as done:
        preview.print_to(printer)
        assert preview.ui.cancelButton.isVisibleTo(preview)
    assert done.args == [preview.page_count()]
    assert pdf_pages(printed) == preview.page_count()
    assert "已发送" in preview.ui.statusLabel.text()
    assert not preview.ui.cancelButton.isVisibleTo(preview)
    # the pages are images of the report's pages: the printed cover has ink on it
    pgm = subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(printed)],
        capture_output=True,
        check=True,
    ).stdout
    pixels = pgm[re.match(rb"P5\s+\d+\s+\d+\s+\d+\s", pgm).end() :]  # type: ignore[union-attr]
    assert sum(1 for p in pixels if p < 128) > 50
    preview.close()


def test_a_department_s_own_scorecard(qtbot: QtBot, report: RoundReportOut) -> None:
    own = report.scorecards[2].result
    parent = QWidget()
    qtbot.addWidget(parent)
    preview = opened(qtbot, parent, report, department_id=own.department_id)
    assert preview.department_id == own.department_id
    assert 2 <= preview.page_count() <= 3
    assert own.department_name in preview.ui.titleLabel.text()
    assert own.department_name in preview.suggested_name()
    preview.close()


def test_a_failure_is_shown(qtbot: QtBot, report: RoundReportOut) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    open_report_preview(parent, report, department_id=999)
    preview = parent.findChildren(ReportPreview)[-1]
    with qtbot.wait_signal(preview.failed, timeout=WAIT) as failed:
        pass
    assert "没有该部门" in failed.args[0] == preview.ui.statusLabel.text()
    assert not preview.ui.printButton.isEnabled()
    preview.close()


def test_a_preview_without_parent_lives_until_closed(qtbot: QtBot, report: RoundReportOut) -> None:
    open_report_preview(None, report)
    (preview,) = open_previews()
    preview.close()  # while it is still being built: the results are dropped
    qtbot.waitUntil(lambda: not open_previews(), timeout=WAIT)
