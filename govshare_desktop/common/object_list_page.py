"""A work-queue page of one kind of object: a filter bar, the lazy list (PagedTableModel over
the platform's pages, overdue rows red), the detail of the current object beside it with one
button per action the platform offers (its `actions`), and the outcome line of the last action.

Subclasses say what is listed and how it is filtered (`build_filters`, `query`, columns, the
detail's text) and what each action button does (`run_action`). Actions go through the
session's SyncEngine (If-Match on the object's version, an Idempotency-Key kept for every
replay); when the object changed meanwhile (412) or its state no longer allows the action (409)
the page says so, drops the stale change and shows the object afresh. A to-do opens its object
(ObjectPage.show_object). Texts: context "ObjectListPage".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
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
from govshare_desktop.common.sending_dialog import SendingDialog
from govshare_desktop.common.tables import Plan, compact_rows, enable_sorting, size_columns
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import module_tr
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus
from govshare_desktop.tasks import Task

PAGE_SIZE = 50
STALE = (409, 412)
"""The object moved on (412) or its state no longer allows the action (409)."""


def tr(text: str) -> str:
    return module_tr("ObjectListPage", text)


def stale_text() -> str:
    return QCoreApplication.translate(
        "ObjectListPage", "该对象已被他人处理或修改，已重新加载最新内容，请核对后再操作。"
    )


def named(widget: Any, name: str) -> Any:
    """`widget` with its objectName (tests and the screenshots find children by it)."""
    widget.setObjectName(name)
    return widget


class ObjectListPage(QWidget):
    """Signals:
    loaded(object): an object shown in the detail (its JSON).
    action_done(str, object): an action and the platform's answer.
    action_queued(str, str): an action kept in the outbox and what the user was told.
    action_failed(str, str): an action refused and what the user was told.
    dialog_opened(object): a dialog or confirmation opened.
    """

    loaded = Signal(object)
    action_done = Signal(str, object)
    action_queued = Signal(str, str)
    action_failed = Signal(str, str)
    dialog_opened = Signal(object)

    ACTIONS: Mapping[str, str] = {}  # action → button text, translated by `action_text`
    NEW_ROLES: frozenset[str] = frozenset()  # who sees the 新建 button
    DATA_KIND = "other"  # the data_changed kind this page's changes emit (and reload on)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current: Row | None = None
        self.active_dialog: QWidget | None = None
        self._generation = 0
        self._build()
        self.model = PagedTableModel(
            fetch_page=None,
            columns=self.columns(),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(self._row_role)
        self.table.setModel(self.model)
        compact_rows(self.table)
        enable_sorting(self.table, on_unavailable=self.countLabel.setText)
        self.column_widths = size_columns(self.table, self.plans())
        self._connect()
        self.show_detail(None)
        self.reload()

    # --- what subclasses say -------------------------------------------------------------------

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Add the filter widgets; call `self.reload()` when they change."""

    def query(self) -> dict[str, Any]:
        """The list's query parameters from the filters."""
        return {}

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def plans(self) -> list[Plan]:
        raise NotImplementedError

    def list_path(self) -> str:
        raise NotImplementedError

    def read_one(self, object_id: int) -> Row:
        """The object from the platform (background pool)."""
        raise NotImplementedError

    def detail_html(self, row: Row) -> str:
        raise NotImplementedError

    def is_overdue(self, row: Row) -> bool:
        return bool(row.get("overdue"))

    def action_text(self, action: str) -> str:
        return str(self.ACTIONS.get(action) or action).rstrip("…")

    def done_text(self, action: str, row: Row) -> str:
        return QCoreApplication.translate("ObjectListPage", "已办理：%1。").replace(
            "%1", self.action_text(action)
        )

    def object_name(self, row: Row) -> str:
        return str(row.get("id") or "")

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
        self.build_filters(bar)
        self.refreshButton = named(
            QPushButton(QCoreApplication.translate("ObjectListPage", "刷新")), "refreshButton"
        )
        self.newButton = named(QPushButton(self.new_text()), "newButton")
        self.newButton.setVisible(bool(self.NEW_ROLES & self.context.roles))
        self.countLabel = named(QLabel(), "countLabel")
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
            button = named(QPushButton(str(text)), f"{action}Button")
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
        self.refreshButton.clicked.connect(self.refresh)
        self.newButton.clicked.connect(self.start_new)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.failed.connect(self._on_failed)
        self.context.data_changed.connect(self._on_data_changed)

    def _row_role(self, row: Row, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(OVERDUE)
        return None

    # --- the list ------------------------------------------------------------------------------

    def reload(self) -> None:
        if not hasattr(self, "model"):
            return  # a filter set while the page is built
        self.countLabel.setText(QCoreApplication.translate("ObjectListPage", "正在加载……"))
        path, client, params = self.list_path(), self.context.client, self.query()

        def fetch(offset: int, limit: int, sort: str | None = None) -> tuple[list[Row], int | None]:
            page = client.get(path, offset=offset, limit=limit, sort=sort, **params)
            total = page.get("total")
            return list(page.get("items", [])), (int(total) if total is not None else None)

        self.model.reset(fetch)

    def refresh(self) -> None:
        """视图 → 刷新 (F5): the list, and the object shown."""
        self.reload()
        if self.current is not None:
            self.open_object(int(self.current["id"]))

    def _on_page_loaded(self, *_args: Any) -> None:
        total = self.model.total or 0
        self.countLabel.setText(
            QCoreApplication.translate("ObjectListPage", "共 %1 条").replace("%1", str(total))
            if total
            else QCoreApplication.translate("ObjectListPage", "没有记录。")
        )
        if self.current is not None:
            self._select(int(self.current["id"]))

    def _on_failed(self, exc: Exception) -> None:
        text = exc.message() if isinstance(exc, ApiError) else str(exc)
        self.countLabel.setText(
            QCoreApplication.translate("ObjectListPage", "加载失败：%1").replace("%1", text)
        )

    def row_index(self, object_id: int) -> int:
        for i, row in enumerate(self.model.rows()):
            if int(row["id"]) == object_id:
                return i
        return -1

    def _select(self, object_id: int) -> None:
        index = self.row_index(object_id)
        if index >= 0 and self.table.currentIndex().row() != index:
            self.table.blockSignals(True)
            self.table.selectRow(index)
            self.table.blockSignals(False)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_detail(self.model.row_data(current.row()))

    def _on_data_changed(self, kind: str) -> None:
        if kind in (self.DATA_KIND, "other"):  # ours, and the outbox's replays
            self.reload()

    # --- one object ----------------------------------------------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """A to-do opens its object in the detail (ObjectPage)."""
        self.open_object(object_id)
        return True

    def open_object(self, object_id: int) -> None:
        """Read the object afresh from the platform and show it."""
        self._generation += 1
        generation = self._generation

        def done(row: Row) -> None:
            if generation == self._generation:
                self.show_detail(row)
                self._select(object_id)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                show_outcome(
                    self.outcomeLabel,
                    QCoreApplication.translate("ObjectListPage", "无法打开：%1").replace(
                        "%1", text
                    ),
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

    def latest_version(self, row: Row) -> int:
        """The version to send If-Match with: the shown object's when it is the same one (it
        may have been read afresh after a dialog opened)."""
        current = self.current
        if current is not None and int(current["id"]) == int(row["id"]):
            return int(current["version"])
        return int(row["version"])

    # --- actions -------------------------------------------------------------------------------

    def _on_action_clicked(self, action: str) -> None:
        if self.current is not None:
            clear_outcome(self.outcomeLabel)
            self.run_action(action, self.current)

    def checked_done(self, action: str, done: Done) -> Done:
        """`done`, except that a stale change (409/412) is dropped from the outbox and turned
        into a refusal saying so, and the object is shown afresh."""

        def check(outcome: Outcome) -> None:
            error = outcome.api_error
            stale = outcome.status == OutcomeStatus.CONFLICT or (
                outcome.status == OutcomeStatus.FAILED
                and error is not None
                and error.status in STALE
            )
            if not stale:
                done(outcome)
                return
            if outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
                self.context.sync.resolve_conflict(outcome.item, Resolution.THEIRS)
            moved = outcome.status == OutcomeStatus.CONFLICT or (
                error is not None and error.status == 412
            )
            detail = outcome.message or (error.message() if error else "")
            text = (
                stale_text()
                if moved
                else detail
                + QCoreApplication.translate(
                    "ObjectListPage", "已重新加载最新内容，请核对后再操作。"
                )
            )
            self.action_failed.emit(action, text)
            if self.current is not None:
                self.open_object(int(self.current["id"]))
            self.reload()
            done(Outcome(OutcomeStatus.FAILED, message=text, error=outcome.error))

        return check

    def sender_for(
        self, build: Callable[[Any], Any], action: str = ""
    ) -> Callable[[Any, Done], None]:
        """A dialog's `send`: `build(body)` makes the Action, handed to the sync engine."""

        def send(body: Any, done: Done) -> None:
            self.context.sync.submit(build(body), done=self.checked_done(action, done))

        return send

    def open_dialog(self, dialog: SendingDialog, action: str) -> None:
        dialog.sent.connect(lambda answer: self.after_action(action, answer))
        dialog.queued.connect(lambda text: self.after_queued(action, text))
        self.active_dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def confirm_then(self, action: str, row: Row, build: Callable[[Any], Any]) -> None:
        """An action without a body: confirmed, then sent."""
        title = self.action_text(action)
        box = confirm_decision(
            self,
            title=title,
            object_name=self.object_name(row),
            decision=title,
            button=title,
            then=lambda: self.send_now(action, build(None)),
        )
        self.active_dialog = box
        self.dialog_opened.emit(box)

    def send_now(self, action: str, change: Any) -> None:
        """Send an action without a dialog; its outcome on the page's outcome line."""
        show_outcome(
            self.outcomeLabel, QCoreApplication.translate("ObjectListPage", "正在提交……"), "busy"
        )

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self.after_action(action, outcome.result)
            elif outcome.status == OutcomeStatus.QUEUED:
                self.after_queued(action, queued_text(self.context, outcome))
            else:
                show_outcome(self.outcomeLabel, str(outcome.message), ERROR)

        self.context.sync.submit(change, done=self.checked_done(action, done))

    def after_action(self, action: str, answer: Any) -> None:
        row = answer if isinstance(answer, dict) else (self.current or {})
        show_outcome(self.outcomeLabel, self.done_text(action, row), OK)
        if isinstance(answer, dict) and "id" in answer:
            self.show_detail(answer)
        self.action_done.emit(action, answer)
        for kind in (self.DATA_KIND, "inbox"):
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
