"""Helpers for the assessment page tests (no tests here): rounds opened over HTTP, and driving
the page (open it, wait for a round and a scorecard, click an action)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.api import assessment_paths as paths
from govshare_desktop.assessment.page import SCORECARD_TAB, AssessmentPage
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api

WAIT = 10000


def open_round_api(server: LiveServer, period: str = "2026-Q3") -> dict[str, Any]:
    """The supervisor opens a round over HTTP (the snapshot computed at once)."""
    return dict(api(server, "P", Role.SUPERVISOR).post(paths.rounds_path(), {"period": period}))


def department_id(server: LiveServer, dept: str) -> int:
    return int(api(server, dept, Role.APPLICANT).me()["department"]["id"])


def open_page(qtbot, context) -> AssessmentPage:  # type: ignore[no-untyped-def]
    """The page, its first round and that round's first scorecard loaded."""
    page = AssessmentPage(context=context)
    qtbot.addWidget(page)
    page.resize(1110, 640)
    qtbot.waitUntil(lambda: page.round is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: page.scorecard.card is not None, timeout=WAIT)
    return page


def wait_round(qtbot, page: AssessmentPage, **expected: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Until the round shown has the `expected` values (e.g. status="published")."""

    def shown() -> bool:
        row = page.round or {}
        return all(row.get(k) == v for k, v in expected.items())

    qtbot.waitUntil(shown, timeout=WAIT)
    return dict(page.round or {})


def show_department(qtbot, page: AssessmentPage, department: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Select the department in the ranking and turn to 评分卡; its scorecard once loaded."""
    for n in range(page.rankingProxy.rowCount()):
        if int(page.rankingProxy.source_row(n)["department_id"]) == department:
            page.rankingTable.selectRow(n)
            break
    else:
        raise AssertionError(f"department {department} not in the ranking")
    qtbot.waitUntil(lambda: page.scorecard.department_id == department, timeout=WAIT)
    page.tabs.setCurrentIndex(SCORECARD_TAB)
    return dict(page.scorecard.card or {})


def click(qtbot, page: AssessmentPage, button: Any) -> Any:  # type: ignore[no-untyped-def]
    """Click an action's button; the dialog or confirmation it opens."""
    assert button.isVisibleTo(page), (button.objectName(), (page.round or {}).get("actions"))
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return opened.args[0]
