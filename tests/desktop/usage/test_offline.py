"""Usage actions taken offline wait in the outbox and reach the platform once on reconnect:
a discrepancy report with its evidence (the upload's path waits for the report's id), and an
inquiry answer whose first answer from the platform is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.usage.discrepancies_page import DiscrepanciesPage
from govshare_desktop.usage.inquiries_page import InquiriesPage
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.requests_support import api
from tests.desktop.sync_support import go_offline, sync
from tests.desktop.usage.support import (
    WAIT,
    act,
    department_id,
    granted_entry,
    open_new,
    select_first,
)


def test_report_with_evidence_queued_offline_is_sent_once(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    granted_entry(live_server)
    evidence = tmp_path / "evidence.txt"
    evidence.write_text("核对记录", encoding="utf-8")
    consumer = make_context("B", Role.APPLICANT, url=proxy.url)
    page = DiscrepanciesPage(context=consumer)
    qtbot.addWidget(page)
    dialog = open_new(qtbot, page)  # its choices read online
    dialog.descriptionEdit.setPlainText("户籍地址与不动产登记不一致")
    dialog.evidenceEdit.setText(str(evidence))

    go_offline(qtbot, consumer.sync, proxy)
    with qtbot.wait_signal(page.action_queued, timeout=WAIT) as queued:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert "离线" in queued.args[1] and "离线" in page.outcomeLabel.text()
    items = consumer.store.outbox()
    assert [i.path.split("?")[0].rsplit("/", 1)[-1] for i in items] == [
        "discrepancies",
        "evidence",
    ]
    server = api(live_server, "B", Role.APPLICANT)
    assert server.get("/api/v1/usage/discrepancies", side="reported")["total"] == 0

    proxy.pass_through()
    proxy.drop_after_forward(1, match="POST /api/v1/usage/discrepancies")  # answer lost
    sync(qtbot, consumer.sync)
    sync(qtbot, consumer.sync)
    assert consumer.store.pending_count() == 0
    assert sync(qtbot, consumer.sync).sent == 0
    listed = server.get("/api/v1/usage/discrepancies", side="reported")
    assert listed["total"] == 1  # the replay with the same key made no second report
    assert listed["items"][0]["evidence_filename"] == "evidence.txt"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)


def test_answer_queued_offline_is_delivered_on_reconnect(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = granted_entry(live_server)
    body = {
        "entry_id": entry["id"],
        "consumer_department_id": department_id(live_server, "B"),
        "question": "请说明数据使用情况",
    }
    asked = api(live_server, "A", Role.RESOURCE_ADMIN).post(
        "/api/v1/usage/inquiries", body, key="ask-offline"
    )
    consumer = make_context("B", Role.RESOURCE_ADMIN, url=proxy.url)
    page = InquiriesPage(context=consumer)
    qtbot.addWidget(page)
    page.sideCombo.setCurrentIndex(page.sideCombo.findData("received"))
    select_first(qtbot, page)
    go_offline(qtbot, consumer.sync, proxy)
    dialog = act(qtbot, page, "answer")
    dialog.set_reason("仅用于社会救助资格核验")
    with qtbot.wait_signal(page.action_queued, timeout=WAIT):
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert not page.action_buttons["answer"].isVisibleTo(page)  # until the platform has it
    assert consumer.store.pending_count() == 1

    proxy.pass_through()
    assert sync(qtbot, consumer.sync).sent == 1
    assert sync(qtbot, consumer.sync).sent == 0
    server = api(live_server, "A", Role.RESOURCE_ADMIN).get(
        f"/api/v1/usage/inquiries/{asked['id']}"
    )
    assert server["status"] == "answered" and server["answer"] == "仅用于社会救助资格核验"
    assert server["version"] == asked["version"] + 1  # applied once
