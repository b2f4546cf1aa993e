"""A session's desktop notifications (notifications/), wired to the main window.

The source is the home page's to-do list (`HomePage.items_loaded`: the page's own refresh and
the sync engine's passes, every probe interval online), so nothing polls the platform twice; an
item opened there is seen (`item_activated`). A notification's menu entry opens the to-do's
object exactly as a double-click in the to-do list does (`MainWindow.open_todo`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle

from govshare_desktop.home.page import HomePage
from govshare_desktop.home.presenter import KIND_LABELS
from govshare_desktop.notifications.center import NotificationCenter
from govshare_desktop.notifications.presenter import Notice
from govshare_desktop.notifications.settings_dialog import NotificationSettingsDialog
from govshare_desktop.notifications.tray import TrayView
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.navigation import HOME_KEY
from govshare_desktop.shell.pages import TODO_TARGETS, can_act
from govshare_desktop.shell.todo import Opened

STATUS_MS = 15_000


def notified_kinds(roles: set[str]) -> list[str]:
    """The to-do kinds a user with `roles` can be given (those the home page shows them)."""
    kinds = dict.fromkeys([*KIND_LABELS, *TODO_TARGETS])
    return [k for k in kinds if can_act(k, roles)]


class SessionNotifications(QObject):
    """The notification center and its tray view for one main window (a child of it)."""

    def __init__(
        self, window: MainWindow, *, icon: QIcon | None = None, available: bool | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        context = window.context
        self.kinds = notified_kinds(context.roles)
        self.center = NotificationCenter(store=context.store, kinds=self.kinds, parent=self)
        if icon is None or icon.isNull():
            icon = window.windowIcon()
        if icon.isNull():
            icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.view = TrayView(
            window=window, icon=icon, fallback=self._say, available=available, parent=self
        )
        if self.view.button is not None:  # no system tray: the menu opens from the status bar
            window.statusBar().insertPermanentWidget(0, self.view.button)
        self.settings_dialog: NotificationSettingsDialog | None = None
        self.center.notified.connect(self.view.show_notices)
        self.center.recent_changed.connect(self.view.set_recent)
        self.view.open_requested.connect(self.open_notice)
        self.view.home_requested.connect(self._on_view_home_requested)
        self.view.show_window_requested.connect(self.bring_up)
        self.view.settings_requested.connect(self.open_settings)
        window.notification_settings_requested.connect(self.open_settings)
        home = window.pages.get(HOME_KEY)
        if isinstance(home, HomePage):
            home.items_loaded.connect(self.center.items_loaded)
            home.item_activated.connect(self._on_home_item_activated)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    def bring_up(self) -> None:
        window = self.window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    def open_notice(self, notice: Notice) -> Opened | None:
        """Open the to-do's object, as a double-click in the to-do list does."""
        self.bring_up()
        return self.window.open_todo(notice.kind, notice.object_id, notice.state)

    def _on_view_home_requested(self) -> None:
        self.bring_up()
        self.window.open_home()

    def _on_home_item_activated(self, kind: str, object_id: int, state: str) -> None:
        self.center.item_opened({"kind": kind, "object_id": object_id, "state": state})

    def open_settings(self) -> NotificationSettingsDialog:
        """通知设置… (one dialog at a time); 确定 saves the kinds."""
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return self.settings_dialog
        enabled = {k: self.center.enabled.get(k, True) for k in self.kinds}
        dialog = NotificationSettingsDialog(enabled=enabled, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.center.set_enabled)
        dialog.finished.connect(self._on_settings_finished)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _on_settings_finished(self, _result: int) -> None:
        self.settings_dialog = None

    def close(self) -> None:
        """The session ends: the tray icon goes."""
        self.view.hide()
