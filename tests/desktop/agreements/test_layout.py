"""The 待签协议 page at the office screen (1366×768): the list's columns fit, the viewer keeps
the PDF readable beside the signatures panel with every button inside, the sign dialog fits;
an agreement past its signing deadline is red; a user without a key is offered the setup."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush

from govshare_core.vocab import Role
from govshare_desktop.agreements.page import AgreementsPage
from govshare_desktop.agreements.sign_dialog import SignDialog
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.signing.setup_dialog import KeySetupDialog
from govshare_platform import clock
from tests.desktop.agreements_support import awaiting_agreement, give_key
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import assert_dialog_fits

WAIT = 10000
PAGE_AT_1366 = (1100, 640)
"""What the main window, maximised at 1366×768, leaves a page (navigation, menu, status bar)."""


def shown_page(make_context, qtbot, dept: str, role: Role) -> AgreementsPage:  # type: ignore[no-untyped-def]
    page = AgreementsPage(context=make_context(dept, role))
    qtbot.addWidget(page)
    page.resize(*PAGE_AT_1366)
    page.show()
    qtbot.waitExposed(page)
    return page


def inside(page: AgreementsPage, widget) -> bool:  # type: ignore[no-untyped-def]
    where = QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())
    return page.rect().contains(where)


def test_list_viewer_and_sign_dialog_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    page = shown_page(make_context, qtbot, "B", Role.RESOURCE_ADMIN)
    give_key(page.context)
    qtbot.waitUntil(lambda: page.row_index(agreement_id) >= 0, timeout=WAIT)
    view = page.ui.tableView
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=WAIT)
    hidden = [c for c in range(page.model.columnCount()) if view.isColumnHidden(c)]
    assert hidden == []

    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    viewer = page.viewer
    qtbot.waitUntil(lambda: viewer.checks is not None, timeout=WAIT)
    assert viewer.view.width() >= 600 and viewer.ui.sidePane.width() >= 300
    for button in (viewer.ui.signButton, viewer.ui.declineButton, viewer.ui.printButton):
        assert button.isVisible() and inside(page, button), button.objectName()

    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.signButton, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, SignDialog)
    assert_dialog_fits(dialog, [dialog.ui.signButton, dialog.ui.cancelButton], "sign dialog")
    dialog.reject()


def test_without_a_key_the_viewer_offers_the_key_setup(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    page = shown_page(make_context, qtbot, "B", Role.RESOURCE_ADMIN)
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        page.open_agreement(agreement_id)
    viewer = page.viewer
    assert viewer.ui.setupKeyButton.isVisible() and not viewer.ui.signButton.isVisible()
    assert "签名密钥" in viewer.ui.noteLabel.text()
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as shown:
        qtbot.mouseClick(viewer.ui.setupKeyButton, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, KeySetupDialog) and dialog.isVisible()
    give_key(page.context)  # as the setup would: a key and its certificate
    with qtbot.wait_signal(page.agreement_loaded, timeout=WAIT):
        dialog.reject()  # closing the setup looks at this computer's keys again
    assert viewer.ui.signButton.isVisible() and not viewer.ui.setupKeyButton.isVisible()


def test_an_agreement_past_its_signing_deadline_is_red(
    live_server: LiveServer, make_context, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _request_id, agreement_id = awaiting_agreement(live_server)
    moved = clock.today() + timedelta(days=20)
    monkeypatch.setattr(clock, "today", lambda: moved)
    page = shown_page(make_context, qtbot, "B", Role.RESOURCE_ADMIN)
    qtbot.waitUntil(lambda: page.row_index(agreement_id) >= 0, timeout=WAIT)
    row = page.row_index(agreement_id)
    assert page.model.row_data(row)["overdue"]
    brush = page.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE
    assert "超期" in page.model.index(row, 5).data()
