"""The print preview of an assessment report: the PDF built off the UI thread (report_pdf), shown
in the common PDF preview (common/pdf_preview.py: page navigation, zoom, 打印…, 另存为PDF…).

    open_report_preview(parent, report)                    # the whole round (supervisor)
    open_report_preview(parent, report, department_id=12)  # one department's result (its staff)

The report's first page (the cover, built alone in a few tens of milliseconds) shows at once;
the whole document replaces it when it is built, and printing and saving wait for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from govshare_core.assessment_schemas import RoundReportOut
from govshare_desktop.assessment.report_pdf import (
    ReportError,
    build_cover,
    build_round_report,
    report_file_name,
)
from govshare_desktop.common.pdf_preview import ZOOM_STEPS, PdfPreview, keep_open, open_previews
from govshare_desktop.i18n import english
from govshare_desktop.tasks import Task, run_in_background

__all__ = ["ZOOM_STEPS", "ReportPreview", "open_previews", "open_report_preview"]


def open_report_preview(
    parent: QWidget | None, report: RoundReportOut, *, department_id: int | None = None
) -> None:
    """Open a preview window of the report (whole round, or one department's result) and start
    building the PDF in the background; the window closes itself and is deleted on close."""
    preview = ReportPreview(parent=parent)
    keep_open(preview, parent)
    preview.show_report(report, department_id=department_id)


class ReportPreview(PdfPreview):
    """A report's pages, with 打印… and 另存为PDF….

    Signals (besides PdfPreview's ready, failed, printed):
        first_page_shown(): the report's first page is in the view.
    """

    first_page_shown = Signal()

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.report: RoundReportOut | None = None
        self.department_id: int | None = None
        self.lang = "zh"  # the report's language: the UI's

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

        run_in_background(op, success=self._on_built, failure=self._on_build_failed)

    def _on_build_failed(self, exc: Exception) -> None:
        if isinstance(exc, ReportError):
            text = self.tr("报告中没有该部门的评估结果。")
        else:
            text = self.tr("生成报告失败：%1").replace("%1", str(exc) or type(exc).__name__)
        self.show_failure(text)

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

    def suggested_name(self) -> str:
        if self.report is None:
            return "report.pdf"
        try:
            return report_file_name(self.report, self.department_id, lang=self.lang)
        except ReportError:
            return "report.pdf"
