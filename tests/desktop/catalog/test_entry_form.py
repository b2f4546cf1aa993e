"""The entry form against a real platform: conditional fields, inline messages, 第六条,
one-data-one-source hints, save, attachments, change-report days left."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from govshare_core.vocab import Role, ShareMode, ShareType
from govshare_desktop.api import actions
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.change_report import ChangeReportDialog
from govshare_desktop.catalog.pages import page_specs
from govshare_desktop.common import policy
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_platform import clock
from tests.desktop.catalog.support import fill_valid, open_form, published_entry
from tests.desktop.catalog_support import entry_body

__all__ = ["fill_valid"]  # imported from here by other tests


def _choose(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def test_page_specs_offer_both_catalog_pages(qapp) -> None:  # type: ignore[no-untyped-def]
    specs = {s.key: s for s in page_specs()}
    assert specs["catalog.mine"].visible_for({"registrar"})
    assert specs["catalog.review"].visible_for({"platform_admin"})
    assert not specs["catalog.review"].visible_for({"registrar"})


def test_conditional_fields_appear_and_become_required(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    assert not form.field_visible("share_conditions") and not form.field_visible("legal_basis")
    _choose(form.ui.shareTypeCombo, ShareType.CONDITIONAL)
    assert form.field_visible("share_conditions") and form.field_visible("share_scope")
    assert form.required_fields() == {"share_conditions", "share_scope"}
    assert "共享条件" in form.errors.message_for("share_conditions")
    assert "第五条" in form.errors.message_for("share_conditions")
    assert form.ui.shareConditionsEdit.property("fieldError") is True
    form.ui.shareConditionsEdit.setPlainText("用于业务办理")
    form.ui.shareScopeEdit.setText("市级政务部门")
    qtbot.waitUntil(lambda: not form.errors.shown, timeout=3000)
    assert form.ui.shareConditionsEdit.property("fieldError") is False


def test_not_shared_needs_legal_basis_under_that_field(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    _choose(form.ui.shareTypeCombo, ShareType.NOT_SHARED)
    assert form.field_visible("legal_basis") and not form.field_visible("share_conditions")
    message = form.errors.message_for("legal_basis")
    assert message == "不予共享的资源必须提供法律、法规、规章依据（第十三条）"
    assert form.ui.legalBasisError.text() == message and form.ui.legalBasisError.isVisible()
    assert message in form.ui.errorSummary.text()


def test_errors_name_the_field_after_submit(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    form.submit()  # empty form: nothing sent, everything explained
    assert form.errors.message_for("name") == "信息资源名称不能为空"
    assert form.errors.message_for("class_item") == "信息资源分类（项）必须为2位数字"
    assert form.errors.message_for("data_items") == "至少需要登记一个信息项"
    assert form.entry is None


def test_state_secret_is_refused(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    form.ui.stateSecretCheck.setChecked(True)
    assert "第六条" in form.errors.message_for("involves_state_secret")
    assert not form.ui.saveButton.isEnabled() and not form.ui.submitButton.isEnabled()
    form.submit()
    assert form.entry is None


def test_save_then_submit_and_attachments(make_context, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    form = open_form(qtbot, ctx)
    fill_valid(form)
    _choose(form.ui.shareModeCombo, ShareMode.INTERFACE)
    assert form.ui.attachmentsGroup.isVisible()  # 第十九条
    with qtbot.wait_signal(form.saved, timeout=10000):
        form.save()
    assert form.entry is not None and form.entry["status"] == "draft"
    doc = tmp_path / "接口说明.txt"
    doc.write_text("GET /persons", encoding="utf-8")
    panel = form.attachment_panel
    panel.upload(doc)
    qtbot.waitUntil(lambda: len(panel.files) == 1, timeout=10000)
    assert form.ui.attachmentsList.count() == 1
    form.ui.attachmentsList.setCurrentRow(0)
    form.ui.removeAttachmentButton.click()
    qtbot.waitUntil(lambda: len(panel.files) == 0, timeout=10000)
    with qtbot.wait_signal(form.submitted, timeout=10000):
        form.submit()
    assert ctx.client.entry(form.entry["id"])["status"] == "submitted"


def test_server_422_shows_inline(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    created = ctx.client.create_entry(entry_body("待补充", summary=""), key=new_idempotency_key())
    form = open_form(qtbot, ctx, entry_id=created["id"])
    qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=10000)
    with pytest.raises(ApiError) as info:  # the platform's own answer to an incomplete submit
        ctx.client.entry_action(created["id"], "submit")
    assert info.value.status == 422
    refused = Outcome(OutcomeStatus.FAILED, message=info.value.message(), error=info.value)
    form.sending.submission.outcome.emit(refused, True)  # the engine's answer, as it comes
    assert form.errors.message_for("summary") == "信息资源摘要不能为空"
    assert form.ui.summaryError.text() == "信息资源摘要不能为空"
    assert form.ui.nameEdit.text() == "待补充"  # nothing lost


def test_source_hints_for_items_another_department_provides(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    b_reg = make_context("B", Role.REGISTRAR)
    b_rev = make_context("B", Role.CATALOG_REVIEWER)
    admin = make_context("P", Role.PLATFORM_ADMIN)
    e = b_reg.client.create_entry(
        entry_body("低保对象信息", data_items=[{"name": "低保证号", "data_type": "C"}]),
        key=new_idempotency_key(),
    )
    e = b_reg.client.entry_action(e["id"], "submit")
    e = b_rev.client.entry_action(e["id"], "dept-approve")
    admin.client.entry_action(e["id"], "publish")

    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    form.add_item("")
    form.ui.itemsTable.setItem(0, 0, QTableWidgetItem("低保证号"))  # as if typed
    qtbot.waitUntil(lambda: bool(form.source_hints), timeout=10000)
    assert form.source_hints[0]["department_name"] == "南通市民政局"
    text = form.ui.sourceHintLabel.text()
    assert "已有部门提供" in text and "低保对象信息" in text and "低保证号" in text
    from govshare_desktop.catalog.items_table import HINT_BG

    assert form.ui.itemsTable.item(0, 0).background().color() == HINT_BG  # the hinted row
    assert "一数一源" in form.ui.itemsTable.item(0, 0).toolTip()


def test_days_left_of_the_change_report_window() -> None:
    today = date(2025, 3, 31)
    assert P.change_report_days_left(today, today) == 20  # the core's default (第十七条)
    assert P.change_report_days_left(today - timedelta(days=5), today) == 15
    assert P.change_report_days_left(today - timedelta(days=23), today) == -3
    assert P.change_report_days_left(today - timedelta(days=23), today, days=30) == 7


def test_change_report_window_is_the_platforms_policy(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The platform admin sets change_report_days; the registrar's dialog counts with it, also
    offline (from the cached policy)."""
    admin = make_context("P", Role.PLATFORM_ADMIN)
    version = admin.client.get(actions.policy_path())["version"]
    admin.client.request(
        "PATCH", actions.policy_path(), json={"change_report_days": 30}, if_match=version
    )
    reg = make_context("A", Role.REGISTRAR)
    assert policy.current(reg).change_report_days == 20  # nothing fetched yet: the default
    assert policy.fetch(reg).change_report_days == 30
    assert policy.current(reg).change_report_days == 30  # cached for offline use
    entry = {"id": 1, "name": "x", "status": "published", "update_cycle": "daily"}
    dialog = ChangeReportDialog(
        context=reg, entry=entry, changes={"update_cycle": "weekly"}, today=clock.today()
    )
    qtbot.addWidget(dialog)
    assert dialog.days_left() == 30
    assert "30" in dialog.ui.daysLeftLabel.text()


def test_change_report_dialog(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    reg, e = published_entry(make_context, "法人登记信息")
    dialog = ChangeReportDialog(
        context=reg, entry=e, changes={"update_cycle": "weekly"}, today=clock.today()
    )
    qtbot.addWidget(dialog)
    assert dialog.days_left() == 20
    dialog.ui.effectiveDateEdit.setDate(dialog.ui.effectiveDateEdit.date().addDays(-25))
    assert dialog.days_left() == -5 and dialog.ui.daysLeftLabel.property("late") is True
    assert "逾期" in dialog.ui.daysLeftLabel.text()
    dialog.send()  # no description: refused inline
    assert "变更说明" in dialog.errors.message_for("description")
    dialog.ui.descriptionEdit.setPlainText("更新频率调整为每周")
    with qtbot.wait_signal(dialog.reported, timeout=10000) as sig:
        dialog.send()
    report = sig.args[0]
    assert report["late"] is True and report["changes"] == {"update_cycle": "weekly"}


def test_offline_submit_is_queued_and_the_draft_kept(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    ctx.client.base_url = "http://127.0.0.1:9"  # the platform is unreachable
    form = open_form(qtbot, ctx)
    fill_valid(form, "离线登记的目录")
    with qtbot.wait_signal(form.queued, timeout=15000):
        form.submit()
    items = ctx.store.outbox()
    assert [i.method for i in items] == ["POST", "POST"]
    assert items[0].body["name"] == "离线登记的目录" and items[1].path.endswith("/submit")
    assert "排队" in form.ui.statusLabel.text()
    form.flush()
    draft = ctx.store.load_draft("entry", form._draft_key)
    assert draft is not None and draft.data["name"] == "离线登记的目录"


def test_data_item_rows_with_errors_are_marked(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    from govshare_desktop.catalog.items_table import ERROR_BG, row_errors

    form = open_form(qtbot, make_context("A", Role.REGISTRAR))
    fill_valid(form)
    form.add_item("")  # a nameless third row
    form.show_all_errors()
    cell = form.ui.itemsTable.item(2, 0)
    assert cell.background().color() == ERROR_BG and cell.toolTip()
    assert form.ui.itemsTable.item(0, 0).toolTip() == ""
    assert row_errors({"data_items[2].name": "x", "name": "y"}) == {2: "x"}
    form.ui.itemsTable.item(2, 0).setText("联系电话")
    qtbot.waitUntil(lambda: form.ui.itemsTable.item(2, 0).toolTip() == "", timeout=3000)


def test_change_report_editors_use_labels_and_the_item_table(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QLineEdit

    reg, e = published_entry(make_context, "企业年报信息")
    dialog = ChangeReportDialog(context=reg, entry=e, changes={}, today=clock.today())
    qtbot.addWidget(dialog)
    dialog.show()
    cycle = dialog.editors["update_cycle"]
    assert isinstance(cycle, QComboBox) and cycle.currentText() == "（不变更）"
    assert "每周" in [cycle.itemText(i) for i in range(cycle.count())]
    assert isinstance(dialog.editors["share_conditions"], QLineEdit)
    assert dialog.changes() == {}
    cycle.setCurrentIndex(cycle.findData("weekly"))
    items = dialog.edit_items()
    assert items.ui.itemsTable.rowCount() == 2  # the published items, in the same editor
    items.ui.addItemButton.click()
    items.ui.okButton.click()  # the new row has no name: marked, not accepted
    assert items.ui.itemsTable.item(2, 0).toolTip() == "信息项名称不能为空"
    items.ui.itemsTable.item(2, 0).setText("年报年度")
    items.ui.okButton.click()
    changes = dialog.changes()
    assert changes["update_cycle"] == "weekly"
    assert [i["name"] for i in changes["data_items"]] == ["姓名", "公民身份号码", "年报年度"]
    assert "3 项" in dialog.editors["data_items"].text()
    dialog.ui.descriptionEdit.setPlainText("新增年报年度信息项，更新周期改为每周")
    with qtbot.wait_signal(dialog.reported, timeout=10000) as sig:
        dialog.send()
    assert sig.args[0]["changes"]["data_items"][2]["name"] == "年报年度"
