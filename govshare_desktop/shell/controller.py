"""The session controller: login dialog → main window, re-login on expiry, logout, demo start.

Signals tell tests and tools what happened; every slow step (demo platform, keyring, network)
runs in the background pool.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from govshare_desktop import host, logs
from govshare_desktop.common import policy
from govshare_desktop.context import AppContext
from govshare_desktop.credentials import TokenVault
from govshare_desktop.demo import EmbeddedPlatform
from govshare_desktop.login.dialog import LoginDialog
from govshare_desktop.login.password_dialog import ChangePasswordDialog
from govshare_desktop.login.presenter import LoginPresenter, SignedIn
from govshare_desktop.login.settings_dialog import SettingsDialog
from govshare_desktop.profiles import DEMO_PROFILE, Profile, ProfileStore
from govshare_desktop.shell.main_window import MainWindow
from govshare_desktop.shell.notify import SessionNotifications
from govshare_desktop.sync.engine import SyncEngine
from govshare_desktop.tasks import Task, run_in_background

log = logging.getLogger("govshare.desktop.shell")


def application_icon() -> QIcon:
    path = host.icon_path("govshare.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def start_sync(context: AppContext, window: MainWindow) -> SyncEngine:
    """Start the session's outbox replay and list refresh (the context's own SyncEngine)."""
    from govshare_desktop.common.conflict import open_conflict_dialog

    engine = context.sync

    def on_conflict(item: Any, server_object: Any) -> None:
        # 412 on replay: the user chooses keep mine / take theirs / per field (docs/design.md §5).
        open_conflict_dialog(engine, item, server_object, window)

    def on_item_failed(item: Any, message: str) -> None:
        window.statusBar().showMessage(message, 15000)

    engine.conflict.connect(on_conflict)
    engine.item_failed.connect(on_item_failed)
    context.start_sync()
    return engine


def demo_stage_text(stage: str) -> str:
    texts = {
        "import": QCoreApplication.translate("DesktopApp", "正在启动内置演示平台…"),
        "migrate": QCoreApplication.translate("DesktopApp", "正在准备演示数据库…"),
        "seed": QCoreApplication.translate(
            "DesktopApp", "首次运行：正在生成南通市演示数据，约需 20 秒…"
        ),
        "serve": QCoreApplication.translate("DesktopApp", "正在启动演示平台服务…"),
    }
    return texts.get(stage, stage)


def failure_detail(exc: BaseException, data_dir: Path) -> str:
    """What 详细信息 shows of a failed start: the exception's type and message, and where the
    demo's data is (a damaged or unwritable data directory is the usual cause)."""
    kind = type(exc).__qualname__
    if type(exc).__module__ != "builtins":
        kind = f"{type(exc).__module__}.{kind}"
    where = QCoreApplication.translate("DesktopApp", "演示平台数据目录：%1").replace(
        "%1", str(data_dir)
    )
    return f"{kind}: {exc}\n\n{where}"


class DesktopApp(QObject):
    """Owns the login dialog, the signed-in session (context + main window) and the demo.

    Signals:
        demo_ready(str): the embedded platform answers at this URL.
        demo_failed(str): the embedded platform could not start (the reason).
        session_started(object): the MainWindow of a new session.
        relogin_shown(object): the re-login LoginDialog shown over the main window.
        logged_out(): the session ended and the login dialog is back.
        password_change_shown(object): the ChangePasswordDialog shown (forced after a sign-in
            with a temporary or expired password, or 文件 → 修改密码).
    """

    demo_ready = Signal(str)
    demo_failed = Signal(str)
    session_started = Signal(object)
    relogin_shown = Signal(object)
    logged_out = Signal()
    password_change_shown = Signal(object)

    def __init__(
        self,
        *,
        profiles: ProfileStore,
        vault: TokenVault | None = None,
        demo: EmbeddedPlatform | None = None,
        profile_name: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.vault = vault or TokenVault()
        self.demo = demo
        self.profile_name = profile_name
        self.presenter = LoginPresenter(profiles=profiles, vault=self.vault, parent=self)
        self.presenter.signed_in.connect(self._on_presenter_signed_in)
        self.login_dialog: LoginDialog | None = None
        self.relogin_dialog: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.context: AppContext | None = None
        self.session: SignedIn | None = None
        self.notifications: SessionNotifications | None = None
        self._demo_task: Task | None = None
        self._demo_starting = False

    # --- start ------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the login dialog now; start the demo / restore a session in the background."""
        if self.profile_name:
            self.profiles.last_profile = self.profile_name
        elif self.demo is not None:
            self.profiles.last_profile = DEMO_PROFILE
        self.show_login()
        self.presenter.check_keyring()
        # after the dialog is painted and the loop turns: the platform's imports would
        # otherwise compete with the first paint for the GIL and the import lock
        if self.demo is not None:
            QTimer.singleShot(50, self._start_demo)
        else:
            self._restore()

    def show_login(self) -> LoginDialog:
        dialog = LoginDialog(presenter=self.presenter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.rejected.connect(self._on_login_rejected)
        dialog.retry_requested.connect(self._start_demo)
        self.login_dialog = dialog
        if self.demo is not None:
            if self.demo.url:
                self._offer_demo(dialog)
            else:
                dialog.set_platform_status(demo_stage_text("import"), ready=False, busy=True)
        dialog.show()
        return dialog

    def _restore(self) -> None:
        profile = self.profiles.get(self.profiles.last_profile)
        if profile is not None and self.profiles.remembered_user(profile.name):
            if self.login_dialog is not None:
                self.login_dialog.set_platform_status(
                    QCoreApplication.translate("DesktopApp", "正在恢复上次的登录…"), ready=True
                )
            self.presenter.restore(profile)

    def _start_demo(self) -> None:
        """Start the embedded platform in the background (at start-up, and on 重试)."""
        demo = self.demo
        assert demo is not None
        if self._demo_starting:
            return
        self._demo_starting = True
        if self.login_dialog is not None:
            self.login_dialog.set_platform_status(demo_stage_text("import"), ready=False, busy=True)

        def op(task: Task) -> str:
            return demo.start(lambda stage: task.report(0, stage))

        def progress(_percent: int, stage: str) -> None:
            if self.login_dialog is not None:
                self.login_dialog.set_platform_status(
                    demo_stage_text(stage), ready=False, busy=True
                )

        self._demo_task = run_in_background(
            op, success=self._on_demo_started, failure=self._on_demo_failed, progress=progress
        )

    def _on_demo_failed(self, exc: Exception) -> None:
        self._demo_starting = False
        assert self.demo is not None
        log.exception(
            "the embedded demo platform did not start (data in %s)",
            self.demo.data_dir,
            exc_info=exc,  # raised in the pool: its __traceback__ came along
        )
        if self.login_dialog is not None:
            self.login_dialog.show_start_failure(
                failure_detail(exc, self.demo.data_dir), logs.active_log_file()
            )
        self.demo_failed.emit(str(exc))

    def _on_demo_started(self, url: str) -> None:
        self._demo_starting = False
        log.info("the embedded demo platform answers at %s", url)
        self.profiles.upsert(Profile(DEMO_PROFILE, url))
        if self.login_dialog is not None:
            self._offer_demo(self.login_dialog)
        self.demo_ready.emit(url)
        self._restore()

    def _offer_demo(self, dialog: LoginDialog) -> None:
        assert self.demo is not None
        dialog.reload_profiles(select=self.profile_name or DEMO_PROFILE)
        dialog.set_demo_accounts(self.demo.accounts)
        text = QCoreApplication.translate("DesktopApp", "演示平台已就绪（%1）。").replace(
            "%1", self.demo.url
        )
        if self.demo.seeded_now:
            text += QCoreApplication.translate("DesktopApp", "已生成演示数据。")
        dialog.set_platform_status(text, ready=True)

    def _on_login_rejected(self) -> None:
        if self.window is None:
            QApplication.quit()

    # --- session ----------------------------------------------------------------------------

    def _on_presenter_signed_in(self, result: SignedIn) -> None:
        if self.window is not None or result.store is None:
            return  # a re-login: handled by the re-login dialog
        if result.must_change_password:  # a temporary or expired password: a new one first
            self._ask_new_password(result)
            return
        self._open_session(result)

    def _open_session(self, result: SignedIn) -> None:
        assert result.store is not None  # a first sign-in (a re-login keeps its session)
        self.password_dialog = None
        self.session = result
        context = AppContext(
            client=result.client, store=result.store, me=result.me, profile_name=result.profile.name
        )
        self.context = context
        window = MainWindow(context=context, settings=self.profiles.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.logout_requested.connect(self.logout)
        window.settings_requested.connect(self._on_window_settings_requested)
        window.change_password_requested.connect(lambda: self._ask_new_password(None))
        context.session_expired.connect(self._on_context_session_expired)
        context.password_change_required.connect(self._on_context_password_change_required)
        self.window = window
        policy.load_in_background(context)  # the platform's policy values and calendar
        start_sync(context, window)
        # new to-dos in the system tray (or the status bar), from the home page's refreshes
        self.notifications = SessionNotifications(window, icon=application_icon())
        window.show_fitted()
        self._close_login_dialog()
        self.session_started.emit(window)

    def _close_login_dialog(self) -> None:
        if self.login_dialog is not None:
            dialog, self.login_dialog = self.login_dialog, None
            dialog.rejected.disconnect(self._on_login_rejected)
            dialog.close()

    # --- own password (第三十三条) -----------------------------------------------------------

    def _ask_new_password(self, signing_in: SignedIn | None, *, forced: bool = False) -> None:
        """修改密码: before the main window when `signing_in` must change its password (退出登录
        then returns to the login), or over the open window (forced: 退出登录 signs out)."""
        if self.password_dialog is not None:
            self.password_dialog.raise_()
            return
        session = signing_in or self.session
        if session is None:
            return
        forced = forced or signing_in is not None
        dialog = ChangePasswordDialog(
            client=session.client, username=session.username, forced=forced, parent=self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_password_dialog_finished)
        if signing_in is not None:
            dialog.changed.connect(lambda: self._open_session(signing_in))
            dialog.sign_out_requested.connect(lambda: self._abandon_sign_in(signing_in))
        else:
            dialog.changed.connect(self._on_password_changed)
            dialog.sign_out_requested.connect(self.logout)
        if self.window is not None:
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.password_dialog = dialog
        dialog.show()
        self._close_login_dialog()  # after the dialog shows: a window stays open
        self.password_change_shown.emit(dialog)

    def _on_password_dialog_finished(self, _result: int) -> None:
        self.password_dialog = None

    def _on_context_password_change_required(self) -> None:
        self._ask_new_password(None, forced=True)

    def _on_password_changed(self) -> None:
        if self.context is not None:
            for kind in ("other", "inbox"):  # what was refused meanwhile loads now
                self.context.data_changed.emit(kind)

    def _abandon_sign_in(self, result: SignedIn) -> None:
        """退出登录 instead of a new password: back to the login (shown first), token revoked."""
        self.password_dialog = None
        self.show_login()
        client = result.client

        def op(_task: Task) -> None:
            try:
                client.logout()
            except Exception:  # offline or already expired: the token dies on its own
                client.token = None

        run_in_background(op)
        if result.store is not None:
            result.store.close()
        self.logged_out.emit()

    def _on_context_session_expired(self) -> None:
        """Ask for the password again over the open window; pages and drafts stay."""
        if self.relogin_dialog is not None or self.window is None or self.session is None:
            return
        presenter = LoginPresenter(
            profiles=self.profiles, vault=self.vault, open_store=False, parent=self
        )
        presenter.keyring_ok = self.presenter.keyring_ok
        dialog = LoginDialog(
            presenter=presenter,
            relogin=(self.session.profile.name, self.session.username),
            parent=self.window,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed_in.connect(self._on_relogin_signed_in)
        dialog.finished.connect(self._on_relogin_finished)
        self.relogin_dialog = dialog
        dialog.open()
        self.relogin_shown.emit(dialog)

    def _on_relogin_signed_in(self, result: SignedIn) -> None:
        if self.context is None or self.session is None:
            return
        self.context.client.token = result.client.token
        self.context.me = result.me
        self.session.remembered = result.remembered
        self.context.set_online(True)
        self.context.data_changed.emit("inbox")

    def _on_relogin_finished(self, _result: int) -> None:
        self.relogin_dialog = None

    def logout(self) -> None:
        """End the session: revoke the token, clear the keyring entry, back to the login."""
        session, context, window = self.session, self.context, self.window
        if session is None or context is None or window is None:
            return
        self.session = self.context = self.window = None
        if self.notifications is not None:
            self.notifications.close()
            self.notifications = None
        context.stop_sync()
        client, vault = session.client, self.vault
        profile, username = session.profile.name, session.username
        self.profiles.set_remembered_user(profile, None)

        def op(task: Task) -> None:
            vault.clear(profile, username)
            try:
                client.logout()
            except Exception:  # offline or already expired: the token dies on its own
                client.token = None

        run_in_background(op)
        self.show_login()
        context.session_expired.disconnect(self._on_context_session_expired)
        window.close()
        context.store.close()
        self.logged_out.emit()

    def _on_window_settings_requested(self) -> None:
        # signed in: the settings show the signing certificate too (第三十条)
        dialog = SettingsDialog(profiles=self.profiles, context=self.context, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def shutdown(self) -> None:
        if self.context is not None:
            self.context.stop_sync()
            self.context.store.close()
        if self.demo is not None:
            self.demo.stop()
