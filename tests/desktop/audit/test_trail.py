"""审计日志 against a real platform: the audit admin filters the trail and pages through it by
keyset (three pages of seeded events), reads an event's details and hashes; the pages sit in
the 安全审计 group for the audit admin only, and fit the office screen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize

from govshare_core.vocab import Role
from govshare_desktop.audit import labels, pages, trail_page
from govshare_desktop.audit.trail_page import TrailPage
from tests.desktop.audit.support import (
    ACTOR,
    WAIT,
    column_texts,
    department_id,
    seed_events,
    wait_loaded,
)
from tests.desktop.conftest import LiveServer

PAGE_AT_1366 = QSize(1110, 640)
PAGE_SIZE = 20
"""Pages of 20 in the test (200 in use): three pages need only 50 seeded events."""


def test_page_specs(qapp) -> None:  # type: ignore[no-untyped-def]
    specs = pages.page_specs()
    assert [s.key for s in specs] == ["audit.trail", "audit.verify"]
    assert all(s.roles == {"audit_admin"} for s in specs)
    assert not specs[0].visible_for({"security_admin", "platform_admin"})


def test_labels_cover_families() -> None:
    assert labels.action_label("login_failed") == "登录失败"
    assert labels.action_label("catalog_entry_publish") == "目录条目：发布"
    assert labels.action_label("request_provider-decision") == "共享申请：提供方决定"
    assert labels.action_label("something_new") == "something_new"
    assert labels.object_type_label("share_request") == "共享申请"
    assert labels.action_label("workday_year_confirm") == "确认工作日安排"
    assert labels.action_label("workday_year_unconfirm") == "撤销工作日安排确认"
    assert labels.object_type_label("workday_year") == "工作日年度"


def test_filter_and_page_through_the_trail(
    live_server: LiveServer, make_context, qtbot, qtmodeltester, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(trail_page, "PAGE_SIZE", PAGE_SIZE)
    dept_a = department_id(live_server, "A")
    seed_events(live_server, 2 * PAGE_SIZE + 10, department=dept_a)
    page = TrailPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == PAGE_SIZE and not page.model.complete  # lazily loaded

    page.filters.actorEdit.setText(ACTOR)
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, PAGE_SIZE)
    assert "已加载 20 条，向下滚动" in page.countLabel.text()
    pages_asked = 1
    while not page.model.complete:  # what scrolling down does (keyset: before_seq)
        page.model.fetchMore(QModelIndex())
        pages_asked += 1
        wait_loaded(qtbot, page.model)
    assert pages_asked == 3 and page.model.rowCount() == 2 * PAGE_SIZE + 10
    assert "共 50 条" in page.countLabel.text()
    qtmodeltester.check(page.model)
    seqs = [int(s) for s in column_texts(page.model, 0)]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)  # no gap, no dup
    assert set(column_texts(page.model, 2)) == {ACTOR}
    qtbot.waitUntil(lambda: page.departments.get(dept_a) is not None, timeout=WAIT)
    assert set(column_texts(page.model, 3)) == {"南通市公安局"}
    assert set(column_texts(page.model, 6)) == {"成功"}
    assert page.model.index(0, 1).data().startswith("20")  # Asia/Shanghai time

    # the action filter: a listed action by its label
    combo = page.filters.actionCombo
    combo.setCurrentIndex(combo.findData("workday_override_set"))
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, PAGE_SIZE)
    assert set(column_texts(page.model, 4)) == {"设置工作日调整"}
    newest = {f"工作日 #{n}" for n in range(50, 10, -2)}  # the newest 20 of 25
    assert set(column_texts(page.model, 5)) == newest

    # object id, and the details pane
    page.filters.objectIdEdit.setText("8")
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, 1)
    page.table.selectRow(0)
    row = page.current
    assert row is not None and row["object_id"] == "8"
    shown = page.detailView.toPlainText()
    assert '"n": 8' in shown and "测试" in shown and row["hash"] in shown
    assert row["prev_hash"] in shown and "10.0.0.9" in shown

    # another department: nothing; a time window in the future: nothing
    page.filters.clear()
    wait_loaded(qtbot, page.model)
    index = page.filters.departmentCombo.findData(department_id(live_server, "B"))
    page.filters.departmentCombo.setCurrentIndex(index)
    wait_loaded(qtbot, page.model)
    assert ACTOR not in column_texts(page.model, 2)
    page.filters.departmentCombo.setCurrentIndex(0)
    page.filters.timeCheck.setChecked(True)
    page.filters.sinceEdit.setDateTime(page.filters.untilEdit.dateTime())
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, 0)
    assert page.countLabel.text() == "没有符合条件的审计事件。"


def test_count_and_a_refused_filter(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed_events(live_server, 30)
    page = TrailPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    page.filters.actorEdit.setText(ACTOR)
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, 30)
    page.countButton.click()
    qtbot.waitUntil(lambda: "符合条件的事件共 30 条" in page.countLabel.text(), timeout=WAIT)
    page.filters.actorEdit.setText("x" * 65)  # longer than the platform takes
    page.filters.searchButton.click()
    qtbot.waitUntil(lambda: page.countLabel.text() == "加载失败", timeout=WAIT)
    assert page.outcomeLabel.text()


def test_pages_fit_the_office_screen(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    from govshare_desktop.audit.verify_page import VerifyPage

    ctx = make_context("P", Role.AUDIT_ADMIN)
    for make in (TrailPage, VerifyPage):
        page = make(context=ctx)
        qtbot.addWidget(page)
        page.resize(PAGE_AT_1366)
        page.show()
        hint = page.minimumSizeHint()
        assert hint.width() <= PAGE_AT_1366.width(), (make, hint)
        assert hint.height() <= PAGE_AT_1366.height(), (make, hint)


def test_the_object_column_stays_readable_at_the_office_screen(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """At 1366×768 every column used to keep its width and 对象 was squeezed to "签…" behind a
    horizontal scroll bar: now 客户端地址, then 部门, give way (both are in the detail pane)."""
    seed_events(live_server, 5, department=department_id(live_server, "A"))
    page = TrailPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    wait_loaded(qtbot, page.model)
    table = page.table
    qtbot.waitUntil(lambda: table.isColumnHidden(7), timeout=WAIT)
    assert table.columnWidth(5) >= 120
    assert not table.horizontalScrollBar().isVisible()
    assert not table.isColumnHidden(2)  # the actor stays
    page.table.selectRow(0)
    row = page.current
    assert row is not None and row["client_address"]
    shown = page.detailView.toPlainText()  # what the list hides, the detail shows
    assert f"客户端地址\n{row['client_address']}" in shown

    page.resize(QSize(1900, 640))  # a wide screen: every column again
    qtbot.waitUntil(
        lambda: not table.isColumnHidden(7) and not table.isColumnHidden(3), timeout=WAIT
    )
    assert table.columnWidth(5) >= 120
