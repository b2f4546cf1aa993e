"""The share lists search and sort on the platform, through the widgets against a real platform:
with more rows than one page, a search finds a request or grant that was not loaded, a header
click sorts the whole list (not just the loaded page), and no department finds another
department's request by searching."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView

from govshare_core.vocab import Role
from govshare_desktop.common.paged_model import PagedTableModel
from govshare_desktop.requests import catalog_page
from govshare_desktop.requests.catalog_page import ShareCatalogPage
from govshare_desktop.requests.grants_page import PAGE_SIZE as GRANTS_PAGE_SIZE
from govshare_desktop.requests.grants_page import GrantsPage
from govshare_desktop.requests.requests_page import PAGE_SIZE, RequestsPage
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import add_department, publish_entry, submitted_request

WAIT = 10_000
BULK = max(PAGE_SIZE, GRANTS_PAGE_SIZE // 2) + 5
"""Requests beyond the needle: more than one page of requests, and of grants (two each)."""
NEEDLE_BUSINESS = "不动产继承公证核验"
NEEDLE_ENTRY = "婚姻登记信息"
BULK_ENTRY = "常住人口基本信息"


def unconditional(server: LiveServer, name: str, dept: str = "A") -> dict[str, Any]:
    return publish_entry(
        server, dept, name=name, share_type="unconditional", share_conditions=None, share_scope=None
    )


def many_requests(server: LiveServer) -> int:
    """B's needle request (the oldest; its grants end last) and BULK more, all granted at once
    (无条件共享); the needle's id."""
    needle_entry, bulk_entry = (
        unconditional(server, NEEDLE_ENTRY),
        unconditional(server, BULK_ENTRY),
    )
    late = (clock.today() + timedelta(days=300)).isoformat()
    needle = submitted_request(server, needle_entry, business=NEEDLE_BUSINESS, end_date=late)
    for n in range(BULK):
        submitted_request(server, bulk_entry, business=f"低保审核户籍核验第{n + 1}批")
    return int(needle["id"])


def shown(qtbot, page):  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def settled(model: PagedTableModel, rows: int) -> bool:
    return not model.is_loading and model.rowCount() == rows


def click_header(qtbot, view: QTableView, column: int) -> None:  # type: ignore[no-untyped-def]
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def sort_by(qtbot, view: QTableView, column: int, spec: str) -> None:  # type: ignore[no-untyped-def]
    """Click the column's header until the platform sorts by `spec` (at most twice)."""
    model = view.model()
    assert isinstance(model, PagedTableModel)
    for _ in range(2):
        click_header(qtbot, view, column)
        if model.server_sort == spec:
            break
    assert model.server_sort == spec
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() > 0, timeout=WAIT)


def test_request_search_and_sort_cover_the_whole_list(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    needle = many_requests(live_server)
    page = shown(qtbot, RequestsPage.mine(context=make_context("B", Role.APPLICANT)))
    model = page.model
    qtbot.waitUntil(lambda: settled(model, PAGE_SIZE), timeout=WAIT)
    assert model.total == BULK + 1 and page.row_index(needle) < 0  # newest first: not loaded

    # the search goes to the platform: it finds the request no page loaded so far
    page.ui.searchEdit.setText("不动产 继承")  # every word, in any field the platform searches
    qtbot.waitUntil(lambda: settled(model, 1) and page.row_index(needle) == 0, timeout=WAIT)
    assert model.total == 1 and page.ui.statusLabel.text() == "筛选出 1 条"
    page.ui.searchEdit.setText("")
    qtbot.waitUntil(lambda: settled(model, PAGE_SIZE), timeout=WAIT)

    # 编号 ascending: the platform sorts all of them, the oldest (not loaded before) comes first
    view = page.ui.tableView
    sort_by(qtbot, view, 0, "id")
    ids = [int(r["id"]) for r in model.rows()]
    assert ids[0] == needle and ids == sorted(ids) and len(ids) == PAGE_SIZE < model.total
    sort_by(qtbot, view, 0, "-id")
    assert page.row_index(needle) < 0 and model.row_data(0)["id"] > model.row_data(1)["id"]

    # 信息资源: 婚姻… before 常住… (the platform's text order), found among the unloaded
    sort_by(qtbot, view, 1, "entry_name")
    assert model.row_data(0)["id"] == needle and model.loaded_count == PAGE_SIZE
    # a search keeps the platform's order
    page.ui.searchEdit.setText("核验")
    qtbot.waitUntil(lambda: settled(model, PAGE_SIZE) and model.total == BULK + 1, timeout=WAIT)
    assert model.row_data(0)["id"] == needle and model.server_sort == "entry_name"


def test_grant_search_and_sort_cover_the_whole_list(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    needle = many_requests(live_server)
    page = shown(qtbot, GrantsPage(context=make_context("B", Role.APPLICANT)))
    model = page.models["received"]
    qtbot.waitUntil(lambda: settled(model, GRANTS_PAGE_SIZE), timeout=WAIT)
    assert model.total == 2 * (BULK + 1)
    assert needle not in {int(r["request_id"]) for r in model.rows()}  # soonest end first

    page.ui.searchEdit.setText(NEEDLE_ENTRY)
    qtbot.waitUntil(lambda: settled(model, 2), timeout=WAIT)
    assert {int(r["request_id"]) for r in model.rows()} == {needle}
    assert page.ui.countLabel.text() == "筛选出 2 条"
    assert model.row_data(0)["provider_department_name"] == "南通市公安局"  # the platform's
    page.ui.searchEdit.setText("")
    qtbot.waitUntil(lambda: settled(model, GRANTS_PAGE_SIZE), timeout=WAIT)

    view = page.ui.receivedView
    sort_by(qtbot, view, 6, "-valid_until")  # 有效期至, latest first: the needle's two
    assert {int(r["request_id"]) for r in model.rows()[:2]} == {needle}
    assert model.loaded_count == GRANTS_PAGE_SIZE < (model.total or 0)
    sort_by(qtbot, view, 0, "entry_name")  # 信息资源: 婚姻… first
    assert model.row_data(0)["entry_name"] == NEEDLE_ENTRY


def test_a_department_never_finds_another_departments_request(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """C (南通市税务局) and B (南通市民政局) both ask A (南通市公安局) for the same entry: a search
    of B's matching both requests' words finds B's own only; A, the provider, finds C's."""
    add_department(live_server, "C", "南通市税务局")
    entry = unconditional(live_server, BULK_ENTRY)
    theirs = submitted_request(live_server, entry, "C", business="税务稽查户籍核验")
    ours = submitted_request(live_server, entry, "B", business="低保审核户籍核验")

    mine = shown(qtbot, RequestsPage.mine(context=make_context("B", Role.APPLICANT)))
    qtbot.waitUntil(lambda: settled(mine.model, 1), timeout=WAIT)
    mine.ui.searchEdit.setText("户籍核验")  # in both requests' business
    qtbot.waitUntil(lambda: "筛选出" in mine.ui.statusLabel.text(), timeout=WAIT)
    assert [r["id"] for r in mine.model.rows()] == [ours["id"]] and mine.model.total == 1
    for words in ("税务", "税务稽查"):  # C's department, its business
        mine.ui.searchEdit.setText(words)
        qtbot.waitUntil(lambda: mine.ui.statusLabel.text() == "筛选出 0 条", timeout=WAIT)
        assert mine.model.rowCount() == 0

    grants = shown(qtbot, GrantsPage(context=make_context("B", Role.APPLICANT)))
    grants.ui.searchEdit.setText("税务")
    for model in grants.models.values():
        qtbot.waitUntil(lambda m=model: settled(m, 0) and m.total == 0, timeout=WAIT)

    provider = shown(qtbot, RequestsPage.inbox(context=make_context("A", Role.RESOURCE_ADMIN)))
    combo = provider.ui.filterCombo
    combo.setCurrentIndex(combo.findText("本部门资源的全部申请"))
    provider.ui.searchEdit.setText("税务")
    qtbot.waitUntil(lambda: settled(provider.model, 1), timeout=WAIT)
    row = provider.model.row_data(0)
    assert row["id"] == theirs["id"] and row["consumer_department_name"] == "南通市税务局"


def test_a_header_click_sorts_the_whole_share_catalog(
    live_server: LiveServer, make_context, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Pages of 4 (publishing 50 entries takes long): the catalog's sort is the platform's."""
    monkeypatch.setattr(catalog_page, "PAGE_SIZE", 4)
    names = ["甲等资源", "乙等资源", "丙等资源", "丁等资源", "戊等资源", "己等资源"]
    for n, name in enumerate(names):
        publish_entry(live_server, "A" if n % 2 else "B", name=name)
    page = ShareCatalogPage(context=make_context("B", Role.APPLICANT))  # not shown: no
    qtbot.addWidget(page)  # view asks for more rows than the first page
    model = page.model
    qtbot.waitUntil(lambda: settled(model, 4), timeout=WAIT)
    header = page.ui.tableView.horizontalHeader()
    for order, spec, expected in (
        (Qt.SortOrder.AscendingOrder, "name", sorted(names)[:4]),
        (Qt.SortOrder.DescendingOrder, "-name", sorted(names, reverse=True)[:4]),
    ):
        header.setSortIndicator(0, order)  # what a click on 资源名称 does
        qtbot.waitUntil(lambda: settled(model, 4), timeout=WAIT)
        assert model.server_sort == spec
        assert [r["name"] for r in model.rows()] == expected and model.total == len(names)
