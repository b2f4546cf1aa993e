"""The report buttons of the assessment page: 打印报告 (the print preview), 导出PDF and 导出Excel.

The report data (RoundReportOut: the round, results, scorecards, rectification orders) is read
from the platform in the background; the PDF, its preview and the XLSX are built by
report_pdf.py, report_preview.py and export_xlsx.py from it (off the UI thread). The supervisor
prints the whole round; a department's staff print their own scorecard (`department_id`: the
platform serves it to them also in a draft, and the whole round to nobody else).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton

from govshare_core.assessment_schemas import RoundReportOut
from govshare_core.vocab import Role
from govshare_desktop.api.errors import ApiError
from govshare_desktop.assessment import presenter as P
from govshare_desktop.assessment import sending
from govshare_desktop.assessment.dialogs import named
from govshare_desktop.assessment.export_xlsx import export_ranking_xlsx
from govshare_desktop.assessment.report_pdf import build_round_report
from govshare_desktop.assessment.report_preview import ReportPreview, open_report_preview
from govshare_desktop.common.outcome import BUSY, ERROR, OK, clear_outcome, show_outcome
from govshare_desktop.i18n import english


class ReportButtons:
    """打印报告 / 导出PDF / 导出Excel in the page's button bar, for the round shown."""

    def __init__(self, page: Any, bar: QHBoxLayout) -> None:
        self.page = page
        self.context = page.context
        self.preview: Any = None
        self.printButton = named(
            QPushButton(QCoreApplication.translate("AssessmentPage", "打印报告…")), "printButton"
        )
        self.pdfButton = named(
            QPushButton(QCoreApplication.translate("AssessmentPage", "导出PDF…")), "pdfButton"
        )
        self.xlsxButton = named(
            QPushButton(QCoreApplication.translate("AssessmentPage", "导出Excel…")), "xlsxButton"
        )
        for button in (self.printButton, self.pdfButton, self.xlsxButton):
            bar.addWidget(button)
        self.printButton.clicked.connect(self.print_report)
        self.pdfButton.clicked.connect(lambda: self._ask_path("pdf", self.export_pdf))
        self.xlsxButton.clicked.connect(lambda: self._ask_path("xlsx", self.export_xlsx))

    @property
    def department_id(self) -> int | None:
        """None: the whole round (the supervisor); else the user's own department."""
        return None if Role.SUPERVISOR.value in self.context.roles else self.context.department_id

    def update_for(self, row: dict[str, Any] | None, results: list[dict[str, Any]]) -> None:
        """The supervisor: the round's report; a department: its own scorecard, when the
        round has its result (the platform serves it to its staff, also in a draft)."""
        own = self.context.department_id
        visible = row is not None and (
            Role.SUPERVISOR.value in self.context.roles
            or any(int(r.get("department_id") or 0) == own for r in results)
        )
        for button in (self.printButton, self.pdfButton, self.xlsxButton):
            button.setVisible(visible)

    def _with_report(
        self, work: Callable[[RoundReportOut], Any], then: Callable[[Any], None], busy: str
    ) -> None:
        """Read the report data and `work` on it in the background; `then(result)` here."""
        row = self.page.round
        if row is None:
            return
        client, round_id, department = self.context.client, int(row["id"]), self.department_id
        show_outcome(self.page.outcomeLabel, busy, BUSY)

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            show_outcome(
                self.page.outcomeLabel,
                QCoreApplication.translate("AssessmentPage", "无法生成报告：%1").replace(
                    "%1", text
                ),
                ERROR,
            )

        self.context.run(
            lambda _t: work(sending.report(client, round_id, department)),
            success=then,
            failure=failed,
        )

    def print_report(self) -> None:
        """The print preview (print, or save as PDF, from there)."""

        def show(report: RoundReportOut) -> None:
            clear_outcome(self.page.outcomeLabel)
            open_report_preview(self.page, report, department_id=self.department_id)
            previews = self.page.findChildren(ReportPreview)
            self.preview = previews[-1] if previews else None
            self.page.dialog_opened.emit(self.preview)

        self._with_report(
            lambda report: report,
            show,
            QCoreApplication.translate("AssessmentPage", "正在准备报告……"),
        )

    def _suggested(self, suffix: str) -> str:
        row = self.page.round or {}
        title = QCoreApplication.translate("AssessmentPage", "考核评估报告")
        return f"{title}-{P.round_title(row)}.{suffix}"

    def _ask_path(self, suffix: str, then: Callable[[Path], None]) -> None:
        filters = {
            "pdf": QCoreApplication.translate("AssessmentPage", "PDF 文件 (*.pdf)"),
            "xlsx": QCoreApplication.translate("AssessmentPage", "Excel 工作簿 (*.xlsx)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self.page,
            QCoreApplication.translate("AssessmentPage", "导出报告"),
            self._suggested(suffix),
            filters[suffix],
        )
        if name:
            then(Path(name))

    def export_pdf(self, path: Path) -> None:
        department = self.department_id

        lang = "en" if english() else "zh"

        def write(report: RoundReportOut) -> Path:
            pdf = build_round_report(report, department_id=department, lang=lang)
            partial = path.with_name(path.name + ".part")  # never half a file
            partial.write_bytes(pdf)
            partial.replace(path)
            return path

        self._with_report(
            write, self._saved, QCoreApplication.translate("AssessmentPage", "正在生成PDF……")
        )

    def export_xlsx(self, path: Path) -> None:
        def write(report: RoundReportOut) -> Path:
            export_ranking_xlsx(path, report)
            return path

        self._with_report(
            write, self._saved, QCoreApplication.translate("AssessmentPage", "正在导出Excel……")
        )

    def _saved(self, path: Path) -> None:
        show_outcome(
            self.page.outcomeLabel,
            QCoreApplication.translate("AssessmentPage", "已保存：%1").replace("%1", str(path)),
            OK,
        )
        self.page.action_done.emit("export", str(path))
