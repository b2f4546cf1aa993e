"""目录审核 ("catalog.review"): the department reviewer's queue (第十五条), the platform's
confirmation queue and change reports (第十六条, 第十七条); side-by-side changes; approve or
return with a reason. The queues as data are in `review_queues`, the decisions in
`review_decisions`."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from govshare_desktop import i18n
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import EntryFormDialog, open_entry_form
from govshare_desktop.catalog.review_decisions import ReasonDialog, ReviewDecisions
from govshare_desktop.catalog.review_queues import (
    DEPT_QUEUE,
    PLATFORM_QUEUE,
    REPORT_QUEUE,
    SHOWN_FIELDS,
    optional_columns,
    queue_columns,
    queue_fetcher,
    queue_of,
    queue_plans,
    queues_for,
    review_overdue,
)
from govshare_desktop.common import policy
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.outcome import clear_outcome
from govshare_desktop.common.paged_model import Column, MoreThan, PagedTableModel, Row
from govshare_desktop.common.tables import (
    ColumnDropper,
    ColumnSizer,
    compact_rows,
    enable_sorting,
)
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext

CHANGED = QColor("#fff4c2")

__all__ = ["DEPT_QUEUE", "PLATFORM_QUEUE", "REPORT_QUEUE", "ReasonDialog", "ReviewPage"]


class ReviewPage(QWidget):
    """Review queues for catalog reviewers and the platform admin.

    Signals:
        decided(str, object): an action was taken ("dept_approve", "publish", "apply", …)
            and the platform's answer.
        object_missing(str, int): show_object looked in vain (kind, id).
    """

    decided = Signal(str, object)
    object_missing = Signal(str, int)

    def __init__(
        self, *, context: AppContext, page_size: int = 25, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = load_form("review_page.ui", self)
        self.current: dict[str, Any] | None = None
        self.last_dialog: EntryFormDialog | None = None  # the entry opened with 查看完整目录
        self.seeker = ObjectSeeker(self)
        self.decisions = ReviewDecisions(
            context=context, outcome_label=self.ui.outcomeLabel, parent=self
        )
        for title, queue in queues_for(context.roles):
            self.ui.queueCombo.addItem(title, queue)
        self.model = PagedTableModel(
            fetch_page=None,
            columns=self._columns(),
            page_size=page_size,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(_overdue_in_red)
        view = self.ui.queueView
        view.setModel(self.model)
        view.verticalHeader().hide()
        compact_rows(view)
        self.sizer = ColumnSizer(view, queue_plans(self.queue))
        # a narrow list drops optional columns before squeezing the names
        self.column_dropper = ColumnDropper(
            view,
            widths=self.sizer.widths,
            optional=optional_columns(self.queue),
            stretch=0,
            min_stretch=150,
        )
        self.ui.splitter.setSizes([560, 540])
        self._setup_diff_table()
        enable_sorting(view, on_unavailable=self._status)
        clear_outcome(self.ui.outcomeLabel)
        self._connect()
        self._show_detail(None)
        self.reload()

    def _setup_diff_table(self) -> None:
        table = self.ui.diffTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("要素"), self.tr("上一发布版本"), self.tr("本次")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(True)

    def _connect(self) -> None:
        ui, decisions = self.ui, self.decisions
        ui.queueCombo.currentIndexChanged.connect(lambda *_: self.reload())
        ui.refreshButton.clicked.connect(self.refresh)
        ui.queueView.selectionModel().selectionChanged.connect(self._on_selection_changed)
        ui.approveButton.clicked.connect(self.approve)
        ui.returnButton.clicked.connect(self.ask_return)
        ui.openButton.clicked.connect(self._on_open_button_clicked)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(self._status)
        decisions.sending.connect(self._on_decisions_sending)
        decisions.decided.connect(self.decided)
        decisions.failed.connect(self._on_selection_changed)
        decisions.status.connect(self._status)
        self.context.data_changed.connect(self._on_context_data_changed)

    # --- queues ------------------------------------------------------------------------------

    @property
    def queue(self) -> str:
        return str(self.ui.queueCombo.currentData() or "")

    def _columns(self) -> list[Column]:
        return queue_columns(self.queue, own=self._own)

    def _own(self, row: Row) -> bool:
        """第十五条: the department's review is never by the one who submitted the entry (the
        core's refusal `own_submission`)."""
        return self.queue == DEPT_QUEUE and P.own_submission(row, self.context.actor)

    def reload(self) -> None:
        self.ui.queueView.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_columns(self._columns())
        self.model.set_enabled_rule(lambda r: not self._own(r))
        self.column_dropper.set_optional(optional_columns(self.queue))
        self.sizer.set_plans(queue_plans(self.queue))
        self.model.reset(queue_fetcher(self.context.client, self.queue) if self.queue else None)
        self._show_detail(None)

    def refresh(self) -> None:
        """视图 → 刷新 (F5): reload the queue (RefreshablePage)."""
        self.reload()

    def _on_model_page_loaded(self, loaded: int, total: object) -> None:
        if loaded == 0:
            self._status(self.tr("队列中没有待处理的事项。"))
        elif isinstance(total, MoreThan):  # the platform stopped counting: a bound
            self._status(self.tr("超过 %1 项").replace("%1", f"{int(total):,}"))
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
        queue = queue_of(kind)
        index = self.ui.queueCombo.findData(queue) if queue else -1
        if index < 0:
            return False
        self.seeker.cancel()
        if index != self.ui.queueCombo.currentIndex():
            self.ui.queueCombo.setCurrentIndex(index)  # reloads
        else:
            self.reload()
        missing = partial(self._object_missing, kind, object_id)
        self.seeker.seek(self.model, object_id, found=self.select_row, missing=missing)
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
            lambda _t: (client.entry(entry_id), client.entry_diff(entry_id)),
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
            info += self.tr(" 本人登记或提交的目录须由其他审核员审核（第十五条）。")
        self.ui.detailInfo.setText(info)
        actions = P.entry_actions(entry, self.context.actor)
        dept = self.queue == DEPT_QUEUE
        self.ui.approveButton.setText(self.tr("审核通过") if dept else self.tr("确认发布"))
        self.ui.returnButton.setText(self.tr("退回…"))
        self.ui.approveButton.setEnabled(("dept_approve" if dept else "publish") in actions)
        self.ui.returnButton.setEnabled(("dept_return" if dept else "platform_return") in actions)

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

    # --- decisions (ReviewDecisions) -----------------------------------------------------------

    @property
    def confirm_box(self) -> QWidget | None:
        return self.decisions.confirm_box

    @property
    def reason_dialog(self) -> ReasonDialog | None:
        return self.decisions.reason_dialog

    @property
    def conflict_dialog(self) -> QWidget | None:
        return self.decisions.conflict_dialog

    def approve(self) -> QWidget | None:
        """审核通过 / 确认发布 / 应用变更 on the selected item, after confirmation."""
        return None if self.current is None else self.decisions.approve(self.current, self.queue)

    def ask_return(self) -> ReasonDialog | None:
        """退回 / 驳回 the selected item: the reason first, then the confirmation."""
        if self.current is None:
            return None
        return self.decisions.ask_return(self.current, self.queue)

    def _on_decisions_sending(self) -> None:
        self.ui.approveButton.setEnabled(False)
        self.ui.returnButton.setEnabled(False)

    def _status(self, what: object) -> None:
        self.ui.statusLabel.setText(what.message() if isinstance(what, ApiError) else str(what))


def _overdue_in_red(row: Row, role: int) -> Any:
    return OVERDUE if role == Qt.ItemDataRole.ForegroundRole and review_overdue(row) else None
