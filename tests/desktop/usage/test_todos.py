"""The usage to-dos (inquiry_answer, inquiry_overdue, discrepancy_answer, discrepancy_review,
discrepancy_arbitrate) open their object: double-clicked on the home page, the usage page
selects it and shows its detail (ObjectPage)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_desktop.shell.pages import TODO_TARGETS, ObjectPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api
from tests.desktop.shell.test_todos import double_click, home_row, selected_ids, signed_in_window
from tests.desktop.usage.support import WAIT, department_id, granted_entry

INQUIRIES = "/api/v1/usage/inquiries"
DISCREPANCIES = "/api/v1/usage/discrepancies"


def inquiry(server: LiveServer, mp: pytest.MonkeyPatch, *, overdue: bool = False) -> int:
    entry = granted_entry(server)
    body = {
        "entry_id": entry["id"],
        "consumer_department_id": department_id(server, "B"),
        "question": "请说明数据使用情况",
        "due_working_days": 1,
    }
    made = api(server, "A", Role.RESOURCE_ADMIN).post(INQUIRIES, body, key="todo-ask")
    if overdue:
        later = clock.today() + timedelta(days=10)
        mp.setattr(clock, "today", lambda: later)
    return int(made["id"])


def discrepancy(server: LiveServer, _mp: pytest.MonkeyPatch, *, until: str = "reported") -> int:
    entry = granted_entry(server)
    body = {"entry_id": entry["id"], "description": "姓名与户籍登记不一致"}
    made = api(server, "B", Role.APPLICANT).post(DISCREPANCIES, body, key="todo-report")
    steps = {"explained": [("A", "explain")], "disputed": [("A", "explain"), ("B", "dispute")]}
    for dept, action in steps.get(until, []):
        role = Role.RESOURCE_ADMIN if dept == "A" else Role.APPLICANT
        client = api(server, dept, role)
        version = client.get(f"{DISCREPANCIES}/{made['id']}")["version"]
        client.post(
            f"{DISCREPANCIES}/{made['id']}/actions/{action}",
            {"reason": "经核实数据无误，理由如下"},
            if_match=version,
        )
    return int(made["id"])


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[LiveServer, pytest.MonkeyPatch], int]
    dept: str
    role: Role


CASES = [
    Case("inquiry_answer", lambda s, m: inquiry(s, m), "B", Role.APPLICANT),
    Case("inquiry_overdue", lambda s, m: inquiry(s, m, overdue=True), "A", Role.RESOURCE_ADMIN),
    Case("discrepancy_answer", lambda s, m: discrepancy(s, m), "A", Role.RESOURCE_ADMIN),
    Case(
        "discrepancy_review",
        lambda s, m: discrepancy(s, m, until="explained"),
        "B",
        Role.APPLICANT,
    ),
    Case(
        "discrepancy_arbitrate",
        lambda s, m: discrepancy(s, m, until="disputed"),
        "P",
        Role.PLATFORM_ADMIN,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_double_clicking_a_usage_todo_opens_its_object(
    qtbot, live_server: LiveServer, make_context, tmp_path, monkeypatch, case: Case
) -> None:  # type: ignore[no-untyped-def]
    object_id = case.make(live_server, monkeypatch)
    window = signed_in_window(qtbot, make_context, tmp_path, case.dept, case.role)
    row = home_row(qtbot, window, case.kind, object_id)
    double_click(qtbot, window.pages["home"].table, row)
    target = TODO_TARGETS[case.kind]
    assert window.current_key() == target.page
    page: Any = window.pages[target.page]
    assert isinstance(page, ObjectPage)
    qtbot.waitUntil(lambda: object_id in selected_ids(page), timeout=WAIT)
    qtbot.waitUntil(
        lambda: page.current is not None and int(page.current["id"]) == object_id, timeout=WAIT
    )
    assert page.detailView.toPlainText()
