"""考核评估 against a real platform (第三十四条): the supervisor opens a round and sees the
ranking (grades in their colours, sortable), adjusts a score with a reason; a department's
resource admin sees only its own result in the draft and files an explanation (申辩); the
supervisor publishes; every department then sees every result. The charts hold the platform's
points."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from govshare_core.assessment import Grade, Period
from govshare_core.vocab import Role
from govshare_desktop.assessment import presenter as P
from govshare_desktop.assessment.page import AssessmentPage
from tests.desktop.assessment.support import (
    WAIT,
    click,
    department_id,
    open_page,
    show_department,
    wait_round,
)
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import publish_entry


def _ranking_texts(page, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = page.rankingProxy
    return [proxy.index(n, column).data() for n in range(proxy.rowCount())]


def test_open_adjust_explain_publish(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    publish_entry(live_server, "A")  # A has a catalog: the departments' scores differ
    a_id, b_id = department_id(live_server, "A"), department_id(live_server, "B")
    supervisor = make_context("P", Role.SUPERVISOR)
    page = AssessmentPage(context=supervisor)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.countLabel.text() == "还没有考核。", timeout=WAIT)
    assert page.newButton.isVisibleTo(page)

    # 新建考核: the period picker (quarter), the snapshot computed at once
    dialog = click(qtbot, page, page.newButton)
    dialog.set_period(Period.parse("2026-Q3"))
    assert dialog.period().code == "2026-Q3"
    assert "2026-07-01" in dialog.periodLabel.text()
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[0] == "open"
    row = wait_round(qtbot, page, period="2026-Q3", status="draft")
    assert {"recompute", "adjust", "publish"} <= set(row["actions"])
    assert page.recomputeButton.isVisibleTo(page) and page.publishButton.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)

    # the ranking: every assessed department, grades in Grade.colour, sortable by score
    results = page.rankingModel.rows()
    assert {a_id, b_id} <= {int(r["department_id"]) for r in results}
    for n in range(page.rankingProxy.rowCount()):
        brush = page.rankingProxy.index(n, P.GRADE).data(Qt.ItemDataRole.ForegroundRole)
        grade = Grade(page.rankingProxy.source_row(n)["grade"])
        assert isinstance(brush, QBrush) and brush.color().name() == grade.colour
        assert page.rankingProxy.index(n, P.GRADE).data() == grade.label_zh
    page.rankingTable.sortByColumn(P.SCORE, Qt.SortOrder.AscendingOrder)
    scores = [float(page.rankingProxy.source_row(n)["score"]) for n in range(len(results))]
    assert scores == sorted(scores)
    page.rankingTable.sortByColumn(P.RANK, Qt.SortOrder.AscendingOrder)

    # 重新计算 (confirmed first): a new snapshot of the draft, a new version
    box = click(qtbot, page, page.recomputeButton)
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    assert done.args[0] == "recompute" and done.args[1]["version"] > row["version"]
    row = wait_round(qtbot, page, version=done.args[1]["version"])

    # 调整分数: a reason is mandatory; the computed score stays beside the adjusted one
    card = show_department(qtbot, page, a_id)
    assert page.scorecard.adjustButton.isVisibleTo(page)
    assert not page.scorecard.explainButton.isVisibleTo(page)
    dialog = click(qtbot, page, page.scorecard.adjustButton)
    assert dialog.computedLabel.text() == P.score_text(card["result"]["computed_score"])
    dialog.scoreSpin.setValue(88.5)
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text and dialog.isVisible()  # no reason: nothing sent
    assert dialog.field_message("reason")  # said under the reason (validate_reason)
    dialog.reasonEdit.setPlainText("经核实，该局已报送的目录未及时发布，按实际情况调整")
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[0] == "adjust" and done.args[1]["adjusted_score"] == 88.5
    qtbot.waitUntil(
        lambda: (
            page.scorecard.result.get("adjusted_score") == 88.5
            and (page.round or {}).get("version", 0) > row["version"]
        ),
        timeout=WAIT,
    )
    assert "计算得分" in page.scorecard.headerLabel.text()
    assert any("（调）" in t for t in _ranking_texts(page, P.SCORE))

    # the department before publication: its own result only; it explains (申辩)
    for dept, dept_id in (("A", a_id), ("B", b_id)):
        own = open_page(qtbot, make_context(dept, Role.RESOURCE_ADMIN))
        assert [int(r["department_id"]) for r in own.rankingModel.rows()] == [dept_id]
        assert not own.newButton.isVisibleTo(own) and not own.publishButton.isVisibleTo(own)
        assert not own.scorecard.adjustButton.isVisibleTo(own)
    a_page = open_page(qtbot, make_context("A", Role.RESOURCE_ADMIN))
    assert a_page.scorecard.department_id == a_id
    dialog = click(qtbot, a_page, a_page.scorecard.explainButton)
    dialog.textEdit.setPlainText("本季度新增目录12条已于9月底报送，因平台审核排队未能在期内发布。")
    with qtbot.wait_signal(a_page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[0] == "explain"
    qtbot.waitUntil(
        lambda: "平台审核排队" in a_page.scorecard.notesView.toPlainText(), timeout=WAIT
    )

    # the supervisor sees the explanation, then publishes (confirmed first)
    page.refresh()
    qtbot.waitUntil(lambda: (page.round or {}).get("explanation_count") == 1, timeout=WAIT)
    show_department(qtbot, page, a_id)
    qtbot.waitUntil(lambda: "平台审核排队" in page.scorecard.notesView.toPlainText(), timeout=WAIT)
    box = click(qtbot, page, page.publishButton)
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    assert done.args[0] == "publish"
    wait_round(qtbot, page, status="published")
    assert not page.publishButton.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.scorecard.adjustButton.isVisibleTo(page), timeout=WAIT)

    # after publication every department sees every result; no more explanations
    b_page = open_page(qtbot, make_context("B", Role.RESOURCE_ADMIN))
    wait_round(qtbot, b_page, status="published")
    assert len(b_page.rankingModel.rows()) == len(results)
    assert b_page.scorecard.department_id == b_id  # its own scorecard first
    assert not b_page.scorecard.explainButton.isVisibleTo(b_page)
    card = show_department(qtbot, b_page, a_id)
    assert card["result"]["adjusted_score"] == 88.5

    # the charts: the trend's points and one bar per department of the round
    assert b_page.scorecard.trendChart.series.count() == len(card["trend"]) >= 1
    assert b_page.roundChart.departments == [
        r["department_name"] for r in reversed(b_page.rankingModel.rows())
    ]
    bar_sets = b_page.roundChart.series.barSets()
    assert [s.count() for s in bar_sets] == [len(results)] * len(Grade)
