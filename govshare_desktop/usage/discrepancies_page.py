"""数据异议 (第二十条): a consumer reports wrong or inconsistent data; the provider corrects it (a
new delivery made after the report) or explains why it stands within the policy's working days;
the consumer accepts or asks the platform to arbitrate (申请协调); the platform admin upholds
the answer or orders a correction. The evidence file is uploaded while `reported`, downloaded
or opened by both parties and the platform admin.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton

from govshare_core.usage import DISCREPANCY, DiscrepancyStatus
from govshare_core.vocab import Role
from govshare_desktop.common.outcome import OK, show_outcome
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import Plan
from govshare_desktop.usage import presenter as P
from govshare_desktop.usage import sending
from govshare_desktop.usage.dialogs import CorrectDialog
from govshare_desktop.usage.list_page import UsageListPage
from govshare_desktop.usage.presenter import Side
from govshare_desktop.usage.report_dialog import ReportDialog
from govshare_desktop.usage.widgets import named

NEEDS_REASON = {t.action for t in DISCREPANCY.transitions if t.needs_reason}
"""explain, dispute, uphold, order_correction: a reason dialog (the core's needs_reason)."""


class DiscrepanciesPage(UsageListPage):
    KIND = "discrepancy"
    ACTIONS = P.DISCREPANCY_ACTIONS
    NEW_ROLES = frozenset({Role.APPLICANT.value, Role.RESOURCE_ADMIN.value})

    def __init__(self, *, context: Any, parent: Any = None) -> None:
        super().__init__(context=context, parent=parent)
        self.setObjectName("discrepanciesPage")

    def build_extras(self, bar: QHBoxLayout) -> None:
        self.uploadButton = named(
            QPushButton(QCoreApplication.translate("UsagePages", "上传证据…")),
            "uploadEvidenceButton",
        )
        self.downloadButton = named(
            QPushButton(QCoreApplication.translate("UsagePages", "下载证据…")),
            "downloadEvidenceButton",
        )
        self.openButton = named(
            QPushButton(QCoreApplication.translate("UsagePages", "打开证据")), "openEvidenceButton"
        )
        for button in (self.uploadButton, self.downloadButton, self.openButton):
            bar.addWidget(button)
        bar.addStretch(1)
        self.uploadButton.clicked.connect(self._on_upload)
        self.downloadButton.clicked.connect(self._on_download)
        self.openButton.clicked.connect(self._on_open)

    def side_choices(self) -> list[Side]:
        return P.discrepancy_sides(self.context.roles)

    def status_enum(self) -> Any:
        return DiscrepancyStatus

    def columns(self, side: str) -> list[Column]:
        return P.discrepancy_columns(side)

    def plans(self) -> list[Plan]:
        return P.column_plans(DiscrepancyStatus)

    def list_path(self) -> str:
        return sending.paths.discrepancies_path()

    def read_one(self, object_id: int) -> Row:
        return sending.discrepancy(self.context.client, object_id)

    def detail_html(self, row: Row) -> str:
        return P.discrepancy_detail(row)

    def new_text(self) -> str:
        return QCoreApplication.translate("UsagePages", "提出异议…")

    def show_object(self, kind: str, object_id: int) -> bool:
        """discrepancy_answer: 针对我方的; discrepancy_review: 我提出的; arbitrate: 全部."""
        side = {
            "discrepancy_answer": "received",
            "discrepancy_review": "reported",
            "discrepancy_arbitrate": "all",
        }.get(kind)
        index = self.sideCombo.findData(side) if side else -1
        if index >= 0 and index != self.sideCombo.currentIndex():
            self.sideCombo.setCurrentIndex(index)
        return super().show_object(kind, object_id)

    def start_new(self) -> None:
        self.open_dialog(ReportDialog(context=self.context, parent=self), "report")

    def run_action(self, action: str, row: Row) -> None:
        label = f"{P.action_text(self.ACTIONS, action)}：{row.get('entry_name')}"

        def build(body: Any) -> Any:
            return sending.discrepancy_action(row, action, body, label=label)  # type: ignore[arg-type]

        if action == "correct":
            dialog = CorrectDialog(
                context=self.context, discrepancy=row, send=self.sender_for(build), parent=self
            )
            self.open_dialog(dialog, action)
        elif action in NEEDS_REASON:
            self.reason_dialog(action, build)
        else:
            self.confirm_then(action, row, build)

    # --- evidence -----------------------------------------------------------------------------

    def extra_buttons(self, row: Row | None) -> None:
        mine = row is not None and int(row.get("consumer_department_id") or 0) == (
            self.context.department_id
        )
        reported = row is not None and row.get("status") == DiscrepancyStatus.REPORTED
        has = row is not None and bool(row.get("evidence_filename"))
        self.uploadButton.setVisible(mine and reported)
        self.downloadButton.setVisible(has)
        self.openButton.setVisible(has)

    def upload_evidence(self, file: Path) -> None:
        """Attach `file` to the current report (through the outbox, like every change)."""
        row = self.current
        if row is None:
            return
        label = QCoreApplication.translate("UsagePages", "上传证据：%1").replace(
            "%1", str(row.get("entry_name") or "")
        )
        self.send_now("evidence", sending.evidence(int(row["id"]), file, label=label))

    def _on_upload(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("UsagePages", "选择证据材料")
        )
        if name:
            self.upload_evidence(Path(name))

    def download_evidence(self, target: Path, *, open_after: bool = False) -> None:
        row = self.current
        if row is None:
            return
        client, discrepancy_id = self.context.client, int(row["id"])

        def done(path: Path) -> None:
            show_outcome(
                self.outcomeLabel,
                QCoreApplication.translate("UsagePages", "证据材料已保存：%1").replace(
                    "%1", str(path)
                ),
                OK,
            )
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.run_in_background(
            lambda _t: sending.download_evidence(client, discrepancy_id, target), done
        )

    def _on_download(self) -> None:
        if self.current is None:
            return
        suggested = str(self.current.get("evidence_filename") or "evidence")
        name, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("UsagePages", "保存证据材料"), suggested
        )
        if name:
            self.download_evidence(Path(name))

    def _on_open(self) -> None:
        if self.current is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="govshare-evidence-"))
        name = Path(str(self.current.get("evidence_filename") or "evidence")).name
        self.download_evidence(folder / name, open_after=True)
