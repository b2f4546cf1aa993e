"""The home page: 待办 (to-do) items from GET /api/v1/inbox, cached for offline use."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govshare_core import clock
from govshare_desktop.api.errors import ApiError
from govshare_desktop.context import AppContext
from govshare_desktop.home import presenter as home_presenter
from govshare_desktop.home.model import InboxModel
from govshare_desktop.tasks import Task, run_in_background

CACHE_NAME = "inbox"
# the data_changed kinds after which the to-do list is fetched again: any sent change can add or
# settle a to-do ("other": rectification orders, users, …; "workday_year": 工作日安排待确认)
CHANGES_OF_TODOS = frozenset(
    {"entry", "request", "grant", "agreement", "change_report", "dispute", "workday_year", "other"}
)

_F = TypeVar("_F", bound=Callable[..., None])


def if_alive(method: _F) -> _F:
    """Drop a background result that arrives after the widget was deleted."""

    @functools.wraps(method)
    def wrapper(self: QWidget, *args: Any) -> None:
        if shiboken6.isValid(self):
            method(self, *args)

    return wrapper  # type: ignore[return-value]


def format_as_of(moment: datetime) -> str:
    return clock.platform_time(moment).strftime("%Y-%m-%d %H:%M")


class HomePage(QWidget):
    """The user's to-do list, overdue first; double-click opens the page that handles an item.

    Signals:
        item_activated(str, int, str): the item's kind, object id and state (the page that
            handles each kind: shell/pages.py TODO_TARGETS).
        loaded(int): the list was refreshed (from the platform or the cache) with n items.
        items_loaded(list): the items shown, just fetched from the platform (not a cached
            copy shown offline): the desktop notifications' source (notifications/).
    """

    item_activated = Signal(str, int, str)
    loaded = Signal(int)
    items_loaded = Signal(object)

    def __init__(
        self,
        *,
        context: AppContext,
        can_act: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`can_act(kind)`: whether the user can act on items of `kind` (others are hidden)."""
        super().__init__(parent)
        self.context = context
        self.can_act = can_act
        self.model = InboxModel(parent=self)
        self.offline_as_of: datetime | None = None
        self._task: Task | None = None
        self._stale = False  # a change arrived while a fetch was under way: fetch again after it
        self._build()
        context.data_changed.connect(self._on_context_data_changed)
        context.online_changed.connect(self._on_context_online_changed)
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        header = QHBoxLayout()
        title = QLabel(self.tr("待办事项"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addSpacing(12)
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("color: palette(dark);")
        header.addWidget(self.summary_label, 1)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)

        self.offline_label = QLabel()
        self.offline_label.setWordWrap(True)
        self.offline_label.setStyleSheet(
            "color: #5f4b00; background: #fff8e1; border: 1px solid #f0dc9a; padding: 6px;"
        )
        self.offline_label.hide()
        layout.addWidget(self.offline_label)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setSectionResizeMode(InboxModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (2, 110), (3, 130), (4, 150)):
            self.table.setColumnWidth(column, width)
        # double-click or Enter (single click where the desktop is set so): once, not twice
        self.table.activated.connect(self._on_table_activated)

        self.empty_label = QLabel(self.tr("暂无待办事项。"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(dark); font-size: 14px;")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addLayout(self.stack, 1)

        hint = QLabel(
            self.tr("双击事项打开对应页面。期限按工作日计算（第二十七条），逾期事项以红色标出。")
        )
        hint.setStyleSheet("color: palette(dark);")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the inbox off the UI thread; offline, show the cached list with its time."""
        if self._task is not None and not self._task.done.is_set():
            self._stale = True
            return
        self._stale = False
        self.refresh_button.setEnabled(False)
        self.summary_label.setText(self.tr("正在加载…"))
        client, store = self.context.client, self.context.store

        def fetch(task: Task) -> list[dict[str, Any]]:
            items = client.inbox()
            store.cache_put(CACHE_NAME, items)
            return items

        self._task = self.context.run(
            fetch,
            success=self._on_fetched,
            failure=self._on_fetch_failed,
        )

    @if_alive
    def _on_fetched(self, items: list[dict[str, Any]]) -> None:
        self._show(items, None)

    @if_alive
    def _on_fetch_failed(self, exc: Exception) -> None:
        if not (isinstance(exc, ApiError) and exc.is_network):
            self._on_failed(exc)
            return
        store = self.context.store
        self._task = run_in_background(
            lambda task: store.cache_get(CACHE_NAME),
            success=lambda cached: self._on_cache(cached, exc),
            failure=self._on_failed,
        )

    @if_alive
    def _on_cache(self, cached: tuple[Any, datetime] | None, exc: Exception) -> None:
        if cached is None:
            self._on_failed(exc)
            return
        self._show(list(cached[0]), cached[1])

    def _show(self, items: list[dict[str, Any]], as_of: datetime | None) -> None:
        """Show the items the user can act on; `as_of` is the cache time when offline."""
        items = home_presenter.actionable(items, self.can_act)
        self.offline_as_of = as_of
        self.model.set_items(items)
        self.refresh_button.setEnabled(True)
        self.stack.setCurrentIndex(0 if items else 1)
        overdue = sum(1 for i in items if (i.get("working_days_left") or 0) < 0)
        summary = self.tr("共 %n 项", None, len(items))
        if overdue:
            summary += self.tr("，其中逾期 %n 项", None, overdue)
        self.summary_label.setText(summary)
        if as_of is not None:
            self.offline_label.setText(
                self.tr("离线：显示的是 %1 的待办事项，恢复连接后自动刷新。").replace(
                    "%1", format_as_of(as_of)
                )
            )
        self.offline_label.setVisible(as_of is not None)
        self.loaded.emit(len(items))
        if as_of is None:
            self.items_loaded.emit([dict(i) for i in items])
        self._again_if_stale()

    @if_alive
    def _on_failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        message = getattr(exc, "message", None)
        text = message() if callable(message) else str(exc)
        self.summary_label.setText("")
        self.offline_label.setText(self.tr("无法加载待办事项：%1").replace("%1", text))
        self.offline_label.show()
        self._again_if_stale()

    def _again_if_stale(self) -> None:
        if self._stale:
            QTimer.singleShot(0, self, self.refresh)  # dropped when the page is gone

    # --- events -----------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            item = self.model.item(index.row())
            kind, state = str(item["kind"]), str(item.get("state", ""))
            self.item_activated.emit(kind, int(item["object_id"]), state)

    def _on_context_data_changed(self, kind: str) -> None:
        if kind == CACHE_NAME:  # the sync engine just cached a fresh inbox
            store = self.context.store
            run_in_background(
                lambda task: store.cache_get(CACHE_NAME),
                success=self._on_cached_inbox,
            )
        elif kind in CHANGES_OF_TODOS:
            self.refresh()

    @if_alive
    def _on_cached_inbox(self, cached: tuple[Any, datetime] | None) -> None:
        if cached is not None:
            self._show(list(cached[0]), None)

    def _on_context_online_changed(self, online: bool) -> None:
        if online and self.offline_as_of is not None:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.offline_as_of is not None or self._task is None:
            self.refresh()
