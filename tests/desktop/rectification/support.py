"""Helpers for the 整改 page tests (no tests here): orders issued over HTTP, and driving the
page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.api import rectification_paths as paths
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api

WAIT = 10000


def department_id(server: LiveServer, dept: str) -> int:
    return int(api(server, dept, Role.RESOURCE_ADMIN).me()["department"]["id"])


def issued(server: LiveServer, dept: str = "A", *, days: int = 5, key: str = "") -> dict[str, Any]:
    """An order to `dept` issued by P's supervisor over HTTP."""
    body = {
        "department_id": department_id(server, dept),
        "article_item": "3",
        "facts": "2026年第三季度未按要求更新《常住人口基本信息》目录",
        "due_working_days": days,
    }
    client = api(server, "P", Role.SUPERVISOR)
    return dict(client.post(paths.rectifications_path(), body, key=key or f"issue-{dept}-{days}"))


def open_new(qtbot, page) -> Any:  # type: ignore[no-untyped-def]
    """Click 下发整改通知… and return the dialog once its choices are in."""
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(page.newButton, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.ui.okButton.isEnabled(), timeout=WAIT)
    return dialog


def select_first(qtbot, page) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT)
    return dict(page.current)


def act(qtbot, page, action: str) -> Any:  # type: ignore[no-untyped-def]
    """Click the action's button; the dialog or confirmation it opens."""
    button = page.action_buttons[action]
    assert button.isVisibleTo(page), (action, page.current and page.current.get("actions"))
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return opened.args[0]


def press_ok(qtbot, page, dialog) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Press the dialog's 确定 and wait for the platform's answer."""
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    return dict(done.args[1])
