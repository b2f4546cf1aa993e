"""The key setup dialog driven like a user (pytest-qt) against the live platform, and the
签名证书 section of the settings showing the stored certificate."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from govshare_core.vocab import Role
from govshare_desktop.context import AppContext
from govshare_desktop.credentials import PassphraseVault, TokenVault
from govshare_desktop.host import signing_dir
from govshare_desktop.login.settings_dialog import SettingsDialog
from govshare_desktop.profiles import ProfileStore
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.setup_dialog import KeySetupDialog
from govshare_desktop.signing.tokens import SOFTHSM_MODULE, stored_token_source
from tests.desktop.shell_support import MemoryKeyring
from tests.desktop.signing.conftest import PIN

PASS = "签名口令-2026"


def test_guided_setup_ends_with_a_stored_certificate(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = make_context("B", Role.RESOURCE_ADMIN)
    dialog = KeySetupDialog(context=ctx)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert [ui.roleCombo.itemData(i) for i in range(ui.roleCombo.count())] == ["resource_admin"]
    assert not ui.requestButton.isEnabled() and not ui.finishButton.isEnabled()

    ui.passphraseEdit.setText(PASS)
    ui.againEdit.setText(PASS + "x")
    ui.generateButton.click()
    qtbot.waitUntil(lambda: ui.errorLabel.text() != "", timeout=10000)
    assert "不一致" in ui.errorLabel.text() and ui.passphraseEdit.text() == PASS  # nothing lost

    ui.againEdit.setText(PASS)
    ui.generateButton.click()
    qtbot.waitUntil(ui.requestButton.isEnabled, timeout=20000)
    assert ui.errorLabel.text() == ""
    with qtbot.wait_signal(dialog.certificate_stored, timeout=20000):
        ui.requestButton.click()
    assert ui.finishButton.isEnabled() and "证书已签发" in ui.statusLabel.text()
    store = KeyStore(signing_dir())
    cert = store.certificate("test", ctx.me["user"]["username"])
    assert cert is not None and ctx.me["user"]["full_name"] in cert.subject.rfc4514_string()


def test_a_wrong_passphrase_on_renewal_is_shown_at_its_field(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = make_context("A", Role.RESOURCE_ADMIN)
    KeyStore(signing_dir()).generate("test", ctx.me["user"]["username"], PASS)
    dialog = KeySetupDialog(context=ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    assert ui.requestButton.isEnabled() and not ui.againEdit.isEnabled()  # a key is here
    ui.passphraseEdit.setText("不是这个口令-123")
    ui.requestButton.click()
    qtbot.waitUntil(lambda: ui.errorLabel.text() != "", timeout=10000)
    assert "口令错误" in ui.errorLabel.text()
    assert ui.passphraseEdit.hasFocus()


def test_settings_show_the_certificate_section(qtbot, make_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = make_context("P", Role.PLATFORM_ADMIN)
    dialog = SettingsDialog(
        profiles=ProfileStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)),
        context=ctx,
    )
    qtbot.addWidget(dialog)
    panel = dialog.certificates
    assert panel is not None
    assert panel.statusLabel.text() == "尚未生成密钥"
    assert panel.setupButton.text() == "生成密钥/申请证书"


def test_a_ukey_setup_makes_the_key_on_the_token(qtbot, make_context, token: str) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = make_context("A", Role.RESOURCE_ADMIN)
    dialog = KeySetupDialog(context=ctx)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.tokenRadio.setChecked(True)
    assert ui.moduleEdit.text() == str(SOFTHSM_MODULE)  # the default where installed
    ui.findTokensButton.click()
    qtbot.waitUntil(lambda: ui.tokenCombo.count() > 0, timeout=10000)
    ui.tokenCombo.setCurrentText(token)
    ui.pinEdit.setText("0000")
    ui.generateButton.click()
    qtbot.waitUntil(lambda: ui.errorLabel.text() != "", timeout=10000)
    assert "PIN" in ui.errorLabel.text() and ui.pinEdit.hasFocus() is not None
    ui.pinEdit.setText(PIN)
    ui.generateButton.click()
    qtbot.waitUntil(ui.requestButton.isEnabled, timeout=20000)
    with qtbot.wait_signal(dialog.certificate_stored, timeout=20000):
        ui.requestButton.click()
    store = KeyStore(signing_dir())
    username = ctx.me["user"]["username"]
    assert store.kind("test", username) == "token" and store.certificate("test", username)
    source = stored_token_source(store, "test", username)
    assert source is not None and source.certificate() is not None


def test_remembered_passphrase_is_a_second_keyring_entry(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    ctx: AppContext = make_context("B", Role.RESOURCE_ADMIN)
    backend = MemoryKeyring()
    tokens, passphrases = TokenVault(backend), PassphraseVault(backend)
    tokens.store("test", "b", "session-token")
    dialog = KeySetupDialog(context=ctx, vault=passphrases)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.passphraseEdit.setText(PASS)
    ui.againEdit.setText(PASS)
    ui.rememberCheck.setChecked(True)
    ui.generateButton.click()
    qtbot.waitUntil(ui.requestButton.isEnabled, timeout=20000)
    username = ctx.me["user"]["username"]
    assert passphrases.load("test", username) == PASS
    assert tokens.load("test", "b") == "session-token"  # the session's entry is untouched
