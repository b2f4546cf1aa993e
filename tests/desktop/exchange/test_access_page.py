"""数据获取 against a real platform: a download holds the granted columns only and lands in the
chosen file; a cut download leaves no file and a retry starts over; a query by pasted keys shows
the granted values and the missing keys; the log lists the accesses for both sides."""

from __future__ import annotations

import csv
from pathlib import Path

from govshare_core.vocab import Role
from govshare_desktop.exchange import transfer
from govshare_desktop.exchange.access_page import AccessPage
from govshare_desktop.exchange.log_page import LogPage
from tests.desktop.conftest import LiveServer
from tests.desktop.exchange.cutproxy import CutProxy
from tests.desktop.exchange.support import (
    WAIT,
    deliver,
    grant,
    people,
    published,
    write_csv,
)
from tests.desktop.faultproxy import FaultProxy

GRANTED = ["公民身份号码", "姓名"]


def world(server: LiveServer, tmp_path: Path, share_mode: str = "exchange", rows: int = 50) -> dict:  # type: ignore[type-arg]
    entry = published(server, share_mode=share_mode)
    grant(server, entry, GRANTED, share_mode=share_mode)
    deliver(server, entry["id"], write_csv(tmp_path / "delivery.csv", people(rows)))
    return entry


def open_page(make_context, qtbot, url: str | None = None) -> AccessPage:  # type: ignore[no-untyped-def]
    page = AccessPage(context=make_context("B", Role.APPLICANT, url=url))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    page.select_row(0)
    return page


def test_download_has_the_granted_columns_only(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    world(live_server, tmp_path)
    page = open_page(make_context, qtbot)
    qtmodeltester.check(page.model)
    row = page.model.row_data(0)
    assert row["items"] == GRANTED and row["can_download"]
    assert page.downloadButton.isEnabled()
    assert not page.query.isVisibleTo(page)
    target = tmp_path / "out" / "people.csv"
    target.parent.mkdir()
    with qtbot.waitSignal(page.downloaded, timeout=WAIT) as got:
        assert page.download_to(target, "csv")
    assert got.args[0].rows == 50
    with target.open(encoding="utf-8-sig", newline="") as f:
        content = list(csv.reader(f))
    assert content[0] == GRANTED
    assert len(content) == 51
    assert not transfer.part_path(target).exists()


def test_download_as_xlsx(live_server: LiveServer, make_context, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    world(live_server, tmp_path)
    page = open_page(make_context, qtbot)
    target = tmp_path / "people.xlsx"
    with qtbot.waitSignal(page.downloaded, timeout=WAIT):
        page.download_to(target, "xlsx")
    sheet = load_workbook(target, read_only=True).worksheets[0]
    assert [c for c in next(sheet.iter_rows(max_row=1, values_only=True))] == GRANTED


def test_an_interrupted_download_leaves_no_file_and_retry_restarts(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, proxy: FaultProxy
) -> None:  # type: ignore[no-untyped-def]
    world(live_server, tmp_path)
    page = open_page(make_context, qtbot, url=proxy.url)
    target = tmp_path / "people.csv"
    proxy.drop(1, match="GET /api/v1/exchange/entries/")
    with qtbot.waitSignal(page.transfers.failed, timeout=WAIT):
        page.download_to(target, "csv")
    assert not target.exists() and not transfer.part_path(target).exists()
    assert page.retryButton.isVisibleTo(page)
    assert "未保存" in page.outcomeLabel.text() or "连接" in page.outcomeLabel.text()
    with qtbot.waitSignal(page.downloaded, timeout=WAIT):
        assert page.retry_download()
    assert target.exists()


def test_a_stream_cut_mid_way_deletes_the_part_file(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The answer stops half-way (network drop, grant revoked mid-download): no file is left,
    the page says so, and a retry over a sound line starts over and completes."""
    world(live_server, tmp_path, rows=3000)
    target = tmp_path / "people.csv"
    with CutProxy(live_server.url, keep=0.5, match="/data") as cut:
        page = open_page(make_context, qtbot, url=cut.url)
        with qtbot.waitSignal(page.transfers.failed, timeout=WAIT) as failed:
            page.download_to(target, "csv")
        assert cut.cut == 1
    assert isinstance(failed.args[0], transfer.TransferIncomplete)
    assert not target.exists() and not transfer.part_path(target).exists()
    assert "未保存" in page.outcomeLabel.text()
    page.context.client.base_url = live_server.url  # the line is sound again
    with qtbot.waitSignal(page.downloaded, timeout=WAIT) as got:
        assert page.retry_download()
    assert got.args[0].rows == 3000 and transfer.count_csv_rows(target) == 3000


def test_query_by_pasted_keys(live_server: LiveServer, make_context, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    world(live_server, tmp_path, share_mode="query")
    page = open_page(make_context, qtbot)
    assert page.model.row_data(0)["can_query"]
    assert page.query.isVisibleTo(page)
    assert not page.downloadButton.isEnabled()
    known = [str(320601199001010000 + i) for i in (3, 7)]
    page.query.keysEdit.setPlainText("\n".join([known[0], "  ", known[1], "110101199912310000"]))
    with qtbot.waitSignal(page.query.answered, timeout=WAIT):
        assert page.query.run_query()
    table = page.query.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == GRANTED
    assert sorted(table.item(r, 0).text() for r in range(table.rowCount())) == known
    assert table.item(0, 1).text().startswith("张")
    assert "110101199912310000" in page.query.missingLabel.text()
    out = tmp_path / "result.csv"
    assert page.query.export_to(out) == 2


def test_query_of_more_than_a_batch_goes_in_batches(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    world(live_server, tmp_path, share_mode="query", rows=1200)
    page = open_page(make_context, qtbot)
    keys = tmp_path / "keys.txt"
    keys.write_text("\n".join(str(320601199001010000 + i) for i in range(1500)), encoding="utf-8")
    assert page.query.import_keys(keys) == 1500
    with qtbot.waitSignal(page.query.answered, timeout=WAIT) as got:
        page.query.run_query()
    assert len(got.args[0]["rows"]) == 1200
    assert len(got.args[0]["missing"]) == 300


def test_the_log_lists_the_accesses_for_provider_and_consumer(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    world(live_server, tmp_path)
    consumer = open_page(make_context, qtbot)
    with qtbot.waitSignal(consumer.downloaded, timeout=WAIT):
        consumer.download_to(tmp_path / "d.csv", "csv")
    for dept, role in (("B", Role.APPLICANT), ("A", Role.RESOURCE_ADMIN), ("P", Role.AUDIT_ADMIN)):
        page = LogPage(context=make_context(dept, role))
        qtbot.addWidget(page)
        qtbot.waitUntil(
            lambda page=page: page.model.rowCount() > 0 and not page.model.is_loading, timeout=WAIT
        )
        actions = {r["action"] for r in page.model.rows()}
        assert "download" in actions, (dept, role, actions)
    index = page.actionCombo.findData("download")
    page.actionCombo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: not page.model.is_loading and page.model.rowCount() > 0, timeout=WAIT)
    assert {r["action"] for r in page.model.rows()} == {"download"}
    target = tmp_path / "log.csv"
    with qtbot.waitSignal(page.transfers.succeeded, timeout=WAIT):
        page.export_to(target)
    assert target.exists() and target.stat().st_size > 0
