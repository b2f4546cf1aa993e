"""目录审核 ("catalog.review"): the department reviewer's queue (第十五条), the platform's
confirmation queue and change reports (第十六条, 第十七条); side-by-side changes; approve or
return with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govshare_core.vocab import EntryStatus
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import open_entry_form
from govshare_desktop.common.offline import engine_for, outcome_status
from govshare_desktop.common.paged_model import Column, PagedTableModel
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext

DEPT_QUEUE, PLATFORM_QUEUE, REPORT_QUEUE = "dept", "platform", "reports"
ENTRIES = "/api/v1/catalog/entries"
SHOWN_FIELDS = tuple(f for f in P.ENTRY_FIELDS if f != "involves_state_secret")
CHANGED = QColor("#fff4c2")


class ReasonDialog(QDialog):
    """Asks the reason of a return/rejection; OK stays disabled until one is written.

    Signals:
        reason_given(str): the user confirmed with this reason.
    """

    reason_given = Signal(str)

    def __init__(self, *, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(QLabel(prompt))
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("退回原因将告知登记人（必填）"))
        layout.addWidget(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._on_edit_text_changed()
        self.resize(460, 240)

    def _on_edit_text_changed(self) -> None:
        ok = len(self.edit.toPlainText().strip()) >= 2  # ReasonIn: at least 2 characters
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        self.reason_given.emit(self.edit.toPlainText().strip())
        super().accept()


class ReviewPage(QWidget):
    """Review queues for catalog reviewers and the platform admin.

    Signals:
        decided(str, object): an action was taken ("dept_approve", "publish", "apply", …)
            and the platform's answer.
    """

    decided = Signal(str, object)

    def __init__(
        self, *, context: AppContext, sync: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._sync = sync
        self.conflict_dialog: QWidget | None = None
        self.ui = load_form("review_page.ui", self)
        self.current: dict[str, Any] | None = None
        self.reason_dialog: ReasonDialog | None = None
        if context.has("catalog_reviewer"):
            self.ui.queueCombo.addItem(self.tr("本部门待审核目录"), DEPT_QUEUE)
        if context.has("platform_admin"):
            self.ui.queueCombo.addItem(self.tr("待平台确认目录"), PLATFORM_QUEUE)
            self.ui.queueCombo.addItem(self.tr("待处理的变更报告"), REPORT_QUEUE)
        self.model = PagedTableModel(
            fetch_page=None, columns=[], page_size=25, runner=context.run, parent=self
        )
        self.ui.queueView.setModel(self.model)
        self.ui.queueView.verticalHeader().hide()
        self.ui.splitter.setSizes([460, 640])
        table = self.ui.diffTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("要素"), self.tr("上一发布版本"), self.tr("本次")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(True)
        self.ui.queueView.verticalHeader().setDefaultSectionSize(28)
        self.ui.queueCombo.currentIndexChanged.connect(lambda *_: self.reload())
        self.ui.refreshButton.clicked.connect(self.reload)
        self.ui.queueView.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.ui.approveButton.clicked.connect(self.approve)
        self.ui.returnButton.clicked.connect(self.ask_return)
        self.ui.openButton.clicked.connect(self._on_open_button_clicked)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(lambda e: self._status(e))
        context.data_changed.connect(self._on_context_data_changed)
        self._show_detail(None)
        self.reload()

    # --- queues ------------------------------------------------------------------------------

    @property
    def queue(self) -> str:
        return str(self.ui.queueCombo.currentData() or "")

    def _columns(self) -> list[Column]:
        if self.queue == REPORT_QUEUE:
            return [
                Column("entry_name", self.tr("信息资源")),
                Column("effective_date", self.tr("生效日期")),
                Column("reported_on", self.tr("报送日期")),
                Column(
                    "late",
                    self.tr("是否迟报"),
                    render=lambda r: self.tr("迟报") if r["late"] else "",
                ),
            ]
        columns = [
            Column("name", self.tr("信息资源名称")),
            Column("department_name", self.tr("提供方")),
            Column(
                "share_type", self.tr("共享类型"), render=lambda r: P.show_value(r["share_type"])
            ),
        ]
        if self.queue == DEPT_QUEUE:  # 第十五条: one's own submission is greyed out
            columns.append(
                Column(
                    "submitted_by",
                    self.tr("提交人"),
                    render=lambda r: self.tr("本人提交") if self._own(r) else "",
                )
            )
        return columns

    def _own(self, row: dict[str, Any]) -> bool:
        return self.queue == DEPT_QUEUE and row.get("submitted_by") == self.context.user_id

    def _fetcher(self) -> Any:
        client, queue = self.context.client, self.queue

        def entries(status: str) -> Any:
            def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
                page = client.get(
                    "/api/v1/catalog/entries", status=status, offset=offset, limit=limit
                )
                # the summaries lack the submitter: the queue is short, read each entry
                return [client.entry(int(i["id"])) for i in page["items"]], int(page["total"])

            return fetch

        def reports(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
            page = client.get(
                "/api/v1/catalog/change-reports", status="submitted", offset=offset, limit=limit
            )
            items = []
            for r in page["items"]:
                entry = client.entry(int(r["entry_id"]))
                items.append({**r, "entry_name": entry["name"], "entry": entry})
            return items, int(page["total"])

        if queue == REPORT_QUEUE:
            return reports
        return entries(EntryStatus.SUBMITTED if queue == DEPT_QUEUE else EntryStatus.DEPT_APPROVED)

    def reload(self) -> None:
        self.model.set_columns(self._columns())
        self.model.set_enabled_rule(lambda r: not self._own(r))
        self.model.reset(self._fetcher() if self.queue else None)
        header = self.ui.queueView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.queue != REPORT_QUEUE:  # long department names must not squeeze the name
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            self.ui.queueView.setColumnWidth(1, 140)
        self._show_detail(None)

    def _on_model_page_loaded(self, loaded: int, total: object) -> None:
        if loaded == 0:
            self._status(self.tr("队列中没有待处理的事项。"))
        else:
            self._status(self.tr("共 %1 项").replace("%1", str(total)))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "entry":
            self.reload()

    def select_row(self, row: int) -> None:
        self.ui.queueView.selectRow(row)

    def _on_selection_changed(self, *_args: Any) -> None:
        rows = self.ui.queueView.selectionModel().selectedRows()
        self._show_detail(self.model.row_data(rows[0].row()) if rows else None)

    # --- detail (side by side) ---------------------------------------------------------------

    def _show_detail(self, row: dict[str, Any] | None) -> None:
        self.current = row
        ui = self.ui
        ui.diffTable.setRowCount(0)
        ui.approveButton.setEnabled(False)
        ui.returnButton.setEnabled(False)
        ui.openButton.setEnabled(row is not None and self.queue != REPORT_QUEUE)
        if row is None:
            ui.detailTitle.setText(self.tr("请选择左侧待审核的条目"))
            ui.detailInfo.setText("")
            return
        if self.queue == REPORT_QUEUE:
            self._show_report(row)
            return
        ui.detailTitle.setText(str(row["name"]))
        ui.detailInfo.setText(self.tr("正在加载与上一发布版本的差异…"))
        client, entry_id = self.context.client, int(row["id"])
        self.context.run(
            lambda _t: (
                client.entry(entry_id),
                client.get(f"/api/v1/catalog/entries/{entry_id}/diff"),
            ),
            success=self._on_detail_loaded,
            failure=self._status,
        )

    def _on_detail_loaded(self, result: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
        entry, diff = result
        if self.current is None or self.current.get("id") != entry["id"]:
            return  # the selection moved on
        self.current = entry
        changed = {d["field"]: d for d in diff}
        first = entry.get("published_on") is None and not diff
        rows = [
            (
                name,
                changed[name]["before"]
                if name in changed
                else (None if first else entry.get(name)),
                entry.get(name),
                name in changed,
            )
            for name in SHOWN_FIELDS
        ]
        self.diff_rows = rows
        self._fill_diff(rows, first=first)
        info = (
            self.tr("新登记的目录：显示全部要素。")
            if first
            else self.tr("与上一发布版本相比，%1 项要素有变化（黄色标出）。").replace(
                "%1", str(len(changed))
            )
        )
        own = entry.get("submitted_by") == self.context.user_id and self.queue == DEPT_QUEUE
        if own:
            info += self.tr(" 本人提交的目录须由其他审核员审核（第十五条）。")
        self.ui.detailInfo.setText(info)
        actions = P.entry_actions(entry, self.context.roles, user_id=self.context.user_id)
        approve = "dept_approve" if self.queue == DEPT_QUEUE else "publish"
        self.ui.approveButton.setText(
            self.tr("审核通过") if self.queue == DEPT_QUEUE else self.tr("确认发布")
        )
        self.ui.returnButton.setText(self.tr("退回…"))
        self.ui.approveButton.setEnabled(approve in actions)
        self.ui.returnButton.setEnabled(
            ("dept_return" if self.queue == DEPT_QUEUE else "platform_return") in actions
        )

    def _show_report(self, report: dict[str, Any]) -> None:
        entry = report["entry"]
        self.ui.detailTitle.setText(self.tr("变更报告：%1").replace("%1", str(entry["name"])))
        late = self.tr("（迟报，超过20日）") if report.get("late") else ""
        self.ui.detailInfo.setText(
            self.tr("生效日期 %1，报送日期 %2%3。说明：%4")
            .replace("%1", str(report["effective_date"]))
            .replace("%2", str(report["reported_on"]))
            .replace("%3", late)
            .replace("%4", str(report.get("description", "")))
        )
        changes = report.get("changes", {})
        rows = [(name, entry.get(name), value, True) for name, value in changes.items()]
        self.diff_rows = rows
        self._fill_diff(rows)
        self.ui.approveButton.setText(self.tr("应用变更"))
        self.ui.returnButton.setText(self.tr("驳回…"))
        self.ui.approveButton.setEnabled(True)
        self.ui.returnButton.setEnabled(True)

    def _fill_diff(self, rows: list[tuple[str, Any, Any, bool]], *, first: bool = False) -> None:
        """The side-by-side table; a first registration has no published version to show."""
        table = self.ui.diffTable
        table.setColumnHidden(1, first)
        table.horizontalHeaderItem(2).setText(self.tr("登记内容") if first else self.tr("本次"))
        table.setRowCount(len(rows))
        for i, (name, before, after, changed) in enumerate(rows):
            cells = (P.field_label(name), P.show_value(before), P.show_value(after))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                if changed:
                    item.setBackground(CHANGED)
                table.setItem(i, col, item)
        table.resizeRowsToContents()
        for i in range(len(rows)):  # one-line rows as tall as in the other tables
            table.setRowHeight(i, max(table.rowHeight(i), 26))

    def _on_open_button_clicked(self) -> None:
        if self.current is not None and "id" in self.current:
            self.last_dialog = open_entry_form(self.context, int(self.current["id"]), self.window())

    # --- decisions ---------------------------------------------------------------------------

    def approve(self) -> None:
        if self.current is None:
            return
        if self.queue == REPORT_QUEUE:
            path = f"/api/v1/catalog/change-reports/{self.current['id']}/apply"
            self._do("apply", path, None, self.current.get("version"))
        else:
            action = "dept-approve" if self.queue == DEPT_QUEUE else "publish"
            path = f"/api/v1/catalog/entries/{self.current['id']}/{action}"
            self._do(action.replace("-", "_"), path, None, self.current.get("version"))

    def ask_return(self) -> ReasonDialog | None:
        if self.current is None:
            return None
        reports = self.queue == REPORT_QUEUE
        dialog = ReasonDialog(
            title=self.tr("驳回变更报告") if reports else self.tr("退回目录"),
            prompt=self.tr("请填写驳回原因：") if reports else self.tr("请填写退回原因："),
            parent=self,
        )
        dialog.reason_given.connect(self.return_with)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def return_with(self, reason: str) -> None:
        if self.current is None:
            return
        if self.queue == REPORT_QUEUE:
            path = f"/api/v1/catalog/change-reports/{self.current['id']}/reject"
            self._do("reject", path, {"reason": reason}, self.current.get("version"))
            return
        action = "dept-return" if self.queue == DEPT_QUEUE else "platform-return"
        path = f"/api/v1/catalog/entries/{self.current['id']}/{action}"
        self._do(action.replace("-", "_"), path, {"reason": reason}, self.current.get("version"))

    @property
    def engine(self) -> Any:
        return engine_for(self.context, self, self._sync)

    def _do(self, action: str, path: str, body: dict[str, Any] | None, version: Any) -> None:
        """Send the decision now, or queue it in the outbox when the platform is unreachable."""
        self.ui.approveButton.setEnabled(False)
        self.ui.returnButton.setEnabled(False)
        self._status(self.tr("正在提交…"))
        if_match = int(version) if version else None
        engine = self.engine
        if engine is not None:
            name = str((self.current or {}).get("name") or (self.current or {}).get("entry_name"))
            verbs = {
                "dept_approve": self.tr("审核通过"),
                "dept_return": self.tr("退回目录"),
                "publish": self.tr("确认发布"),
                "platform_return": self.tr("平台退回"),
                "apply": self.tr("应用变更报告"),
                "reject": self.tr("驳回变更报告"),
            }
            label = f"{verbs.get(action, action)}：{name}"
            engine.submit_or_queue(
                "POST",
                path,
                body,
                if_match=if_match,
                label=label,
                done=lambda outcome: self._on_outcome(action, outcome),
            )
            return
        client = self.context.client

        def op(_task: object) -> Any:
            return client.post(path, body, if_match=if_match)

        def done(result: Any) -> None:
            self._status(self.tr("已处理。"))
            self.decided.emit(action, result)
            self.context.data_changed.emit("entry")

        self.context.run(op, success=done, failure=self._status)

    def _on_outcome(self, action: str, outcome: Any) -> None:
        status = outcome_status(outcome)
        if status == "sent":
            self._status(self.tr("已处理。"))
            self.decided.emit(action, outcome.result)
        elif status == "queued":
            self._status(outcome.message)
            self.decided.emit(action, None)
        elif status == "conflict":
            from govshare_desktop.common.conflict import open_conflict_dialog

            self._status(self.tr("该目录已被他人处理或修改，请在对比窗口中选择。"))
            self.conflict_dialog = open_conflict_dialog(
                self.engine, outcome.item, outcome.server_object, self
            )
        else:
            self._status(outcome.message)
            self._on_selection_changed()

    def _status(self, what: object) -> None:
        if isinstance(what, ApiError):
            text = what.message()
        elif isinstance(what, Exception):
            text = str(what)
        else:
            text = str(what)
        self.ui.statusLabel.setText(text)
