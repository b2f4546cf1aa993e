"""The notifications' view: a system tray icon with a menu of recent notifications.

Thin: it shows what the center decided. Without a system tray (`QSystemTrayIcon.
isSystemTrayAvailable()` false: some Linux desktops, offscreen) a notification becomes a status
bar message of the main window (`fallback`), and the same menu opens from a 通知 button the
shell puts in the status bar (`button`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QToolButton, QWidget

from govshare_desktop.notifications.presenter import Notice, menu_text, message, status_text

MESSAGE_MS = 10_000


class TrayView(QObject):
    """Signals:
    open_requested(Notice): the user chose a notification (its menu entry, or the balloon of
        a notification of one to-do): open the to-do's object.
    home_requested(): open the to-do list (the balloon of several to-dos, 打开待办事项).
    show_window_requested(): the tray icon was clicked: bring the main window up.
    settings_requested(): 通知设置….
    """

    open_requested = Signal(object)
    home_requested = Signal()
    show_window_requested = Signal()
    settings_requested = Signal()

    def __init__(
        self,
        *,
        window: QWidget,
        icon: QIcon,
        fallback: Callable[[str], None],
        available: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`available`: whether to use the system tray (default: whether there is one)."""
        super().__init__(parent)
        if available is None:
            available = QSystemTrayIcon.isSystemTrayAvailable()
        self.fallback = fallback
        self.last_notices: list[Notice] = []
        self.last_message: tuple[str, str] | None = None
        self.menu = QMenu(window)
        self.menu.setObjectName("notificationMenu")
        self.tray: QSystemTrayIcon | None = None
        self.button: QToolButton | None = None
        if available:
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("GovShare 政务信息资源共享"))
            self.tray.setContextMenu(self.menu)
            self.tray.messageClicked.connect(self._on_tray_message_clicked)
            self.tray.activated.connect(self._on_tray_activated)
            self.tray.show()
        else:
            self.button = QToolButton()
            self.button.setObjectName("notificationButton")
            self.button.setText(self.tr("通知"))
            self.button.setToolTip(self.tr("最近的通知和通知设置"))
            self.button.setAutoRaise(True)
            self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.button.setMenu(self.menu)
        self.set_recent([])

    # --- what the center says --------------------------------------------------------------

    def show_notices(self, notices: list[Notice]) -> None:
        """One notification for the new to-dos."""
        self.last_notices = list(notices)
        self.last_message = message(notices)
        if self.tray is not None:
            title, text = self.last_message
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        else:
            self.fallback(status_text(notices))

    def set_recent(self, notices: list[Notice]) -> None:
        """The menu: the recent notifications, then 打开待办事项 and 通知设置…."""
        self.menu.clear()
        header = self.menu.addAction(self.tr("最近的通知") if notices else self.tr("暂无通知"))
        header.setEnabled(False)
        for notice in notices:
            action = QAction(menu_text(notice), self.menu)
            action.setObjectName("recentNotice")
            action.setData(notice)
            action.triggered.connect(lambda _=False, n=notice: self.open_requested.emit(n))
            self.menu.addAction(action)
        self.menu.addSeparator()
        home = self.menu.addAction(self.tr("打开待办事项"))
        home.setObjectName("openTodos")
        home.triggered.connect(self.home_requested.emit)
        settings = self.menu.addAction(self.tr("通知设置…"))
        settings.setObjectName("notificationSettings")
        settings.triggered.connect(self.settings_requested.emit)

    def recent_actions(self) -> list[QAction]:
        return [a for a in self.menu.actions() if a.objectName() == "recentNotice"]

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    # --- events ----------------------------------------------------------------------------

    def _on_tray_message_clicked(self) -> None:
        if len(self.last_notices) == 1:
            self.open_requested.emit(self.last_notices[0])
        else:
            self.home_requested.emit()

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window_requested.emit()
