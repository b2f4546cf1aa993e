"""The status bar: online/offline, last sync time and pending changes (outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from govshare_core import clock
from govshare_desktop import i18n
from govshare_desktop.context import AppContext
from govshare_desktop.tasks import run_in_background

ONLINE_STYLE = "color: #1b6e20; padding: 0 6px;"
OFFLINE_STYLE = "color: #ffffff; background: #b3261e; padding: 0 6px; border-radius: 3px;"


class SessionStatusBar(QStatusBar):
    """Follows the context: online_changed, synced and outbox_changed."""

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.user_label = QLabel()
        self.online_label = QLabel()
        self.sync_label = QLabel()
        self.pending_label = QLabel()
        for label in (self.user_label, self.pending_label, self.sync_label, self.online_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        self.set_user(context.me)
        self._on_context_online_changed(context.online)
        self._on_context_synced(context.last_sync)
        self._on_context_outbox_changed(0)
        context.online_changed.connect(self._on_context_online_changed)
        context.synced.connect(self._on_context_synced)
        context.outbox_changed.connect(self._on_context_outbox_changed)
        store = context.store
        run_in_background(
            lambda task: store.pending_count(), success=self._on_context_outbox_changed
        )

    def set_user(self, me: dict[str, Any]) -> None:
        from govshare_core.vocab import Role

        user = me.get("user") or {}
        dept = me.get("department") or {}
        roles = "、".join(i18n.label(Role(r)) for r in me.get("roles") or [])
        name = user.get("full_name") or user.get("username") or ""
        self.user_label.setText(f"{name} · {dept.get('name', '')} · {roles}")

    def _on_context_online_changed(self, online: bool) -> None:
        self.online_label.setText(self.tr("● 在线") if online else self.tr("● 离线"))
        self.online_label.setStyleSheet(ONLINE_STYLE if online else OFFLINE_STYLE)
        self.online_label.setToolTip(
            self.tr("已连接共享平台")
            if online
            else self.tr("无法连接共享平台：草稿和操作保存在本机，恢复连接后自动同步。")
        )

    def _on_context_synced(self, moment: datetime | None) -> None:
        if moment is None:
            self.sync_label.setText(self.tr("尚未同步"))
            return
        shown = clock.platform_time(moment).strftime("%H:%M:%S")
        self.sync_label.setText(self.tr("上次同步：%1").replace("%1", shown))

    def _on_context_outbox_changed(self, count: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.pending_count = count
        self.pending_label.setText(
            self.tr("待上传 %n 项", None, count) if count else self.tr("无待上传的更改")
        )
