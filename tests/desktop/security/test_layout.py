"""The security admin's pages and dialogs at the office screen (1366×768: the page area the main
window leaves, and the dialogs): nothing cut off, every button inside."""

from __future__ import annotations

from PySide6.QtCore import QSize

from govshare_core.vocab import Role
from govshare_desktop.login.password_dialog import ChangePasswordDialog
from govshare_desktop.security.departments_page import DepartmentsPage, FilingsPage
from govshare_desktop.security.policy_page import PasswordPolicyPage
from govshare_desktop.security.users_page import UsersPage
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import assert_dialog_fits
from tests.desktop.security.support import WAIT, click_action, click_new, offered, row_of

PAGE_AT_1366 = QSize(1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""


def _shown(qtbot, page):  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
    return page


def test_pages_and_dialogs_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SECURITY_ADMIN)
    users = _shown(qtbot, UsersPage(context=context))
    qtbot.waitUntil(lambda: bool(users.departments), timeout=WAIT)
    create = click_new(qtbot, users)
    create.password.edit.setText("abc")  # the rules and the reasons shown
    assert_dialog_fits(create, [create.ui.okButton, create.password.generateButton], "create")
    create.reject()
    row_of(qtbot, users, "username", live_server.username("A", Role.REGISTRAR))
    for action in ("edit", "reset"):
        dialog = click_action(qtbot, users, action)
        assert_dialog_fits(dialog, [dialog.ui.okButton], action)
        dialog.reject()

    departments = _shown(qtbot, DepartmentsPage(context=context))
    new = click_new(qtbot, departments)
    new.creditCodeEdit.setText("I")
    assert_dialog_fits(new, [new.ui.okButton], "department")
    new.reject()
    filings = _shown(qtbot, FilingsPage(context=context))
    row_of(qtbot, filings, "name", "南通市公安局")
    qtbot.waitUntil(lambda: "file" in offered(filings), timeout=WAIT)
    filing = click_action(qtbot, filings, "file")
    assert_dialog_fits(filing, [filing.ui.okButton], "filing")
    filing.reject()

    policy = _shown(qtbot, PasswordPolicyPage(context=context))
    qtbot.waitUntil(lambda: policy.policy is not None, timeout=WAIT)
    assert policy.saveButton.isVisible()

    change = ChangePasswordDialog(client=context.client, username="p_security_admin", forced=True)
    qtbot.addWidget(change)
    change.newEdit.setText("a")
    change.repeatEdit.setText("b")
    assert_dialog_fits(change, [change.okButton, change.cancelButton], "change password")
    change.forced = False
    change.reject()
    for page in (users, departments, filings):
        qtbot.waitUntil(lambda p=page: not p.model.is_loading, timeout=WAIT)
