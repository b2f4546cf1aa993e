"""Login without widgets: sign in, restore a remembered session, and word the errors.

The presenter runs every network and keyring call in the background pool and answers by
signal; the dialog only displays. Tokens (never passwords) go to the keyring when the user asks
to be remembered and a keyring backend works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from govshare_core import clock
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.credentials import TokenVault
from govshare_desktop.i18n import parse_time
from govshare_desktop.profiles import DEMO_PROFILE, Profile, ProfileStore
from govshare_desktop.store.local import LocalStore
from govshare_desktop.store.paths import store_path
from govshare_desktop.tasks import Task, run_in_background


@dataclass
class SignedIn:
    """A successful sign-in: the client carries the token; `store` is the user's offline store
    (None for a re-login, where the open session keeps its own)."""

    profile: Profile
    username: str
    client: PlatformClient
    me: dict[str, Any]
    remembered: bool
    store: LocalStore | None = None
    must_change_password: bool = False
    """The sign-in said the password must be changed first (a temporary or expired one): the
    shell asks for a new one (login.password_dialog) before opening the main window."""


def profile_label(name: str) -> str:
    """What the UI shows for a profile: the demo profile's name in the UI language (the stored
    name, the key of settings, offline stores and keyring entries, stays `DEMO_PROFILE`)."""
    if name == DEMO_PROFILE:
        return QCoreApplication.translate("LoginPresenter", "演示平台")
    return name


def format_local_time(iso: str) -> str:
    """An ISO 8601 UTC time as Beijing wall-clock time (govshare_core.clock), e.g. "14:05"
    (with the date if not today)."""
    moment = parse_time(iso)
    if moment is None:
        return iso
    shown = clock.platform_time(moment)  # a naive time is UTC, as the platform's are
    return shown.strftime("%H:%M" if shown.date() == clock.today() else "%Y-%m-%d %H:%M")


def login_error_text(exc: Exception) -> str:
    """The sentence the login dialog shows for a failed sign-in."""
    if not isinstance(exc, ApiError):
        return QCoreApplication.translate("LoginPresenter", "登录失败：%1").replace("%1", str(exc))
    if exc.code == "invalid_credentials":  # the same answer whatever failed (docs/security.md)
        return exc.message()
    if exc.code == "too_many_attempts":  # 429: too many failed sign-ins from this address
        return QCoreApplication.translate(
            "LoginPresenter", "从本机登录失败的次数过多，请稍后再试。"
        )
    if exc.code == "account_locked":
        until = exc.body.get("locked_until")
        if isinstance(until, str):
            return QCoreApplication.translate(
                "LoginPresenter", "登录失败次数过多，账号已临时锁定，请于 %1 之后再试。"
            ).replace("%1", format_local_time(until))
    return exc.message()


class LoginPresenter(QObject):
    """Signs in against a profile, in the background.

    Signals:
        busy_changed(bool): a sign-in or restore is running.
        failed(str): the translated reason a sign-in failed.
        signed_in(object): a `SignedIn`.
        restore_finished(bool): a remembered session was (True) or was not restored.
        keyring_checked(bool): whether a working keyring backend exists.
    """

    busy_changed = Signal(bool)
    failed = Signal(str)
    signed_in = Signal(object)
    restore_finished = Signal(bool)
    keyring_checked = Signal(bool)

    def __init__(
        self,
        *,
        profiles: ProfileStore,
        vault: TokenVault | None = None,
        open_store: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.vault = vault or TokenVault()
        self.open_store = open_store
        self.keyring_ok: bool | None = None
        self.busy = False
        self._task: Task | None = None

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def check_keyring(self) -> Task:
        def done(ok: bool) -> None:
            self.keyring_ok = ok
            self.keyring_checked.emit(ok)

        return run_in_background(lambda task: self.vault.available, success=done)

    def login(self, profile: Profile, username: str, password: str, *, remember: bool) -> None:
        if self.busy:
            return
        username = username.strip()
        if not username or not password:
            self.failed.emit(QCoreApplication.translate("LoginPresenter", "请输入用户名和密码。"))
            return
        vault, open_store = self.vault, self.open_store

        def op(task: Task) -> SignedIn:
            client = PlatformClient(profile.url, ca_bundle=profile.ca_bundle or None, retries=1)
            token = client.login(username, password)
            must_change = bool(token.get("must_change_password"))
            me = client.me()
            kept = False
            if remember and client.token:
                kept = vault.store(profile.name, username, client.token)
            else:  # not remembered: forget any earlier token of this user
                vault.clear(profile.name, username)
            store = LocalStore(store_path(profile.name, username)) if open_store else None
            return SignedIn(profile, username, client, me, kept, store, must_change)

        self._start(op, remember_profile=profile, username=username, remember=remember)

    def _start(self, op: Any, *, remember_profile: Profile, username: str, remember: bool) -> None:
        self._set_busy(True)

        def ok(result: SignedIn) -> None:
            self._set_busy(False)
            self.profiles.last_profile = remember_profile.name
            self.profiles.set_last_user(remember_profile.name, username)
            self.profiles.set_remembered_user(
                remember_profile.name, username if result.remembered else None
            )
            self.signed_in.emit(result)

        def bad(exc: Exception) -> None:
            self._set_busy(False)
            self.failed.emit(login_error_text(exc))

        self._task = run_in_background(op, success=ok, failure=bad)

    def restore(self, profile: Profile) -> None:
        """Sign in with the remembered token of `profile` if it is still valid (GET /me)."""
        username = self.profiles.remembered_user(profile.name)
        if not username or self.busy:
            self.restore_finished.emit(False)
            return
        vault, open_store = self.vault, self.open_store

        def op(task: Task) -> SignedIn | None:
            token = vault.load(profile.name, username)
            if not token:
                return None
            client = PlatformClient(
                profile.url, ca_bundle=profile.ca_bundle or None, token=token, retries=1
            )
            try:
                me = client.me()
            except ApiError as exc:
                if exc.needs_login:  # expired or revoked: forget it
                    vault.clear(profile.name, username)
                    return None
                raise
            store = LocalStore(store_path(profile.name, username)) if open_store else None
            return SignedIn(profile, username, client, me, True, store)

        def ok(result: SignedIn | None) -> None:
            self._set_busy(False)
            if result is None:
                self.profiles.set_remembered_user(profile.name, None)
                self.restore_finished.emit(False)
                return
            self.profiles.last_profile = profile.name
            self.restore_finished.emit(True)
            self.signed_in.emit(result)

        def bad(exc: Exception) -> None:
            self._set_busy(False)
            self.restore_finished.emit(False)

        self._set_busy(True)
        self._task = run_in_background(op, success=ok, failure=bad)

    def forget(self, profile: str, username: str) -> Task:
        """Logout: revoke nothing here, only clear the keyring entry (in the background)."""
        self.profiles.set_remembered_user(profile, None)
        vault = self.vault
        return run_in_background(lambda task: vault.clear(profile, username))
