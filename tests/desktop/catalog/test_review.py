"""The full registrar → department reviewer → platform round trip through the catalog UI."""

from __future__ import annotations

from govshare_core.vocab import Role
from govshare_core.workflow import Actor
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.entry_form import EntryForm
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import PLATFORM_QUEUE, REPORT_QUEUE, ReviewPage
from govshare_desktop.common.confirm import accept_confirmation
from tests.desktop.catalog.test_entry_form import fill_valid
from tests.desktop.catalog_support import create_entries, entry_body


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
    dialog.accept()
    with qtbot.wait_signal(review.decided, timeout=10000):
        accept_confirmation(review.confirm_box)
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
    row = {
        "id": 1,
        "name": "x",
        "department_name": "",
        "share_type": "unconditional",
        "status": "submitted",
        "department_id": reviewer.department_id,
    }
    assert not review._own(row)
    assert review._own({**row, "submitted_by": reviewer.user_id})


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
