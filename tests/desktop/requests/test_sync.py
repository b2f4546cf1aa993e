"""Share screens through the SyncEngine behind the fault proxy: a request submitted offline and
a provider decision taken offline both wait in the outbox and reach the platform exactly once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from govshare_core.vocab import RequestStatus, Role
from govshare_desktop.requests.dialogs import DecisionDialog
from govshare_desktop.requests.request_form import RequestFormDialog
from govshare_desktop.requests.requests_page import RequestsPage
from govshare_platform.requests.models import RequestEvent
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests.test_requests_page import open_dialog, open_requests
from tests.desktop.requests_support import api, publish_entry, submitted_request
from tests.desktop.sync_support import go_offline, requests_for, sync

WAIT = 10000
OFFLINE_TEXT = "已离线保存，恢复连接后自动提交"


def events(server: LiveServer, request_id: int, action: str) -> int:
    with server.session() as s:
        query = select(func.count()).where(
            RequestEvent.request_id == request_id, RequestEvent.action == action
        )
        return int(s.scalar(query) or 0)


def test_offline_request_submit_is_queued_and_replayed_once(
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context
) -> None:
    entry = publish_entry(
        live_server, "A", share_type="unconditional", share_conditions=None, share_scope=None
    )
    applicant = make_context("B", Role.APPLICANT, url=proxy.url)
    engine = applicant.sync
    form = RequestFormDialog(
        context=applicant, entry=api(live_server, "B", Role.APPLICANT).entry(entry["id"])
    )
    qtbot.addWidget(form)
    business = "婚姻登记信息核验（离线提交）"
    form.ui.businessEdit.setText(business)
    form.ui.usersEdit.setText("婚姻登记处工作人员")
    form.ui.reasonEdit.setPlainText("办理婚姻登记须核验当事人身份")

    go_offline(qtbot, engine, proxy)
    with qtbot.wait_signal(form.submitted, timeout=WAIT) as sent:
        qtbot.mouseClick(form.ui.submitButton, Qt.MouseButton.LeftButton)
    assert sent.args[0] == {"queued": True}
    assert OFFLINE_TEXT in form.ui.resultLabel.text()
    items = applicant.store.outbox()
    assert [(i.method, i.path.rsplit("/", 1)[-1]) for i in items] == [
        ("POST", "requests"),
        ("POST", "submit"),
    ]
    assert items[0].idempotency_key != items[1].idempotency_key
    qtbot.waitUntil(
        lambda: applicant.store.load_draft("request", form.draft_key).data["queued"] is True,
        timeout=WAIT,
    )
    mine = RequestsPage.mine(context=applicant)  # the queued draft is listed as 待发送
    qtbot.addWidget(mine)
    qtbot.waitUntil(lambda: mine.ui.draftsList.count() == 1, timeout=WAIT)
    assert mine.ui.draftsList.item(0).text().startswith("[待发送]")
    assert requests_for(live_server, business) == 0

    # back online; the create's answer is lost twice (the client's try and its retry): the
    # replay with the same key must not make a second request
    proxy.pass_through()
    proxy.drop_after_forward(2, match="POST /api/v1/requests")
    report = sync(qtbot, engine)
    assert report.sent == 0 and applicant.store.pending_count() == 2
    assert requests_for(live_server, business) == 1
    report = sync(qtbot, engine)
    assert report.sent == 2 and applicant.store.pending_count() == 0
    assert applicant.store.load_draft("request", form.draft_key) is None
    assert sync(qtbot, engine).sent == 0
    assert requests_for(live_server, business) == 1
    server_side = api(live_server, "B", Role.APPLICANT).requests(side="consumer")
    assert server_side["total"] == 1
    assert server_side["items"][0]["status"] == "active"  # 无条件共享: granted at once
    qtbot.waitUntil(lambda: mine.ui.draftsList.count() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: len(mine.model.rows()) == 1, timeout=WAIT)


def test_offline_provider_decision_is_queued_and_replayed_once(
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context
) -> None:
    request_id = int(submitted_request(live_server, publish_entry(live_server, "A"))["id"])
    provider = make_context("A", Role.RESOURCE_ADMIN, url=proxy.url)
    engine = provider.sync
    page = RequestsPage.inbox(context=provider)
    qtbot.addWidget(page)
    open_requests(qtbot, page, request_id)

    go_offline(qtbot, engine, proxy)
    dialog: DecisionDialog = open_dialog(qtbot, page, page.ui.decideButton)
    dialog.choose(approve=True, comment="同意共享，用于低保审核")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    with qtbot.wait_signal(page.action_queued, timeout=WAIT) as queued:
        accept_confirmation(dialog.confirm_box)
    assert OFFLINE_TEXT in queued.args[1]
    assert OFFLINE_TEXT in page.ui.actionStatusLabel.text()
    assert not dialog.isVisible()
    assert not page.ui.decideButton.isVisibleTo(page)  # no second decision while it waits
    [item] = provider.store.outbox()
    assert item.path == f"/api/v1/requests/{request_id}/provider-decision"
    assert item.if_match is not None and item.body["approve"] is True
    platform = api(live_server, "P", Role.PLATFORM_ADMIN)
    assert platform.share_request(request_id)["status"] == RequestStatus.SUBMITTED

    proxy.pass_through()
    report = sync(qtbot, engine)
    assert report.sent == 1 and provider.store.pending_count() == 0
    assert sync(qtbot, engine).sent == 0  # replayed exactly once
    assert platform.share_request(request_id)["status"] == RequestStatus.PROVIDER_APPROVED
    assert events(live_server, request_id, "provider_approve") == 1
