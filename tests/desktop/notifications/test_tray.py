"""Notifications in a signed-in window against the real platform: a submitted share request
becomes the provider's resource admin's to-do (第二十七条) and is notified once — not on the
next refresh, not after a restart — its menu entry opens it in 共享申请 as a double-click in the
to-do list does, and a kind switched off in 通知设置 is not notified.

Offscreen there is no system tray: the notice goes to the status bar and the menu opens from the
status bar's 通知 button (the tray's own path is checked with a tray forced on)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QStyle, QSystemTrayIcon

from govshare_core.vocab import Role
from govshare_desktop.home.page import HomePage
from govshare_desktop.notifications.center import NotificationCenter
from govshare_desktop.notifications.presenter import Notice
from govshare_desktop.notifications.tray import TrayView
from govshare_desktop.shell.controller import DesktopApp
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.notify import SessionNotifications, notified_kinds
from govshare_desktop.shell.pages import TODO_TARGETS, can_act
from govshare_desktop.shell.todo import Opened
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import publish_entry, submitted_request
from tests.desktop.shell.test_main_window import controller, sign_in
from tests.desktop.shell.test_todos import selected_ids

__all__ = ["controller"]  # the fixture of a real DesktopApp on the live server

WAIT = 10_000


def signed_in(qtbot, context, tmp_path: Path):
    """The main window with its notifications, as the shell opens a session (no system tray
    offscreen); the to-do list's first load not yet in."""
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context=context, settings=settings)
    qtbot.addWidget(window)
    notifications = SessionNotifications(window, available=False)
    window.show()
    qtbot.waitExposed(window)
    return window, notifications


def home_of(window: MainWindow) -> HomePage:
    home = window.pages["home"]
    assert isinstance(home, HomePage)
    return home


def first_load(qtbot, window: MainWindow, center: NotificationCenter) -> None:
    qtbot.waitUntil(home_of(window).refresh_button.isEnabled, timeout=WAIT)
    qtbot.waitUntil(lambda: not center.busy, timeout=WAIT)


def loaded(qtbot, make_context, tmp_path: Path):
    """A's resource admin signed in, the first to-do list in and decided on."""
    context = make_context("A", Role.RESOURCE_ADMIN)
    window, notifications = signed_in(qtbot, context, tmp_path)
    first_load(qtbot, window, notifications.center)
    return context, window, notifications


def collect(center: NotificationCenter) -> list[list[Notice]]:
    shown: list[list[Notice]] = []
    center.notified.connect(shown.append)
    return shown


def settle(qtbot, window: MainWindow, center: NotificationCenter) -> None:
    """Refresh the to-do list from the platform and wait until the notifications decided."""
    home = home_of(window)
    with qtbot.wait_signal(home.items_loaded, timeout=WAIT):
        home.refresh()
    qtbot.waitUntil(lambda: not center.busy, timeout=WAIT)


def request_for_a(server: LiveServer, name: str) -> dict[str, Any]:
    return submitted_request(server, publish_entry(server, name=name))


def test_a_new_todo_is_notified_once_and_opens_from_the_menu(
    qtbot, live_server: LiveServer, make_context, tmp_path: Path
) -> None:
    request = request_for_a(live_server, "城乡低保对象信息")
    context = make_context("A", Role.RESOURCE_ADMIN)
    window, notifications = signed_in(qtbot, context, tmp_path)
    center, view = notifications.center, notifications.view
    shown = collect(center)
    assert view.tray is None and view.button is not None  # offscreen: no system tray
    assert view.button.isVisibleTo(window.statusBar())

    qtbot.waitUntil(lambda: len(shown) == 1 and not center.busy, timeout=WAIT)
    [notice] = shown[0]
    assert notice.key == ("request_decide", request["id"], "submitted")
    assert notice.title == "城乡低保对象信息"
    message = window.statusBar().currentMessage()
    assert message.startswith("新待办：共享申请待审核") and "城乡低保对象信息" in message

    settle(qtbot, window, center)  # the next refresh: nothing new
    assert len(shown) == 1

    # the menu lists it; choosing it opens the request as the to-do list's double-click does
    [action] = view.recent_actions()
    assert action.text() == "共享申请待审核：城乡低保对象信息"
    action.trigger()
    assert window.current_key() == "requests.inbox"
    page = window.pages["requests.inbox"]
    qtbot.waitUntil(lambda: request["id"] in selected_ids(page), timeout=WAIT)
    assert notifications.open_notice(notice) is Opened.SELECTED

    # a restart: a new center on the same store notifies nothing, and still lists it
    again = NotificationCenter(store=context.store, kinds=notified_kinds(context.roles))
    shown_again = collect(again)
    again.items_loaded([dict(home_of(window).model.item(0))])
    qtbot.waitUntil(lambda: not again.busy, timeout=WAIT)
    assert shown_again == [] and [n.key for n in again.recent] == [notice.key]


def test_a_kind_switched_off_in_the_settings_is_not_notified(
    qtbot, live_server: LiveServer, make_context, tmp_path: Path
) -> None:
    context, window, notifications = loaded(qtbot, make_context, tmp_path)
    center = notifications.center
    shown = collect(center)

    # 文件 → 通知设置… lists the kinds the user can be given, all on by default
    window.actions_by_name["notificationSettings"].trigger()
    dialog = notifications.settings_dialog
    assert dialog is not None and dialog.isVisible()
    choices = dialog.choices()
    assert "request_decide" in choices and "agreement_sign" in choices
    assert "entry_review" not in choices  # a catalog reviewer's, not a resource admin's
    assert all(choices.values())
    dialog.set_checked("request_decide", False)
    dialog.buttons.accepted.emit()
    assert center.enabled["request_decide"] is False
    qtbot.waitUntil(lambda: not center.busy, timeout=WAIT)
    assert context.store.notify_kinds()["request_decide"] is False

    request = request_for_a(live_server, "残疾人基本信息")
    settle(qtbot, window, center)
    assert shown == []
    assert ("request_decide", request["id"], "submitted") in context.store.seen_todos()

    # switched on again, the same request is not replayed
    dialog = notifications.open_settings()
    assert dialog.choices()["request_decide"] is False
    dialog.set_checked("request_decide", True)
    dialog.buttons.accepted.emit()
    settle(qtbot, window, center)
    assert shown == []


def test_an_item_opened_in_the_todo_list_is_seen(
    qtbot, live_server: LiveServer, make_context, tmp_path: Path
) -> None:
    context, window, notifications = loaded(qtbot, make_context, tmp_path)
    center = notifications.center
    home_of(window).item_activated.emit("request_decide", 41, "submitted")
    qtbot.waitUntil(lambda: not center.busy, timeout=WAIT)
    assert ("request_decide", 41, "submitted") in context.store.seen_todos()


@pytest.mark.qt_log_ignore("systemTrayWindowChanged")  # offscreen has no tray to follow
def test_the_tray_shows_the_notification_and_its_balloon_opens_the_item(qapp, qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    said: list[str] = []
    icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    view = TrayView(window=window, icon=icon, fallback=said.append, available=True)
    assert isinstance(view.tray, QSystemTrayIcon) and view.button is None
    assert view.tray.contextMenu() is view.menu
    one = Notice("agreement_sign", 3, "awaiting_consumer", "人口基本信息", "待签保密协议")
    view.show_notices([one])
    assert view.last_message == ("新待办：待签保密协议", "人口基本信息") and said == []
    with qtbot.wait_signal(view.open_requested) as opened:
        view.tray.messageClicked.emit()
    assert opened.args == [one]
    view.show_notices([one, one])
    with qtbot.wait_signal(view.home_requested):
        view.tray.messageClicked.emit()
    with qtbot.wait_signal(view.show_window_requested):
        view.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    view.set_recent([one])
    assert [a.text() for a in view.recent_actions()] == ["待签保密协议：人口基本信息"]
    view.hide()


def test_the_signed_in_session_notifies_once_across_a_new_sign_in(
    qtbot, controller: DesktopApp, live_server: LiveServer
) -> None:
    """Through the real shell: sign in, the request is notified (in the status bar, offscreen);
    sign out and in again (a new store connection, as after a restart): not again."""
    request = request_for_a(live_server, "城乡低保对象信息")
    user = live_server.username("A", Role.RESOURCE_ADMIN)
    window = sign_in(qtbot, controller, user)
    notifications = controller.notifications
    assert notifications is not None and notifications.window is window
    center = notifications.center
    qtbot.waitUntil(lambda: [n.object_id for n in center.recent] == [request["id"]], timeout=WAIT)
    assert "城乡低保对象信息" in window.statusBar().currentMessage()

    with qtbot.wait_signal(controller.logged_out, timeout=WAIT):
        window.logout_action.trigger()
    assert controller.notifications is None
    window = sign_in(qtbot, controller, user)
    again = controller.notifications
    assert again is not None and again is not notifications
    shown = collect(again.center)
    first_load(qtbot, window, again.center)
    qtbot.waitUntil(lambda: len(again.center.recent) == 1, timeout=WAIT)
    assert shown == [] and "城乡低保对象信息" not in window.statusBar().currentMessage()


def test_the_settings_list_every_kind_of_the_users_roles_and_only_those() -> None:
    """Generic over the kinds (new ones, e.g. the security and audit admins', come along)."""
    for role in {r for target in TODO_TARGETS.values() for r in target.roles}:
        kinds = notified_kinds({role})
        assert {k for k, t in TODO_TARGETS.items() if role in t.roles} <= set(kinds)
        assert all(can_act(kind, {role}) for kind in kinds)
