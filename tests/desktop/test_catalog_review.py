"""The full registrar → department reviewer → platform round trip through the catalog UI."""

from __future__ import annotations

from govshare_core.vocab import Role
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import PLATFORM_QUEUE, REPORT_QUEUE, ReviewPage
from tests.desktop.test_catalog_form import fill_valid
from tests.desktop.test_catalog_support import create_entries, entry_body


def _loaded(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10000)


def _decide(qtbot, page: ReviewPage, row: int = 0) -> None:  # type: ignore[no-untyped-def]
    page.select_row(row)
    qtbot.waitUntil(lambda: page.ui.approveButton.isEnabled(), timeout=10000)
    with qtbot.wait_signal(page.decided, timeout=10000):
        page.ui.approveButton.click()


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
    with qtbot.wait_signal(confirm.decided, timeout=10000):
        confirm.ui.approveButton.click()
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
    e = registrar.client.create_entry(entry_body("婚姻登记信息"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
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
    with qtbot.wait_signal(review.decided, timeout=10000):
        dialog.accept()
    form = EntryForm(context=registrar, entry_id=e["id"])
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=10000)
    assert form.entry["status"] == "returned"
    assert "摘要过于简略" in form.ui.returnReasonLabel.text()
    assert form.ui.submitButton.isVisibleTo(form)


def test_own_submission_is_greyed_out(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    review = ReviewPage(context=reviewer)
    qtbot.addWidget(review)
    row = {"id": 1, "name": "x", "department_name": "", "share_type": "unconditional"}
    assert not review._own(row)
    assert review._own({**row, "submitted_by": reviewer.user_id})


def test_change_report_applied_by_the_platform(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    admin = make_context("P", Role.PLATFORM_ADMIN)
    e = registrar.client.create_entry(entry_body("出生登记信息"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    reviewer.client.entry_action(e["id"], "dept-approve")
    admin.client.entry_action(e["id"], "publish")
    registrar.client.post(
        f"/api/v1/catalog/entries/{e['id']}/change-reports",
        {
            "effective_date": "2020-01-01",
            "description": "调整更新周期",
            "changes": {"update_cycle": "weekly"},
        },
        key=new_idempotency_key(),
    )
    page = ReviewPage(context=admin)
    qtbot.addWidget(page)
    page.ui.queueCombo.setCurrentIndex(page.ui.queueCombo.findData(REPORT_QUEUE))
    _loaded(qtbot, page)
    assert page.model.data(page.model.index(0, 3)) == "迟报"
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
