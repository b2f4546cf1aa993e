"""Signing with a UKey (硬件密钥) in the sign dialog: the key store describes a key on a token
and holds its certificate from the platform; the dialog asks for the PIN, and a UKey that is
not plugged in (its driver module absent) is reported with the dialog kept open, ready to try
again. (Signing on a real token: tests/desktop/signing/test_tokens.py, SoftHSM2.)"""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.agreements.page import AgreementsPage
from govshare_desktop.agreements.sign_dialog import SignDialog
from govshare_desktop.agreements.signing_flow import TOKEN, key_options
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.tokens import remember_token
from tests.desktop.agreements_support import CERTIFICATES, awaiting_agreement
from tests.desktop.conftest import LiveServer
from tests.platform.agreement_pki import csr_pem, new_key

WAIT = 10000
MISSING_MODULE = "/nonexistent/libukey.so"


def test_a_ukey_that_is_not_plugged_in_is_reported_and_the_dialog_stays(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    context = make_context("B", Role.RESOURCE_ADMIN)
    profile, username = context.profile_name, context.me["user"]["username"]
    store = KeyStore(signing_dir())
    key = new_key()  # stands for the key made on the token: only its public half is kept
    public_der = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    remember_token(
        store,
        profile,
        username,
        module_path=MISSING_MODULE,
        token_label="民政局UKey",
        key_label=f"govshare-{profile}-{username}",
        public_der=public_der,
    )
    issued = context.client.request(
        "POST", CERTIFICATES, json={"csr_pem": csr_pem(key), "role": "resource_admin"}
    ).json()
    store.store_certificate(profile, username, issued["certificate_pem"], issued["ca_pem"])
    [option] = key_options(profile, username)
    assert option.kind == TOKEN and option.ready

    page = AgreementsPage(context=context)
    qtbot.addWidget(page)
    page.show()
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(page.viewer.ui.signButton, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, SignDialog)
    assert dialog.ui.tokenRadio.isChecked() and not dialog.ui.fileRadio.isEnabled()
    assert dialog.ui.secretLabel.text() == "PIN 码："

    qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text == "请输入 PIN 码。"
    dialog.ui.secretEdit.setText("1234")
    qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "未找到 UKey" in dialog.error_text, timeout=WAIT)
    assert dialog.isVisible() and dialog.ui.signButton.isEnabled() and not dialog.busy
    assert dialog.answer is None
    detail = context.client.agreement(agreement_id)
    assert detail["revision"] == 0 and detail["status"] == "awaiting_consumer"
