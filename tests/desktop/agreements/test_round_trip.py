"""The agreement's full round trip through the UI against a real platform (第三十条): the
consumer's and the provider's filed resource admins each sign in the sign dialog with a key
made on this computer and a certificate from the platform CA (a wrong passphrase first: the
dialog keeps everything and lets the user type again), the platform admin has the platform
sign; the request becomes active and the grants appear."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.agreements.page import AgreementsPage
from govshare_desktop.agreements.presenter import PENDING, VALID
from govshare_desktop.agreements.sign_dialog import SignDialog
from tests.desktop.agreements_support import PASSPHRASE, awaiting_agreement, give_key
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api

WAIT = 15000


def open_page(make_context, qtbot, dept: str, role: Role, agreement_id: int) -> AgreementsPage:  # type: ignore[no-untyped-def]
    context = make_context(dept, role)
    if role == Role.RESOURCE_ADMIN:
        give_key(context)
    page = AgreementsPage(context=context)
    qtbot.addWidget(page)
    page.resize(1100, 680)
    page.show()
    qtbot.waitUntil(lambda: page.row_index(agreement_id) >= 0, timeout=WAIT)  # 待我签署
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    qtbot.waitUntil(lambda: page.viewer.checks is not None, timeout=WAIT)
    return page


def sign_in_dialog(qtbot, page: AgreementsPage, *, wrong_first: bool = False) -> dict:  # type: ignore[no-untyped-def,type-arg]
    viewer = page.viewer
    assert viewer.ui.signButton.isVisible()
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.signButton, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, SignDialog)
    me = page.context.me
    stamp = dialog.ui.stampLabel.text()
    assert me["user"]["full_name"] in stamp and me["department"]["name"] in stamp
    assert dialog.ui.fileRadio.isChecked() and "有效期至" in dialog.ui.certLabel.text()
    if wrong_first:
        dialog.ui.secretEdit.setText("不是这个口令")
        qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "口令错误" in dialog.error_text, timeout=WAIT)
        assert dialog.isVisible() and dialog.ui.signButton.isEnabled()
        assert dialog.ui.secretEdit.text() == ""  # typed again, nothing else lost
    dialog.ui.secretEdit.setText(PASSPHRASE)
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.signButton, Qt.MouseButton.LeftButton)
    assert done.args[0] == "sign"
    # the signed file was kept under the signing folder until the platform accepted it
    assert dialog.signed_file is not None and not dialog.signed_file.exists()
    assert "已签署" in viewer.ui.outcomeLabel.text()
    return dict(done.args[1])


def test_three_parties_sign_and_the_grants_appear(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    request_id, agreement_id = awaiting_agreement(live_server)

    consumer = open_page(make_context, qtbot, "B", Role.RESOURCE_ADMIN, agreement_id)
    answer = sign_in_dialog(qtbot, consumer, wrong_first=True)
    assert answer["status"] == "awaiting_provider" and answer["revision"] == 1
    viewer = consumer.viewer
    qtbot.waitUntil(lambda: (viewer.agreement or {}).get("revision") == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: viewer.checks is not None, timeout=WAIT)
    assert [r.state for r in viewer.panel.rows] == [VALID, PENDING, PENDING]
    assert not viewer.ui.signButton.isVisible()  # the provider's turn now
    assert "已签署" in viewer.ui.outcomeLabel.text()  # the outcome stays until the next action

    provider = open_page(make_context, qtbot, "A", Role.RESOURCE_ADMIN, agreement_id)
    assert [r.state for r in provider.viewer.panel.rows] == [VALID, PENDING, PENDING]
    answer = sign_in_dialog(qtbot, provider)
    assert answer["status"] == "awaiting_platform"

    platform = open_page(make_context, qtbot, "P", Role.PLATFORM_ADMIN, agreement_id)
    viewer = platform.viewer
    assert [r.state for r in viewer.panel.rows] == [VALID, VALID, PENDING]
    with qtbot.wait_signal(platform.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.platformSignButton, Qt.MouseButton.LeftButton)
    with qtbot.wait_signal(platform.action_done, timeout=WAIT) as done:
        accept_confirmation(shown.args[0])
    assert done.args[1]["status"] == "completed" and done.args[1]["revision"] == 3

    applicant = api(live_server, "B", Role.APPLICANT)
    assert applicant.share_request(request_id)["status"] == "active"
    assert applicant.grants(side="received")["total"] == 2
