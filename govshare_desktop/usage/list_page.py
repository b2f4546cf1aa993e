"""The frame both usage pages share: a side filter (我发出的 / 我收到的, …), a status filter, the
lazy list (PagedTableModel over the platform's pages, overdue rows red), the detail of the
current item beside it with one button per action the platform offers (its `actions`), and the
outcome line of the last action.

Subclasses say what is listed (`KIND`, sides, statuses, columns, the detail's text) and what
each action button does (`run_action`). A to-do opens its object (ObjectPage.show_object).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row
from govshare_desktop.common.pages import PageClass
from govshare_desktop.common.sending_dialog import ReasonDialog, SendingDialog
from govshare_desktop.common.tables import (
    ColumnDropper,
    Plan,
    compact_rows,
    enable_sorting,
    size_columns,
)
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus
from govshare_desktop.tasks import Task
from govshare_desktop.usage import presenter as P
from govshare_desktop.usage.presenter import Side, translated
from govshare_desktop.usage.widgets import named

PAGE_SIZE = 50


def _row_role(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and P.is_overdue(row):
        return QBrush(OVERDUE)
    return None


class UsageListPage(QWidget):
    """Signals:
    loaded(object): an item shown in the detail (its JSON).
    action_done(str, object): an action and the platform's answer.
    action_queued(str, str): an action kept in the outbox and what the user was told.
    dialog_opened(object): a dialog or confirmation opened.
    """

    loaded = Signal(object)
    action_done = Signal(str, object)
    action_queued = Signal(str, str)
    dialog_opened = Signal(object)

    KIND = ""  # "inquiry" or "discrepancy": the outcome texts
    ACTIONS: Mapping[str, Any] = {}  # action → button text (QT_TRANSLATE_NOOP)
    NEW_ROLES: frozenset[str] = frozenset()  # who sees the 新建 button

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current: Row | None = None
        self.active_dialog: QWidget | None = None
        self._generation = 0
        self.sides: list[Side] = self.side_choices()
        self.statuses = P.status_choices(self.status_enum())
        self._build()
        self.model = PagedTableModel(
            fetch_page=None,
            columns=self.columns(self.current_side()),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(_row_role)
        self.table.setModel(self.model)
        compact_rows(self.table)
        enable_sorting(self.table, on_unavailable=self.countLabel.setText)
        widths = size_columns(self.table, self.plans())
        # a narrow window drops 询问时间 / 提出时间 (it is in the detail) before the names
        ColumnDropper(self.table, widths=widths, optional=(2,), stretch=0, min_stretch=140)
        self._connect()
        self.show_detail(None)
        self.reload()

    # --- what subclasses say -------------------------------------------------------------------

    def side_choices(self) -> list[Side]:
        raise NotImplementedError

    def status_enum(self) -> Any:
        raise NotImplementedError

    def columns(self, side: str) -> list[Column]:
        raise NotImplementedError

    def plans(self) -> list[Plan]:
        raise NotImplementedError

    def list_path(self) -> str:
        raise NotImplementedError

    def read_one(self, object_id: int) -> Row:
        """The item from the platform (background pool)."""
        raise NotImplementedError

    def detail_html(self, row: Row) -> str:
        raise NotImplementedError

    def new_text(self) -> str:
        return ""

    def start_new(self) -> None:
        """The 新建… button."""

    def run_action(self, action: str, row: Row) -> None:
        raise NotImplementedError

    def build_extras(self, bar: QHBoxLayout) -> None:
        """Add the page's own buttons below the action buttons."""

    def extra_buttons(self, row: Row | None) -> None:
        """Show or hide the page's own buttons for `row` (evidence, …)."""

    # --- the widgets ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.sideCombo = named(QComboBox(), "sideCombo")
        for side in self.sides:
            self.sideCombo.addItem(side.title, side.value)
        self.statusCombo = named(QComboBox(), "statusCombo")
        for title, _query in self.statuses:
            self.statusCombo.addItem(title)
        self.refreshButton = named(
            QPushButton(QCoreApplication.translate("UsagePages", "刷新")), "refreshButton"
        )
        self.newButton = named(QPushButton(self.new_text()), "newButton")
        self.newButton.setVisible(bool(self.NEW_ROLES & self.context.roles))
        self.countLabel = named(QLabel(), "countLabel")
        for widget in (
            QLabel(QCoreApplication.translate("UsagePages", "范围")),
            self.sideCombo,
            QLabel(QCoreApplication.translate("UsagePages", "状态")),
            self.statusCombo,
        ):
            bar.addWidget(widget)
        bar.addWidget(self.refreshButton)
        bar.addWidget(self.countLabel, 1)
        bar.addWidget(self.newButton)
        layout.addLayout(bar)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "splitter")
        self.table = named(QTableView(), "tableView")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.splitter.addWidget(self.table)
        detail = named(QWidget(), "detailPanel")
        panel = QVBoxLayout(detail)
        panel.setContentsMargins(4, 0, 0, 0)
        self.detailView = named(QTextBrowser(), "detailView")
        self.detailView.setOpenLinks(False)
        panel.addWidget(self.detailView, 1)
        self.buttonBar = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for action, text in self.ACTIONS.items():
            button = named(QPushButton(translated(str(text))), f"{action}Button")
            button.clicked.connect(lambda _c=False, a=action: self._on_action_clicked(a))
            self.buttonBar.addWidget(button)
            self.action_buttons[action] = button
        self.buttonBar.addStretch(1)
        panel.addLayout(self.buttonBar)
        self.extraBar = QHBoxLayout()
        self.build_extras(self.extraBar)
        panel.addLayout(self.extraBar)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        layout.addWidget(self.splitter, 1)
        self.outcomeLabel = named(QLabel(), "outcomeLabel")
        clear_outcome(self.outcomeLabel)
        layout.addWidget(self.outcomeLabel)

    def _connect(self) -> None:
        self.sideCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.statusCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.refreshButton.clicked.connect(self.refresh)
        self.newButton.clicked.connect(self.start_new)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.failed.connect(self._on_failed)
        self.context.data_changed.connect(self._on_data_changed)

    # --- the list ------------------------------------------------------------------------------

    def current_side(self) -> str:
        return str(self.sideCombo.currentData() or (self.sides[0].value if self.sides else ""))

    def query(self) -> dict[str, Any]:
        status = self.statuses[max(self.statusCombo.currentIndex(), 0)][1]
        return {"side": self.current_side(), **status}

    def reload(self) -> None:
        self.countLabel.setText(QCoreApplication.translate("UsagePages", "正在加载……"))
        side = self.current_side()
        self.model.set_columns(self.columns(side))
        path, client = self.list_path(), self.context.client
        params = self.query()

        def fetch(offset: int, limit: int, sort: str | None = None) -> tuple[list[Row], int | None]:
            page = client.get(path, offset=offset, limit=limit, sort=sort, **params)
            total = page.get("total")
            return list(page.get("items", [])), (int(total) if total is not None else None)

        self.model.reset(fetch)

    def refresh(self) -> None:
        """视图 → 刷新 (F5): the list, and the item shown."""
        self.reload()
        if self.current is not None:
            self.open_object(int(self.current["id"]))

    def _on_page_loaded(self, *_args: Any) -> None:
        total = self.model.total or 0
        self.countLabel.setText(
            QCoreApplication.translate("UsagePages", "共 %1 条").replace("%1", str(total))
            if total
            else QCoreApplication.translate("UsagePages", "没有记录。")
        )
        if self.current is not None:
            row = self.row_index(int(self.current["id"]))
            if row >= 0 and self.table.currentIndex().row() != row:
                self.table.blockSignals(True)
                self.table.selectRow(row)
                self.table.blockSignals(False)

    def _on_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.countLabel.setText(
            QCoreApplication.translate("UsagePages", "加载失败：%1").replace("%1", text)
        )

    def row_index(self, object_id: int) -> int:
        for i, row in enumerate(self.model.rows()):
            if int(row["id"]) == object_id:
                return i
        return -1

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_detail(self.model.row_data(current.row()))

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("usage", "other"):  # ours, and the outbox's replays
            self.reload()

    # --- one item ------------------------------------------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A to-do (inquiry_* / discrepancy_*) opens its object in the detail (ObjectPage)."""
        self.open_object(object_id)
        return True

    def open_object(self, object_id: int) -> None:
        """Read the item afresh from the platform and show it."""
        self._generation += 1
        generation = self._generation

        def done(row: Row) -> None:
            if generation == self._generation:
                self.show_detail(row)
                index = self.row_index(object_id)
                if index >= 0:
                    self.table.blockSignals(True)
                    self.table.selectRow(index)
                    self.table.blockSignals(False)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                show_outcome(
                    self.outcomeLabel,
                    QCoreApplication.translate("UsagePages", "无法打开：%1").replace("%1", text),
                    ERROR,
                )

        self.context.run(lambda _t: self.read_one(object_id), success=done, failure=failed)

    def show_detail(self, row: Row | None) -> None:
        self.current = row
        self.detailView.setHtml(self.detail_html(row) if row else "")
        allowed = set(row.get("actions") or []) if row else set()
        for action, button in self.action_buttons.items():
            button.setVisible(action in allowed)
        self.extra_buttons(row)
        if row is not None:
            self.loaded.emit(row)

    # --- actions -------------------------------------------------------------------------------

    def _on_action_clicked(self, action: str) -> None:
        if self.current is not None:
            clear_outcome(self.outcomeLabel)
            self.run_action(action, self.current)

    def sender_for(self, build: Callable[[Any], Any]) -> Callable[[Any, Done], None]:
        """A dialog's `send`: `build(body)` makes the Action, handed to the sync engine."""

        def send(body: Any, done: Done) -> None:
            self.context.sync.submit(build(body), done=done)

        return send

    def open_dialog(self, dialog: SendingDialog, action: str) -> None:
        dialog.sent.connect(lambda answer: self.after_action(action, answer))
        dialog.queued.connect(lambda text: self.after_queued(action, text))
        self.active_dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def reason_dialog(self, action: str, build: Callable[[Any], Any]) -> ReasonDialog:
        dialog = ReasonDialog(
            context=self.context,
            title=P.action_text(self.ACTIONS, action),
            prompt=translated(str(P.REASON_PROMPTS.get(action, ""))),
            send=self.sender_for(build),
            parent=self,
        )
        self.open_dialog(dialog, action)
        return dialog

    def confirm_then(self, action: str, row: Row, build: Callable[[Any], Any]) -> None:
        """An action without a body: confirmed, then sent."""
        title = P.action_text(self.ACTIONS, action)
        box = confirm_decision(
            self,
            title=title,
            object_name=str(row.get("entry_name") or ""),
            decision=title,
            button=title,
            then=lambda: self.send_now(action, build(None)),
        )
        self.active_dialog = box
        self.dialog_opened.emit(box)

    def send_now(self, action: str, change: Any) -> None:
        show_outcome(
            self.outcomeLabel, QCoreApplication.translate("UsagePages", "正在提交……"), "busy"
        )

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self.after_action(action, outcome.result)
            elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
                self.after_queued(action, queued_text(self.context, outcome))
            else:
                show_outcome(self.outcomeLabel, str(outcome.message), ERROR)

        self.context.sync.submit(change, done=done)

    def after_action(self, action: str, answer: Any) -> None:
        row = answer if isinstance(answer, dict) else (self.current or {})
        show_outcome(self.outcomeLabel, P.done_text(self.KIND, action, row), OK)
        if isinstance(answer, dict) and "id" in answer:
            self.show_detail(answer)
        self.action_done.emit(action, answer)
        for kind in ("usage", "inbox"):
            self.context.data_changed.emit(kind)

    def after_queued(self, action: str, text: str) -> None:
        show_outcome(self.outcomeLabel, text, QUEUED)
        for button in self.action_buttons.values():
            button.setVisible(False)  # until the platform has it
        self.action_queued.emit(action, text)

    def run_in_background(self, op: Callable[[Task], Any], done: Callable[[Any], None]) -> None:
        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            show_outcome(self.outcomeLabel, text, ERROR)

        self.context.run(op, success=done, failure=failed)


__all__ = ["PageClass", "UsageListPage"]
