"""我的申请 and 待审申请: share request lists with deadlines, the request's detail and history,
and the actions the user may take in its state (第二十二条, 第二十五条, 第二十七条, 第三十条).

One page class serves both: `RequestsPage.mine(...)` (the applicant's department, side=consumer,
with local drafts) and `RequestsPage.inbox(...)` (requests waiting on the resource admin or the
platform admin).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QWidget

from govshare_core.vocab import RejectionGround, RequestStatus, Role, ShareMode, ShareType
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.offline import outcome_status, queued_text, send_action
from govshare_desktop.common.paged_model import Column, PagedTableModel, Row
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.requests import lookups, submission
from govshare_desktop.requests.dialogs import DecisionDialog, ReasonDialog, Send
from govshare_desktop.requests.presenters import (
    DeadlineInfo,
    RequestFormValues,
    label,
    label_of,
    local_time,
    request_actions,
    review_deadline_info,
)
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.tables import (
    Capped,
    ColumnDropper,
    Contents,
    Fit,
    Stretch,
    compact_rows,
    size_columns,
)
from govshare_desktop.store.local import Draft
from govshare_desktop.tasks import run_in_background

PAGE_SIZE = 50
DEPARTMENT_WIDTH = 140
OVERDUE_COLOR = QColor("#c0392b")


@dataclass(frozen=True)
class ListMode:
    """What a requests page lists: title, filter choices (label, query params), cache name."""

    key: str
    title: str
    filters: list[tuple[str, dict[str, Any]]]
    counterpart: str  # "provider" or "consumer": whose department name the list shows
    drafts: bool


def mine_mode() -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = [
        (QCoreApplication.translate("RequestsPage", "全部申请"), {})
    ]
    filters += [(label(s), {"status": s.value}) for s in RequestStatus if s != RequestStatus.DRAFT]
    filters.append((QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}))
    return ListMode(
        "mine", QCoreApplication.translate("RequestsPage", "我的申请"), filters, "provider", True
    )


def inbox_mode(roles: set[str]) -> ListMode:
    filters: list[tuple[str, dict[str, Any]]] = []
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "待本部门审核"),
                {"side": "provider", "status": "submitted"},
            )
        )
    if Role.PLATFORM_ADMIN in roles:
        filters += [
            (
                QCoreApplication.translate("RequestsPage", "待平台审核"),
                {"status": "provider_approved"},
            ),
            (QCoreApplication.translate("RequestsPage", "争议待协调"), {"status": "disputed"}),
            (
                QCoreApplication.translate("RequestsPage", "待签署保密协议"),
                {"status": "awaiting_agreement"},
            ),
            (QCoreApplication.translate("RequestsPage", "已超期"), {"overdue": True}),
        ]
    if Role.RESOURCE_ADMIN in roles:
        filters.append(
            (
                QCoreApplication.translate("RequestsPage", "本部门资源的全部申请"),
                {"side": "provider"},
            )
        )
    return ListMode(
        "inbox", QCoreApplication.translate("RequestsPage", "待审申请"), filters, "consumer", False
    )


def request_columns(counterpart: str) -> list[Column]:
    other = (
        QCoreApplication.translate("RequestsPage", "提供部门")
        if counterpart == "provider"
        else QCoreApplication.translate("RequestsPage", "申请部门")
    )
    return [
        Column("id", QCoreApplication.translate("RequestsPage", "编号")),
        Column(
            "entry_name",
            QCoreApplication.translate("RequestsPage", "信息资源"),
            tooltip=lambda r: str(r.get("entry_name", "")),
        ),
        Column(f"{counterpart}_name", other, tooltip=lambda r: str(r.get(f"{counterpart}_name"))),
        Column(
            "status",
            QCoreApplication.translate("RequestsPage", "状态"),
            lambda r: label_of(RequestStatus, r.get("status")),
        ),
        Column(
            "_due",
            QCoreApplication.translate("RequestsPage", "截止日期"),
            tooltip=lambda r: str(r.get("_deadline", "")),
        ),
        Column(
            "_left",
            QCoreApplication.translate("RequestsPage", "剩余工作日"),
            tooltip=lambda r: str(r.get("_deadline", "")),
        ),
    ]  # the requested end of use (截止时间) is in the detail: the list fits beside it


def days_left_text(info: DeadlineInfo) -> str:
    """The 剩余工作日 cell: the working days left, or how many are overdue."""
    if info.days_left is None:
        return ""
    if info.overdue:
        return QCoreApplication.translate("RequestsPage", "超期 %1").replace(
            "%1", str(abs(info.days_left))
        )
    mark = QCoreApplication.translate("RequestsPage", "（暂定）") if info.provisional else ""
    return f"{info.days_left}{mark}"


def enrich(rows: list[Row], names: dict[int, str], today: date) -> list[Row]:
    """Add department names and the working-day deadline to request rows (background work)."""
    out = []
    for row in rows:
        info = review_deadline_info(row, today)
        out.append(
            dict(
                row,
                provider_name=names.get(int(row["provider_department_id"]), ""),
                consumer_name=names.get(int(row["consumer_department_id"]), ""),
                _deadline=info.text,
                _due=str(row.get("review_due") or "") if info.days_left is not None else "",
                _left=days_left_text(info),
                _days_left=info.days_left,
                _overdue=info.overdue,
            )
        )
    return out


def event_columns() -> list[Column]:
    return [
        Column(
            "at",
            QCoreApplication.translate("RequestsPage", "时间"),
            lambda r: local_time(r.get("at")),
        ),
        Column(
            "action",
            QCoreApplication.translate("RequestsPage", "环节"),
            lambda r: action_label(str(r.get("action"))),
        ),
        Column(
            "to_status",
            QCoreApplication.translate("RequestsPage", "结果状态"),
            lambda r: label_of(RequestStatus, r.get("to_status")),
        ),
        Column(
            "comment",
            QCoreApplication.translate("RequestsPage", "意见"),
            tooltip=lambda r: str(r.get("comment") or ""),
        ),
    ]


_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("RequestsPage", "创建申请"),
    "update": QT_TRANSLATE_NOOP("RequestsPage", "修改申请"),
    "submit": QT_TRANSLATE_NOOP("RequestsPage", "提交申请"),
    "auto_grant": QT_TRANSLATE_NOOP("RequestsPage", "无条件共享，自动授权"),
    "route_statutory": QT_TRANSLATE_NOOP("RequestsPage", "依法定依据转平台审核"),
    "provider_approve": QT_TRANSLATE_NOOP("RequestsPage", "提供方同意"),
    "provider_reject": QT_TRANSLATE_NOOP("RequestsPage", "提供方拒绝"),
    "platform_approve": QT_TRANSLATE_NOOP("RequestsPage", "平台同意"),
    "platform_approve_statutory": QT_TRANSLATE_NOOP("RequestsPage", "平台同意（法定共享）"),
    "platform_reject": QT_TRANSLATE_NOOP("RequestsPage", "平台拒绝"),
    "mark_agreement_signed": QT_TRANSLATE_NOOP("RequestsPage", "保密协议已签署"),
    "dispute": QT_TRANSLATE_NOOP("RequestsPage", "提出异议"),
    "mediate_uphold": QT_TRANSLATE_NOOP("RequestsPage", "协调：维持拒绝"),
    "mediate_overturn": QT_TRANSLATE_NOOP("RequestsPage", "协调：撤销拒绝"),
    "withdraw": QT_TRANSLATE_NOOP("RequestsPage", "撤回"),
    "revoke": QT_TRANSLATE_NOOP("RequestsPage", "撤销授权"),
    "expire": QT_TRANSLATE_NOOP("RequestsPage", "到期"),
    "escalate": QT_TRANSLATE_NOOP("RequestsPage", "超期督办"),
    "review": QT_TRANSLATE_NOOP("RequestsPage", "审核申请"),
    "mediate": QT_TRANSLATE_NOOP("RequestsPage", "争议协调"),
}


# endpoint suffix → the history action it records (for the outbox label)
_OUTBOX_ACTIONS = {
    "provider-decision": "review",
    "platform-decision": "review",
    "mediate": "mediate",
    "agreement-signed": "mark_agreement_signed",
}


def action_label(action: str) -> str:
    text = _ACTIONS.get(action)
    return QCoreApplication.translate("RequestsPage", str(text)) if text else action


def detail_html(detail: dict[str, Any], names: dict[int, str], today: date) -> str:
    """The request's fields as an HTML table for the detail browser."""
    info = review_deadline_info(detail, today)
    ground = detail.get("rejection_ground")
    rows = [
        (QCoreApplication.translate("RequestsPage", "编号"), str(detail.get("id"))),
        (
            QCoreApplication.translate("RequestsPage", "信息资源"),
            f"{detail.get('entry_name')}（{detail.get('resource_code') or ''}）",
        ),
        (
            QCoreApplication.translate("RequestsPage", "提供部门"),
            names.get(int(detail["provider_department_id"]), ""),
        ),
        (
            QCoreApplication.translate("RequestsPage", "申请部门"),
            names.get(int(detail["consumer_department_id"]), ""),
        ),
        (
            QCoreApplication.translate("RequestsPage", "共享类型"),
            label_of(ShareType, detail.get("share_type")),
        ),
        (
            QCoreApplication.translate("RequestsPage", "状态"),
            label_of(RequestStatus, detail.get("status")),
        ),
        (
            QCoreApplication.translate("RequestsPage", "信息项"),
            "、".join(detail.get("data_items", [])),
        ),
        (QCoreApplication.translate("RequestsPage", "应用业务"), str(detail.get("business", ""))),
        (QCoreApplication.translate("RequestsPage", "使用对象"), str(detail.get("users", ""))),
        (
            QCoreApplication.translate("RequestsPage", "共享模式"),
            label_of(ShareMode, detail.get("share_mode")),
        ),
        (QCoreApplication.translate("RequestsPage", "申请理由"), str(detail.get("reason", ""))),
        (QCoreApplication.translate("RequestsPage", "截止时间"), str(detail.get("end_date", ""))),
        (
            QCoreApplication.translate("RequestsPage", "受理日期"),
            str(detail.get("received_on") or ""),
        ),
        (QCoreApplication.translate("RequestsPage", "审核期限"), info.text),
    ]
    if detail.get("statutory_citation"):
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "法定共享依据"),
                str(detail["statutory_citation"]),
            )
        )
    if ground:
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "拒绝事由"),
                label_of(RejectionGround, ground),
            )
        )
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "拒绝说明"),
                str(detail.get("rejection_comment") or ""),
            )
        )
    for dispute in detail.get("disputes", []):
        rows.append(
            (
                QCoreApplication.translate("RequestsPage", "异议"),
                f"{dispute.get('reason')}（{dispute.get('status')}）",
            )
        )
        if dispute.get("resolution"):
            rows.append(
                (QCoreApplication.translate("RequestsPage", "协调意见"), str(dispute["resolution"]))
            )
    cells = "".join(
        f"<tr><td style='color:#555;padding:2px 10px 2px 0;white-space:nowrap'>{escape(k)}</td>"
        f"<td style='padding:2px 0'>{_colored(k, v, info.overdue)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"


def _colored(key: str, value: str, overdue: bool) -> str:
    if key == QCoreApplication.translate("RequestsPage", "审核期限") and overdue:
        return f"<span style='color:#c0392b;font-weight:bold'>{escape(value)}</span>"
    return escape(value)


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

    def __init__(
        self,
        *,
        context: AppContext,
        mode: ListMode,
        sync: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"requestsPage_{mode.key}")
        self.context = context
        self._sync = sync
        self.mode = mode
        self.ui = load_form("share_requests.ui", self)
        self.detail: dict[str, Any] | None = None
        self.active_dialog: QWidget | None = None
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
        self._setup()
        self._connect()
        self._show_detail(None)
        self.reload()
        if mode.drafts:
            self.reload_drafts()

    @classmethod
    def mine(
        cls, *, context: AppContext, sync: Any = None, parent: QWidget | None = None
    ) -> RequestsPage:
        return cls(context=context, mode=mine_mode(), sync=sync, parent=parent)

    @classmethod
    def inbox(
        cls, *, context: AppContext, sync: Any = None, parent: QWidget | None = None
    ) -> RequestsPage:
        return cls(context=context, mode=inbox_mode(context.roles), sync=sync, parent=parent)

    # --- setup -------------------------------------------------------------------------------

    def _setup(self) -> None:
        ui = self.ui
        ui.titleLabel.setText(self.mode.title)
        for text, params in self.mode.filters:
            ui.filterCombo.addItem(text, params)
        ui.tableView.setModel(self.model)
        compact_rows(ui.tableView)
        widths = size_columns(
            ui.tableView,
            [
                Fit(["9999"]),
                Stretch(),
                Capped(DEPARTMENT_WIDTH, ["南通市人力资源和社会保障局"]),
                Fit([label(s) for s in RequestStatus]),
                Fit(["2026-12-31"]),
                Fit(
                    [
                        QCoreApplication.translate("RequestsPage", "超期 %1").replace("%1", "99"),
                        "99" + QCoreApplication.translate("RequestsPage", "（暂定）"),
                    ]
                ),
            ],
        )
        # narrow windows drop 申请/提供部门 before squeezing the resource names (detail has it)
        self.column_dropper = ColumnDropper(
            ui.tableView, widths=widths, optional=(2,), stretch=1, min_stretch=130
        )
        ui.eventsView.setModel(self.events_model)
        compact_rows(ui.eventsView)
        size_columns(
            ui.eventsView,
            [Fit(["2026-12-31 23:59"]), Contents(), Contents(), Stretch()],
        )
        ui.draftsGroup.setVisible(self.mode.drafts)
        ui.continueDraftButton.setVisible(self.mode.drafts)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([600, 400])

    def _connect(self) -> None:
        ui = self.ui
        ui.filterCombo.currentIndexChanged.connect(self._on_filter_combo_changed)
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
            page = context.client.requests(offset=offset, limit=limit, **params)
            return enrich(list(page["items"]), names, date.today()), int(page["total"])

        self.ui.statusLabel.setText(self.tr("正在加载……"))
        self.model.reset(fetch)

    def _on_model_page_loaded(self, loaded: int, total: Any) -> None:
        if not loaded:
            self.ui.statusLabel.setText(self.tr("没有申请。"))
        else:
            self.ui.statusLabel.setText(self.tr("共 %1 条").replace("%1", str(total)))
        if loaded <= PAGE_SIZE:
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
            self.ui.tableView.selectRow(row)

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
        actions = (
            request_actions(
                detail, roles=self.context.roles, department_id=self.context.department_id
            )
            if detail
            else []
        )
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
        ui.detailBrowser.setHtml(detail_html(detail, self.names, date.today()))
        self.events_model.set_rows(list(detail.get("events", [])))
        self.detail_loaded.emit(detail)

    # --- actions -----------------------------------------------------------------------------

    def _act(self, action: str, body: dict[str, Any] | None = None) -> Send:
        """A `send` for the current request's `action` endpoint (with If-Match on its version):
        through the session's SyncEngine, so offline it waits in the outbox."""
        assert self.detail is not None
        request_id, version = int(self.detail["id"]), int(self.detail["version"])
        path = f"/api/v1/requests/{request_id}/{action}"
        verb = action_label(_OUTBOX_ACTIONS.get(action, action))
        title = (
            self.tr("%1：申请 #%2（%3）")
            .replace("%1", verb)
            .replace("%2", str(request_id))
            .replace("%3", str(self.detail.get("entry_name", "")))
        )

        def send(payload: dict[str, Any] | None, done: Callable[[Any], None]) -> None:
            send_action(
                self.context,
                self,
                self._sync,
                "POST",
                path,
                payload or body,
                if_match=version,
                label=title,
                done=done,
            )

        return send

    def _after_action(self, action: str, answer: Any) -> None:
        self.ui.actionStatusLabel.setText(self.tr("操作已完成。"))
        for kind in ("request", "inbox", "grant"):
            self.context.data_changed.emit(kind)
        if isinstance(answer, dict) and "id" in answer:
            self._show_detail(answer)
        self.action_done.emit(action, answer)

    def _after_queued(self, action: str, text: str) -> None:
        """Kept in the outbox: say so; the buttons stay off until the platform has it."""
        self.ui.actionStatusLabel.setText(text)
        for name in ("withdrawButton", "disputeButton", "decideButton", "mediateButton"):
            getattr(self.ui, name).setVisible(False)
        self.ui.agreementButton.setVisible(False)
        self.action_queued.emit(action, text)

    def _run_action(self, action: str) -> None:
        send = self._act(action)
        self.ui.actionStatusLabel.setText(self.tr("正在提交……"))

        def done(outcome: Any) -> None:
            status = outcome_status(outcome)
            if status == "sent":
                self._after_action(action, outcome.result)
            elif status in ("queued", "conflict"):
                self._after_queued(action, queued_text(self.context, outcome))
            else:
                self.ui.actionStatusLabel.setText(str(outcome.message))

        send({}, done)  # no body: the action path says it all

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

    def _on_withdraw_button_clicked(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("撤回申请"),
            self.tr("确定撤回该共享申请吗？撤回后如需使用须重新申请。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("撤回"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("取消"))
        box.accepted.connect(lambda: self._run_action("withdraw"))
        self._open(box)

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
        action = "provider-decision" if status == RequestStatus.SUBMITTED else "platform-decision"
        dialog = DecisionDialog(
            context=self.context, summary=self._summary(), send=self._act(action), parent=self
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
            parent=self,
        )
        dialog.sent.connect(lambda answer: self._after_action("mediate", answer))
        dialog.queued.connect(lambda text: self._after_queued("mediate", text))
        self._open(dialog)

    def _on_agreement_button_clicked(self) -> None:
        self._run_action("agreement-signed")

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
            sync=self._sync,
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
