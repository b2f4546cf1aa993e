"""数据异议 against a real platform (第二十条): B reports wrong data of A's entry with an evidence
file; A explains; B disputes; the platform admin upholds. And: A corrects with a delivery made
after the report; B accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from govshare_core.vocab import Role
from govshare_desktop.api import usage_paths
from govshare_desktop.usage.discrepancies_page import DiscrepanciesPage
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api
from tests.desktop.usage.support import WAIT, act, granted_entry, open_new, select_first

EVIDENCE = "公民身份号码,系统值,实际值\n320602199001011234,张三,张叁\n".encode()


def deliver(server: LiveServer, entry: dict[str, Any], rows: int = 3) -> dict[str, Any]:
    """A's registrar delivers a small CSV for the entry (the exchange API, raw body)."""
    header = ",".join(i["name"] for i in entry["data_items"])
    lines = [header] + [f"姓名{n},3206021990010{n:05d},南通市崇川区{n}号" for n in range(rows)]
    client = api(server, "A", Role.REGISTRAR)
    answer = client.request(
        "POST",
        usage_paths.entry_deliveries_path(int(entry["id"])),
        params={"format": "csv", "encoding": "utf-8", "filename": "delivery.csv"},
        content=("\n".join(lines) + "\n").encode("utf-8"),
        content_type="text/csv",
        idempotency_key=f"delivery-{entry['id']}-{rows}",
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def report(qtbot, page: DiscrepanciesPage, evidence: Path | None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    dialog = open_new(qtbot, page)
    assert dialog.itemCombo.findData("公民身份号码") >= 0  # the granted items
    dialog.keysEdit.setPlainText("320602199001011234\n\n320602199001015678\n")
    dialog.itemCombo.setCurrentIndex(dialog.itemCombo.findData("姓名"))
    dialog.evidenceEdit.setText(str(Path(__file__).with_name("no such file.csv")))
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)  # nothing sent: both said
    assert dialog.field_message("description") == "请填写异议描述。"
    assert dialog.field_message("evidence").startswith("找不到证据材料文件：")
    dialog.evidenceEdit.clear()
    dialog.descriptionEdit.setPlainText("姓名与户籍登记不一致：张三应为张叁")
    if evidence is not None:
        dialog.evidenceEdit.setText(str(evidence))
    with qtbot.wait_signal(page.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    return dict(done.args[1])


def test_report_with_evidence_explain_dispute_uphold(
    live_server: LiveServer, make_context, qtbot, qtmodeltester, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    granted_entry(live_server)
    evidence = tmp_path / "核对结果.csv"
    evidence.write_bytes(EVIDENCE)
    consumer = DiscrepanciesPage(context=make_context("B", Role.APPLICANT))
    qtbot.addWidget(consumer)
    reported = report(qtbot, consumer, evidence)
    assert reported["status"] == "reported"
    assert reported["keys"] == ["320602199001011234", "320602199001015678"]
    assert reported["data_item"] == "姓名"
    assert reported["evidence_filename"] == "核对结果.csv"  # uploaded after the report
    assert reported["evidence_size"] == len(EVIDENCE)
    assert evidence.read_bytes() == EVIDENCE  # the user's own file is kept: a copy was sent
    qtbot.waitUntil(lambda: consumer.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(consumer.model)

    provider = DiscrepanciesPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(provider)
    with qtbot.wait_signal(provider.loaded, timeout=WAIT):
        provider.show_object("discrepancy_answer", int(reported["id"]))
    assert provider.sideCombo.currentData() == "received"
    assert set(provider.current["actions"]) == {"correct", "explain"}  # type: ignore[index]
    assert provider.downloadButton.isVisibleTo(provider)
    assert not provider.uploadButton.isVisibleTo(provider)  # the reporter's
    target = tmp_path / "下载" / "evidence.csv"
    target.parent.mkdir()
    provider.download_evidence(target)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_bytes() == EVIDENCE
    dialog = act(qtbot, provider, "explain")
    dialog.set_reason("经核实户籍系统登记姓名为张三，数据无误")
    with qtbot.wait_signal(provider.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[1]["status"] == "explained"

    consumer.refresh()
    qtbot.waitUntil(
        lambda: consumer.current is not None and consumer.current["status"] == "explained",
        timeout=WAIT,
    )
    assert "经核实户籍系统登记姓名为张三" in consumer.detailView.toPlainText()
    dialog = act(qtbot, consumer, "dispute")
    dialog.set_reason("户籍原始档案显示为张叁，请协调")
    with qtbot.wait_signal(consumer.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[1]["status"] == "disputed"

    platform = DiscrepanciesPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(platform)
    assert platform.sideCombo.currentData() == "all"
    assert not platform.newButton.isVisibleTo(platform)
    row = select_first(qtbot, platform)
    assert set(row["actions"]) == {"uphold", "order_correction"}
    assert (
        "南通市" in platform.model.index(0, 1).data() and "→" in platform.model.index(0, 1).data()
    )
    dialog = act(qtbot, platform, "uphold")
    dialog.set_reason("经协调，以户籍系统登记为准")
    with qtbot.wait_signal(platform.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    closed = done.args[1]
    assert closed["status"] == "closed" and closed["actions"] == []
    history = platform.detailView.toPlainText()
    for step in ("说明", "申请协调", "维持", "经协调，以户籍系统登记为准"):
        assert step in history, step


def test_correct_with_a_later_delivery_then_accept(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = granted_entry(live_server)
    before = deliver(live_server, entry, rows=2)
    consumer = DiscrepanciesPage(context=make_context("B", Role.RESOURCE_ADMIN))
    qtbot.addWidget(consumer)
    reported = report(qtbot, consumer, None)
    assert reported["evidence_filename"] is None
    corrected = deliver(live_server, entry, rows=3)

    provider = DiscrepanciesPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(provider)
    with qtbot.wait_signal(provider.loaded, timeout=WAIT):
        provider.show_object("discrepancy_answer", int(reported["id"]))
    dialog = act(qtbot, provider, "correct")
    qtbot.waitUntil(lambda: dialog.deliveryCombo.count() > 0, timeout=WAIT)
    offered = [dialog.deliveryCombo.itemData(i) for i in range(dialog.deliveryCombo.count())]
    assert offered == [corrected["id"]]  # only the delivery after the report
    assert before["id"] not in offered
    dialog.deliveryEdit.setText("x1")
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("delivery_id") == "交付批次编号应为数字。" and dialog.isVisible()
    dialog.deliveryEdit.clear()
    with qtbot.wait_signal(provider.action_done, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert done.args[1]["status"] == "corrected"
    assert done.args[1]["correction_delivery_id"] == corrected["id"]

    with qtbot.wait_signal(consumer.loaded, timeout=WAIT):
        consumer.show_object("discrepancy_review", int(reported["id"]))
    assert f"更正交付批次：{corrected['id']}" in consumer.detailView.toPlainText()
    box = act(qtbot, consumer, "accept")
    with qtbot.wait_signal(consumer.action_done, timeout=WAIT) as done:
        accept_confirmation(box)
    assert done.args[1]["status"] == "closed"
