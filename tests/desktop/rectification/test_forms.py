"""The 整改 forms say which field is wrong and why before anything is sent; the due date of a
new order is shown as the platform will count it, with the provisional warning for 2027 (no
official holiday schedule yet); a stale action (the order moved on meanwhile) says so and shows
the order afresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from govshare_core.assessment import MAX_EVIDENCE_BYTES, RECTIFICATION, Article36Item
from govshare_core.vocab import Role
from govshare_desktop.api import rectification_paths as paths
from govshare_desktop.rectification.page import RectificationPage
from govshare_desktop.rectification.pages import page_specs
from tests.desktop.conftest import LiveServer
from tests.desktop.rectification.support import WAIT, act, issued, open_new, select_first
from tests.desktop.requests_support import api


def test_issue_form_names_each_wrong_field(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SUPERVISOR)
    page = RectificationPage(context=context, today=date(2026, 12, 1))
    qtbot.addWidget(page)
    dialog = open_new(qtbot, page)
    assert dialog.itemCombo.count() == 1 + len(Article36Item)
    for i, item in enumerate(Article36Item, start=1):  # each with its full text as tooltip
        assert dialog.itemCombo.itemData(i, Qt.ItemDataRole.ToolTipRole) == item.label_zh
    dialog.factsEdit.setPlainText(" x ")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.field_message("department_id") == "请选择整改部门。"
    assert dialog.field_message("article_item") == "请选择所违反的第三十六条条项。"
    assert "问题事实" in dialog.field_message("facts")
    assert dialog.field_message("due_working_days") == ""
    assert dialog.findChild(type(dialog.ui.errorLabel), "factsError").isVisibleTo(dialog)
    assert "标红" in dialog.error_text
    assert context.store.pending_count() == 0

    assert dialog.dueSpin.value() == 10  # DEFAULT_RECTIFICATION_WORKING_DAYS
    assert dialog.dueLabel.text() == "整改期限：2026-12-15"
    assert not dialog.provisional
    dialog.dueSpin.setValue(30)  # into 2027: no official schedule yet
    assert dialog.provisional and "暂定" in dialog.dueLabel.text()
    assert "2027-01-" in dialog.dueLabel.text()

    dialog.itemCombo.setCurrentIndex(dialog.itemCombo.findData("6"))
    assert "拒不整改" in dialog.itemText.text()
    dialog.departmentCombo.setCurrentIndex(1)
    dialog.factsEdit.setPlainText("未整改")
    dialog.dueSpin.setValue(3)
    with qtbot.wait_signal(page.action_done, timeout=WAIT):
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("facts") == ""


def test_answer_and_return_forms(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    issued(live_server, "A")
    context = make_context("A", Role.RESOURCE_ADMIN)
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    select_first(qtbot, page)
    dialog = act(qtbot, page, "answer")
    dialog.evidenceEdit.setText(str(tmp_path / "无此文件.pdf"))
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("reason") == "请填写整改措施，至少 2 个字。"
    assert dialog.field_message("evidence").startswith("找不到该文件")
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(MAX_EVIDENCE_BYTES + 1)
    dialog.evidenceEdit.setText(str(big))
    dialog.measuresEdit.setPlainText("已整改")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("reason") == ""
    assert dialog.field_message("evidence") == "证据材料不能超过 10 MB。"
    assert context.store.pending_count() == 0 and dialog.isVisible()
    dialog.reject()


def test_a_stale_action_says_so_and_reloads(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    order = issued(live_server, "A")
    context = make_context("A", Role.RESOURCE_ADMIN)
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    select_first(qtbot, page)
    dialog = act(qtbot, page, "answer")
    api(live_server, "P", Role.SUPERVISOR).post(  # meanwhile the supervisor withdraws it
        paths.action_path(order["id"], "withdraw"), {"reason": "误发"}, if_match=order["version"]
    )
    dialog.measuresEdit.setPlainText("已整改")
    with qtbot.wait_signal(page.action_failed, timeout=WAIT) as failed:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert "已重新加载" in failed.args[1]
    qtbot.waitUntil(lambda: "已重新加载" in dialog.error_text, timeout=WAIT)
    assert dialog.isVisible()  # what was typed stays
    qtbot.waitUntil(
        lambda: page.current is not None and page.current["status"] == "withdrawn", timeout=WAIT
    )
    assert not page.action_buttons["answer"].isVisibleTo(page)
    assert context.store.pending_count() == 0 and context.store.outbox() == []


def test_page_spec(qapp) -> None:  # type: ignore[no-untyped-def]
    (spec,) = page_specs()
    assert (spec.key, spec.title, spec.group) == ("rectification.orders", "整改", "考核监督")
    assert spec.roles == {Role.SUPERVISOR.value, Role.RESOURCE_ADMIN.value}
    assert {t.action for t in RECTIFICATION.transitions} == set(paths.RectificationAction.__args__)  # type: ignore[attr-defined]
