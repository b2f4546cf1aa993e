"""使用情况询问 against a real platform (第二十二条): A's resource admin asks B how granted data
is used; B's applicant answers; the answer shows on both sides."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.usage.inquiries_page import InquiriesPage
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api
from tests.desktop.usage.support import (
    WAIT,
    act,
    department_id,
    granted_entry,
    open_new,
    select_first,
)


def test_ask_then_answer_across_departments(
    live_server: LiveServer, make_context, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    entry = granted_entry(live_server)
    asker = InquiriesPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(asker)
    assert [asker.sideCombo.itemData(i) for i in range(asker.sideCombo.count())] == [
        "asked",
        "received",
    ]
    assert asker.newButton.isVisibleTo(asker)
    dialog = open_new(qtbot, asker)
    assert dialog.entryCombo.currentData() == entry["id"]
    assert dialog.departmentCombo.currentText() == "南通市民政局"
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("question") == "请填写询问内容。"  # under the field
    assert dialog.error_text == "请按提示修改标红的项目。"  # the common form's summary line
    dialog.questionEdit.setPlainText("请说明获取的常住人口数据用于哪些业务及安全措施")
    dialog.dueSpin.setValue(5)
    with qtbot.wait_signal(asker.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    asked = done.args[1]
    assert asked["status"] == "open" and asked["due"] and asked["working_days_left"] == 5
    assert "withdraw" in asked["actions"]
    assert asker.action_buttons["withdraw"].isVisibleTo(asker)
    assert not asker.action_buttons["answer"].isVisibleTo(asker)
    qtbot.waitUntil(lambda: asker.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(asker.model)
    assert asker.model.index(0, 1).data() == "南通市民政局"  # the counterpart: the consumer
    assert "剩 5 个工作日" in asker.model.index(0, 3).data()

    answerer = InquiriesPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(answerer)
    assert not answerer.newButton.isVisibleTo(answerer)  # only a provider's resource admin asks
    row = select_first(qtbot, answerer)
    assert row["id"] == asked["id"] and row["actions"] == ["answer"]
    assert "请说明获取的常住人口数据" in answerer.detailView.toPlainText()
    reason = act(qtbot, answerer, "answer")
    reason.set_reason("用于户籍迁移业务核验，仅限窗口人员使用，已落实访问控制")
    with qtbot.wait_signal(answerer.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(reason.ui.okButton, Qt.MouseButton.LeftButton)
    answered = done.args[1]
    assert answered["status"] == "answered" and answered["actions"] == []
    assert "户籍迁移业务核验" in answerer.detailView.toPlainText()
    assert "已答复" in answerer.outcomeLabel.text()

    asker.refresh()
    qtbot.waitUntil(lambda: "户籍迁移业务核验" in asker.detailView.toPlainText(), timeout=WAIT)


def test_withdraw_is_confirmed_and_a_todo_opens_the_inquiry(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = granted_entry(live_server)
    ctx = make_context("A", Role.RESOURCE_ADMIN)
    body = {
        "entry_id": entry["id"],
        "consumer_department_id": department_id(live_server, "B"),
        "question": "请说明数据使用情况",
    }
    made = api(live_server, "A", Role.RESOURCE_ADMIN).post(
        "/api/v1/usage/inquiries", body, key="ask-1"
    )
    page = InquiriesPage(context=ctx)
    qtbot.addWidget(page)
    with qtbot.wait_signal(page.loaded, timeout=WAIT):
        assert page.show_object("inquiry_overdue", int(made["id"]))
    assert page.sideCombo.currentData() == "asked"
    box = act(qtbot, page, "withdraw")
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    assert done.args[1]["status"] == "withdrawn"
