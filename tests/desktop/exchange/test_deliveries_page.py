"""数据交付 against a real platform: the schedule lists the entry, an upload goes through with
progress, a refused file shows the checker's report and exports it neutralised, a cancelled
upload leaves nothing behind, a to-do opens its entry."""

from __future__ import annotations

import csv
import threading
import time
from pathlib import Path

import pytest

from govshare_core.exchange import DeliveryProblem
from govshare_core.vocab import Role
from govshare_desktop.exchange import transfer
from govshare_desktop.exchange.deliveries_page import DeliveriesPage
from tests.desktop.conftest import LiveServer
from tests.desktop.exchange.support import WAIT, deliveries, people, published, write_csv
from tests.desktop.faultproxy import FaultProxy


def open_page(make_context, qtbot) -> DeliveriesPage:  # type: ignore[no-untyped-def]
    page = DeliveriesPage(context=make_context("A", Role.REGISTRAR))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.schedule.rowCount() == 1, timeout=WAIT)
    page.select_row(0)
    return page


def test_upload_round_trip_with_progress(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    entry = published(live_server)
    page = open_page(make_context, qtbot)
    qtmodeltester.check(page.schedule)
    assert page.schedule.row_data(0)["entry_id"] == entry["id"]
    path = write_csv(tmp_path / "people.csv", people(2000))
    seen: list[tuple[int, int]] = []
    page.transfers.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(page.delivered, timeout=WAIT) as got:
        assert page.upload(path)
    delivery = got.args[0]
    assert delivery["rows"] == 2000
    assert seen and seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert "2000" in page.outcomeLabel.text()
    assert [d["id"] for d in deliveries(live_server, entry["id"])] == [delivery["id"]]
    assert page.keys.pending() == 0  # answered: the key is forgotten
    qtbot.waitUntil(lambda: page.deliveries.rowCount() == 1, timeout=WAIT)


def test_refused_upload_shows_and_exports_the_report(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    entry = published(live_server)
    page = open_page(make_context, qtbot)
    rows = people(5)
    rows[2][3] = "=cmd|' /C calc'!A0"  # not a date, and a formula
    rows[4][0] = ""  # the key is missing
    path = write_csv(tmp_path / "bad.csv", rows)
    with qtbot.waitSignal(page.rejected, timeout=WAIT) as got:
        page.upload(path)
    report = got.args[0]
    codes = {p["code"] for p in report["problems"]}
    assert {DeliveryProblem.BAD_TYPE, DeliveryProblem.KEY_MISSING} <= codes
    assert page.report.isVisibleTo(page)
    assert page.report.table.rowCount() == len(report["problems"])
    texts = [page.report.table.item(r, 2).text() for r in range(page.report.table.rowCount())]
    assert DeliveryProblem.BAD_TYPE.label_zh in texts
    assert deliveries(live_server, entry["id"]) == []
    out = tmp_path / "report.csv"
    page.report.export_to(out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        exported = list(csv.reader(f))
    assert exported[0] == ["行", "列", "问题", "值"]
    values = [r[3] for r in exported[1:]]
    assert "'=cmd|' /C calc'!A0" in values  # neutralised
    assert not any(v.startswith("=") for v in values)


def test_local_pre_check_catches_a_wrong_header(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    entry = published(live_server)
    page = open_page(make_context, qtbot)
    path = write_csv(
        tmp_path / "wrong.csv", people(3), header=["身份证", "姓名", "户籍地址", "出生日期"]
    )
    with qtbot.waitSignal(page.rejected, timeout=WAIT) as got:
        page.upload(path)
    codes = {(p["code"], p["column"]) for p in got.args[0]["problems"]}
    assert (DeliveryProblem.UNKNOWN_COLUMN, "身份证") in codes
    assert (DeliveryProblem.MISSING_COLUMN, "公民身份号码") in codes
    assert deliveries(live_server, entry["id"]) == []


def test_cancel_mid_upload_leaves_no_delivery(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    entry = published(live_server)
    page = open_page(make_context, qtbot)
    path = write_csv(tmp_path / "big.csv", people(20_000))
    slow_line(monkeypatch)
    quarter = threading.Event()
    page.transfers.progressed.connect(
        lambda done, total: quarter.set() if done > total // 4 else None
    )
    with qtbot.waitSignal(page.transfers.cancelled, timeout=WAIT):
        page.upload(path)
        qtbot.waitUntil(quarter.is_set, timeout=WAIT)
        page.transfers.cancelButton.click()
    assert "取消" in page.outcomeLabel.text()
    assert deliveries(live_server, entry["id"]) == []
    assert page.uploadButton.isEnabled()


def slow_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow network: the upload's body goes in small blocks, a few ms apart."""
    read = transfer._ProgressReader.read
    monkeypatch.setattr(transfer, "BLOCK", 16 * 1024)

    def slowly(self: transfer._ProgressReader, size: int = -1) -> bytes:
        time.sleep(0.005)
        return read(self, size)

    monkeypatch.setattr(transfer._ProgressReader, "read", slowly)


def test_a_lost_answer_is_resent_with_the_same_key_and_replayed(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, proxy: FaultProxy
) -> None:  # type: ignore[no-untyped-def]
    """The platform took the first upload but its answer was lost: the automatic resend carries
    the same Idempotency-Key and the platform answers with the first delivery."""
    entry = published(live_server)
    page = DeliveriesPage(context=make_context("A", Role.REGISTRAR, url=proxy.url))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.schedule.rowCount() == 1, timeout=WAIT)
    page.select_row(0)
    proxy.drop_after_forward(1, match="POST ")
    with qtbot.waitSignal(page.delivered, timeout=WAIT) as got:
        page.upload(write_csv(tmp_path / "people.csv", people(10)))
    assert len(proxy.requests("POST", "/deliveries")) == 2
    assert [d["id"] for d in deliveries(live_server, entry["id"])] == [got.args[0]["id"]]


def test_retry_after_every_answer_was_lost_makes_one_delivery(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, proxy: FaultProxy
) -> None:  # type: ignore[no-untyped-def]
    """The platform took each attempt but no answer came back: the page offers 重试, and the
    retry (the same file, the same key) is answered with the one delivery made."""
    entry = published(live_server)
    page = DeliveriesPage(context=make_context("A", Role.REGISTRAR, url=proxy.url))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.schedule.rowCount() == 1, timeout=WAIT)
    page.select_row(0)
    proxy.drop_after_forward(transfer.UPLOAD_RETRIES + 1, match="POST ")
    with qtbot.waitSignal(page.transfers.failed, timeout=WAIT):
        page.upload(write_csv(tmp_path / "people.csv", people(10)))
    assert page.retryButton.isVisibleTo(page)
    assert page.keys.pending() == 1  # no answer yet: the key is kept
    assert len(deliveries(live_server, entry["id"])) == 1
    with qtbot.waitSignal(page.delivered, timeout=WAIT) as got:
        assert page.retry_upload()
    assert [d["id"] for d in deliveries(live_server, entry["id"])] == [got.args[0]["id"]]
    assert page.keys.pending() == 0


def test_delivery_due_todo_opens_the_entry(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    published(live_server)
    other = published(live_server)
    page = DeliveriesPage(context=make_context("A", Role.RESOURCE_ADMIN))
    qtbot.addWidget(page)
    assert page.show_object("delivery_due", other["id"])
    qtbot.waitUntil(lambda: page.current_entry() is not None, timeout=WAIT)
    current = page.current_entry()
    assert current is not None and current["entry_id"] == other["id"]
    assert not page.show_object("entry_returned", other["id"])
