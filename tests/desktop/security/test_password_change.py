"""The user's own password (第三十三条) through the real shell: 文件 → 修改密码 for any user
(the old password then fails, the new one signs in), and the forced change when a call of an
open session answers 403 `password_change_required` (here: the flag set on the platform while
the user works); 退出登录 in the forced dialog signs out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.credentials import TokenVault
from govshare_desktop.shell.controller import DesktopApp
from govshare_platform.departments.models import User
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.security.support import WAIT, sign_in
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles

NEW = "Brand-New-Passw0rd!"


@pytest.fixture
def desktop(
    live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp
) -> Iterator[DesktopApp]:  # type: ignore[no-untyped-def]
    app = DesktopApp(
        profiles=isolated_profiles(tmp_path, monkeypatch, live_server.url),
        vault=TokenVault(MemoryKeyring()),
    )
    app.start()
    yield app
    if app.window is not None:
        app.window.close()
    app.shutdown()
    if app.login_dialog is not None:
        app.login_dialog.rejected.disconnect()
        app.login_dialog.close()


def signed_in(qtbot, desktop: DesktopApp, username: str):  # type: ignore[no-untyped-def]
    with qtbot.wait_signal(desktop.session_started, timeout=WAIT) as started:
        sign_in(qtbot, desktop, username, PASSWORD)
    return started.args[0]


def refreshed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """F5 on the to-do list, once its first load is done (a load under way is not repeated)."""
    home = window.current_page()
    qtbot.waitUntil(home.refresh_button.isEnabled, timeout=WAIT)
    window.refresh_current()


def fill(dialog, current: str, new: str) -> None:  # type: ignore[no-untyped-def]
    dialog.currentEdit.setText(current)
    dialog.newEdit.setText(new)
    dialog.repeatEdit.setText(new)


def test_change_own_password_from_the_menu(
    live_server: LiveServer, desktop: DesktopApp, qtbot
) -> None:  # type: ignore[no-untyped-def]
    username = live_server.username("A", Role.REGISTRAR)
    window = signed_in(qtbot, desktop, username)
    with qtbot.wait_signal(desktop.password_change_shown, timeout=WAIT) as shown:
        window.actions_by_name["changePassword"].trigger()
    dialog = shown.args[0]
    assert not dialog.forced and dialog.cancelButton.text() == "取消"
    fill(dialog, "wrong-Passw0rd!", NEW)
    dialog.okButton.click()
    qtbot.waitUntil(lambda: "当前密码不正确" in dialog.error_text, timeout=WAIT)
    assert dialog.isVisible()
    fill(dialog, PASSWORD, NEW)
    with qtbot.wait_signal(dialog.changed, timeout=WAIT):
        dialog.okButton.click()
    assert desktop.window is window  # the session goes on
    with pytest.raises(ApiError):
        PlatformClient(live_server.url, retries=0).login(username, PASSWORD)
    PlatformClient(live_server.url, retries=0).login(username, NEW)


def test_a_403_password_change_required_asks_for_a_new_password(
    live_server: LiveServer, desktop: DesktopApp, qtbot
) -> None:  # type: ignore[no-untyped-def]
    username = live_server.username("B", Role.APPLICANT)
    window = signed_in(qtbot, desktop, username)
    with live_server.session() as s:  # e.g. the password passed the policy's max_age_days
        s.execute(update(User).where(User.username == username).values(must_change_password=True))
        s.commit()
    with qtbot.wait_signal(desktop.password_change_shown, timeout=WAIT) as shown:
        refreshed(qtbot, window)  # the to-do list reloads: 403 password_change_required
    dialog = shown.args[0]
    assert dialog.forced and dialog.cancelButton.text() == "退出登录"
    fill(dialog, PASSWORD, NEW)
    with qtbot.wait_signal(dialog.changed, timeout=WAIT):
        dialog.okButton.click()
    assert desktop.window is window

    qtbot.waitUntil(window.current_page().refresh_button.isEnabled, timeout=WAIT)  # reloaded
    with live_server.session() as s:
        s.execute(update(User).where(User.username == username).values(must_change_password=True))
        s.commit()
    with qtbot.wait_signal(desktop.password_change_shown, timeout=WAIT) as shown:
        refreshed(qtbot, window)
    with qtbot.wait_signal(desktop.logged_out, timeout=WAIT):
        shown.args[0].cancelButton.click()  # 退出登录
    assert desktop.window is None and desktop.login_dialog is not None
