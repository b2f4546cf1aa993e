"""Declining, the platform's signature and verifying PDFs from disk, through the UI against a
real platform (the signing dialog's round trip: test_round_trip.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from govshare_core.vocab import Role
from govshare_desktop.agreements.page import AgreementsPage
from govshare_desktop.agreements.presenter import INVALID, PENDING, VALID
from govshare_desktop.common.sending_dialog import ReasonDialog
from tests.desktop.agreements_support import (
    awaiting_agreement,
    give_key,
    signed_by,
    tampered,
    upload,
)
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api

WAIT = 10000


def opened(make_context, qtbot, dept: str, role: Role, agreement_id: int) -> AgreementsPage:  # type: ignore[no-untyped-def]
    page = AgreementsPage(context=make_context(dept, role))
    qtbot.addWidget(page)
    page.resize(1100, 680)
    page.show()
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    qtbot.waitUntil(lambda: page.viewer.checks is not None, timeout=WAIT)
    return page


def test_decline_sends_the_request_back_with_the_reason(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    request_id, agreement_id = awaiting_agreement(live_server)
    page = opened(make_context, qtbot, "B", Role.RESOURCE_ADMIN, agreement_id)
    viewer = page.viewer
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.declineButton, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, ReasonDialog)
    dialog.set_reason("")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text and dialog.isVisible()  # a reason is required (第三十条)
    dialog.ui.reasonEdit.setPlainText("保密条款未覆盖数据再加工，请修改后重新起草")
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[0] == "decline" and done.args[1]["status"] == "declined"
    assert "已拒签" in viewer.ui.outcomeLabel.text()
    request = api(live_server, "B", Role.APPLICANT).share_request(request_id)
    assert request["status"] == "provider_approved"
    # the viewer shows the declined agreement again, with nothing left to do
    qtbot.waitUntil(lambda: (viewer.agreement or {}).get("status") == "declined", timeout=WAIT)
    assert not viewer.ui.signButton.isVisible() and not viewer.ui.declineButton.isVisible()


def test_the_platform_signs_its_turn_and_the_grants_appear(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    request_id, agreement_id = awaiting_agreement(live_server)
    for dept in ("B", "A"):  # the departments' turns, signed outside the UI here
        signer = make_context(dept, Role.RESOURCE_ADMIN)
        give_key(signer)
        upload(signer, agreement_id, signed_by(signer, agreement_id))
    page = opened(make_context, qtbot, "P", Role.PLATFORM_ADMIN, agreement_id)
    viewer = page.viewer
    assert [r.state for r in viewer.panel.rows] == [VALID, VALID, PENDING]
    assert viewer.ui.platformSignButton.isVisible() and not viewer.ui.setupKeyButton.isVisible()
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.platformSignButton, Qt.MouseButton.LeftButton)
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        accept_confirmation(shown.args[0])
    assert done.args[1]["status"] == "completed"
    qtbot.waitUntil(lambda: (viewer.agreement or {}).get("status") == "completed", timeout=WAIT)
    qtbot.waitUntil(lambda: viewer.checks is not None, timeout=WAIT)
    assert [r.state for r in viewer.panel.rows] == [VALID, VALID, VALID]
    request = api(live_server, "B", Role.APPLICANT).share_request(request_id)
    assert request["status"] == "active"
    grants = api(live_server, "B", Role.APPLICANT).grants(side="received")
    assert grants["total"] == 2


def test_verifying_a_pdf_from_disk_shows_valid_then_tampered_invalid(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    signer = make_context("B", Role.RESOURCE_ADMIN)
    give_key(signer)
    pdf = signed_by(signer, agreement_id)
    page = AgreementsPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    page.show()
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(pdf)
    bad.write_bytes(tampered(pdf))
    viewer = page.viewer

    with qtbot.wait_signal(viewer.checked, timeout=WAIT):
        page.verify_file(good)
    assert [r.state for r in viewer.panel.rows] == [VALID]
    assert viewer.panel.rows[0].title == "信息使用部门"
    assert "有效" in viewer.ui.verdictLabel.text()
    assert not viewer.ui.signButton.isVisible() and not viewer.ui.declineButton.isVisible()

    with qtbot.wait_signal(viewer.checked, timeout=WAIT):
        page.verify_file(bad)
    qtbot.waitUntil(lambda: viewer.document.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    assert [r.state for r in viewer.panel.rows] == [INVALID]
    assert viewer.panel.rows[0].note  # why: the document changed after signing
    assert "无效" in viewer.ui.verdictLabel.text()
