"""整改 (督促纠正, 第三十六条): the supervisor issues rectification orders to departments, checks
the measures and evidence they send back, accepts or returns them, or withdraws one issued in
error; a department's resource admin sees its own orders and answers them with the measures
taken and an evidence file. Overdue orders (past due while the department holds them) are red.

The page is thin: what is shown comes from presenter.py, the changes from sending.py, the forms
from dialogs.py; the list, detail, buttons and sending are common.object_list_page.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from govshare_core import clock
from govshare_core.assessment import ASSESSOR_ROLES, RECTIFICATION
from govshare_desktop.api import rectification_paths as paths
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.object_list_page import ObjectListPage, named
from govshare_desktop.common.outcome import OK, show_outcome
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.sending_dialog import ReasonDialog
from govshare_desktop.common.tables import ColumnDropper, Plan
from govshare_desktop.context import AppContext
from govshare_desktop.rectification import presenter as P
from govshare_desktop.rectification import sending
from govshare_desktop.rectification.dialogs import AnswerDialog, IssueDialog, ReturnDialog

NEEDS_REASON = {t.action for t in RECTIFICATION.transitions if t.needs_reason}
"""answer, return, withdraw (the core's needs_reason); accept is confirmed."""
SUPERVISORS = frozenset(r.value for r in ASSESSOR_ROLES)


class RectificationPage(ObjectListPage):
    DATA_KIND = "rectification"
    NEW_ROLES = SUPERVISORS

    def __init__(
        self,
        *,
        context: AppContext,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.supervisor = bool(SUPERVISORS & context.roles)
        self.today = today or clock.today()
        self.ACTIONS = {a: P.tr(t) for a, t in P.ACTIONS.items()}
        super().__init__(context=context, parent=parent)
        self.setObjectName("rectificationPage")
        if self.supervisor:  # a narrow window drops 下发时间 (in the detail) before the names
            ColumnDropper(
                self.table, widths=self.column_widths, optional=(4,), stretch=0, min_stretch=180
            )

    # --- filters -------------------------------------------------------------------------------

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.statuses = P.status_choices()
        self.statusCombo = named(QComboBox(), "statusCombo")
        for title, _query in self.statuses:
            self.statusCombo.addItem(title)
        self.overdueCheck = named(
            QCheckBox(QCoreApplication.translate("RectificationPage", "仅看逾期")), "overdueCheck"
        )
        self.searchEdit = named(QLineEdit(), "searchEdit")
        self.searchEdit.setPlaceholderText(
            QCoreApplication.translate("RectificationPage", "搜索部门、问题事实或整改措施")
        )
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaximumWidth(260)
        self.search = Debouncer(delay_ms=300, callback=lambda _v: self.reload(), parent=self)
        bar.addWidget(QLabel(QCoreApplication.translate("RectificationPage", "状态")))
        bar.addWidget(self.statusCombo)
        bar.addWidget(self.overdueCheck)
        bar.addWidget(self.searchEdit, 1)
        self.statusCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdueCheck.toggled.connect(lambda _on: self.reload())
        self.searchEdit.textChanged.connect(self.search.push)

    def query(self) -> dict[str, Any]:
        params = dict(self.statuses[max(self.statusCombo.currentIndex(), 0)][1])
        if self.overdueCheck.isChecked():
            params["overdue"] = True
        text = self.searchEdit.text().strip()
        if text:
            params["q"] = text
        return params

    # --- what is listed ------------------------------------------------------------------------

    def columns(self) -> list[Column]:
        return P.columns(supervisor=self.supervisor)

    def plans(self) -> list[Plan]:
        return P.plans(supervisor=self.supervisor)

    def list_path(self) -> str:
        return paths.rectifications_path()

    def read_one(self, object_id: int) -> Row:
        return sending.rectification(self.context.client, object_id)

    def detail_html(self, row: Row) -> str:
        return P.detail_html(row)

    def action_text(self, action: str) -> str:
        return P.action_text(action)

    def done_text(self, action: str, row: Row) -> str:
        return P.done_text(action, row)

    def object_name(self, row: Row) -> str:
        return P.object_name(row)

    def new_text(self) -> str:
        return QCoreApplication.translate("RectificationPage", "下发整改通知…")

    def show_object(self, kind: str, object_id: int) -> bool:
        """rectification_todo / _review / _overdue open the order (all states listed)."""
        if self.statusCombo.currentIndex() != 0 or self.overdueCheck.isChecked():
            self.statusCombo.setCurrentIndex(0)
            self.overdueCheck.setChecked(False)
        return super().show_object(kind, object_id)

    # --- actions -------------------------------------------------------------------------------

    def start_new(self) -> None:
        def build(body: Any) -> Any:
            name = next(
                (
                    dialog.departmentCombo.itemText(i)
                    for i in range(dialog.departmentCombo.count())
                    if dialog.departmentCombo.itemData(i) == body.get("department_id")
                ),
                "",
            )
            return sending.issue(
                body,
                label=QCoreApplication.translate("RectificationPage", "下发整改通知：%1").replace(
                    "%1", name
                ),
            )

        dialog = IssueDialog(
            context=self.context,
            send=self.sender_for(build, "issue"),
            today=self.today,
            parent=self,
        )
        self.open_dialog(dialog, "issue")

    def run_action(self, action: str, row: Row) -> None:
        order_id = int(row["id"])
        label = f"{P.action_text(action)}：{P.object_name(row)}"

        def build(body: Any) -> Any:
            version = self.latest_version(row)
            return sending.act(order_id, action, body, version=version, label=label)  # type: ignore[arg-type]

        if action == "answer":
            answer = AnswerDialog(
                context=self.context,
                order=row,
                version=lambda: self.latest_version(row),
                wrap=lambda done: self.checked_done(action, done),
                parent=self,
            )
            self.open_dialog(answer, action)
        elif action == "return":
            back = ReturnDialog(
                context=self.context,
                order=row,
                send=self.sender_for(build, action),
                today=self.today,
                parent=self,
            )
            self.open_dialog(back, action)
        elif action in NEEDS_REASON:
            reason = ReasonDialog(
                context=self.context,
                title=P.action_text(action),
                prompt=P.tr(P.PROMPTS.get(action, "")),
                send=self.sender_for(build, action),
                parent=self,
            )
            self.open_dialog(reason, action)
        else:
            self.confirm_then(action, row, build)

    # --- evidence ------------------------------------------------------------------------------

    def build_extras(self, bar: QHBoxLayout) -> None:
        self.downloadButton = named(
            QPushButton(QCoreApplication.translate("RectificationPage", "下载证据…")),
            "downloadEvidenceButton",
        )
        self.openButton = named(
            QPushButton(QCoreApplication.translate("RectificationPage", "打开证据")),
            "openEvidenceButton",
        )
        bar.addWidget(self.downloadButton)
        bar.addWidget(self.openButton)
        bar.addStretch(1)
        self.downloadButton.clicked.connect(self._on_download)
        self.openButton.clicked.connect(self._on_open)

    def extra_buttons(self, row: Row | None) -> None:
        has = row is not None and bool(row.get("evidence_filename"))
        self.downloadButton.setVisible(has)
        self.openButton.setVisible(has)

    def download_evidence(self, target: Path, *, open_after: bool = False) -> None:
        row = self.current
        if row is None:
            return
        client, order_id = self.context.client, int(row["id"])

        def done(path: Path) -> None:
            text = QCoreApplication.translate("RectificationPage", "证据材料已保存：%1").replace(
                "%1", str(path)
            )
            show_outcome(self.outcomeLabel, text, OK)
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.run_in_background(lambda _t: sending.download_evidence(client, order_id, target), done)

    def _on_download(self) -> None:
        if self.current is None:
            return
        suggested = str(self.current.get("evidence_filename") or "evidence")
        name, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("RectificationPage", "保存证据材料"), suggested
        )
        if name:
            self.download_evidence(Path(name))

    def _on_open(self) -> None:
        if self.current is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="govshare-evidence-"))
        name = Path(str(self.current.get("evidence_filename") or "evidence")).name
        self.download_evidence(folder / name, open_after=True)
