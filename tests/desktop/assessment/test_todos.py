"""The assessment to-dos (assessment_explain, assessment_explanation; 第三十四条) open their
round: double-clicked on the home page, the 考核评估 page (opened then, or already open with a
filter that hides the round) selects the round in its list (not the newest one here) and shows
it with the scorecard that matters — the department's own result to explain, or, for the
supervisor, the department that filed an explanation (申辩)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_desktop.api import assessment_paths as paths
from govshare_desktop.assessment.page import SCORECARD_TAB, AssessmentPage
from govshare_desktop.shell.pages import TODO_TARGETS, ObjectPage
from tests.desktop.assessment.support import WAIT, department_id, open_round_api
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api
from tests.desktop.shell.test_todos import double_click, home_row, selected_ids, signed_in_window

EXPLANATION = "本季度新增目录已按时报送，因平台审核排队未能在期内发布。"


def draft_round(server: LiveServer, _mp: pytest.MonkeyPatch) -> int:
    """Two draft rounds; the to-do's is the older one (the list shows the newest first)."""
    older = int(open_round_api(server, "2026-Q2")["id"])
    open_round_api(server, "2026-Q3")
    return older


def explained_round(server: LiveServer, mp: pytest.MonkeyPatch) -> int:
    """B's resource admin explains its result in the older draft round."""
    round_id = draft_round(server, mp)
    path = paths.explanations_path(round_id, department_id(server, "B"))
    api(server, "B", Role.RESOURCE_ADMIN).post(path, {"text": EXPLANATION}, key="todo-explain")
    return round_id


@dataclass(frozen=True)
class Case:
    kind: str
    make: Callable[[LiveServer, pytest.MonkeyPatch], int]
    dept: str
    role: Role
    card: str  # whose scorecard is shown
    hidden: bool = False  # the page is open already, listing only published rounds


CASES = [
    Case("assessment_explain", draft_round, "A", Role.RESOURCE_ADMIN, "A"),
    Case("assessment_explanation", explained_round, "P", Role.SUPERVISOR, "B", hidden=True),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_double_clicking_an_assessment_todo_opens_its_round(
    qtbot, live_server: LiveServer, make_context, tmp_path, monkeypatch, case: Case
) -> None:
    round_id = case.make(live_server, monkeypatch)
    card_department = department_id(live_server, case.card)
    window = signed_in_window(qtbot, make_context, tmp_path, case.dept, case.role)
    target = TODO_TARGETS[case.kind]
    if case.hidden:
        shown: Any = window.open_page(target.page)
        shown.statusCombo.setCurrentIndex(shown.statusCombo.findData("published"))
        qtbot.waitUntil(lambda: shown.countLabel.text() == "还没有考核。", timeout=WAIT)
        window.open_home()
    row = home_row(qtbot, window, case.kind, round_id)
    home: Any = window.pages["home"]
    double_click(qtbot, home.table, row)
    assert window.current_key() == target.page
    page = window.pages[target.page]
    assert isinstance(page, AssessmentPage) and isinstance(page, ObjectPage)
    qtbot.waitUntil(lambda: selected_ids(page) == {round_id}, timeout=WAIT)
    qtbot.waitUntil(
        lambda: page.round is not None and int(page.round["id"]) == round_id, timeout=WAIT
    )
    qtbot.waitUntil(lambda: page.scorecard.department_id == card_department, timeout=WAIT)
    assert page.tabs.currentIndex() == SCORECARD_TAB
    assert int((page.scorecard.card or {})["round"]["id"]) == round_id
    if case.kind == "assessment_explain":  # the department may explain from here
        assert page.scorecard.explainButton.isVisibleTo(page)
    else:  # the supervisor reads the explanation, and may adjust
        assert EXPLANATION in page.scorecard.notesView.toPlainText()
        assert page.scorecard.adjustButton.isVisibleTo(page)
