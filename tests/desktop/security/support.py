"""Helpers for the security admin's desk tests (no tests here): driving the pages, and a
DesktopApp signed in through the real login dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.desktop.conftest import LiveServer

WAIT = 10000
TEMPORARY = "Temp-Passw0rd#2026"
"""A temporary password the default policy accepts (12+ characters, 4 classes)."""


def row_of(qtbot, page, key: str, value: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Select the listed row whose `key` is `value` (waiting for it); its JSON."""

    def find() -> int:
        return next((n for n, r in enumerate(page.model.rows()) if r.get(key) == value), -1)

    qtbot.waitUntil(lambda: find() >= 0, timeout=WAIT)
    current = page.current
    if current is None or current.get(key) != value or page.table.currentIndex().row() != find():
        with qtbot.wait_signal(page.loaded, timeout=WAIT):
            page.table.selectRow(find())
    return dict(page.current)


def offered(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {a for a, b in page.action_buttons.items() if b.isVisibleTo(page)}


def click_action(qtbot, page, action: str) -> Any:  # type: ignore[no-untyped-def]
    button = page.action_buttons[action]
    assert button.isVisibleTo(page), (action, offered(page))
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return opened.args[0]


def click_new(qtbot, page) -> Any:  # type: ignore[no-untyped-def]
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(page.newButton, Qt.MouseButton.LeftButton)
    return opened.args[0]


def press_ok(qtbot, page, dialog) -> Any:  # type: ignore[no-untyped-def]
    """Press 确定 and wait for the platform's answer (action_done)."""
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    return done.args[1]


def confirm(qtbot, page, box) -> Any:  # type: ignore[no-untyped-def]
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        _yes(box).click()
    return done.args[1]


def _yes(box):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    return box.findChild(QPushButton, "confirmButton")


def sign_in(qtbot, desktop, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    dialog = desktop.login_dialog
    dialog.ui.usernameEdit.setText(username)
    dialog.ui.passwordEdit.setText(password)
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()


def server_user(server: LiveServer, username: str) -> Any:
    from sqlalchemy import select

    from govshare_platform.departments.models import User

    with server.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        s.expunge_all()
        return user
