"""我的申请 and 待审申请: share request lists with deadlines, the request's detail and history,
and the actions the user may take in its state (第二十二条, 第二十五条, 第二十七条, 第三十条).

One page class serves both: `RequestsPage.mine(...)` (the applicant's department, side=consumer,
with local drafts) and `RequestsPage.inbox(...)` (requests waiting on the resource admin or the
platform admin). The platform searches (`q`, debounced typing) and sorts (a header click) the
list; the first page of each filter is cached for offline browsing, its deadlines counted again
for the day it is shown. The actions: `action_panel.py`; the drafts: `drafts_panel.py`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from govshare_core import clock
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common import policy
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.finder import ObjectSeeker
from govshare_desktop.common.paged_model import PagedTableModel, Row
from govshare_desktop.common.print_actions import SheetPrinting
from govshare_desktop.common.print_layout import Sheet
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import time_text
from govshare_desktop.requests import lists, lookups
from govshare_desktop.requests.action_panel import RequestActionPanel
from govshare_desktop.requests.detail import detail_html
from govshare_desktop.requests.drafts_panel import RequestDraftsPanel
from govshare_desktop.requests.lists import ListMode, inbox_mode, mine_mode
from govshare_desktop.requests.presenters import lacks_department_names
from govshare_desktop.requests.print_form import file_name as print_file_name
from govshare_desktop.requests.print_form import request_sheet
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.tables import (
    ColumnDropper,
    compact_rows,
    enable_sorting,
    event_column_plans,
    event_columns,
    request_column_plans,
    request_columns,
    select_row,
    size_columns,
)
from govshare_desktop.store.local import Draft
from govshare_desktop.tasks import run_in_background

PAGE_SIZE = 50
OVERDUE_COLOR = QColor("#c0392b")


class RequestsPage(QWidget):
    """A list of share requests with detail, history and state actions.

    Signals:
        detail_loaded(object): the selected request's detail (ShareRequestDetailOut JSON).
        action_done(str, object): an action ("withdraw", "decide", ...) and the platform's answer.
        action_queued(str, str): an action kept in the outbox (offline) and what the user was told.
        dialog_opened(object): a dialog (decision, reason, request form, confirmation) opened.
        object_missing(str, int): a to-do's request is not in the list (kind, id).
    """

    detail_loaded = Signal(object)
    action_done = Signal(str, object)
    action_queued = Signal(str, str)
    dialog_opened = Signal(object)
    object_missing = Signal(str, int)

    def __init__(
        self,
        *,
        context: AppContext,
        mode: ListMode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"requestsPage_{mode.key}")
        self.context = context
        self.mode = mode
        self.ui = load_form("share_requests.ui", self)
        self.detail: dict[str, Any] | None = None
        self.active_dialog: QWidget | None = None
        self.names: dict[int, str] = {}
        self.seeker = ObjectSeeker(self)
        self._detail_generation = 0
        self.model = PagedTableModel(
            fetch_page=None,
            columns=request_columns(mode.counterpart),
            page_size=PAGE_SIZE,
            runner=context.run,
            parent=self,
        )
        self.model.set_role_hook(self._row_role)
        self.events_model = PagedTableModel(fetch_page=None, columns=event_columns(), parent=self)
        self._search = Debouncer(
            delay_ms=lists.SEARCH_DEBOUNCE_MS, callback=self._on_search_fired, parent=self
        )
        self.action_panel = RequestActionPanel(context=context, ui=self.ui, parent=self)
        self.drafts_panel = RequestDraftsPanel(context=context, ui=self.ui, parent=self)
        self.printing = SheetPrinting(  # 打印… / 导出PDF… of the 申请表, left of the actions
            self, self.ui.actionLayout, sheet_of=self._sheet, status=self._print_status, at=1
        )
        self._setup()
        self._connect()
        self._show_detail(None)
        self.reload()
        if mode.drafts:
            self.drafts_panel.reload()

    @classmethod
    def mine(cls, *, context: AppContext, parent: QWidget | None = None) -> RequestsPage:
        return cls(context=context, mode=mine_mode(), parent=parent)

    @classmethod
    def inbox(cls, *, context: AppContext, parent: QWidget | None = None) -> RequestsPage:
        return cls(context=context, mode=inbox_mode(context.roles), parent=parent)

    @property
    def confirm_box(self) -> QWidget | None:
        """The confirmation of the last withdrawal (see RequestActionPanel)."""
        return self.action_panel.confirm_box

    # --- setup -------------------------------------------------------------------------------

    def _setup(self) -> None:
        ui = self.ui
        ui.titleLabel.setText(self.mode.title)
        for text, params in self.mode.filters:
            ui.filterCombo.addItem(text, params)
        ui.searchEdit.setMaxLength(lists.SEARCH_MAX_LENGTH)
        ui.tableView.setModel(self.model)
        compact_rows(ui.tableView)
        enable_sorting(ui.tableView, on_unavailable=ui.statusLabel.setText)
        widths = size_columns(ui.tableView, request_column_plans())
        # narrow windows drop 截止日期 (剩余工作日 and the detail tell it), then the
        # department, before squeezing the resource names (the detail has them all)
        self.column_dropper = ColumnDropper(
            ui.tableView, widths=widths, optional=(4, 2), stretch=1, min_stretch=130
        )
        ui.eventsView.setModel(self.events_model)
        compact_rows(ui.eventsView)
        enable_sorting(ui.eventsView, on_unavailable=ui.actionStatusLabel.setText)
        size_columns(ui.eventsView, event_column_plans())
        ui.draftsGroup.setVisible(self.mode.drafts)
        ui.continueDraftButton.setVisible(self.mode.drafts)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([720, 380])  # the list first: its columns need the room

    def _connect(self) -> None:
        ui = self.ui
        ui.filterCombo.currentIndexChanged.connect(self._on_filter_combo_changed)
        ui.searchEdit.textChanged.connect(self._search.push)
        ui.refreshButton.clicked.connect(self._on_refresh_button_clicked)
        ui.tableView.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.failed.connect(self._on_model_failed)
        self.action_panel.done.connect(self._on_actions_done)
        self.action_panel.queued.connect(self.action_queued)
        self.action_panel.opened.connect(self._on_dialog_opened)
        self.drafts_panel.opened.connect(self._on_dialog_opened)
        self.context.data_changed.connect(self._on_context_data_changed)
        self.context.outbox_changed.connect(self._on_context_outbox_changed)

    def _row_role(self, row: Row, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.get("_overdue"):
            return QBrush(OVERDUE_COLOR)
        return None

    # --- list --------------------------------------------------------------------------------

    @property
    def cache_name(self) -> str:
        return f"requests:{self.mode.key}:{self.ui.filterCombo.currentIndex()}"

    def search_text(self) -> str | None:
        return lists.search_text(self.ui.searchEdit.text())

    def params(self) -> dict[str, Any]:
        """The list's query: the filter, the side (我的申请), the search text (`q`)."""
        params = dict(self.ui.filterCombo.currentData() or {})
        if self.mode.key == "mine":
            params["side"] = "consumer"
        if self.search_text():
            params["q"] = self.search_text()
        return params

    def reload(self) -> None:
        """Start the list over (the platform's sort, if a header asked for one, stays)."""
        self.ui.statusLabel.setText(self.tr("正在加载……"))
        self.model.reset(lists.request_fetcher(self.context, self.params()))

    def _on_search_fired(self, _text: object) -> None:
        self.reload()

    def _show_count(self) -> None:
        total = self.model.total or 0
        if self.search_text():
            self.ui.statusLabel.setText(self.tr("筛选出 %1 条").replace("%1", str(total)))
        elif not total:
            self.ui.statusLabel.setText(self.tr("没有申请。"))
        else:
            self.ui.statusLabel.setText(self.tr("共 %1 条").replace("%1", str(total)))

    def focus_search(self) -> None:
        """编辑 → 查找 (Ctrl+F) (SearchablePage)."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def save_draft(self) -> bool:
        """文件 → 保存草稿 (Ctrl+S): an open request form's draft (DraftPage)."""
        dialog = self.active_dialog
        if isinstance(dialog, RequestFormDialog) and dialog.isVisible():
            return dialog.save_draft()
        return False

    def _on_model_page_loaded(self, loaded: int, _total: Any) -> None:
        self._show_count()
        if loaded <= PAGE_SIZE and not self.search_text():
            rows, store, name = self.model.rows(), self.context.store, self.cache_name
            run_in_background(lambda task: store.cache_put(name, rows))

    def _on_model_failed(self, exc: Exception) -> None:
        if not (isinstance(exc, ApiError) and exc.is_network):
            self.ui.statusLabel.setText(self._error_text(exc))
            return
        context, name = self.context, self.cache_name

        def op(task: Any) -> tuple[list[Row], Any] | None:
            cached = context.store.cache_get(name)
            if not cached:
                return None
            return lists.recount_cached(context, list(cached[0])), cached[1]

        run_in_background(op, success=self._on_cache)

    def _on_cache(self, cached: tuple[list[Row], Any] | None) -> None:
        """Offline: the cached first page (searched here), deadlines counted for today."""
        if not cached:
            self.ui.statusLabel.setText(self.tr("无法连接共享平台，本机没有缓存。"))
            return
        rows, as_of = cached
        match = lists.offline_match(self.ui.searchEdit.text())
        self.model.set_rows([r for r in rows if match is None or match(r)])
        self.ui.statusLabel.setText(
            self.tr("离线：缓存数据，截至 %1").replace("%1", time_text(as_of.isoformat()))
        )

    def _on_filter_combo_changed(self, _index: int) -> None:
        self.reload()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.reload()
        if self.mode.drafts:
            self.drafts_panel.reload()
        if self.detail is not None:
            self.load_detail(int(self.detail["id"]))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind in ("request", "inbox"):
            self.refresh()

    def _on_context_outbox_changed(self, _pending: int) -> None:
        if self.mode.drafts:
            self.drafts_panel.reload()  # a queued request was sent (its draft is gone) or queued

    def row_index(self, request_id: int) -> int:
        for i, row in enumerate(self.model.rows()):
            if int(row["id"]) == request_id:
                return i
        return -1

    def select_request(self, request_id: int) -> None:
        row = self.row_index(request_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        select_row(self.ui.tableView, row)

    # --- opening a to-do's object (shell ObjectPage) -----------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """Switch the filter to the list that holds the to-do's request (the widest one when
        the kind has none here), clear the search, select the request and show its detail."""
        combo = self.ui.filterCombo
        if combo.count() == 0:
            return False
        wanted = lists.TODO_FILTERS.get(kind)
        index = next((i for i in range(combo.count()) if combo.itemData(i) == wanted), 0)
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self._search.cancel()
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        self.reload()
        self.seeker.seek(
            self.model,
            object_id,
            found=self.select_row,
            missing=lambda: self._object_missing(kind, object_id),
        )
        return True

    def _object_missing(self, kind: str, object_id: int) -> None:
        self.ui.statusLabel.setText(
            self.tr("申请 #%1 已不在此列表中，可能已由他人办理。").replace("%1", str(object_id))
        )
        self.object_missing.emit(kind, object_id)

    # --- detail ------------------------------------------------------------------------------

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.load_detail(int(self.model.row_data(current.row())["id"]))

    def load_detail(self, request_id: int) -> None:
        self._detail_generation += 1
        generation = self._detail_generation
        context = self.context

        def op(task: Any) -> tuple[dict[str, Any], dict[int, str]]:
            detail = context.client.share_request(request_id)
            lookup = lacks_department_names([detail])
            return detail, lookups.department_names(context) if lookup else {}

        def done(result: tuple[dict[str, Any], dict[int, str]]) -> None:
            if generation == self._detail_generation:
                self.names = result[1]
                self._show_detail(result[0])

        def failed(exc: Exception) -> None:
            if generation == self._detail_generation:
                self.ui.actionStatusLabel.setText(self._error_text(exc))

        context.run(op, success=done, failure=failed)

    def _show_detail(self, detail: dict[str, Any] | None) -> None:
        self.detail = detail
        self.action_panel.show_for(detail, self.names)
        self.printing.set_available(detail is not None)
        if detail is None:
            self.ui.detailBrowser.clear()
            self.events_model.set_rows([])
            return
        self.ui.detailBrowser.setHtml(
            detail_html(detail, self.names, clock.today(), calendar=policy.calendar(self.context))
        )
        self.events_model.set_rows(list(detail.get("events", [])))
        self.detail_loaded.emit(detail)

    def _sheet(self) -> tuple[Sheet, str] | None:
        """The printed 申请表 of the request shown (print_form.py)."""
        if self.detail is None:
            return None
        calendar = policy.calendar(self.context)
        sheet = request_sheet(self.detail, self.names, clock.today(), calendar=calendar)
        return sheet, print_file_name(self.detail)

    def _print_status(self, text: str) -> None:
        self.ui.actionStatusLabel.setText(text)

    # --- actions and dialogs -----------------------------------------------------------------

    def _on_actions_done(self, action: str, answer: Any) -> None:
        if isinstance(answer, dict) and "id" in answer:
            self._show_detail(answer)
        self.action_done.emit(action, answer)

    def _on_dialog_opened(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        self.dialog_opened.emit(dialog)

    def open_draft(self, draft: Draft) -> RequestFormDialog:
        """Continue a local draft in the request form."""
        return self.drafts_panel.open_draft(draft)

    # --- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _error_text(exc: Exception) -> str:
        return exc.message() if isinstance(exc, ApiError) else str(exc)
