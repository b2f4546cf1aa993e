"""部门管理 and 资源管理员备案 against a real platform (第二十八条): a department with a wrong
统一社会信用代码 is refused beside the field (govshare_core.creditcode, as typed), a right one
is created and renamed; a resource admin is filed for a department (the filing in force
marked) and withdrawn."""

from __future__ import annotations

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_desktop.security.departments_page import DepartmentsPage, FilingsPage
from tests.desktop.conftest import LiveServer
from tests.desktop.security.support import (
    WAIT,
    click_action,
    click_new,
    confirm,
    offered,
    press_ok,
    row_of,
)


def test_create_and_rename_a_department(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = DepartmentsPage(context=make_context("P", Role.SECURITY_ADMIN))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 3, timeout=WAIT)
    dialog = click_new(qtbot, page)
    dialog.nameEdit.setText("南通市审计局")
    dialog.shortNameEdit.setText("市审计局")
    dialog.creditCodeEdit.setText("11320600MB19999I")  # I is not a code character
    assert "不含I、O、Z、S、V" in dialog.field_message("credit_code")
    good = make_credit_code("11320600MB1999990"[:17])
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    dialog.creditCodeEdit.setText(wrong)
    assert "校验码错误" in dialog.field_message("credit_code")
    dialog.creditCodeEdit.setText(good)
    assert dialog.field_message("credit_code") == ""
    created = press_ok(qtbot, page, dialog)
    assert created["credit_code"] == good and created["short_name"] == "市审计局"

    page.searchEdit.setText("审计局")
    row_of(qtbot, page, "id", created["id"])
    assert offered(page) == {"edit"}
    edit = click_action(qtbot, page, "edit")
    assert edit.creditCodeEdit.isReadOnly()
    edit.nameEdit.setText("南通市审计局（新）")
    renamed = press_ok(qtbot, page, edit)
    assert renamed["name"] == "南通市审计局（新）" and renamed["version"] > created["version"]
    assert "南通市审计局（新）" in page.detailView.toPlainText()


def test_file_a_resource_admin_then_withdraw(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = FilingsPage(context=make_context("P", Role.SECURITY_ADMIN))
    qtbot.addWidget(page)
    department = row_of(qtbot, page, "name", "南通市民政局")
    qtbot.waitUntil(lambda: bool(offered(page)), timeout=WAIT)
    assert "file" in offered(page)
    dialog = click_action(qtbot, page, "file")
    qtbot.waitUntil(lambda: dialog.userCombo.count() > 1, timeout=WAIT)
    names = [dialog.userCombo.itemText(i) for i in range(dialog.userCombo.count())]
    assert any(live_server.username("B", Role.RESOURCE_ADMIN) in n for n in names)
    assert not any(live_server.username("B", Role.APPLICANT) in n for n in names)
    dialog.userCombo.setCurrentIndex(1)
    dialog.phoneEdit.setText("1")
    dialog.ui.okButton.click()
    assert dialog.field_message("phone")  # which field, and why
    dialog.phoneEdit.setText("0513-85551234")
    dialog.noteEdit.setPlainText("2026年度备案")
    filing = press_ok(qtbot, page, dialog)
    assert filing["department_id"] == department["id"] and filing["active"] is True
    qtbot.waitUntil(lambda: offered(page) == {"file", "withdraw"}, timeout=WAIT)
    text = page.detailView.toPlainText()
    assert "0513-85551234" in text and "在用" in text

    box = click_action(qtbot, page, "withdraw")
    withdrawn = confirm(qtbot, page, box)
    assert withdrawn["id"] == filing["id"] and withdrawn["active"] is False
    qtbot.waitUntil(lambda: offered(page) == {"file"}, timeout=WAIT)
    assert "尚未备案资源管理员" in page.detailView.toPlainText()
    assert "已撤销" in page.detailView.toPlainText()
