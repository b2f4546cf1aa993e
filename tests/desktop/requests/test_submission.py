"""Submitting a share request through the form against a real platform: when the platform
creates the request but refuses its submission, the form and its draft (across a restart)
remember the request, and the corrected submission submits that request, never a second one;
a create whose answer was lost is never made twice (its idempotency key is in the draft)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from govshare_core.vocab import Role
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.requests_support import publish_entry
from tests.desktop.sync_support import requests_for

WAIT = 10_000
CREATES = "/api/v1/requests"


def new_form(qtbot, applicant, entry: dict[str, Any], business: str, end: date):  # type: ignore[no-untyped-def]
    """The applicant's request form for `entry`, filled in (as fetched through the proxy)."""
    form = RequestFormDialog(context=applicant, entry=applicant.client.entry(entry["id"]))
    qtbot.addWidget(form)
    fill(form, business, end)
    return form


def fill(form: RequestFormDialog, business: str, end: date) -> None:
    form.ui.businessEdit.setText(business)
    form.ui.usersEdit.setText("社会救助科审核人员")
    form.ui.reasonEdit.setPlainText("依《社会救助暂行办法》核对申请人户籍，属本局法定职责")
    form.ui.endDateEdit.setDate(QDate(end.year, end.month, end.day))


def creates(proxy: FaultProxy) -> int:
    """POSTs that create a request (not its submission) the platform was sent."""
    return len([s for s in proxy.requests("POST") if s.path == CREATES])


def test_a_refused_submission_is_corrected_and_submits_the_same_request(
    live_server: LiveServer,
    proxy: FaultProxy,
    make_context,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    """(Dates are the platform's, Asia/Shanghai: `clock.today()`, never the machine's.)
    The draft is sent just before the platform's midnight: the request is created, and by
    its submission the requested end of use (tomorrow) is no longer after the platform's today
    (第二十八条's 截止时间): refused. Corrected in the draft reopened after a restart, it is
    submitted; the platform holds one request."""
    entry = publish_entry(live_server, "A")
    applicant = make_context("B", Role.APPLICANT, url=proxy.url)
    business = "低保复核户籍核验（跨日提交）"
    form = new_form(qtbot, applicant, entry, business, clock.today() + timedelta(days=1))

    proxy.delay(1500, count=1, match="/submit")  # the submission arrives after midnight
    qtbot.mouseClick(form.ui.submitButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(proxy.requests("POST", "/submit")), timeout=WAIT)
    tomorrow = clock.today() + timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: tomorrow)
    qtbot.waitUntil(lambda: form.error_text("end_date") != "", timeout=WAIT)
    assert "截止时间" in form.error_text("end_date") and form.outcome is None
    assert requests_for(live_server, business) == 1
    request_id = int(applicant.client.requests(side="consumer")["items"][0]["id"])
    assert form.request is not None and form.request["id"] == request_id
    assert f"申请 #{request_id} 已在共享平台上保存为草稿" in form.ui.resultLabel.text()
    qtbot.waitUntil(
        lambda: applicant.store.load_draft("request", form.draft_key).server_id == request_id,
        timeout=WAIT,
    )
    form.close()  # the user stops here; the app restarts

    mine = RequestsPage.mine(context=applicant)
    qtbot.addWidget(mine)
    qtbot.waitUntil(lambda: mine.ui.draftsList.count() == 1, timeout=WAIT)
    mine.ui.draftsList.setCurrentRow(0)
    with qtbot.wait_signal(mine.dialog_opened, timeout=WAIT) as opened:
        qtbot.mouseClick(mine.ui.continueDraftButton, Qt.MouseButton.LeftButton)
    again: RequestFormDialog = opened.args[0]
    assert again.request is not None and again.request["id"] == request_id
    assert f"#{request_id}" in again.ui.resultLabel.text()  # the user sees it exists
    fill(again, business, clock.today() + timedelta(days=200))  # corrected
    with qtbot.wait_signal(again.submitted, timeout=WAIT) as sent:
        qtbot.mouseClick(again.ui.submitButton, Qt.MouseButton.LeftButton)
    assert sent.args[0]["id"] == request_id and sent.args[0]["status"] == "submitted"
    assert sent.args[0]["end_date"] == (clock.today() + timedelta(days=200)).isoformat()
    assert requests_for(live_server, business) == 1 and creates(proxy) == 1
    assert applicant.store.load_draft("request", again.draft_key) is None


def test_a_create_whose_answer_was_lost_is_not_made_twice(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """The create reached the platform, but the app closed before its answer arrived (nothing
    queued): the draft kept the create's idempotency key, so submitting the draft again gets
    the request the platform made, and submits it."""
    entry = publish_entry(live_server, "A")
    applicant = make_context("B", Role.APPLICANT, url=proxy.url)
    business = "婚姻登记信息核验（应答丢失）"
    form = new_form(qtbot, applicant, entry, business, clock.today() + timedelta(days=200))
    form.save_draft()
    body = form.validate()
    assert body is not None
    lost = applicant.client.create_request(body, key=form.create_key)  # the lost answer
    form.close()

    mine = RequestsPage.mine(context=applicant)
    qtbot.addWidget(mine)
    qtbot.waitUntil(lambda: mine.ui.draftsList.count() == 1, timeout=WAIT)
    draft = applicant.store.load_draft("request", form.draft_key)
    assert draft is not None and draft.data["create_key"] == form.create_key
    again = mine.open_draft(draft)
    assert again.create_key == form.create_key and again.request is None
    with qtbot.wait_signal(again.submitted, timeout=WAIT) as sent:
        qtbot.mouseClick(again.ui.submitButton, Qt.MouseButton.LeftButton)
    assert sent.args[0]["id"] == lost["id"] and sent.args[0]["status"] == "submitted"
    assert requests_for(live_server, business) == 1
