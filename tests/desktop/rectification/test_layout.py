"""The 整改 page and its dialogs at the office screen (1366×768: the page area the main window
leaves, and the dialogs), for the supervisor and a department's resource admin; in English too
(the longer texts)."""

from __future__ import annotations

from PySide6.QtCore import QSize

from govshare_core.vocab import Role
from govshare_desktop.rectification.page import RectificationPage
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import assert_dialog_fits
from tests.desktop.rectification.support import WAIT, act, issued, open_new, select_first

PAGE_AT_1366 = QSize(1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""


def _shown(qtbot, context) -> RectificationPage:  # type: ignore[no-untyped-def]
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    select_first(qtbot, page)
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
    assert page.table.isVisible() and page.detailView.isVisible()
    return page


def test_page_and_dialogs_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot, language: str
) -> None:  # type: ignore[no-untyped-def]
    issued(live_server, "A")
    supervisor = _shown(qtbot, make_context("P", Role.SUPERVISOR))
    assert supervisor.newButton.isVisible()
    dialog = open_new(qtbot, supervisor)
    dialog.dueSpin.setValue(40)  # the provisional warning shown too
    assert_dialog_fits(dialog, [dialog.ui.okButton, dialog.dueLabel], "issue")
    dialog.reject()
    withdraw = act(qtbot, supervisor, "withdraw")
    assert_dialog_fits(withdraw, [withdraw.ui.okButton], "withdraw")
    withdraw.reject()

    department = _shown(qtbot, make_context("A", Role.RESOURCE_ADMIN))
    assert not department.newButton.isVisible()
    answer = act(qtbot, department, "answer")
    assert_dialog_fits(answer, [answer.ui.okButton, answer.evidenceEdit], "answer")
    answer.reject()
    qtbot.waitUntil(lambda: not department.model.is_loading, timeout=WAIT)
