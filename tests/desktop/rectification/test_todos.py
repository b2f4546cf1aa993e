"""The rectification to-dos (rectification_todo, rectification_review, rectification_overdue;
第三十六条) open their order: double-clicked on the home page, the 整改 page selects the order in
its list (opened then, or already open with a filter that hides the order) and shows its
detail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_desktop.api import rectification_paths as paths
from govshare_desktop.rectification.page import RectificationPage
from govshare_desktop.shell.pages import TODO_TARGETS, ObjectPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.rectification.support import WAIT, issued
from tests.desktop.requests_support import api
from tests.desktop.shell.test_todos import double_click, home_row, selected_ids, signed_in_window


def order(server: LiveServer, mp: pytest.MonkeyPatch, *, until: str = "issued") -> int:
    """An order to A (due in 1 working day), and another one issued before it (so the list
    holds more than the to-do's order), taken as far as `until` ("answered", "overdue")."""
    issued(server, "A", key="todo-other")
    made = issued(server, "A", days=1, key="todo-order")
    if until == "answered":
        api(server, "A", Role.RESOURCE_ADMIN).post(
            paths.action_path(made["id"], "answer"),
            {"reason": "已更新目录并重新发布，建立按月核对机制"},
            if_match=int(made["version"]),
        )
    if until == "overdue":
        later = clock.today() + timedelta(days=10)
        mp.setattr(clock, "today", lambda: later)
    return int(made["id"])


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[LiveServer, pytest.MonkeyPatch], int]
    dept: str
    role: Role
    status: str  # the order's, as shown
    hidden: bool = False  # the page is open already, listing only closed orders


CASES = [
    Case("rectification_todo", order, "A", Role.RESOURCE_ADMIN, "issued"),
    Case(
        "rectification_review",
        lambda s, m: order(s, m, until="answered"),
        "P",
        Role.SUPERVISOR,
        "answered",
        hidden=True,
    ),
    Case(
        "rectification_overdue",
        lambda s, m: order(s, m, until="overdue"),
        "P",
        Role.SUPERVISOR,
        "issued",
        hidden=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_double_clicking_a_rectification_todo_opens_its_order(
    qtbot, live_server: LiveServer, make_context, tmp_path, monkeypatch, case: Case
) -> None:
    order_id = case.make(live_server, monkeypatch)
    window = signed_in_window(qtbot, make_context, tmp_path, case.dept, case.role)
    target = TODO_TARGETS[case.kind]
    if case.hidden:
        shown: Any = window.open_page(target.page)
        shown.statusCombo.setCurrentIndex(
            [q for _t, q in shown.statuses].index({"status": "closed"})
        )
        qtbot.waitUntil(lambda: shown.countLabel.text() == "没有记录。", timeout=WAIT)
        window.open_home()
    row = home_row(qtbot, window, case.kind, order_id)
    home: Any = window.pages["home"]
    double_click(qtbot, home.table, row)
    assert window.current_key() == target.page
    page = window.pages[target.page]
    assert isinstance(page, RectificationPage) and isinstance(page, ObjectPage)
    qtbot.waitUntil(lambda: selected_ids(page) == {order_id}, timeout=WAIT)
    qtbot.waitUntil(
        lambda: page.current is not None and int(page.current["id"]) == order_id, timeout=WAIT
    )
    shown = dict(page.current or {})
    assert shown["status"] == case.status
    assert page.detailView.toPlainText()
    # the action the to-do asks for is offered on the order
    action = {"rectification_todo": "answer", "rectification_review": "accept"}.get(case.kind)
    if action is not None:
        assert page.action_buttons[action].isVisibleTo(page)
    else:
        assert shown.get("overdue") is True
