"""The login dialog against a real platform: success, wrong password, lockout, network, keyring."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QDialogButtonBox

from govshare_core.vocab import Role
from govshare_desktop.credentials import SERVICE, TokenVault, entry_name
from govshare_desktop.login.dialog import LoginDialog
from govshare_desktop.login.presenter import LoginPresenter, SignedIn
from govshare_desktop.profiles import Profile, ProfileStore
from tests.desktop.conftest import PASSWORD, LiveServer
from tests.desktop.shell_support import MemoryKeyring, isolated_profiles


@pytest.fixture
def profiles(live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    return isolated_profiles(tmp_path, monkeypatch, live_server.url)


def make_dialog(qtbot, profiles: ProfileStore, vault: TokenVault) -> LoginDialog:
    presenter = LoginPresenter(profiles=profiles, vault=vault)
    dialog = LoginDialog(presenter=presenter)
    qtbot.addWidget(dialog)
    with qtbot.wait_signal(presenter.keyring_checked, timeout=5000):
        presenter.check_keyring()
    dialog.show()
    return dialog


def attempt(qtbot, dialog: LoginDialog, username: str, password: str, *, remember: bool = False):
    dialog.ui.usernameEdit.setText(username)
    dialog.ui.passwordEdit.setText(password)
    dialog.ui.rememberCheck.setChecked(remember)
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.wait_signal(
        dialog.presenter.busy_changed, timeout=10000, check_params_cb=lambda b: not b
    ):
        ok.click()
    qtbot.waitUntil(lambda: not dialog.presenter.busy)


def close_store(result: SignedIn) -> None:
    if result.store is not None:
        result.store.close()


def test_login_success(qtbot, live_server: LiveServer, profiles: ProfileStore) -> None:
    dialog = make_dialog(qtbot, profiles, TokenVault(MemoryKeyring()))
    with qtbot.wait_signal(dialog.signed_in, timeout=10000) as blocker:
        dialog.ui.usernameEdit.setText(live_server.username("A", Role.REGISTRAR))
        dialog.ui.passwordEdit.setText(PASSWORD)
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    result: SignedIn = blocker.args[0]
    assert result.me["roles"] == ["registrar"]
    assert result.store is not None and result.store.path.is_relative_to(
        profiles.settings.fileName().rsplit("/", 1)[0]
    )
    assert not dialog.isVisible()
    assert profiles.last_user("测试平台") == live_server.username("A", Role.REGISTRAR)
    close_store(result)


def test_wrong_password_message(qtbot, live_server: LiveServer, profiles: ProfileStore) -> None:
    dialog = make_dialog(qtbot, profiles, TokenVault(MemoryKeyring()))
    attempt(qtbot, dialog, live_server.username("A", Role.REGISTRAR), "wrong-password")
    text = dialog.ui.errorLabel.text()
    assert dialog.ui.errorLabel.isVisible()
    # the platform no longer tells how many attempts are left (no user enumeration, issue 11)
    assert text == "用户名或密码错误。"
    assert dialog.isVisible()  # nothing lost: the dialog stays with the username
    assert dialog.ui.usernameEdit.text() == live_server.username("A", Role.REGISTRAR)


def test_lockout_message_names_the_time(
    qtbot, live_server: LiveServer, profiles: ProfileStore
) -> None:
    dialog = make_dialog(qtbot, profiles, TokenVault(MemoryKeyring()))
    user = live_server.username("B", Role.APPLICANT)
    for _ in range(3):  # lockout_threshold=3 in the live server's settings
        attempt(qtbot, dialog, user, "wrong-password")
    assert "账号已临时锁定" not in dialog.ui.errorLabel.text()  # a guess is not told (issue 11)
    attempt(qtbot, dialog, user, PASSWORD)  # the right password learns of the lock
    text = dialog.ui.errorLabel.text()
    assert "账号已临时锁定" in text and "之后再试" in text


def test_unreachable_platform_message(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles = isolated_profiles(tmp_path, monkeypatch, "http://127.0.0.1:9")
    dialog = make_dialog(qtbot, profiles, TokenVault(MemoryKeyring()))
    attempt(qtbot, dialog, "someone", "secret")
    assert "无法连接共享平台" in dialog.ui.errorLabel.text()


def test_remember_me_keeps_the_token_not_the_password(
    qtbot, live_server: LiveServer, profiles: ProfileStore
) -> None:
    backend = MemoryKeyring()
    dialog = make_dialog(qtbot, profiles, TokenVault(backend))
    user = live_server.username("A", Role.APPLICANT)
    with qtbot.wait_signal(dialog.signed_in, timeout=10000) as blocker:
        attempt(qtbot, dialog, user, PASSWORD, remember=True)
    result: SignedIn = blocker.args[0]
    stored = backend.entries[(SERVICE, entry_name("测试平台", user))]
    assert stored == result.client.token and stored != PASSWORD
    assert PASSWORD not in Path(profiles.settings.fileName()).read_text(encoding="utf-8")
    assert profiles.remembered_user("测试平台") == user
    close_store(result)

    # next start: the session comes back without a password (GET /me with the token)
    presenter = LoginPresenter(profiles=profiles, vault=TokenVault(backend))
    with qtbot.wait_signal(presenter.signed_in, timeout=10000) as restored:
        presenter.restore(Profile("测试平台", live_server.url))
    assert restored.args[0].me["user"]["username"] == user
    close_store(restored.args[0])


def test_no_keyring_backend_shows_a_note_and_keeps_the_session_in_memory(
    qtbot, live_server: LiveServer, profiles: ProfileStore
) -> None:
    dialog = make_dialog(qtbot, profiles, TokenVault(fail.Keyring()))
    assert dialog.ui.keyringNote.isVisible()
    assert "密钥环" in dialog.ui.keyringNote.text()
    assert not dialog.ui.rememberCheck.isEnabled()
    with qtbot.wait_signal(dialog.signed_in, timeout=10000) as blocker:
        attempt(qtbot, dialog, live_server.username("A", Role.REGISTRAR), PASSWORD, remember=True)
    assert blocker.args[0].remembered is False
    assert profiles.remembered_user("测试平台") == ""
    close_store(blocker.args[0])
