"""Helpers for the usage page tests (no tests here): an active grant of A's entry to B (an
unconditional entry B's applicant requests: granted at once), and driving the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api, publish_entry, submitted_request

WAIT = 10000


def granted_entry(server: LiveServer, name: str = "常住人口基本信息") -> dict[str, Any]:
    """A's published unconditional entry, granted to B (all its items); the entry."""
    entry = publish_entry(
        server,
        "A",
        name=name,
        share_type="unconditional",
        share_conditions=None,
        share_scope=None,
        share_mode="exchange",
    )
    end = (clock.today() + timedelta(days=200)).isoformat()
    items = [i["name"] for i in entry["data_items"]]
    submitted = submitted_request(
        server, entry, data_items=items, end_date=end, share_mode="exchange"
    )
    assert submitted["status"] == "active", submitted
    return entry


def open_new(qtbot, page) -> Any:  # type: ignore[no-untyped-def]
    """Click 新建… and return the dialog once its choices are in."""
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


def department_id(server: LiveServer, dept: str) -> int:
    return int(api(server, dept, Role.APPLICANT).me()["department"]["id"])
