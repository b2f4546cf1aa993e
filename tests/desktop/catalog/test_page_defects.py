"""Defects found in the catalog screens (tried as each demo role at 1366×768 and 1920×1080),
each fixed and tested here through the widgets against the real platform: a missing to-do
object is reported; pages focus their search and keep drafts; dialogs fit 1366×728 with their
buttons visible; publishing is confirmed and its outcome lasts; labels are translated;
read-only entries are legible; lists sort; the review queue says who submitted and when."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

from govshare_core.vocab import Role
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog import entry_fields
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.change_report import ChangeReportDialog, ItemsDialog
from govshare_desktop.catalog.entry_form import EntryForm, EntryFormDialog
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import REPORT_QUEUE, ReasonDialog, ReviewPage
from govshare_desktop.i18n import time_text
from govshare_platform import clock
from tests.desktop.catalog.test_entry_form import fill_valid
from tests.desktop.catalog_support import entry_body, report_change
from tests.desktop.qt_support import LONG, accept_confirmation, assert_dialog_fits

WAIT = 10_000


def test_show_object_says_when_the_object_is_gone(qtbot, make_context) -> None:
    reviewer = make_context("A", Role.CATALOG_REVIEWER)
    page = ReviewPage(context=reviewer)
    qtbot.addWidget(page)
    assert page.show_object("entry_confirm", 1) is False  # not this user's queue
    assert page.show_object("request_decide", 1) is False  # not this page's kind
    with qtbot.wait_signal(page.object_missing, timeout=WAIT) as missing:
        assert page.show_object("entry_review", 987654) is True
    assert missing.args == ["entry_review", 987654]
    assert "987654" in page.ui.statusLabel.text() and "已不在" in page.ui.statusLabel.text()


def test_my_entries_focus_their_search_and_save_drafts(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    mine = MyEntriesPage(context=registrar)
    qtbot.addWidget(mine)
    mine.show()
    qtbot.waitExposed(mine)
    mine.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mine)
    mine.focus_search()
    assert QApplication.focusWidget() is mine.ui.searchEdit
    assert mine.save_draft() is False  # no form open
    dialog = mine.create_new()  # deletes itself on close
    dialog.form.ui.nameEdit.setText("本机草稿测试")
    assert mine.save_draft() is True
    [draft] = [d for d in registrar.store.list_drafts("entry") if d.title == "本机草稿测试"]
    assert draft.data["name"] == "本机草稿测试"
    dialog.close()


# --- every dialog fits 1366×728 with its buttons visible ------------------------------------


def test_every_catalog_dialog_at_its_largest_fits_with_its_buttons(
    qtbot, make_context, language: str
) -> None:
    registrar = make_context("A", Role.REGISTRAR)

    entry = EntryFormDialog(context=registrar)
    qtbot.addWidget(entry)
    form = entry.form
    fill_valid(form)
    form.ui.shareTypeCombo.setCurrentIndex(form.ui.shareTypeCombo.findData("conditional"))
    form.ui.openCheck.setChecked(True)
    for n in range(30):
        form.add_item(f"信息项{n}")
    form.ui.returnReasonLabel.setText(LONG)
    form.ui.returnReasonLabel.show()
    form.ui.nameEdit.setText("")
    form.ui.summaryEdit.setPlainText("")
    form.show_all_errors()
    ui = form.ui
    assert_dialog_fits(entry, [ui.saveButton, ui.submitButton, ui.closeButton], "entry form")

    published = {**entry_body("户籍人口信息"), "id": 1, "resource_code": "311010/000001"}
    report = ChangeReportDialog(context=registrar, entry=published, changes={})
    qtbot.addWidget(report)
    report.send()  # no change, no description: both errors shown
    report.ui.statusLabel.setText(LONG)
    assert_dialog_fits(report, [report.ui.sendButton, report.ui.cancelButton], "change report")

    items = ItemsDialog(items=[{"name": f"项{n}", "data_type": "C"} for n in range(40)])
    qtbot.addWidget(items)
    assert_dialog_fits(items, [items.ui.okButton, items.ui.cancelButton], "items")

    reason = ReasonDialog(title="退回目录", prompt=LONG)
    qtbot.addWidget(reason)
    assert_dialog_fits(reason, list(reason.buttons.buttons()), "catalog reason")


# --- publishing is confirmed; the outcome lasts and names the resource code ----------------


def test_publishing_is_confirmed_and_the_resource_code_stays_on_the_page(
    qtbot, make_context
) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    e = registrar.client.create_entry(entry_body("人口出生信息"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    make_context("A", Role.CATALOG_REVIEWER).client.entry_action(e["id"], "dept-approve")
    admin = make_context("P", Role.PLATFORM_ADMIN)
    page = ReviewPage(context=admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    page.select_row(0)
    qtbot.waitUntil(page.ui.approveButton.isEnabled, timeout=WAIT)

    page.ui.approveButton.click()
    box = page.confirm_box
    assert box is not None and "人口出生信息" in box.text() and "确认发布" in box.text()
    box.findChild(QAbstractButton, "cancelButton").click()  # 取消: nothing is sent
    qtbot.wait(300)
    assert admin.client.entry(e["id"])["status"] == "dept_approved"

    page.ui.approveButton.click()
    with qtbot.wait_signal(page.decided, timeout=WAIT):
        accept_confirmation(page.confirm_box)
    code = admin.client.entry(e["id"])["resource_code"]
    assert code and code in page.ui.outcomeLabel.text()
    # the queue reloads (the entry left it): the outcome stays until the next decision
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.model.is_loading, timeout=WAIT)
    qtbot.wait(200)
    assert page.ui.outcomeLabel.isVisibleTo(page) and code in page.ui.outcomeLabel.text()


# --- the right words in both languages -------------------------------------------------------


class _Marker(QTranslator):
    """Translates every string into "[EN]…": what still shows Chinese bypassed tr()."""

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str:
        return f"[EN]{source}"


def test_labels_go_through_the_translators(qtbot, make_context, qapp) -> None:
    marker = _Marker(qapp)
    qapp.installTranslator(marker)
    try:
        form = EntryForm(context=make_context("A", Role.REGISTRAR))
        qtbot.addWidget(form)
        ui = form.ui
        ui.formatClassCombo.setCurrentIndex(ui.formatClassCombo.findData("database"))
        texts = [ui.formatTypeCombo.itemText(i) for i in range(ui.formatTypeCombo.count())]
        assert "[EN]达梦Dm" in texts and "[EN]其他" in texts and "达梦Dm" not in texts
        ui.formatTypeCombo.setCurrentIndex(ui.formatTypeCombo.findData("达梦Dm"))
        assert entry_fields.collect(ui, [])["format_type"] == "达梦Dm"  # the stored value
        assert P.show_value(False) == "[EN]否" and P.show_value(True) == "[EN]是"
    finally:
        qapp.removeTranslator(marker)


# --- a submitted entry is legible, read-only, and says why ----------------------------------


def test_a_submitted_entry_opens_read_only_and_legible(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    e = registrar.client.create_entry(entry_body("已提交的目录"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    form = EntryForm(context=registrar, entry_id=e["id"])
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.entry is not None and not form.busy, timeout=WAIT)
    ui = form.ui
    assert form.read_only and ui.readOnlyBanner.isVisible()
    assert "已提交审核，不能修改" in ui.readOnlyBanner.text()
    assert ui.nameEdit.isReadOnly() and ui.nameEdit.isEnabled()  # normal text, not greyed
    assert ui.nameEdit.text() == "已提交的目录"
    for name in entry_fields.TEXT_INPUTS:  # nothing that could pass for a value
        assert getattr(ui, name).placeholderText() == "", name
    combo = ui.shareTypeCombo
    assert not combo.isEnabled()
    palette = combo.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        normal = palette.color(QPalette.ColorGroup.Active, role)
        assert palette.color(QPalette.ColorGroup.Disabled, role) == normal
    assert not ui.saveButton.isVisible() and not ui.submitButton.isVisible()
    assert not ui.addItemButton.isVisible()
    assert ui.codeEdit.placeholderText() == ""

    draft = EntryForm(context=registrar)  # a new entry: editable, hints back
    qtbot.addWidget(draft)
    draft.show()
    assert not draft.read_only and not draft.ui.readOnlyBanner.isVisible()
    assert draft.ui.nameEdit.placeholderText() and not draft.ui.nameEdit.isReadOnly()


# --- lists sort --------------------------------------------------------------------------------


def test_lists_sort_by_header_click(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    for name in ("丙类信息", "甲类信息", "乙类信息"):
        registrar.client.create_entry(entry_body(name), key=new_idempotency_key())
    page = MyEntriesPage(context=registrar)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.model.is_loading, timeout=WAIT)
    header = page.ui.entriesView.horizontalHeader()
    assert page.ui.entriesView.isSortingEnabled()
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    names = [r["name"] for r in page.model.rows()]
    assert names == sorted(names, key=lambda n: ["丙类信息", "甲类信息", "乙类信息"].index(n))
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert [r["name"] for r in page.model.rows()] == list(reversed(names))


# --- the review queue: submitter, time, deadline -----------------------------------------


def test_the_review_queue_shows_submitter_time_and_deadlines(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    e = registrar.client.create_entry(entry_body("待审核的目录"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    page = ReviewPage(context=make_context("A", Role.CATALOG_REVIEWER))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(cells))]
    assert headers[3:] == ["提交人", "提交时间", "审核期限"]
    assert cells[3] and cells[3] != "本人提交"  # someone else submitted it
    entry = registrar.client.entry(e["id"])
    # the submission time in the machine's zone (on 31 December after 16:00 UTC its year is
    # not the platform's Shanghai year)
    assert entry["submitted_at"] and cells[4] == time_text(entry["submitted_at"])
    assert entry["review_due"] and cells[5].startswith(entry["review_due"])  # and days left
    assert "工作日" in cells[5]


def test_change_reports_show_the_platform_deadline(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    e = registrar.client.create_entry(entry_body("变更的目录"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    make_context("A", Role.CATALOG_REVIEWER).client.entry_action(e["id"], "dept-approve")
    admin = make_context("P", Role.PLATFORM_ADMIN)
    admin.client.entry_action(e["id"], "publish")
    effective = clock.today() - timedelta(days=3)
    report = report_change(
        registrar.client, e["id"], effective, "更新周期调整", update_cycle="weekly"
    )
    page = ReviewPage(context=admin)
    qtbot.addWidget(page)
    page.ui.queueCombo.setCurrentIndex(page.ui.queueCombo.findData(REPORT_QUEUE))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    due = page.model.index(0, 3).data()
    if report.get("due"):
        assert due.startswith(str(report["due"]))
    else:
        assert due == "—"
