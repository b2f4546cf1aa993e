"""目录审核 ("catalog.review"): the department reviewer's queue (第十五条), the platform's
confirmation queue and change reports (第十六条, 第十七条); side-by-side changes; approve or
return with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
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

from govshare_core.validation import validate_reason
from govshare_core.vocab import EntryStatus, ShareType
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.actions import Action
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import open_entry_form
from govshare_desktop.common import policy
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.common.finder import RowFinder, find_object
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.tables import (
    Capped,
    ColumnSizer,
    Fit,
    Plan,
    Stretch,
    compact_rows,
    enable_sorting,
)
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

DEPT_QUEUE, PLATFORM_QUEUE, REPORT_QUEUE = "dept", "platform", "reports"
TODO_QUEUES = {"entry_review": DEPT_QUEUE, "entry_confirm": PLATFORM_QUEUE}
"""To-do kind → the queue listing its entry; "change_report" (a report id) → REPORT_QUEUE."""
SHOWN_FIELDS = tuple(f for f in P.ENTRY_FIELDS if f != "involves_state_secret")
CHANGED = QColor("#fff4c2")


class ReasonDialog(QDialog):
    """Asks the reason of a return/rejection; OK stays disabled until one is written.

    Signals:
        reason_given(str): the user confirmed with this reason.
    """

    reason_given = Signal(str)

    PREFERRED_SIZE = QSize(460, 240)  # shrunk to the screen (1366×728 at least)

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
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def _on_edit_text_changed(self) -> None:
        ok = not validate_reason(self.edit.toPlainText())  # ReasonIn (govshare_core.validation)
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
    object_missing = Signal(str, int)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.conflict_dialog: QWidget | None = None
        self.confirm_box: QWidget | None = None
        self.ui = load_form("review_page.ui", self)
        self.current: dict[str, Any] | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.finder: RowFinder | None = None
        if context.has("catalog_reviewer"):
            self.ui.queueCombo.addItem(self.tr("本部门待审核目录"), DEPT_QUEUE)
        if context.has("platform_admin"):
            self.ui.queueCombo.addItem(self.tr("待平台确认目录"), PLATFORM_QUEUE)
            self.ui.queueCombo.addItem(self.tr("待处理的变更报告"), REPORT_QUEUE)
        self.model = PagedTableModel(
            fetch_page=None, columns=self._columns(), page_size=25, runner=context.run, parent=self
        )
        view = self.ui.queueView
        view.setModel(self.model)
        view.verticalHeader().hide()
        compact_rows(view)
        self.sizer = ColumnSizer(view, self._plans())
        self.ui.splitter.setSizes([560, 540])
        table = self.ui.diffTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("要素"), self.tr("上一发布版本"), self.tr("本次")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(True)
        enable_sorting(view, on_unavailable=self._status)
        clear_outcome(self.ui.outcomeLabel)
        self.ui.queueCombo.currentIndexChanged.connect(lambda *_: self.reload())
        self.ui.refreshButton.clicked.connect(self.refresh)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
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
                Column("entry_name", self.tr("信息资源"), tooltip=lambda r: str(r["entry_name"])),
                Column("effective_date", self.tr("生效日期")),
                Column("reported_on", self.tr("报送日期")),
                Column("due", self.tr("报送期限"), render=_deadline),
                Column(
                    "late",
                    self.tr("是否迟报"),
                    render=lambda r: self.tr("迟报") if r["late"] else "",
                ),
            ]
        when = self.tr("提交时间") if self.queue == DEPT_QUEUE else self.tr("部门审核时间")
        return [
            Column("name", self.tr("信息资源名称"), tooltip=lambda r: str(r["name"])),
            Column(
                "department_name",
                self.tr("提供方"),
                tooltip=lambda r: str(r.get("department_name", "")),
            ),
            Column(
                "share_type", self.tr("共享类型"), render=lambda r: P.show_value(r["share_type"])
            ),
            Column("submitted_by", self.tr("提交人"), render=self._submitter),
            Column(
                "submitted_at",
                when,
                render=lambda r: i18n.local_time(r.get("submitted_at") or r.get("updated_at")),
                sort_key=lambda r: str(r.get("submitted_at") or r.get("updated_at") or ""),
            ),
            Column("review_due", self.tr("审核期限"), render=_deadline),
        ]

    def _plans(self) -> list[Plan]:
        if self.queue == REPORT_QUEUE:
            due = Fit([_deadline({"due": "2026-12-31", "working_days_left": -10})])
            return [Stretch(), Fit(["2026-12-31"]), Fit(["2026-12-31"]), due, Fit()]
        return [
            Stretch(),
            Capped(220),
            Fit([i18n.label(t) for t in ShareType]),
            Capped(140, [self.tr("本人提交")]),
            Fit(["2026-12-31 23:59"]),
            Fit(["2026-12-31"]),
        ]

    def _submitter(self, row: dict[str, Any]) -> str:
        """Who submitted (第十五条: one's own submission is marked and cannot be taken). The
        platform gives the submitter's id only; a name is shown once it sends one."""
        if self._own(row):
            return self.tr("本人提交")
        name = row.get("submitted_by_name")
        if name:
            return str(name)
        who = row.get("submitted_by")
        return self.tr("用户 %1").replace("%1", str(who)) if who else "—"

    def _own(self, row: dict[str, Any]) -> bool:
        """第十五条: the department's review is never by the one who submitted the entry (the
        core's refusal `own_submission`)."""
        return self.queue == DEPT_QUEUE and P.own_submission(row, self.context.actor)

    def _fetcher(self) -> Any:
        client, queue = self.context.client, self.queue

        def entries(status: str) -> Any:
            def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
                page = client.entries(status=status, offset=offset, limit=limit)
                # the summaries lack the submitter: the queue is short, read each entry
                return [client.entry(int(i["id"])) for i in page["items"]], int(page["total"])

            return fetch

        def reports(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
            page = client.change_reports(status="submitted", offset=offset, limit=limit)
            items = []
            for r in page["items"]:
                entry = client.entry(int(r["entry_id"]))
                items.append({**r, "entry_name": entry["name"], "entry": entry})
            return items, int(page["total"])

        if queue == REPORT_QUEUE:
            return reports
        return entries(EntryStatus.SUBMITTED if queue == DEPT_QUEUE else EntryStatus.DEPT_APPROVED)

    def reload(self) -> None:
        self.ui.queueView.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_columns(self._columns())
        self.model.set_enabled_rule(lambda r: not self._own(r))
        self.sizer.set_plans(self._plans())
        self.model.reset(self._fetcher() if self.queue else None)
        self._show_detail(None)

    def refresh(self) -> None:
        """视图 → 刷新 (F5): reload the queue (RefreshablePage)."""
        self.reload()

    def _on_model_page_loaded(self, loaded: int, total: object) -> None:
        if loaded == 0:
            self._status(self.tr("队列中没有待处理的事项。"))
        else:
            self._status(self.tr("共 %1 项").replace("%1", str(total)))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == "entry":
            self.reload()

    def select_row(self, row: int) -> None:
        view = self.ui.queueView
        view.setCurrentIndex(self.model.index(row, 0))
        view.selectRow(row)
        view.scrollTo(self.model.index(row, 0))

    def _on_selection_changed(self, *_args: Any) -> None:
        rows = self.ui.queueView.selectionModel().selectedRows()
        self._show_detail(self.model.row_data(rows[0].row()) if rows else None)

    # --- opening a to-do's object (shell ObjectPage) -------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """Switch to the queue listing the to-do's entry (or change report), select it and show
        its changes. False when this user has no such queue; when the object is no longer
        listed (someone decided it meanwhile) the page says so and emits object_missing."""
        queue = REPORT_QUEUE if kind == "change_report" else TODO_QUEUES.get(kind)
        index = self.ui.queueCombo.findData(queue) if queue else -1
        if index < 0:
            return False
        if self.finder is not None:
            self.finder.cancel()
        if index != self.ui.queueCombo.currentIndex():
            self.ui.queueCombo.setCurrentIndex(index)  # reloads
        else:
            self.reload()
        self.finder = find_object(
            self.model,
            object_id,
            found=self.select_row,
            missing=lambda: self._object_missing(kind, object_id),
            parent=self,
        )
        return True

    def _object_missing(self, kind: str, object_id: int) -> None:
        self._status(
            self.tr("编号 %1 的事项已不在待审核队列中，可能已由他人处理。").replace(
                "%1", str(object_id)
            )
        )
        self.object_missing.emit(kind, object_id)

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
                client.entry_diff(entry_id),
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
        if self._own(entry):
            info += self.tr(" 本人提交的目录须由其他审核员审核（第十五条）。")
        self.ui.detailInfo.setText(info)
        actions = P.entry_actions(entry, self.context.actor)
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
        days = policy.current(self.context).change_report_days
        late = self.tr("（迟报，超过%1日）").replace("%1", str(days)) if report.get("late") else ""
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
            cells = (i18n.field_label(name), P.show_value(before), P.show_value(after))
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

    def approve(self) -> QWidget | None:
        """审核通过 / 确认发布 / 应用变更: asks for confirmation first (it cannot be undone)."""
        if self.current is None:
            return None
        current, version = self.current, _version(self.current)
        if self.queue == REPORT_QUEUE:
            change = actions.change_report_action(
                int(current["id"]), "apply", version=version, label=self._label("apply")
            )
            return self._confirm("apply", change)
        action: actions.EntryAction = "dept-approve" if self.queue == DEPT_QUEUE else "publish"
        name = action.replace("-", "_")
        change = actions.entry_action(
            int(current["id"]), action, version=version, label=self._label(name)
        )
        return self._confirm(name, change)

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

    def return_with(self, reason: str) -> QWidget | None:
        """退回 / 驳回 with the reason given: confirmed like the other decisions."""
        if self.current is None:
            return None
        current, version, body = self.current, _version(self.current), {"reason": reason}
        if self.queue == REPORT_QUEUE:
            report = actions.change_report_action(
                int(current["id"]), "reject", body, version=version, label=self._label("reject")
            )
            return self._confirm("reject", report, reason)
        action: actions.EntryAction = (
            "dept-return" if self.queue == DEPT_QUEUE else "platform-return"
        )
        name = action.replace("-", "_")
        change = actions.entry_action(
            int(current["id"]), action, body, version=version, label=self._label(name)
        )
        return self._confirm(name, change, reason)

    def _verbs(self) -> dict[str, str]:
        return {
            "dept_approve": self.tr("审核通过"),
            "dept_return": self.tr("退回目录"),
            "publish": self.tr("确认发布"),
            "platform_return": self.tr("平台退回"),
            "apply": self.tr("应用变更报告"),
            "reject": self.tr("驳回变更报告"),
        }

    def _decisions(self) -> dict[str, str]:
        """What each decision does, as the confirmation names it."""
        return {
            "dept_approve": self.tr("审核通过，报送共享平台确认（第十五条）"),
            "dept_return": self.tr("退回登记人修改"),
            "publish": self.tr("确认发布到政务信息资源目录并赋信息资源代码（第十六条）"),
            "platform_return": self.tr("退回提供部门修改"),
            "apply": self.tr("按变更报告调整共享目录（第十七条）"),
            "reject": self.tr("驳回变更报告，不调整共享目录"),
        }

    def _object_name(self) -> str:
        current = self.current or {}
        return str(current.get("name") or current.get("entry_name") or "")

    def _label(self, action: str) -> str:
        """The outbox label of a decision on the current item."""
        return f"{self._verbs().get(action, action)}：{self._object_name()}"

    def _confirm(self, action: str, change: Action, reason: str = "") -> QWidget:
        """Name the object and the decision; send only when the user confirms."""
        note = self.tr("理由：%1。").replace("%1", reason) if reason else ""
        self.confirm_box = confirm_decision(
            self,
            title=self._verbs().get(action, action),
            object_name=self._object_name(),
            decision=self._decisions().get(action, action),
            button=self._verbs().get(action, action),
            then=lambda: self._do(action, change),
            note=note,
        )
        return self.confirm_box

    def _do(self, action: str, change: Action) -> None:
        """Send the decision now, or queue it in the outbox when the platform is unreachable."""
        self.ui.approveButton.setEnabled(False)
        self.ui.returnButton.setEnabled(False)
        clear_outcome(self.ui.outcomeLabel)
        self._status(self.tr("正在提交…"))
        name = self._object_name()
        self.context.sync.submit(
            change, done=lambda outcome: self._on_outcome(action, outcome, name)
        )

    def _on_outcome(self, action: str, outcome: Outcome, name: str = "") -> None:
        verb = self._verbs().get(action, action)
        if outcome.status == OutcomeStatus.SENT:
            show_outcome(self.ui.outcomeLabel, self._done_text(action, verb, name, outcome), OK)
            self._status("")
            self.decided.emit(action, outcome.result)
        elif outcome.status == OutcomeStatus.QUEUED:
            text = self.tr("“%1”：%2。%3").replace("%1", name).replace("%2", verb)
            show_outcome(self.ui.outcomeLabel, text.replace("%3", outcome.message), QUEUED)
            self.decided.emit(action, None)
        elif outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            show_outcome(
                self.ui.outcomeLabel,
                self.tr("该目录已被他人处理或修改，请在对比窗口中选择。"),
                QUEUED,
            )
            self.conflict_dialog = open_conflict_dialog(
                self.context.sync, outcome.item, outcome.server_object, self
            )
        else:
            text = self.tr("“%1”未能%2：%3").replace("%1", name).replace("%2", verb)
            show_outcome(self.ui.outcomeLabel, text.replace("%3", outcome.message), ERROR)
            self._on_selection_changed()

    def _done_text(self, action: str, verb: str, name: str, outcome: Outcome) -> str:
        """What was done, lasting until the next decision; a publication names the resource
        code the platform assigned (第十六条)."""
        text = self.tr("已%1：“%2”。").replace("%1", verb).replace("%2", name)
        result = outcome.result if isinstance(outcome.result, dict) else {}
        if action == "publish" and result.get("resource_code"):
            text += self.tr("信息资源代码：%1").replace("%1", str(result["resource_code"]))
        return text

    def _status(self, what: object) -> None:
        if isinstance(what, ApiError):
            text = what.message()
        elif isinstance(what, Exception):
            text = str(what)
        else:
            text = str(what)
        self.ui.statusLabel.setText(text)


def _version(row: dict[str, Any]) -> int | None:
    version = row.get("version")
    return int(version) if version else None


def _deadline(row: dict[str, Any]) -> str:
    """The deadline the platform gives (a change report's 20 days, 第十七条; an entry's review
    deadline once the platform sends one) with its working days left; "—" without one."""
    due = row.get("due") or row.get("review_due")
    if not due:
        return "—"
    left = row.get("working_days_left")
    if left is None:
        return str(due)
    if int(left) < 0:
        tail = QCoreApplication.translate("ReviewPage", "（超期 %1 个工作日）")
        return str(due) + tail.replace("%1", str(-int(left)))
    tail = QCoreApplication.translate("ReviewPage", "（剩 %1 个工作日）")
    return str(due) + tail.replace("%1", str(left))
