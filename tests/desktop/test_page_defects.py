"""Defects found in the catalog and share screens (tried as each demo role at 1366×768 and
1920×1080), each fixed and tested here through the widgets against the real platform:
to-dos open their object; dialogs fit 1366×728 with their buttons visible; decisions are
confirmed and their outcome lasts; no English (or untranslated Chinese) in the wrong language;
read-only entries are legible; tables fit and sort; the review queue says who submitted and
when; the grants page opens on content and the share lists search."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTranslator
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableView, QWidget

from govshare_core.vocab import DisputeStatus, Role, ShareType
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop import i18n
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog import entry_fields
from govshare_desktop.catalog.change_report import ChangeReportDialog, ItemsDialog
from govshare_desktop.catalog.entry_form import EntryForm, EntryFormDialog
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.pages import page_specs as catalog_specs
from govshare_desktop.catalog.review import REPORT_QUEUE, ReasonDialog, ReviewPage
from govshare_desktop.common.confirm import accept_confirmation
from govshare_desktop.common.conflict import ConflictDialog, differing_fields
from govshare_desktop.common.paged_model import LOAD_ALL_LIMIT, Column, PagedTableModel
from govshare_desktop.common.sizing import SMALLEST_SCREEN, fit_to_screen
from govshare_desktop.common.tables import text_width
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.detail import detail_html
from govshare_desktop.requests.dialogs import DecisionDialog
from govshare_desktop.requests.dialogs import ReasonDialog as ShareReasonDialog
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.pages import page_specs as request_specs
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_desktop.shell.pages import TODO_TARGETS
from govshare_desktop.store.local import OutboxItem
from tests.desktop.catalog.test_entry_form import fill_valid
from tests.desktop.catalog_support import entry_body
from tests.desktop.conftest import LiveServer
from tests.desktop.requests.test_grants_page import active_grants
from tests.desktop.requests_support import api, publish_entry
from tests.desktop.shell.test_todos import CASES, Case, Http, provider_approved

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_translations  # noqa: E402

WAIT = 10_000
OFFICE = QRect(0, 0, SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height())
LONG = "南通市人力资源和社会保障局关于城乡居民基本养老保险待遇领取资格认证的说明" * 3


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "en":
        build_translations.release("en", tmp_path / "govshare_en.qm")
        monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "zh_CN")


def pages(context: Any) -> dict[str, Any]:
    return {s.key: s.factory for s in [*catalog_specs(), *request_specs()]}


def selected_id(page: QWidget) -> set[int]:
    """The ids (and request ids) of the current rows of the page's visible lists."""
    found: set[int] = set()
    for view in page.findChildren(QTableView):
        model, index = view.model(), view.currentIndex()
        if view.isVisibleTo(page) and index.isValid() and hasattr(model, "row_data"):
            row = model.row_data(index.row())
            found.update(int(row[k]) for k in ("id", "request_id") if row.get(k) is not None)
    return found


def outbox_item(body: dict[str, Any], label: str) -> OutboxItem:
    """A queued entry update that met a 412 (for the compare view)."""
    return OutboxItem(
        seq=1,
        idempotency_key="k",
        method="PUT",
        path="/api/v1/catalog/entries/1",
        body=body,
        if_match=1,
        label=label,
        state="conflict",
        last_error=None,
        draft_kind=None,
        draft_key=None,
    )


# --- 1. to-dos open their object, selected, with its detail ---------------------------------


def agreement_pending(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> int:
    request_id = provider_approved(server)
    Http(server, "P", Role.PLATFORM_ADMIN).post(
        f"/requests/{request_id}/platform-decision", {"approve": True}
    )
    return request_id


ALL_CASES = [*CASES, Case("agreement_pending", agreement_pending, "P", Role.PLATFORM_ADMIN)]


def test_every_kind_of_todo_has_a_case() -> None:
    assert {c.kind for c in ALL_CASES} == set(TODO_TARGETS)


def detail_shown(page: QWidget, object_id: int) -> bool:
    """The page shows the object's detail (its own way)."""
    if isinstance(page, MyEntriesPage):  # the entry opens in its form, with the reason
        dialog = page.last_dialog
        form = dialog.form if dialog is not None else None
        return form is not None and form.entry is not None and form.entry["id"] == object_id
    if isinstance(page, ReviewPage):
        return page.current is not None and page.ui.diffTable.rowCount() > 0
    if isinstance(page, RequestsPage):
        return page.detail is not None and int(page.detail["id"]) == object_id
    if isinstance(page, GrantsPage):
        grant = page.current_grant()
        return grant is not None and int(grant["request_id"]) == object_id
    raise AssertionError(page)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.kind)
def test_show_object_selects_the_todo_object_and_shows_it(
    qtbot, live_server: LiveServer, make_context, monkeypatch, case: Case
) -> None:
    object_id = case.make(live_server, monkeypatch)
    context = make_context(case.dept, case.role)
    page = pages(context)[TODO_TARGETS[case.kind].page](context)
    qtbot.addWidget(page)
    page.show()
    assert page.show_object(case.kind, object_id) is True
    qtbot.waitUntil(lambda: object_id in selected_id(page), timeout=WAIT)
    qtbot.waitUntil(lambda: detail_shown(page, object_id), timeout=WAIT)
    if isinstance(page, MyEntriesPage) and page.last_dialog is not None:
        page.last_dialog.close()


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


def test_pages_refresh_focus_their_search_and_save_drafts(qtbot, make_context) -> None:
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

    for key in ("grants", "requests.inbox"):
        admin = make_context("A", Role.RESOURCE_ADMIN)
        page = pages(admin)[key](admin)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # noqa: B023
        page.focus_search()
        assert QApplication.focusWidget() is page.ui.searchEdit, key
        page.refresh()


# --- 2. every dialog fits 1366×728 with its buttons visible --------------------------------


def largest(widget: QWidget) -> QSize:
    return widget.size().expandedTo(widget.minimumSizeHint()).expandedTo(widget.minimumSize())


def assert_fits(dialog: QWidget, buttons: list[QAbstractButton], what: str) -> None:
    fit_to_screen(dialog, type(dialog).PREFERRED_SIZE, OFFICE)
    dialog.show()
    QApplication.processEvents()
    size = largest(dialog)
    assert size.width() <= OFFICE.width() and size.height() <= OFFICE.height(), (what, size)
    for button in buttons:
        assert button.isVisible(), (what, button.objectName())
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert dialog.rect().contains(where), (what, button.objectName(), where, dialog.size())


def test_every_dialog_at_its_largest_fits_with_its_buttons(
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
    assert_fits(entry, [ui.saveButton, ui.submitButton, ui.closeButton], "entry form")

    published = {**entry_body("户籍人口信息"), "id": 1, "resource_code": "311010/000001"}
    report = ChangeReportDialog(context=registrar, entry=published, changes={})
    qtbot.addWidget(report)
    report.send()  # no change, no description: both errors shown
    report.ui.statusLabel.setText(LONG)
    assert_fits(report, [report.ui.sendButton, report.ui.cancelButton], "change report")

    items = ItemsDialog(items=[{"name": f"项{n}", "data_type": "C"} for n in range(40)])
    qtbot.addWidget(items)
    assert_fits(items, [items.ui.okButton, items.ui.cancelButton], "items")

    body = {**entry_body("冲突"), "summary": LONG}
    item = outbox_item(body, LONG)
    theirs = {k: (v if not isinstance(v, str) else v + "（服务器）") for k, v in body.items()}
    conflict = ConflictDialog(item=item, server_object=theirs)
    qtbot.addWidget(conflict)
    cui = conflict.ui
    assert_fits(conflict, [cui.keepMineButton, cui.takeTheirsButton, cui.mergeButton], "conflict")

    reason = ReasonDialog(title="退回目录", prompt=LONG)
    qtbot.addWidget(reason)
    assert_fits(reason, list(reason.buttons.buttons()), "catalog reason")

    admin = make_context("A", Role.RESOURCE_ADMIN)
    decision = DecisionDialog(context=admin, summary=LONG, send=lambda body, done: None)
    qtbot.addWidget(decision)
    decision.choose(approve=False, comment="")
    decision.ui.okButton.click()  # no ground: the error shows
    assert decision.error_text
    assert_fits(decision, [decision.ui.okButton, decision.ui.cancelButton], "decision")

    share_reason = ShareReasonDialog(
        context=admin, title="撤销授权", prompt=LONG, send=lambda body, done: None
    )
    qtbot.addWidget(share_reason)
    share_reason.ui.okButton.click()
    assert_fits(
        share_reason, [share_reason.ui.okButton, share_reason.ui.cancelButton], "share reason"
    )

    applicant = make_context("B", Role.APPLICANT)
    not_shared = {
        **entry_body("不予共享的目录"),
        "id": 1,
        "share_type": "not_shared",
        "department_name": LONG[:40],
        "data_items": [{"name": f"信息项{n}", "data_type": "C"} for n in range(30)],
    }
    request = RequestFormDialog(context=applicant, entry=not_shared)
    qtbot.addWidget(request)
    request.set_values(request.values().__class__(data_items=[]))
    request.validate()  # every field's message
    request.ui.resultLabel.setText(LONG)
    request.ui.resultLabel.show()
    assert request.ui.citationGroup.isVisibleTo(request)
    rui = request.ui
    assert_fits(request, [rui.submitButton, rui.closeButton], "request form")


# --- 3. decisions are confirmed; the outcome lasts and names the resource code -------------


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


def test_a_revocation_outcome_survives_the_reload(
    qtbot, live_server: LiveServer, make_context
) -> None:
    active_grants(live_server, days=100)
    page = GrantsPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    model = page.models["given"]
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    page.select("given", 0)
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        page.ui.revokeButton.click()
    dialog = opened.args[0]
    dialog.set_reason("超出约定范围使用")
    dialog.ui.okButton.click()
    assert "不能撤销" in dialog.confirm_box.text()
    with qtbot.wait_signal(page.revoked, timeout=WAIT):
        accept_confirmation(dialog.confirm_box)
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() == 2, timeout=WAIT)
    qtbot.wait(200)
    assert "已撤销授权" in page.ui.statusLabel.text()


# --- 4. the right words in both languages ----------------------------------------------------


def test_dispute_status_uses_the_vocab_label(qapp) -> None:
    detail = {
        "id": 7,
        "entry_name": "户籍",
        "provider_department_id": 2,
        "consumer_department_id": 3,
        "status": "disputed",
        "disputes": [{"reason": "法定职责所需", "status": "open"}],
        "share_mode": "query",
    }
    html = detail_html(detail, {}, date.today(), calendar=WorkdayCalendar())
    assert "（open）" not in html and DisputeStatus.OPEN.label_zh in html
    assert "共享方式" in html and "共享模式" not in html


def test_the_conflict_view_lists_only_real_differences(qapp) -> None:
    mine = {"name": "甲", "involves_state_secret": False, "class_detail": None}
    theirs = {"name": "乙"}  # the platform never returns 涉及国家秘密 (第六条)
    assert [c.field for c in differing_fields(mine, theirs)] == ["name"]
    assert [c.field for c in differing_fields({**mine, "involves_state_secret": True}, theirs)] == [
        "name",
        "involves_state_secret",
    ]


def test_the_conflict_header_fits_being_online_or_offline(qtbot) -> None:
    item = outbox_item({"name": "甲"}, "修改目录")
    dialog = ConflictDialog(item=item, server_object={"name": "乙", "version": 2})
    qtbot.addWidget(dialog)
    text = dialog.ui.headerLabel.text()
    assert "离线" not in text and "其他人已修改了此对象" in text


def test_switching_to_approve_clears_the_ground_message(qtbot, make_context) -> None:
    dialog = DecisionDialog(
        context=make_context("A", Role.RESOURCE_ADMIN), summary="申请", send=lambda b, d: None
    )
    qtbot.addWidget(dialog)
    dialog.choose(approve=False)
    dialog.ui.okButton.click()
    assert "法定事由" in dialog.error_text
    dialog.ui.approveRadio.setChecked(True)
    assert dialog.error_text == ""


def test_one_term_for_share_mode_in_the_desktop() -> None:
    desktop = ROOT / "govshare_desktop"
    sources = [*desktop.rglob("*.py"), *desktop.rglob("*.ui")]
    offenders = [str(p) for p in sources if "共享模式" in p.read_text(encoding="utf-8")]
    assert offenders == []


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
        from govshare_desktop.catalog import presenter as P

        assert P.show_value(False) == "[EN]否" and P.show_value(True) == "[EN]是"
    finally:
        qapp.removeTranslator(marker)


# --- 5. a submitted entry is legible, read-only, and says why -------------------------------


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


# --- 6. tables fit their contents and sort ----------------------------------------------------


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


def test_a_long_list_is_not_sorted_half_loaded(qtbot) -> None:
    rows = [{"name": f"n{i:05d}"} for i in range(LOAD_ALL_LIMIT + 10)]

    def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        return rows[offset : offset + limit], len(rows)

    model = PagedTableModel(fetch_page=fetch, columns=[Column("name", "名称")], page_size=50)
    with qtbot.wait_signal(model.page_loaded, timeout=WAIT):
        model.reset()
    with qtbot.wait_signal(model.sort_unavailable) as refused:
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert "过长" in refused.args[0] and model.row_data(0)["name"] == "n00000"

    short = rows[:120]
    model.reset(lambda o, n: (short[o : o + n], len(short)))
    qtbot.waitUntil(lambda: not model.is_loading, timeout=WAIT)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # loads the rest, then sorts it all
    qtbot.waitUntil(lambda: model.rowCount() == 120 and not model.is_loading, timeout=WAIT)
    assert model.row_data(0)["name"] == "n00119"


def test_columns_fit_their_contents(qtbot, live_server: LiveServer, make_context) -> None:
    publish_entry(live_server, "A", share_type="conditional")
    page = ShareCatalogPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(page)
    page.resize(1366 - 220, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    qtbot.wait(100)
    view = page.ui.tableView
    dept = page.model.row_data(0)["department_name"]
    assert view.columnWidth(2) >= text_width(view, [dept])  # 提供部门 in full
    share = i18n.label(ShareType.CONDITIONAL)
    assert view.columnWidth(3) >= text_width(view, [share])  # not "有条…"
    assert view.columnWidth(5) < 160  # 更新周期 no longer takes the rest
    assert not view.horizontalHeader().stretchLastSection()


def test_the_english_inbox_keeps_the_requesting_department_at_1366(
    qtbot, live_server: LiveServer, make_context, language: str
) -> None:
    page = RequestsPage.inbox(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    page.resize(1366 - 200 - 30, 640)  # beside the navigation, maximised at 1366×768
    page.show()
    QApplication.processEvents()
    page.column_dropper.apply()
    assert not page.ui.tableView.isColumnHidden(2), language


# --- 7. the review queue: submitter, time, deadline -----------------------------------------


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
    assert cells[4].startswith(str(date.today().year))
    assert cells[5] == "—"  # the platform gives no entry review deadline (yet)


def test_change_reports_show_the_platform_deadline(qtbot, make_context) -> None:
    registrar = make_context("A", Role.REGISTRAR)
    e = registrar.client.create_entry(entry_body("变更的目录"), key=new_idempotency_key())
    registrar.client.entry_action(e["id"], "submit")
    make_context("A", Role.CATALOG_REVIEWER).client.entry_action(e["id"], "dept-approve")
    admin = make_context("P", Role.PLATFORM_ADMIN)
    admin.client.entry_action(e["id"], "publish")
    effective = date.today() - timedelta(days=3)
    report = registrar.client.post(
        f"/api/v1/catalog/entries/{e['id']}/change-reports",
        {
            "effective_date": effective.isoformat(),
            "description": "更新周期调整",
            "changes": {"update_cycle": "weekly"},
        },
        key=new_idempotency_key(),
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


# --- 8. grants: a tab with content or an empty-state text; search ----------------------------


def test_the_platform_admin_opens_grants_on_content(
    qtbot, live_server: LiveServer, make_context
) -> None:
    empty = GrantsPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitUntil(lambda: not empty.models["all"].is_loading, timeout=WAIT)
    assert empty.current_side() == "all"
    assert (
        empty.ui.emptyLabel.isVisible() and "授权将按信息项列在这里" in empty.ui.emptyLabel.text()
    )

    active_grants(live_server, days=100)
    page = GrantsPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.models["all"].rowCount() == 2, timeout=WAIT)
    assert page.current_side() == "all" and not page.ui.emptyLabel.isVisible()

    applicant = GrantsPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(applicant)
    applicant.show()
    qtbot.waitUntil(lambda: applicant.models["received"].rowCount() == 2, timeout=WAIT)
    assert applicant.current_side() == "received"


def test_grants_and_inbox_search(qtbot, live_server: LiveServer, make_context) -> None:
    active_grants(live_server, days=100)
    page = GrantsPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(page)
    page.show()
    model = page.models["received"]
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    page.ui.searchEdit.setText("公民身份")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
    page.ui.searchEdit.setText("不存在的资源")
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=WAIT)
    assert "不存在的资源" in page.ui.emptyLabel.text()
    page.ui.searchEdit.setText("")
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)

    entry = publish_entry(live_server, "A", name="婚姻登记信息")
    client = api(live_server, "B", Role.APPLICANT)
    from tests.desktop.requests_support import request_body

    created = client.create_request(request_body(entry), key=None)  # type: ignore[arg-type]
    client.request_action(created["id"], "submit")
    inbox = RequestsPage.inbox(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    inbox.ui.searchEdit.setText("民政")  # the requesting department
    qtbot.waitUntil(lambda: "筛选出 1 条" in inbox.ui.statusLabel.text(), timeout=WAIT)
    inbox.ui.searchEdit.setText("不动产")
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=WAIT)
