"""When the round moved on under the user: a 412 (another supervisor adjusted it after the page
read its version) and a 409 (the round was published before the department's explanation got
there) are told plainly, the stale change is not kept in the outbox, and the page reloads."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.api import assessment_paths as paths
from govshare_desktop.common.conflict import ConflictDialog, open_conflict_dialog
from govshare_desktop.store.local import OPEN_STATES
from tests.desktop.assessment.support import (
    WAIT,
    click,
    department_id,
    open_page,
    open_round_api,
    show_department,
    wait_round,
)
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api


def test_publish_after_someone_else_adjusted_is_412(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    opened = open_round_api(live_server)
    context = make_context("P", Role.SUPERVISOR)
    page = open_page(qtbot, context)
    opened_views: list[ConflictDialog] = []  # as the shell does: a 412 opens the compare view
    context.sync.conflict.connect(
        lambda item, server: opened_views.append(
            open_conflict_dialog(context.sync, item, server, page)
        )
    )
    version = int(page.round["version"])  # type: ignore[index]
    a_id = department_id(live_server, "A")
    other = api(live_server, "P", Role.SUPERVISOR)  # a second supervisor, elsewhere
    body = {"score": 70, "reason": "另一位考核人员的调整"}
    other.post(paths.adjust_path(int(opened["id"]), a_id), body, if_match=version)

    box = click(qtbot, page, page.publishButton)  # still the old version
    with qtbot.wait_signal(page.action_refused, timeout=WAIT) as refused:
        accept_confirmation(box)
    assert refused.args[0] == "publish"
    assert "已被他人更新" in refused.args[1]
    assert "已被他人更新" in page.outcomeLabel.text()
    row = wait_round(qtbot, page, version=version + 1)  # reloaded
    assert row["status"] == "draft"
    qtbot.waitUntil(lambda: not context.store.outbox(states=OPEN_STATES), timeout=WAIT)
    assert opened_views and not any(v.isVisible() for v in opened_views)  # closed with it

    # against the version it now shows, the same click goes through
    box = click(qtbot, page, page.publishButton)
    with qtbot.wait_signal(page.action_done, timeout=WAIT):
        accept_confirmation(box)
    wait_round(qtbot, page, status="published")
    assert context.store.pending_count() == 0


def test_explanation_after_publication_is_409(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    opened = open_round_api(live_server)
    page = open_page(qtbot, make_context("A", Role.RESOURCE_ADMIN))
    show_department(qtbot, page, department_id(live_server, "A"))
    dialog = click(qtbot, page, page.scorecard.explainButton)
    supervisor = api(live_server, "P", Role.SUPERVISOR)
    path = paths.round_action_path(int(opened["id"]), "publish")
    supervisor.post(path, None, if_match=int(opened["version"]))

    dialog.textEdit.setPlainText("本季度目录已按时报送。")
    with qtbot.wait_signal(page.action_refused, timeout=WAIT) as refused:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert refused.args[0] == "explain"
    assert dialog.isVisible() and "已重新加载" in dialog.error_text  # what was typed stays
    wait_round(qtbot, page, status="published")
    qtbot.waitUntil(lambda: not page.scorecard.explainButton.isVisibleTo(page), timeout=WAIT)
    dialog.reject()
