"""The full registrar → department reviewer → platform round trip through the catalog UI."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_core.workflow import Actor
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import PLATFORM_QUEUE, REPORT_QUEUE, ReviewPage
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.context import AppContext
from govshare_platform import clock
from tests.desktop.catalog.support import fill_valid, published_entry, submitted_entries
from tests.desktop.catalog_support import create_entries, report_change
from tests.desktop.qt_support import accept_confirmation

WAIT = 10_000


def _loaded(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10000)


def _decide(qtbot, page: ReviewPage, row: int = 0) -> None:  # type: ignore[no-untyped-def]
    page.select_row(row)
    qtbot.waitUntil(lambda: page.ui.approveButton.isEnabled(), timeout=10000)
    page.ui.approveButton.click()
    assert page.confirm_box is not None  # a decision is confirmed first
    with qtbot.wait_signal(page.decided, timeout=10000):
        accept_confirmation(page.confirm_box)


def test_round_trip_through_the_ui(make_context, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    form = EntryForm(context=registrar)
    qtbot.addWidget(form)
    fill_valid(form, "户籍人口信息")
    with qtbot.wait_signal(form.submitted, timeout=10000):
        form.ui.submitButton.click()
    entry_id = form.entry["id"]

    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    review = ReviewPage(context=reviewer)
    qtbot.addWidget(review)
    _loaded(qtbot, review)
    assert review.model.rowCount() == 1
    qtmodeltester.check(review.model)
    _decide(qtbot, review)
    assert reviewer.client.entry(entry_id)["status"] == "dept_approved"

    admin = make_context("P", Role.PLATFORM_ADMIN)
    confirm = ReviewPage(context=admin)
    qtbot.addWidget(confirm)
    assert confirm.queue == PLATFORM_QUEUE
    _loaded(qtbot, confirm)
    confirm.select_row(0)
    qtbot.waitUntil(lambda: confirm.ui.approveButton.isEnabled(), timeout=10000)
    assert "新登记" in confirm.ui.detailInfo.text()  # no published version: all fields shown
    assert confirm.ui.diffTable.rowCount() > 10
    confirm.ui.approveButton.click()
    with qtbot.wait_signal(confirm.decided, timeout=10000):
        accept_confirmation(confirm.confirm_box)
    published = admin.client.entry(entry_id)
    assert published["status"] == "published" and published["resource_code"]

    mine = MyEntriesPage(context=registrar)
    qtbot.addWidget(mine)
    _loaded(qtbot, mine)
    assert mine.model.row_data(0)["status"] == "published"
    assert mine.model.data(mine.model.index(0, 2)) == "已发布"
    qtmodeltester.check(mine.model)
    mine.select_row(0)
    assert mine.ui.changeReportButton.isEnabled() and not mine.ui.submitButton.isEnabled()


def test_return_with_reason_reaches_the_registrar(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    [e] = submitted_entries(registrar, ["婚姻登记信息"])
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    review = ReviewPage(context=reviewer)
    qtbot.addWidget(review)
    _loaded(qtbot, review)
    review.select_row(0)
    qtbot.waitUntil(lambda: review.ui.returnButton.isEnabled(), timeout=10000)
    review.ui.returnButton.click()
    dialog = review.reason_dialog
    assert dialog is not None
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # a reason is required
    dialog.edit.setPlainText("摘要过于简略，请补充数据范围")
    dialog.accept()
    with qtbot.wait_signal(review.decided, timeout=10000):
        accept_confirmation(review.confirm_box)
    form = EntryForm(context=registrar, entry_id=e["id"])
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=10000)
    assert form.entry["status"] == "returned"
    assert "摘要过于简略" in form.ui.returnReasonLabel.text()
    assert form.ui.submitButton.isVisibleTo(form)


def _also_registrar(make_context, reviewer: AppContext) -> AppContext:  # type: ignore[no-untyped-def]
    """The department's reviewer, given the registrar's role too by the security admin,
    signed in again."""
    roles = [Role.CATALOG_REVIEWER.value, Role.REGISTRAR.value]
    path = f"/api/v1/users/{reviewer.user_id}"
    security = make_context("P", Role.SECURITY_ADMIN)
    security.client.request("PATCH", path, json={"roles": roles}, if_match="*")
    return make_context("A", Role.CATALOG_REVIEWER)


def _local_minute(moment: str) -> str:
    """The minute in Beijing time, as every time is shown (govshare_core.clock)."""
    return (
        datetime.fromisoformat(moment)
        .astimezone(ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d %H:%M")
    )


def test_the_queue_names_the_submitter_the_time_and_the_deadline(  # type: ignore[no-untyped-def]
    make_context, qtbot, monkeypatch
) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    [theirs] = submitted_entries(registrar, ["户籍人口信息"])
    theirs = registrar.client.entry(theirs["id"])
    both = _also_registrar(make_context, make_context("A", Role.CATALOG_REVIEWER))
    submitted_entries(both, ["本人登记的目录"])
    page = ReviewPage(context=both)
    qtbot.addWidget(page)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.is_loading, timeout=WAIT)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers[3:] == ["提交人", "提交时间", "审核期限"]
    row = {r["name"]: n for n, r in enumerate(model.rows())}
    other = [model.index(row["户籍人口信息"], c).data() for c in range(6)]
    assert other[3] == registrar.me["user"]["full_name"]
    assert other[4] == _local_minute(theirs["submitted_at"])
    left = theirs["review_working_days_left"]
    assert left > 0 and other[5] == f"{theirs['review_due']}（剩 {left} 个工作日）"
    own = model.index(row["本人登记的目录"], 3)
    assert own.data() == "本人提交"  # 第十五条: reviewed by another reviewer
    assert not model.flags(own) & Qt.ItemFlag.ItemIsEnabled
    assert model.index(row["户籍人口信息"], 5).data(Qt.ItemDataRole.ForegroundRole) is None

    later = clock.today() + timedelta(days=30)  # past the 5 working days, holidays or not
    monkeypatch.setattr(clock, "today", lambda: later)
    page.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not model.is_loading, timeout=WAIT)
    row = {r["name"]: n for n, r in enumerate(model.rows())}
    due = model.index(row["户籍人口信息"], 5)
    assert due.data().startswith(f"{theirs['review_due']}（超期 ")
    assert due.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE  # red, as in the to-do list


SUBMITTED = {"id": 1, "status": "submitted", "department_id": 2, "submitted_by": 5}


def test_the_submitter_neither_approves_nor_returns() -> None:
    """第十五条 through govshare_core.workflow: registering and reviewing are separate duties."""
    both = Actor.of(user_id=5, roles=["registrar", "catalog_reviewer"], department_id=2)
    assert P.entry_actions(SUBMITTED, both) == ["recall"]
    assert P.own_submission(SUBMITTED, both)
    colleague = Actor.of(user_id=6, roles=["catalog_reviewer"], department_id=2)
    assert P.entry_actions(SUBMITTED, colleague) == ["dept_approve", "dept_return"]
    assert not P.own_submission(SUBMITTED, colleague)


def test_a_reviewer_of_another_department_sees_no_action() -> None:
    other = Actor.of(user_id=7, roles=["catalog_reviewer", "registrar"], department_id=3)
    assert P.entry_actions(SUBMITTED, other) == []
    assert not P.own_submission(SUBMITTED, other)
    draft = {**SUBMITTED, "status": "draft"}
    assert not P.editable(draft, other)
    owner = Actor.of(user_id=5, roles=["registrar"], department_id=2)
    assert P.editable(draft, owner) and P.entry_actions(draft, owner) == ["submit"]
    assert not P.editable({**SUBMITTED}, owner)  # under review: recall first
    admin = Actor.of(user_id=1, roles=["platform_admin"], department_id=1, is_platform=True)
    approved = {**SUBMITTED, "status": "dept_approved"}
    assert P.entry_actions(approved, admin) == ["publish", "platform_return"]


def test_change_report_applied_by_the_platform(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    registrar, e = published_entry(make_context, "出生登记信息")
    admin = make_context("P", Role.PLATFORM_ADMIN)
    report_change(
        registrar.client, e["id"], date(2020, 1, 1), "调整更新周期", update_cycle="weekly"
    )
    page = ReviewPage(context=admin)
    qtbot.addWidget(page)
    page.ui.queueCombo.setCurrentIndex(page.ui.queueCombo.findData(REPORT_QUEUE))
    _loaded(qtbot, page)
    assert page.model.data(page.model.index(0, 4)) == "迟报"
    _decide(qtbot, page)
    assert admin.client.entry(e["id"])["update_cycle"] == "weekly"


def test_my_entries_filters_and_searches(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    create_entries(registrar.client, 3, prefix="社保缴费")
    create_entries(registrar.client, 2, prefix="不动产")
    page = MyEntriesPage(context=registrar)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert page.model.rowCount() == 5
    page.ui.searchEdit.setText("不动产")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.is_loading, timeout=10000)
    page.ui.searchEdit.setText("")
    page.ui.statusCombo.setCurrentIndex(page.ui.statusCombo.findData("published"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.model.is_loading, timeout=10000)
    assert "没有符合条件" in page.ui.statusLabel.text()


def test_the_queue_names_keep_their_room_beside_the_detail(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 1366×768 the review list shares the page with the entry's detail: the optional
    columns (provider, share type, submission time) go before the names are squeezed."""
    registrar = make_context("A", Role.REGISTRAR)
    submitted_entries(registrar, ["南通市住房和城乡建设局保障性住房配租家庭信息"])
    page = ReviewPage(context=make_context("A", Role.CATALOG_REVIEWER))
    qtbot.addWidget(page)
    page.resize(1150, 650)  # the page's room in a 1366×768 main window
    page.show()
    _loaded(qtbot, page)
    view = page.ui.queueView
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=WAIT)
    assert view.columnWidth(0) >= 150
    shown = [
        view.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model().columnCount())
        if not view.isColumnHidden(c)
    ]
    assert shown[0] == "信息资源名称" and shown[-1] == "审核期限" and "提交人" in shown
    assert len(shown) < 6  # at least the provider went (it is in the detail)
    assert "提供方" not in shown  # the department's own queue: always the user's department
    page.resize(1900, 900)  # a wide screen shows every column again
    qtbot.waitUntil(lambda: not any(view.isColumnHidden(c) for c in range(6)), timeout=WAIT)

    platform = ReviewPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(platform)
    platform.resize(1150, 650)
    platform.show()
    view = platform.ui.queueView
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=WAIT)
    shown = [
        view.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model().columnCount())
        if not view.isColumnHidden(c)
    ]
    assert "提供方" in shown  # the platform confirms every department's entries
