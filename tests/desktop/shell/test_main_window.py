"""The main window and session controller against a real platform: navigation by role,
status bar, layout memory, session expiry (re-login over the open window), logout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.common import sizing as screen
from govshare_desktop.context import AppContext
from govshare_desktop.credentials import SERVICE, TokenVault, entry_name
from govshare_desktop.shell.controller import DesktopApp
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.navigation import all_page_specs, home_spec, visible_groups
from govshare_desktop.shell.pages import PageSpec
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles

OFFICE_SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 minus the taskbar
LARGE_SCREEN = QRect(0, 0, 1920, 1040)


class FakePage(QLabel):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.shown: list[tuple[str, int]] = []

    def show_object(self, kind: str, object_id: int) -> bool:
        self.shown.append((kind, object_id))
        return True


def sample_specs(created: list[str]) -> list[PageSpec]:
    def factory(key: str):
        def make(ctx: AppContext) -> QWidget:
            created.append(key)
            return FakePage(key)

        return make

    def spec(key: str, group: str, roles: set[str], order: int) -> PageSpec:
        return PageSpec(key, key, group, frozenset(roles), factory(key), order)

    return [
        home_spec(),
        spec("catalog.mine", "目录", {"registrar"}, 10),
        spec("catalog.review", "目录", {"catalog_reviewer", "platform_admin"}, 11),
        spec("requests.inbox", "共享", {"resource_admin", "platform_admin"}, 20),
        spec("audit.log", "审计", {"audit_admin"}, 30),
    ]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def window_for(
    qtbot, make_context, settings: QSettings, dept: str, role: Role, created=None
) -> MainWindow:
    ctx = make_context(dept, role)
    window = MainWindow(
        context=ctx, settings=settings, specs=sample_specs(created if created is not None else [])
    )
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("dept", "role", "keys"),
    [
        ("A", Role.REGISTRAR, ["home", "catalog.mine"]),
        ("P", Role.PLATFORM_ADMIN, ["home", "catalog.review", "requests.inbox"]),
        ("P", Role.AUDIT_ADMIN, ["home", "audit.log"]),
    ],
)
def test_navigation_shows_only_the_pages_of_the_users_roles(
    qtbot, make_context, settings, dept, role, keys
) -> None:
    window = window_for(qtbot, make_context, settings, dept, role)
    assert window.page_keys() == keys
    assert window.open_page("audit.log" if role != Role.AUDIT_ADMIN else "catalog.mine") is None


def test_real_page_specs_respect_roles(qtbot, make_context) -> None:
    specs = all_page_specs()
    for role in (Role.REGISTRAR, Role.PLATFORM_ADMIN, Role.AUDIT_ADMIN):
        for _, pages in visible_groups(specs, {role.value}):
            for spec in pages:
                assert spec.roles is None or role.value in spec.roles


def test_pages_are_created_lazily_and_kept(qtbot, make_context, settings) -> None:
    created: list[str] = []
    window = window_for(qtbot, make_context, settings, "P", Role.PLATFORM_ADMIN, created)
    assert created == []  # only the home page exists
    first = window.open_page("catalog.review")
    assert window.open_page("catalog.review") is first
    assert created == ["catalog.review"]
    window.open_todo("request_platform_decide", 7, "provider_approved")
    assert window.current_key() == "requests.inbox"
    assert window.pages["requests.inbox"].shown == [("request_platform_decide", 7)]


def test_status_bar_follows_the_context(qtbot, make_context, settings) -> None:
    window = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    status = window.status
    assert "在线" in status.online_label.text()
    window.context.set_online(False)
    assert "离线" in status.online_label.text()
    window.context.outbox_changed.emit(3)
    assert status.pending_label.text() == "待上传 3 项"
    assert status.sync_label.text() == "尚未同步"
    window.context.mark_synced()
    assert status.sync_label.text().startswith("上次同步：")
    assert "南通市公安局" in status.user_label.text() and "目录登记员" in status.user_label.text()
    window.context.set_online(True)
    assert "在线" in status.online_label.text()


def test_window_layout_is_remembered(qtbot, make_context, settings) -> None:
    window = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    window.show_fitted(LARGE_SCREEN)
    window.resize(700, 520)
    qtbot.waitUntil(lambda: window.width() == 700)
    window.close()
    again = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    again.show_fitted(LARGE_SCREEN)
    assert (again.width(), again.height()) == (700, 520)


def test_a_remembered_geometry_that_does_not_fit_the_screen_is_not_restored(
    qtbot, make_context, settings
) -> None:
    window = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    window.show_fitted(LARGE_SCREEN)
    window.setGeometry(400, 200, 1700, 1000)  # left there on a 1920×1080 screen
    qtbot.waitUntil(lambda: window.width() == 1700)
    window.close()
    again = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    again.show_fitted(OFFICE_SCREEN)  # next day, on the office PC
    assert again.isMaximized() or OFFICE_SCREEN.contains(again.frameGeometry())
    assert again.width() <= 1366 and again.height() <= 728


def test_the_main_window_opens_maximised_on_a_small_screen_and_1280x800_on_a_large_one(
    qtbot, make_context, settings
) -> None:
    window = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    window.show_fitted(OFFICE_SCREEN)
    assert window.isMaximized()
    window.showNormal()
    assert window.width() <= 1366 - 2 * screen.MARGIN and window.height() <= 728
    window.close()
    settings.clear()
    again = window_for(qtbot, make_context, settings, "A", Role.REGISTRAR)
    again.show_fitted(LARGE_SCREEN)
    assert not again.isMaximized() and (again.width(), again.height()) == (1280, 800)


@pytest.fixture
def controller(qtbot, live_server: LiveServer, tmp_path: Path, monkeypatch):
    profiles = isolated_profiles(tmp_path, monkeypatch, live_server.url)
    backend = MemoryKeyring()
    app = DesktopApp(profiles=profiles, vault=TokenVault(backend))
    app.backend = backend  # type: ignore[attr-defined]
    app.start()
    yield app
    for w in (app.window, app.login_dialog):
        if w is not None:
            w.close()
    app.shutdown()


def sign_in(qtbot, app: DesktopApp, username: str, *, remember: bool = False) -> MainWindow:
    dialog = app.login_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: app.presenter.keyring_ok is not None)
    dialog.ui.usernameEdit.setText(username)
    dialog.ui.passwordEdit.setText(PASSWORD)
    dialog.ui.rememberCheck.setChecked(remember)
    with qtbot.wait_signal(app.session_started, timeout=10000) as blocker:
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    window: MainWindow = blocker.args[0]
    return window


def test_session_expiry_asks_again_without_closing_the_window(
    qtbot, controller: DesktopApp, live_server: LiveServer
) -> None:
    window = sign_in(qtbot, controller, live_server.username("A", Role.REGISTRAR))
    context = window.context
    home = window.pages["home"]
    old_token = context.client.token
    PlatformClient(live_server.url, token=old_token).logout()  # the token dies on the server

    with qtbot.wait_signal(controller.relogin_shown, timeout=10000) as shown:
        context.run(lambda task: context.client.me())
    relogin = shown.args[0]
    assert relogin.parent() is window and window.isVisible()
    assert "登录已过期" in relogin.ui.errorLabel.text()
    assert not relogin.ui.usernameEdit.isEnabled()
    relogin.ui.passwordEdit.setText(PASSWORD)
    with qtbot.wait_signal(relogin.signed_in, timeout=10000):
        relogin.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert context.client.token not in (None, old_token)
    assert controller.window is window and window.pages["home"] is home  # nothing was closed
    assert context.client.me()["user"]["username"] == live_server.username("A", Role.REGISTRAR)


def test_logout_clears_the_keyring_and_returns_to_login(
    qtbot, controller: DesktopApp, live_server: LiveServer
) -> None:
    user = live_server.username("A", Role.APPLICANT)
    window = sign_in(qtbot, controller, user, remember=True)
    entries = controller.backend.entries  # type: ignore[attr-defined]
    assert (SERVICE, entry_name("测试平台", user)) in entries
    with qtbot.wait_signal(controller.logged_out, timeout=5000):
        window.logout_action.trigger()
    qtbot.waitUntil(lambda: (SERVICE, entry_name("测试平台", user)) not in entries)
    assert controller.login_dialog is not None and controller.login_dialog.isVisible()
    assert controller.profiles.remembered_user("测试平台") == ""
