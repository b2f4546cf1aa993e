"""整改 against a real platform (第三十六条): the supervisor issues an order to A; A's resource
admin sees it (B's does not), answers with measures and an evidence file; the supervisor
downloads the evidence and returns the order with a new due; A answers again; the supervisor
accepts it."""

from __future__ import annotations

from pathlib import Path

from govshare_core.vocab import Role
from govshare_core.workdays import add_working_days
from govshare_desktop.rectification.page import RectificationPage
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.rectification.support import (
    WAIT,
    act,
    department_id,
    open_new,
    press_ok,
    select_first,
)

EVIDENCE = "整改台账\n《常住人口基本信息》已于12月3日更新\n".encode()


def test_issue_answer_return_answer_accept(
    live_server: LiveServer, make_context, qtbot, qtmodeltester, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    supervisor = RectificationPage(context=make_context("P", Role.SUPERVISOR))
    qtbot.addWidget(supervisor)
    assert supervisor.newButton.isVisibleTo(supervisor)
    dialog = open_new(qtbot, supervisor)
    names = [dialog.departmentCombo.itemText(i) for i in range(dialog.departmentCombo.count())]
    assert "南通市公安局" in names and "南通市民政局" in names
    assert "南通市大数据管理局" not in names  # not the platform's own
    dialog.select_department(department_id(live_server, "A"))
    dialog.itemCombo.setCurrentIndex(dialog.itemCombo.findData("3"))
    assert "未按要求及时发布、更新、纠正" in dialog.itemText.text()  # the full text
    dialog.factsEdit.setPlainText("2026年第三季度未按要求更新《常住人口基本信息》目录")
    dialog.dueSpin.setValue(5)
    due = add_working_days(supervisor.today, 5, calendar=dialog.calendar)  # any year
    assert dialog.dueLabel.text().startswith(f"整改期限：{due.isoformat()}")
    issued = press_ok(qtbot, supervisor, dialog)
    assert issued["status"] == "issued" and issued["article_item"] == "3"
    assert issued["department_name"] == "南通市公安局"
    qtbot.waitUntil(lambda: supervisor.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(supervisor.model)
    assert supervisor.model.index(0, 0).data() == "南通市公安局"
    assert supervisor.model.index(0, 1).data() == "第三十六条（三）"

    other = RectificationPage(context=make_context("B", Role.RESOURCE_ADMIN))
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.countLabel.text() == "没有记录。", timeout=WAIT)
    assert other.model.rowCount() == 0 and not other.newButton.isVisibleTo(other)

    department = RectificationPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(department)
    row = select_first(qtbot, department)
    assert row["id"] == issued["id"] and set(row["actions"]) == {"answer"}
    assert "第三十六条第（三）项" in department.detailView.toPlainText()
    evidence = tmp_path / "整改台账.txt"
    evidence.write_bytes(EVIDENCE)
    answer = act(qtbot, department, "answer")
    answer.measuresEdit.setPlainText("已更新目录并建立月度核查机制")
    answer.evidenceEdit.setText(str(evidence))
    answered = press_ok(qtbot, department, answer)
    assert answered["status"] == "answered"
    assert answered["evidence_filename"] == "整改台账.txt"
    assert answered["evidence_size"] == len(EVIDENCE)
    assert evidence.read_bytes() == EVIDENCE  # the user's file stays (a copy was sent)
    assert answer.uploaded_percent[-1] == 100  # the progress bar followed the upload

    with qtbot.wait_signal(supervisor.loaded, timeout=WAIT):
        supervisor.show_object("rectification_review", int(issued["id"]))
    assert set(supervisor.current["actions"]) == {"accept", "return", "withdraw"}  # type: ignore[index]
    assert "已更新目录并建立月度核查机制" in supervisor.detailView.toPlainText()
    target = tmp_path / "下载" / "evidence.txt"
    target.parent.mkdir()
    supervisor.download_evidence(target)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_bytes() == EVIDENCE
    back = act(qtbot, supervisor, "return")
    back.reasonEdit.setPlainText("缺少核查记录，请补充")
    back.newDueCheck.setChecked(True)
    back.dueSpin.setValue(3)
    returned = press_ok(qtbot, supervisor, back)
    assert returned["status"] == "returned"

    department.refresh()
    qtbot.waitUntil(
        lambda: department.current is not None and department.current["status"] == "returned",
        timeout=WAIT,
    )
    assert "缺少核查记录，请补充" in department.detailView.toPlainText()
    again = act(qtbot, department, "answer")
    assert again.keepLabel.isVisibleTo(again)  # the evidence already there stays
    again.measuresEdit.setPlainText("已补充11月核查记录")
    assert press_ok(qtbot, department, again)["status"] == "answered"

    supervisor.refresh()
    qtbot.waitUntil(
        lambda: supervisor.current is not None and supervisor.current["status"] == "answered",
        timeout=WAIT,
    )
    box = act(qtbot, supervisor, "accept")
    with qtbot.wait_signal(supervisor.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    closed = done.args[1]
    assert closed["status"] == "closed" and closed["actions"] == []
    history = supervisor.detailView.toPlainText()
    for step in ("下发整改通知", "提交整改情况", "退回", "验收通过", "已补充11月核查记录"):
        assert step in history, step
    assert "已办结" in supervisor.outcomeLabel.text()
