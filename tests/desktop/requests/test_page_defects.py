"""Defects found in the share screens (tried as each demo role at 1366×768 and 1920×1080), each
fixed and tested here through the widgets against the real platform: pages focus their search;
dialogs fit 1366×728 with their buttons visible; a revocation's outcome lasts; the right words
in both languages; tables fit; the grants page opens on content and the share lists search."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from govshare_core.vocab import DisputeStatus, Role, ShareType
from govshare_core.workdays import WorkdayCalendar
from govshare_desktop import i18n
from govshare_desktop.common.tables import text_width
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.detail import detail_html
from govshare_desktop.requests.dialogs import DecisionDialog, ReasonDialog
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.pages import page_specs
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_platform import clock
from tests.desktop.catalog_support import entry_body
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import LONG, accept_confirmation, assert_dialog_fits
from tests.desktop.requests.test_grants_page import active_grants
from tests.desktop.requests_support import api, publish_entry, request_body

WAIT = 10_000


def test_share_pages_focus_their_search_and_refresh(qtbot, make_context) -> None:
    factories = {s.key: s.factory for s in page_specs()}
    for key in ("grants", "requests.inbox"):
        admin = make_context("A", Role.RESOURCE_ADMIN)
        page = factories[key](admin)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # noqa: B023
        page.focus_search()
        assert QApplication.focusWidget() is page.ui.searchEdit, key
        page.refresh()


# --- every dialog fits 1366×728 with its buttons visible ------------------------------------


def test_every_share_dialog_at_its_largest_fits_with_its_buttons(
    qtbot, make_context, language: str
) -> None:
    admin = make_context("A", Role.RESOURCE_ADMIN)
    decision = DecisionDialog(context=admin, summary=LONG, send=lambda body, done: None)
    qtbot.addWidget(decision)
    decision.choose(approve=False, comment="")
    decision.ui.okButton.click()  # no ground: the error shows
    assert decision.error_text
    assert_dialog_fits(decision, [decision.ui.okButton, decision.ui.cancelButton], "decision")

    reason = ReasonDialog(context=admin, title="撤销授权", prompt=LONG, send=lambda b, d: None)
    qtbot.addWidget(reason)
    reason.ui.okButton.click()
    assert_dialog_fits(reason, [reason.ui.okButton, reason.ui.cancelButton], "share reason")

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
    assert_dialog_fits(request, [rui.submitButton, rui.closeButton], "request form")


# --- a decision's outcome lasts ----------------------------------------------------------------


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


# --- the right words in both languages -------------------------------------------------------


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
    html = detail_html(detail, {}, clock.today(), calendar=WorkdayCalendar())
    assert "（open）" not in html and DisputeStatus.OPEN.label_zh in html
    assert "共享方式" in html and "共享模式" not in html


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


# --- tables fit their contents -----------------------------------------------------------------


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


# --- grants: a tab with content or an empty-state text; search ----------------------------


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
    created = client.create_request(request_body(entry), key=None)  # type: ignore[arg-type]
    client.request_action(created["id"], "submit")
    inbox = RequestsPage.inbox(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    inbox.ui.searchEdit.setText("民政")  # the requesting department
    qtbot.waitUntil(lambda: "筛选出 1 条" in inbox.ui.statusLabel.text(), timeout=WAIT)
    inbox.ui.searchEdit.setText("不动产")
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 0, timeout=WAIT)
