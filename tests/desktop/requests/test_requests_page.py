"""Share requests through the UI against a real platform: the full request → provider approval →
platform approval → agreement round trip, rejection grounds, dispute and mediation, withdrawal,
drafts (the offline queue: test_sync.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from govshare_core import clock as core_clock
from govshare_core.vocab import RequestStatus, Role
from govshare_core.workdays import add_working_days, working_days_left
from govshare_desktop.api import actions
from govshare_desktop.common import policy
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.deadlines import review_deadline_info
from govshare_desktop.requests.dialogs import DecisionDialog, ReasonDialog
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_platform import clock
from tests.desktop.agreements_support import sign_all_parties
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api, publish_entry, submitted_request
from tests.desktop.sync_support import go_offline

WAIT = 8000


def open_requests(qtbot, page: RequestsPage, request_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Wait for the request in the list, select it, return its loaded detail."""
    qtbot.waitUntil(lambda: page.row_index(request_id) >= 0, timeout=WAIT)
    with qtbot.wait_signal(page.detail_loaded, timeout=WAIT) as blocker:
        page.select_request(request_id)
    return dict(blocker.args[0])


def provisional_mark(request: dict[str, Any]) -> str:
    """The mark after the working days left of a deadline in a year without an official
    schedule (2027 on, until chinesecalendar has it): it depends on the date the test runs."""
    return "（暂定）" if request["review_due_provisional"] else ""


def open_dialog(qtbot, page: RequestsPage, button):  # type: ignore[no-untyped-def]
    """Click an action button; the dialog it opens."""
    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return opened.args[0]


def act_in_dialog(qtbot, page: RequestsPage, button, fill) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Click an action button, fill the dialog it opens, press OK; the platform's answer."""
    dialog = open_dialog(qtbot, page, button)
    fill(dialog)
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
        if dialog.confirm_box is not None:  # a decision: confirmed before it is sent
            accept_confirmation(dialog.confirm_box)
    return dict(done.args[1])


def inbox(make_context, qtbot, dept: str, role: Role, filter_text: str | None = None):  # type: ignore[no-untyped-def]
    page = RequestsPage.inbox(context=make_context(dept, role))
    qtbot.addWidget(page)
    if filter_text is not None:
        page.ui.filterCombo.setCurrentIndex(page.ui.filterCombo.findText(filter_text))
    return page


def test_request_provider_platform_agreement_round_trip_through_the_ui(
    live_server: LiveServer, make_context, qtbot, qtmodeltester, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    publish_entry(live_server, "A")  # 有条件共享, provided by 公安局 (A)

    # --- the applicant (民政局, B) finds it and fills the form ---
    applicant = make_context("B", Role.APPLICANT)
    catalog = ShareCatalogPage(context=applicant)
    qtbot.addWidget(catalog)
    qtbot.waitUntil(lambda: len(catalog.model.rows()) == 1, timeout=WAIT)
    with qtbot.wait_signal(catalog.entry_loaded, timeout=WAIT):
        catalog.select_row(0)
    with qtbot.wait_signal(catalog.request_dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(catalog.ui.applyButton, Qt.MouseButton.LeftButton)
    form: RequestFormDialog = opened.args[0]
    assert form.ui.endDateEdit.calendarPopup()
    assert not form.ui.citationGroup.isVisible()  # only for 不予共享 entries

    qtbot.mouseClick(form.ui.submitButton, Qt.MouseButton.LeftButton)  # empty: refused inline
    assert form.error_text("business") == "应用业务不能为空"
    assert form.error_text("reason") == "申请理由不能为空"
    assert form.outcome is None

    form.ui.itemsList.item(2).setCheckState(Qt.CheckState.Unchecked)  # only what is needed
    form.ui.businessEdit.setText("低保资格审核中的户籍核验")
    form.ui.usersEdit.setText("社会救助科审核人员")
    form.ui.reasonEdit.setPlainText("依《社会救助暂行办法》核对申请人户籍，属本局法定职责")
    qtbot.waitUntil(
        lambda: applicant.store.load_draft("request", form.draft_key) is not None, timeout=WAIT
    )
    with qtbot.wait_signal(form.submitted, timeout=WAIT) as sent:
        qtbot.mouseClick(form.ui.submitButton, Qt.MouseButton.LeftButton)
    detail = sent.args[0]
    assert detail["status"] == "submitted"
    assert detail["data_items"] == ["姓名", "公民身份号码"]
    assert "个工作日" in form.ui.resultLabel.text() and "第二十七条" in form.ui.resultLabel.text()
    assert applicant.store.load_draft("request", form.draft_key) is None  # sent: draft gone
    request_id = int(detail["id"])

    # --- the provider's resource admin (公安局, A) decides in the inbox ---
    provider = inbox(make_context, qtbot, "A", Role.RESOURCE_ADMIN)
    qtmodeltester.check(provider.model)
    seen = open_requests(qtbot, provider, request_id)
    assert seen["business"] == "低保资格审核中的户籍核验"
    row = provider.model.row_data(provider.row_index(request_id))
    assert row["consumer_department_name"] == "南通市民政局" and "个工作日" in row["_deadline"]
    assert "低保资格审核中的户籍核验" in provider.ui.detailBrowser.toPlainText()
    assert provider.ui.decideButton.isVisibleTo(provider)

    def approve(dialog: DecisionDialog) -> None:
        dialog.choose(approve=True, comment="同意，按最小必要原则使用")

    answer = act_in_dialog(qtbot, provider, provider.ui.decideButton, approve)
    assert answer["status"] == "provider_approved"

    # --- the platform admin consents; the three parties sign the agreement (第三十条) ---
    platform = inbox(make_context, qtbot, "P", Role.PLATFORM_ADMIN, "待平台审核")
    open_requests(qtbot, platform, request_id)
    answer = act_in_dialog(qtbot, platform, platform.ui.decideButton, approve)
    assert answer["status"] == "awaiting_agreement"

    platform.ui.filterCombo.setCurrentIndex(platform.ui.filterCombo.findText("待签署保密协议"))
    open_requests(qtbot, platform, request_id)
    assert not platform.ui.decideButton.isVisibleTo(platform)  # signed on the 待签协议 page
    signed = sign_all_parties(live_server, make_context, request_id, tmp_path / "keys")
    assert signed["status"] == "completed"

    # --- grants appear for both departments ---
    received = GrantsPage(context=applicant)
    qtbot.addWidget(received)
    qtbot.waitUntil(lambda: received.models["received"].rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(received.models["received"])
    items = {r["data_item"] for r in received.models["received"].rows()}
    assert items == {"姓名", "公民身份号码"}
    assert received.ui.revokeButton.isHidden()  # the consumer's applicant cannot revoke
    given = GrantsPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(given)
    qtbot.waitUntil(lambda: given.models["given"].rowCount() == 2, timeout=WAIT)
    assert given.models["given"].rows()[0]["consumer_department_name"] == "南通市民政局"

    # --- my requests: state and history ---
    mine = RequestsPage.mine(context=applicant)
    qtbot.addWidget(mine)
    qtmodeltester.check(mine.model)
    final = open_requests(qtbot, mine, request_id)
    assert final["status"] == "active"
    # RequestStatus labels come from govshare_core.vocab ("已授权" once its label table keys by
    # enum type: today GrantStatus.ACTIVE's "有效" overwrites it, both being "active")
    shown = mine.model.index(mine.row_index(request_id), 3).data()
    assert shown == RequestStatus.ACTIVE.label_zh
    actions = [mine.events_model.index(r, 1).data() for r in range(mine.events_model.rowCount())]
    assert actions[-3:] == ["提供方同意", "平台同意", "三方保密协议签署完成"]
    qtmodeltester.check(mine.events_model)


def test_reject_needs_a_ground_then_dispute_and_mediation(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(live_server, "A")
    request_id = int(submitted_request(live_server, entry)["id"])

    provider = inbox(make_context, qtbot, "A", Role.RESOURCE_ADMIN)
    open_requests(qtbot, provider, request_id)
    dialog: DecisionDialog = open_dialog(qtbot, provider, provider.ui.decideButton)
    dialog.choose(approve=False, comment="不同意")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert "第二十二条" in dialog.error_text and "法定事由" in dialog.error_text
    assert dialog.isVisible() and dialog.answer is None  # refused in the dialog, nothing sent
    assert api(live_server, "B", Role.APPLICANT).share_request(request_id)["status"] == "submitted"

    dialog.choose(approve=False, ground="not_duty_related", comment="申请用途与其职责无关")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text == ""
    assert "不能撤销" in dialog.confirm_box.text() and "与履行职责无关" in dialog.confirm_box.text()
    with qtbot.wait_signal(provider.action_done, timeout=WAIT) as done:
        accept_confirmation(dialog.confirm_box)
    assert done.args[1]["status"] == "provider_rejected"
    assert done.args[1]["rejection_ground"] == "not_duty_related"

    # the applicant disputes (第二十五条)
    mine = RequestsPage.mine(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(mine)
    open_requests(qtbot, mine, request_id)
    assert "申请与履行职责无关" in mine.ui.detailBrowser.toPlainText()

    def dispute(d: ReasonDialog) -> None:
        d.set_reason("")
        qtbot.mouseClick(d.ui.okButton, Qt.MouseButton.LeftButton)
        assert d.error_text == "理由不能为空"  # govshare_core.validation.validate_reason
        d.set_reason("核验户籍是低保审核的法定环节")

    answer = act_in_dialog(qtbot, mine, mine.ui.disputeButton, dispute)
    assert answer["status"] == "disputed"

    # the platform admin mediates and overturns
    platform = inbox(make_context, qtbot, "P", Role.PLATFORM_ADMIN, "争议待协调")
    open_requests(qtbot, platform, request_id)

    def overturn(d: DecisionDialog) -> None:
        assert d.mediation and d.ui.groundCombo.isHidden()
        d.choose(approve=True, comment="属法定职责所需，撤销拒绝")

    answer = act_in_dialog(qtbot, platform, platform.ui.mediateButton, overturn)
    assert answer["status"] == "provider_approved"
    assert answer["disputes"][0]["status"] == "overturned"


def test_withdraw_from_my_requests(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(live_server, "A")
    request_id = int(submitted_request(live_server, entry)["id"])
    mine = RequestsPage.mine(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(mine)
    open_requests(qtbot, mine, request_id)
    assert mine.ui.withdrawButton.isVisibleTo(mine)
    assert not mine.ui.disputeButton.isVisibleTo(mine)
    with qtbot.wait_signal(mine.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(mine.ui.withdrawButton, Qt.MouseButton.LeftButton)
    box: QMessageBox = opened.args[0]
    assert f"#{request_id}" in box.text()  # names the request
    with qtbot.wait_signal(mine.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    assert done.args[1]["status"] == "withdrawn"
    assert not mine.ui.withdrawButton.isVisibleTo(mine)


def test_draft_is_autosaved_and_continued(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(live_server, "A")
    applicant = make_context("B", Role.APPLICANT)
    form = RequestFormDialog(
        context=applicant, entry=api(live_server, "B", Role.APPLICANT).entry(entry["id"])
    )
    qtbot.addWidget(form)
    form.ui.businessEdit.setText("婚姻登记信息核验")
    with qtbot.wait_signal(form.autosave.saved, timeout=WAIT):
        pass
    assert "草稿已自动保存" in form.ui.draftStatusLabel.text()
    form.close()

    mine = RequestsPage.mine(context=applicant)
    qtbot.addWidget(mine)
    qtbot.waitUntil(lambda: mine.ui.draftsList.count() == 1, timeout=WAIT)
    mine.ui.draftsList.setCurrentRow(0)
    assert mine.ui.continueDraftButton.isEnabled()
    with qtbot.wait_signal(mine.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(mine.ui.continueDraftButton, Qt.MouseButton.LeftButton)
    again: RequestFormDialog = opened.args[0]
    assert again.draft_key == form.draft_key
    assert again.ui.businessEdit.text() == "婚姻登记信息核验"


def test_days_left_shown_are_the_platforms_with_the_admins_override(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """The platform admin takes a working day out of the calendar: the provider's inbox shows
    the platform's `working_days_left`, one fewer than the official schedule alone gives; a
    cached row without it is counted with the cached overrides, to the same number."""
    submitted = submitted_request(live_server, publish_entry(live_server, "A"))
    today, due = clock.today(), date.fromisoformat(submitted["review_due"])
    official = working_days_left(today, due)
    assert official is not None and official > 0
    closed = add_working_days(today, 1)  # the next working day, before the deadline
    admin = api(live_server, "P", Role.PLATFORM_ADMIN)
    admin.request(
        "PUT",
        f"{actions.workday_overrides_path()}/{closed.isoformat()}",
        json={"day": closed.isoformat(), "working": False, "note": "停电检修"},
    )
    provider = make_context("A", Role.RESOURCE_ADMIN)
    platform_left = provider.client.share_request(int(submitted["id"]))["working_days_left"]
    assert platform_left == official - 1

    page = RequestsPage.inbox(context=provider)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.row_index(int(submitted["id"])) >= 0, timeout=WAIT)
    row = page.model.row_data(page.row_index(int(submitted["id"])))
    assert row["_days_left"] == platform_left
    assert row["_left"] == str(platform_left) + provisional_mark(submitted)

    # a cached row from before the platform sent `working_days_left`: counted here with the
    # platform's calendar (the cached overrides), never the official schedule alone
    policy.fetch(provider)
    old_row = {k: v for k, v in submitted.items() if k not in ("due", "working_days_left")}
    info = review_deadline_info(old_row, today, calendar=policy.calendar(provider))
    assert info.days_left == platform_left


def test_offline_days_left_are_counted_for_the_day_shown(
    live_server: LiveServer,
    proxy: FaultProxy,
    make_context,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    """The inbox cached online, shown offline two working days later: the working days left are
    counted for that day from the cached `due`, with the cached calendar (the admin's closed
    day included), not the count cached with the rows."""
    submitted = submitted_request(live_server, publish_entry(live_server, "A"))
    request_id, today = int(submitted["id"]), clock.today()  # the platform's day (Shanghai)
    due = date.fromisoformat(submitted["due"])
    closed = add_working_days(today, 3)  # before the deadline (5 working days after today)
    api(live_server, "P", Role.PLATFORM_ADMIN).request(
        "PUT",
        f"{actions.workday_overrides_path()}/{closed.isoformat()}",
        json={"day": closed.isoformat(), "working": False, "note": "停电检修"},
    )
    provider = make_context("A", Role.RESOURCE_ADMIN, url=proxy.url)
    policy.fetch(provider)  # after sign-in the shell caches the calendar
    page = RequestsPage.inbox(context=provider)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.row_index(request_id) >= 0, timeout=WAIT)
    cached_left = page.model.row_data(page.row_index(request_id))["_days_left"]
    qtbot.waitUntil(lambda: provider.store.cache_get(page.cache_name) is not None, timeout=WAIT)

    later = add_working_days(today, 2)
    monkeypatch.setattr(core_clock, "today", lambda now=None: later)  # the desktop's day
    go_offline(qtbot, provider.sync, proxy)
    page.refresh()
    qtbot.waitUntil(lambda: "离线" in page.ui.statusLabel.text(), timeout=WAIT)
    row = page.model.row_data(page.row_index(request_id))
    left = working_days_left(later, due, calendar=policy.calendar(provider))
    assert row["_days_left"] == left == cached_left - 2
    assert row["_left"] == str(left) + provisional_mark(submitted)
    assert left == (working_days_left(later, due) or 0) - 1  # the closed day does not count
