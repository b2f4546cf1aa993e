"""The report buttons against a real platform: the supervisor's 打印报告 opens the print preview
of the whole round, 导出PDF writes it and 导出Excel the ranking; a department's staff print
their own scorecard (the report data narrowed to their department)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from tests.desktop.assessment.support import WAIT, click, department_id, open_page, open_round_api
from tests.desktop.conftest import LiveServer


def test_print_preview_and_exports(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_round_api(live_server)
    page = open_page(qtbot, make_context("P", Role.SUPERVISOR))
    preview = click(qtbot, page, page.reports.printButton)
    assert preview is not None and page.reports.department_id is None
    qtbot.waitUntil(lambda: preview.page_count() > 1, timeout=WAIT)  # the whole round
    assert len(preview.report.scorecards) == len(page.rankingModel.rows())
    preview.close()

    pdf = tmp_path / "考核评估报告.pdf"
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        page.reports.export_pdf(pdf)
    assert done.args == ["export", str(pdf)]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "已保存" in page.outcomeLabel.text()
    xlsx = tmp_path / "排名.xlsx"
    with qtbot.wait_signal(page.action_done, timeout=WAIT):
        page.reports.export_xlsx(xlsx)
    assert xlsx.read_bytes()[:2] == b"PK"  # a zip: the workbook

    # a department's own scorecard, already in the draft
    own = open_page(qtbot, make_context("A", Role.RESOURCE_ADMIN))
    assert own.reports.department_id == department_id(live_server, "A")
    preview = click(qtbot, own, own.reports.printButton)
    qtbot.waitUntil(lambda: preview.report is not None, timeout=WAIT)
    assert [c.result.department_id for c in preview.report.scorecards] == [
        own.reports.department_id
    ]
    assert preview.department_id == own.reports.department_id
    preview.close()
    assert own.reports.printButton.isVisibleTo(own)
    assert not own.outcomeLabel.text() or own.outcomeLabel.property("outcome") != "error"
    qtbot.mouseClick(own.refreshButton, Qt.MouseButton.LeftButton)
