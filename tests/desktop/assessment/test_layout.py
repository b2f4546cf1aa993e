"""The assessment page in the navigation (its own group 考核监督, shared with 整改), the texts
the presenter shows (values by unit, adjusted scores), and the page and its dialogs at the
office screen (1366×768: the page area the main window leaves)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt

from govshare_core.assessment import INDICATORS, Grade
from govshare_core.vocab import Role
from govshare_desktop.assessment import card_texts as C
from govshare_desktop.assessment import pages
from govshare_desktop.assessment import presenter as P
from govshare_desktop.rectification import pages as rectification_pages
from tests.desktop.assessment.support import (
    click,
    department_id,
    open_page,
    open_round_api,
    show_department,
)
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import assert_dialog_fits

PAGE_AT_1366 = QSize(1110, 640)
"""What the main window leaves a page at 1366×728 (navigation, menu, tool and status bars)."""


def test_page_specs(qapp) -> None:  # type: ignore[no-untyped-def]
    (spec,) = pages.page_specs()
    assert (spec.key, spec.title) == ("assessment.rounds", "考核评估")
    assert spec.group == QCoreApplication.translate("SupervisionPages", "考核监督")
    assert {s.group for s in rectification_pages.page_specs()} == {spec.group}
    assert spec.roles == {"supervisor", "resource_admin", "platform_admin"}
    assert not spec.visible_for({"registrar", "applicant", "catalog_reviewer"})
    assert spec.order < min(s.order for s in rectification_pages.page_specs())


def test_values_by_unit_and_adjustments(qapp) -> None:  # type: ignore[no-untyped-def]
    units = {d.code: d.unit for d in INDICATORS}
    article = next(d.article for d in INDICATORS if d.code == "share_ratio")
    assert units["share_ratio"] == "ratio"
    assert C.value_text("share_ratio", 0.875, 7, 8) == "87.5%（7/8）"
    assert C.value_text("published_entries", 12.0) == "12"
    assert C.value_text("median_decision_days", 2.5) == "2.5 个工作日"
    assert C.value_text("decided_in_time", None, 0, 0) == C.NO_DATA  # nothing to measure
    rows = C.indicator_rows(
        [{"code": "share_ratio", "value": 0.5, "numerator": 1, "denominator": 2,
          "score": 50.0, "weak": True},
         {"code": "data_items", "value": 30.0}]
    )  # fmt: skip
    assert rows[0]["weak"] and rows[0]["score"] == "50.00" and rows[0]["article"] == article
    assert "÷" in rows[0]["formula"]
    assert rows[1]["score"] == "" and not rows[1]["scored"]  # counted, not scored
    result = {"score": 88.5, "computed_score": 61.2, "adjusted_score": 88.5,
              "adjust_reason": "核实后调整", "adjusted_by_name": "监督员", "grade": "good",
              "department_name": "南通市公安局", "rank": 1}  # fmt: skip
    assert P.effective_score_text(result) == "88.50 （调）"
    assert "61.20" in P.adjusted_tooltip(result) and "核实后调整" in P.adjusted_tooltip(result)
    header = C.scorecard_header({"result": result, "round": {"department_count": 2}})
    assert "计算得分 61.20" in header and Grade.GOOD.colour in header and "第 1 名 / 2" in header


def test_page_and_dialogs_fit_the_office_screen(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    open_round_api(live_server)
    for dept, role in (("P", Role.SUPERVISOR), ("A", Role.RESOURCE_ADMIN)):
        page = open_page(qtbot, make_context(dept, role))
        page.resize(PAGE_AT_1366)
        page.show()
        hint = page.minimumSizeHint()
        assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
        show_department(qtbot, page, department_id(live_server, "A"))
        buttons = [
            page.newButton, page.recomputeButton, page.publishButton,
            page.reports.printButton, page.reports.pdfButton, page.reports.xlsxButton,
            page.scorecard.adjustButton, page.scorecard.explainButton,
        ]  # fmt: skip
        for button in buttons:
            if button.isVisible():  # inside the page, not cut off
                where = QRect(button.mapTo(page, QPoint(0, 0)), button.size())
                assert page.rect().contains(where), (role, button.objectName(), where)
                assert button.width() >= button.sizeHint().width() - 2, button.objectName()
        assert page.scorecard.table.isVisible() and page.rankingTable.model().rowCount() >= 1
        if role == Role.SUPERVISOR:
            dialog = click(qtbot, page, page.newButton)
            assert_dialog_fits(dialog, [dialog.ui.okButton], "新建考核")
            dialog.reject()
            dialog = click(qtbot, page, page.scorecard.adjustButton)
            assert_dialog_fits(dialog, [dialog.ui.okButton], "调整分数")
        else:
            dialog = click(qtbot, page, page.scorecard.explainButton)
            assert_dialog_fits(dialog, [dialog.ui.okButton], "提交申辩")
        dialog.reject()
        index = page.rankingProxy.index(0, P.GRADE)
        assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # the grade's colour
