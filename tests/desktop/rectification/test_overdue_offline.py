"""Overdue orders are red on the 整改 page and found by 仅看逾期; actions taken offline wait in
the outbox and reach the platform once on reconnect: an order issued whose first answer from
the platform is lost (the replay with the same Idempotency-Key makes no second order), and an
answer with its evidence file (the upload, then the answer, in order)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from govshare_core.vocab import Role
from govshare_desktop.api import rectification_paths as paths
from govshare_desktop.common.deadlines import OVERDUE
from govshare_desktop.rectification.page import RectificationPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.rectification.support import (
    WAIT,
    act,
    department_id,
    issued,
    open_new,
    select_first,
)
from tests.desktop.requests_support import api
from tests.desktop.sync_support import go_offline, sync


def test_overdue_orders_are_red_and_filtered(
    live_server: LiveServer, make_context, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    late = issued(live_server, "A", days=1)
    issued(live_server, "A", days=60)
    later = clock.today() + timedelta(days=10)
    monkeypatch.setattr(clock, "today", lambda: later)
    page = RectificationPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    rows = {int(r["id"]): n for n, r in enumerate(page.model.rows())}
    red = page.model.index(rows[late["id"]], 2)
    assert "超期" in red.data()
    brush = red.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE
    fine = page.model.index(1 - rows[late["id"]], 2)
    assert "剩" in fine.data() and fine.data(Qt.ItemDataRole.ForegroundRole) is None
    page.overdueCheck.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.rows()[0]["id"] == late["id"]
    page.searchEdit.setText("不存在的词")
    qtbot.waitUntil(lambda: page.countLabel.text() == "没有记录。", timeout=WAIT)


def test_issue_queued_offline_is_sent_once(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    context = make_context("P", Role.SUPERVISOR, url=proxy.url)
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    dialog = open_new(qtbot, page)  # its departments read online
    dialog.select_department(department_id(live_server, "B"))
    dialog.itemCombo.setCurrentIndex(dialog.itemCombo.findData("2"))
    dialog.factsEdit.setPlainText("未按规定提供共享")
    go_offline(qtbot, context.sync, proxy)
    with qtbot.wait_signal(page.action_queued, timeout=WAIT) as queued:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert "离线" in queued.args[1] and "离线" in page.outcomeLabel.text()
    assert [i.label for i in context.store.outbox()] == ["下发整改通知：南通市民政局"]
    server = api(live_server, "P", Role.SUPERVISOR)
    assert server.get(paths.rectifications_path())["total"] == 0

    proxy.pass_through()
    proxy.drop_after_forward(1, match="POST /api/v1/rectifications")  # the answer is lost
    sync(qtbot, context.sync)
    sync(qtbot, context.sync)
    assert context.store.pending_count() == 0
    assert sync(qtbot, context.sync).sent == 0
    listed = server.get(paths.rectifications_path())
    assert listed["total"] == 1  # the replay with the same key made no second order
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)


def test_answer_with_evidence_queued_offline_is_sent_once(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    order = issued(live_server, "A")
    evidence = tmp_path / "核查记录.txt"
    evidence.write_text("11月核查记录", encoding="utf-8")
    context = make_context("A", Role.RESOURCE_ADMIN, url=proxy.url)
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    select_first(qtbot, page)
    go_offline(qtbot, context.sync, proxy)
    dialog = act(qtbot, page, "answer")
    dialog.measuresEdit.setPlainText("已更新目录")
    dialog.evidenceEdit.setText(str(evidence))
    with qtbot.wait_signal(page.action_queued, timeout=WAIT):
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert not page.action_buttons["answer"].isVisibleTo(page)  # until the platform has it
    items = context.store.outbox()
    assert [i.path.split("?")[0].rsplit("/", 1)[-1] for i in items] == ["evidence", "answer"]

    proxy.pass_through()
    assert sync(qtbot, context.sync).sent == 2
    assert sync(qtbot, context.sync).sent == 0
    server = api(live_server, "P", Role.SUPERVISOR).get(paths.rectification_path(order["id"]))
    assert server["status"] == "answered" and server["measures"] == "已更新目录"
    assert server["evidence_filename"] == "核查记录.txt"
    assert server["version"] == order["version"] + 2  # the upload and the answer, once each
    assert evidence.exists()  # the user's file stays; the sent copy is gone
    assert not any((context.store.path.parent / "outgoing").rglob("*.txt"))
    qtbot.waitUntil(
        lambda: page.current is not None and page.current["status"] == "answered", timeout=WAIT
    )


def test_upload_cut_off_falls_back_to_the_outbox(
    live_server: LiveServer, proxy: FaultProxy, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    order = issued(live_server, "A")
    evidence = tmp_path / "记录.txt"
    evidence.write_text("核查记录", encoding="utf-8")
    context = make_context("A", Role.RESOURCE_ADMIN, url=proxy.url)
    page = RectificationPage(context=context)
    qtbot.addWidget(page)
    select_first(qtbot, page)
    dialog = act(qtbot, page, "answer")
    dialog.measuresEdit.setPlainText("已更新目录")
    dialog.evidenceEdit.setText(str(evidence))
    proxy.drop(1, match="/evidence")  # the direct upload does not get through
    with qtbot.wait_signal(page.action_queued, timeout=WAIT):
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert len(context.store.outbox()) == 2
    assert sync(qtbot, context.sync).sent == 2
    server = api(live_server, "P", Role.SUPERVISOR).get(paths.rectification_path(order["id"]))
    assert server["status"] == "answered" and server["evidence_filename"] == "记录.txt"
