"""我的申请 and 待审申请: share request lists with deadlines, the request's detail and history,
and the actions the user may take in its state (第二十二条, 第二十五条, 第二十七条, 第三十条).

One page class serves both: `RequestsPage.mine(...)` (the applicant's department, side=consumer,
with local drafts) and `RequestsPage.inbox(...)` (requests waiting on the resource admin or the
platform admin).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidgetItem, QWidget

from govshare_core.vocab import RequestStatus
from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common import policy
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.finder import RowFinder, find_object
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Debouncer, PagedTableModel, Row, text_match
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label, label_of, local_time
from govshare_desktop.requests import lookups, submission
from govshare_desktop.requests.detail import detail_html
from govshare_desktop.requests.dialogs import DecisionDialog, ReasonDialog, Send
from govshare_desktop.requests.presenters import (
    OUTBOX_ACTIONS,
    ListMode,
    RequestFormValues,
    action_label,
    enrich,
    inbox_mode,
    mine_mode,
    request_actions,
)
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.tables import (
    Capped,
    ColumnDropper,
    Contents,
    Fit,
    Stretch,
    compact_rows,
    enable_sorting,
    event_columns,
    request_columns,
    size_columns,
)
from govshare_desktop.store.local import Draft
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus
from govshare_desktop.tasks import run_in_background

PAGE_SIZE = 50
DEPARTMENT_WIDTH = 240
"""Department names fit up to this (px); longer ones elide, the full name is the tooltip."""
STATUS_WIDTH = 150
OVERDUE_COLOR = QColor("#c0392b")
SEARCH_KEYS = ("entry_name", "provider_name", "consumer_name", "resource_code", "id")
TODO_FILTERS: dict[str, dict[str, Any]] = {
    "request_decide": {"side": "provider", "status": "submitted"},
    "request_platform_decide": {"status": "provider_approved"},
    "request_overdue": {"overdue": True},
    "dispute": {"status": "disputed"},
    "agreement_pending": {"status": "awaiting_agreement"},
}
"""To-do kind → the inbox filter listing its request (other kinds: the first, widest filter)."""


class RequestsPage(QWidget):
    """A list of share requests with detail, history and state actions.

    Signals:
        detail_loaded(object): the selected request's detail (ShareRequestDetailOut JSON).
        action_done(str, object): an action ("withdraw", "decide", ...) and the platform's answer.
        action_queued(str, str): an action kept in the outbox (offline) and what the user was told.
        dialog_opened(object): a dialog (decision, reason, request form, confirmation) opened.
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
        self.confirm_box: QWidget | None = None
        self.finder: RowFinder | None = None
        self.names: dict[int, str] = {}
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
        self._search = Debouncer(delay_ms=200, callback=self._on_search_fired, parent=self)
        self._setup()
        self._connect()
        self._show_detail(None)
        self.reload()
        if mode.drafts:
            self.reload_drafts()

    @classmethod
    def mine(cls, *, context: AppContext, parent: QWidget | None = None) -> RequestsPage:
        return cls(context=context, mode=mine_mode(), parent=parent)

    @classmethod
    def inbox(cls, *, context: AppContext, parent: QWidget | None = None) -> RequestsPage:
        return cls(context=context, mode=inbox_mode(context.roles), parent=parent)

    # --- setup -------------------------------------------------------------------------------

    def _setup(self) -> None:
        ui = self.ui
        ui.titleLabel.setText(self.mode.title)
        for text, params in self.mode.filters:
            ui.filterCombo.addItem(text, params)
        ui.tableView.setModel(self.model)
        compact_rows(ui.tableView)
        enable_sorting(ui.tableView, on_unavailable=ui.statusLabel.setText)
        widths = size_columns(
            ui.tableView,
            [
                Fit(["9999"]),
                Stretch(),
                Capped(DEPARTMENT_WIDTH),
                Capped(STATUS_WIDTH, [label(s) for s in RequestStatus]),
                Fit(["2026-12-31"]),
                Fit(
                    [
                        QCoreApplication.translate("RequestsPage", "超期 %1").replace("%1", "99"),
                        "99" + QCoreApplication.translate("RequestsPage", "（暂定）"),
                    ]
                ),
            ],
        )
        # narrow windows drop 截止日期 (剩余工作日 and the detail tell it), then the
        # department, before squeezing the resource names (the detail has them all)
        self.column_dropper = ColumnDropper(
            ui.tableView, widths=widths, optional=(4, 2), stretch=1, min_stretch=130
        )
        ui.eventsView.setModel(self.events_model)
        compact_rows(ui.eventsView)
        enable_sorting(ui.eventsView, on_unavailable=ui.actionStatusLabel.setText)
        size_columns(
            ui.eventsView,
            [Fit(["2026-12-31 23:59"]), Contents(), Contents(), Stretch()],
        )
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
        ui.withdrawButton.clicked.connect(self._on_withdraw_button_clicked)
        ui.disputeButton.clicked.connect(self._on_dispute_button_clicked)
        ui.decideButton.clicked.connect(self._on_decide_button_clicked)
        ui.mediateButton.clicked.connect(self._on_mediate_button_clicked)
        ui.agreementButton.clicked.connect(self._on_agreement_button_clicked)
        ui.continueDraftButton.clicked.connect(self._on_continue_draft_button_clicked)
        ui.draftsList.itemDoubleClicked.connect(self._on_drafts_list_double_clicked)
        ui.draftsList.currentRowChanged.connect(self._on_drafts_list_row_changed)
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

    def params(self) -> dict[str, Any]:
        params = dict(self.ui.filterCombo.currentData() or {})
        if self.mode.key == "mine":
            params["side"] = "consumer"
        return params

    def reload(self) -> None:
        context, params = self.context, self.params()

        def fetch(offset: int, limit: int) -> tuple[list[Row], int | None]:
            names = lookups.department_names(context)
            calendar = policy.calendar(context)
            page = context.client.requests(offset=offset, limit=limit, **params)
            rows = enrich(list(page["items"]), names, date.today(), calendar=calendar)
            return rows, int(page["total"])

        self.ui.statusLabel.setText(self.tr("正在加载……"))
        self.model.reset(fetch)

    def _on_search_fired(self, _text: object) -> None:
        """The platform's request list has no text search: filter the loaded list (a short
        list is loaded whole first, see PagedTableModel.set_filter)."""
        self.model.set_filter(text_match(self.ui.searchEdit.text(), SEARCH_KEYS))
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if self.ui.searchEdit.text().strip():
            text = self.tr("筛选出 %1 条（共 %2 条）")
            self.ui.statusLabel.setText(
                text.replace("%1", str(shown)).replace("%2", str(total or 0))
            )
        elif not shown:
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

    def _on_model_page_loaded(self, loaded: int, total: Any) -> None:
        self._show_count()
        if loaded <= PAGE_SIZE and not self.ui.searchEdit.text().strip():
            rows, store, name = self.model.rows(), self.context.store, self.cache_name
            run_in_background(lambda task: store.cache_put(name, rows))

    def _on_model_failed(self, exc: Exception) -> None:
        if isinstance(exc, ApiError) and exc.is_network:
            store, name = self.context.store, self.cache_name
            run_in_background(lambda task: store.cache_get(name), success=self._on_cache)
            return
        self.ui.statusLabel.setText(self._error_text(exc))

    def _on_cache(self, cached: Any) -> None:
        if not cached:
            self.ui.statusLabel.setText(self.tr("无法连接共享平台，本机没有缓存。"))
            return
        rows, as_of = cached
        self.model.set_rows(list(rows))
        self.ui.statusLabel.setText(
            self.tr("离线：缓存数据，截至 %1").replace("%1", local_time(as_of.isoformat()))
        )

    def _on_filter_combo_changed(self, _index: int) -> None:
        self.reload()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.reload()
        if self.mode.drafts:
            self.reload_drafts()
        if self.detail is not None:
            self.load_detail(int(self.detail["id"]))

    def _on_context_data_changed(self, kind: str) -> None:
        if kind in ("request", "inbox"):
            self.refresh()

    def _on_context_outbox_changed(self, _pending: int) -> None:
        if self.mode.drafts:
            self.reload_drafts()  # a queued request was sent (its draft is gone) or queued

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
        view = self.ui.tableView
        view.setCurrentIndex(self.model.index(row, 0))
        view.selectRow(row)
        view.scrollTo(self.model.index(row, 0))

    # --- opening a to-do's object (shell ObjectPage) -----------------------------------------

    def show_object(self, kind: str, object_id: int) -> bool:
        """Switch the filter to the list that holds the to-do's request (the widest one when
        the kind has none here), clear the search, select the request and show its detail."""
        combo = self.ui.filterCombo
        wanted = TODO_FILTERS.get(kind)
        index = next((i for i in range(combo.count()) if combo.itemData(i) == wanted), 0)
        if combo.count() == 0:
            return False
        if self.finder is not None:
            self.finder.cancel()
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self._search.cancel()
        self.model.set_filter(None)
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
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
            return context.client.share_request(request_id), lookups.department_names(context)

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
        ui = self.ui
        actions = request_actions(detail, self.context.actor) if detail else []
        ui.withdrawButton.setVisible("withdraw" in actions)
        ui.disputeButton.setVisible("dispute" in actions)
        ui.decideButton.setVisible(
            any(a in actions for a in ("provider_approve", "platform_approve"))
        )
        ui.mediateButton.setVisible("mediate_uphold" in actions)
        ui.agreementButton.setVisible("mark_agreement_signed" in actions)
        if detail is None:
            ui.detailBrowser.clear()
            self.events_model.set_rows([])
            return
        ui.detailBrowser.setHtml(
            detail_html(detail, self.names, date.today(), calendar=policy.calendar(self.context))
        )
        self.events_model.set_rows(list(detail.get("events", [])))
        self.detail_loaded.emit(detail)

    # --- actions -----------------------------------------------------------------------------

    def _act(self, action: actions.RequestAction) -> Send:
        """A `send` for the current request's `action` endpoint (with If-Match on its version):
        through the session's SyncEngine, so offline it waits in the outbox."""
        assert self.detail is not None
        request_id, version = int(self.detail["id"]), int(self.detail["version"])
        verb = action_label(OUTBOX_ACTIONS.get(action, action))
        title = (
            self.tr("%1：申请 #%2（%3）")
            .replace("%1", verb)
            .replace("%2", str(request_id))
            .replace("%3", str(self.detail.get("entry_name", "")))
        )

        def send(payload: JsonObject | None, done: Done) -> None:
            change = actions.request_action(
                request_id, action, payload or None, version=version, label=title
            )
            self.context.sync.submit(change, done=done)

        return send

    def _after_action(self, action: str, answer: Any) -> None:
        """Done: the outcome (the request and its new state) stays until the next action."""
        show_outcome(self.ui.actionStatusLabel, self._done_text(action, answer), OK)
        for kind in ("request", "inbox", "grant"):
            self.context.data_changed.emit(kind)
        if isinstance(answer, dict) and "id" in answer:
            self._show_detail(answer)
        self.action_done.emit(action, answer)

    def _done_text(self, action: str, answer: Any) -> str:
        detail = answer if isinstance(answer, dict) else (self.detail or {})
        verbs = {
            "withdraw": self.tr("已撤回"),
            "dispute": self.tr("已提出异议"),
            "decide": self.tr("已作出审核决定"),
            "mediate": self.tr("已作出协调结论"),
            "agreement-signed": self.tr("已记录保密协议签署"),
        }
        text = (
            self.tr("%1：申请 #%2（%3），当前状态：%4。")
            .replace("%1", verbs.get(action, self.tr("操作已完成")))
            .replace("%2", str(detail.get("id", "")))
            .replace("%3", str(detail.get("entry_name", "")))
            .replace("%4", label_of(RequestStatus, detail.get("status")))
        )
        return text

    def _after_queued(self, action: str, text: str) -> None:
        """Kept in the outbox: say so; the buttons stay off until the platform has it."""
        show_outcome(self.ui.actionStatusLabel, text, QUEUED)
        for name in ("withdrawButton", "disputeButton", "decideButton", "mediateButton"):
            getattr(self.ui, name).setVisible(False)
        self.ui.agreementButton.setVisible(False)
        self.action_queued.emit(action, text)

    def _run_action(self, action: actions.RequestAction) -> None:
        send = self._act(action)
        clear_outcome(self.ui.actionStatusLabel)
        self.ui.actionStatusLabel.setText(self.tr("正在提交……"))
        self.ui.actionStatusLabel.show()

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self._after_action(action, outcome.result)
            elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
                self._after_queued(action, queued_text(self.context, outcome))
            else:
                show_outcome(self.ui.actionStatusLabel, outcome.message, ERROR)

        send(None, done)  # no body: the action path says it all

    def _open(self, dialog: QWidget) -> None:
        self.active_dialog = dialog
        dialog.open()  # type: ignore[attr-defined]
        self.dialog_opened.emit(dialog)

    def _summary(self) -> str:
        d = self.detail or {}
        who = self.names.get(int(d.get("consumer_department_id", 0)), "")
        return (
            self.tr("申请 #%1：%2 申请使用“%3”（%4）")
            .replace("%1", str(d.get("id")))
            .replace("%2", who)
            .replace("%3", str(d.get("entry_name", "")))
            .replace("%4", "、".join(d.get("data_items", [])))
        )

    def _request_name(self) -> str:
        d = self.detail or {}
        return (
            self.tr("申请 #%1（%2）")
            .replace("%1", str(d.get("id", "")))
            .replace("%2", str(d.get("entry_name", "")))
        )

    def _on_withdraw_button_clicked(self) -> None:
        box = confirm_decision(
            self,
            title=self.tr("撤回申请"),
            object_name=self._request_name(),
            decision=self.tr("撤回该共享申请（如需使用须重新申请）"),
            button=self.tr("撤回申请"),
            then=lambda: self._run_action("withdraw"),
        )
        self.confirm_box = box
        self.dialog_opened.emit(box)

    def _on_dispute_button_clicked(self) -> None:
        dialog = ReasonDialog(
            context=self.context,
            title=self.tr("提出异议"),
            prompt=self.tr(
                "对拒绝决定有异议的，可提请信息化主管部门协调（第二十五条）。请说明理由："
            ),
            send=self._act("dispute"),
            parent=self,
        )
        dialog.sent.connect(lambda answer: self._after_action("dispute", answer))
        dialog.queued.connect(lambda text: self._after_queued("dispute", text))
        self._open(dialog)

    def _on_decide_button_clicked(self) -> None:
        assert self.detail is not None
        status = self.detail.get("status")
        action: actions.RequestAction = (
            "provider-decision" if status == RequestStatus.SUBMITTED else "platform-decision"
        )
        dialog = DecisionDialog(
            context=self.context,
            summary=self._summary(),
            send=self._act(action),
            object_name=self._request_name(),
            parent=self,
        )
        dialog.sent.connect(lambda answer: self._after_action("decide", answer))
        dialog.queued.connect(lambda text: self._after_queued("decide", text))
        self._open(dialog)

    def _on_mediate_button_clicked(self) -> None:
        dialog = DecisionDialog(
            context=self.context,
            summary=self._summary(),
            send=self._act("mediate"),
            mediation=True,
            object_name=self._request_name(),
            parent=self,
        )
        dialog.sent.connect(lambda answer: self._after_action("mediate", answer))
        dialog.queued.connect(lambda text: self._after_queued("mediate", text))
        self._open(dialog)

    def _on_agreement_button_clicked(self) -> None:
        box = confirm_decision(
            self,
            title=self.tr("标记协议已签署"),
            object_name=self._request_name(),
            decision=self.tr("记录三方数据保密协议已签署，授权随即生效（第三十条）"),
            button=self.tr("标记已签署"),
            then=lambda: self._run_action("agreement-signed"),
        )
        self.confirm_box = box
        self.dialog_opened.emit(box)

    # --- local drafts (我的申请) ----------------------------------------------------------------

    def reload_drafts(self) -> None:
        store = self.context.store
        run_in_background(lambda task: submission.list_drafts(store), success=self._on_drafts)

    def _on_drafts(self, drafts: list[Draft]) -> None:
        ui = self.ui
        ui.draftsList.clear()
        for draft in drafts:
            state = self.tr("待发送") if draft.data.get("queued") else self.tr("草稿")
            text = f"[{state}] {draft.title}  ·  {local_time(draft.saved_at.isoformat())}"
            if draft.data.get("error"):
                text += f"  ·  {draft.data['error']}"
            item = QListWidgetItem(text, ui.draftsList)
            item.setData(Qt.ItemDataRole.UserRole, draft)
        ui.draftsGroup.setVisible(bool(drafts))
        ui.continueDraftButton.setEnabled(False)

    def _selected_draft(self) -> Draft | None:
        item = self.ui.draftsList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_drafts_list_row_changed(self, _row: int) -> None:
        draft = self._selected_draft()
        self.ui.continueDraftButton.setVisible(True)
        self.ui.continueDraftButton.setEnabled(draft is not None and not draft.data.get("queued"))

    def _on_drafts_list_double_clicked(self, _item: QListWidgetItem) -> None:
        self._on_continue_draft_button_clicked()

    def _on_continue_draft_button_clicked(self) -> None:
        draft = self._selected_draft()
        if draft is not None and not draft.data.get("queued"):
            self.open_draft(draft)

    def open_draft(self, draft: Draft) -> RequestFormDialog:
        dialog = RequestFormDialog(
            context=self.context,
            entry=draft.data["entry"],
            draft_key=draft.key,
            values=RequestFormValues.from_dict(draft.data.get("form", {})),
            parent=self,
        )
        dialog.finished.connect(lambda _code: self.reload_drafts())
        self._open(dialog)
        return dialog

    # --- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _error_text(exc: Exception) -> str:
        return exc.message() if isinstance(exc, ApiError) else str(exc)
