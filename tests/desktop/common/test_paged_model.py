"""PagedTableModel and Debouncer: lazy background paging against the real platform."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from govshare_core.vocab import Role
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.paged_model import (
    LOAD_ALL_LIMIT,
    Column,
    MoreThan,
    PagedTableModel,
    Row,
    api_page_fetcher,
)
from govshare_platform.catalog import search
from tests.desktop.catalog_support import create_entries

COLUMNS = [Column("name", "名称"), Column("status", "状态", render=lambda r: r["status"].upper())]


def _list_fetch(rows: list[dict[str, Any]], calls: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        calls.append((offset, limit))
        return rows[offset : offset + limit], len(rows)

    return fetch


def test_pages_arrive_in_background_and_pass_modeltester(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": f"n{i}", "status": "draft"} for i in range(25)]
    calls: list[tuple[int, int]] = []
    model = PagedTableModel(fetch_page=_list_fetch(rows, calls), columns=COLUMNS, page_size=10)
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.reset()
    assert model.rowCount() == 10 and model.total == 25
    assert model.data(model.index(0, 1)) == "DRAFT"
    assert model.row_data(3)["name"] == "n3"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())  # no-op while a page is in flight
        qtbot.waitUntil(lambda: not model.is_loading, timeout=5000)
    assert model.rowCount() == 25 and calls == [(0, 10), (10, 10), (20, 10)]
    qtmodeltester.check(model)


def test_reset_ignores_stale_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    old = [{"name": "old", "status": "x"}]
    new = [{"name": "new", "status": "y"}]
    model = PagedTableModel(fetch_page=_list_fetch(old, []), columns=COLUMNS)
    model.reset()  # first request in flight
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.reset(_list_fetch(new, []))
    qtbot.wait(50)  # let any late answer of the first query arrive (it must be dropped)
    assert [r["name"] for r in model.rows()] == ["new"]


def test_failure_stops_fetching_until_retry(qtbot) -> None:  # type: ignore[no-untyped-def]
    attempts: list[int] = []

    def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        attempts.append(offset)
        if len(attempts) == 1:
            raise RuntimeError("boom")
        return [{"name": "a", "status": "b"}], 1

    model = PagedTableModel(fetch_page=fetch, columns=COLUMNS)
    with qtbot.wait_signal(model.failed, timeout=5000):
        model.reset()
    assert not model.canFetchMore(QModelIndex())
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.retry()
    assert model.rowCount() == 1 and not model.canFetchMore(QModelIndex())


def test_debouncer_fires_once_after_quiet(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    debouncer = Debouncer(delay_ms=30, callback=seen.append)
    for text in ("户", "户籍", "户籍人口"):
        debouncer.push(text)
    with qtbot.wait_signal(debouncer.fired, timeout=2000):
        pass
    assert seen == ["户籍人口"]


def test_view_fetches_more_pages_from_live_server(make_context, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("A", Role.REGISTRAR)
    create_entries(ctx.client, 12, prefix="户籍")
    fetch = api_page_fetcher(ctx.client.get, "/api/v1/catalog/entries")
    model = PagedTableModel(fetch_page=fetch, columns=COLUMNS, page_size=5, runner=ctx.run)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    with qtbot.wait_signal(model.page_loaded, timeout=10000):
        model.reset()
    assert model.rowCount() == 5 and model.total == 12
    view.resize(400, 2000)
    view.show()  # a tall view asks for more rows by itself (canFetchMore/fetchMore)
    qtbot.waitUntil(lambda: model.rowCount() == 12, timeout=10000)
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_a_total_past_the_platforms_cap_is_a_bound_until_the_end(  # type: ignore[no-untyped-def]
    make_context, qtbot, monkeypatch
) -> None:
    """A search with more matches than the platform counts (`total_is_estimate`): the model
    does not stop at the capped total but loads on as the view scrolls, reports the bound
    (MoreThan) meanwhile, and the exact total once the last page arrived."""
    ctx = make_context("B", Role.REGISTRAR)
    create_entries(ctx.client, 7, prefix="婚育登记")
    monkeypatch.setattr(search, "TEXT_CAP", 3)  # the live server runs in this process
    fetch = api_page_fetcher(ctx.client.get, "/api/v1/catalog/entries", q="婚育登记")
    model = PagedTableModel(fetch_page=fetch, columns=COLUMNS, page_size=2, runner=ctx.run)
    totals: list[object] = []
    model.page_loaded.connect(lambda _loaded, total: totals.append(total))
    with qtbot.wait_signal(model.page_loaded, timeout=10000):
        model.reset()
    assert isinstance(totals[0], MoreThan) and totals[0] == 3 and model.total is None
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.is_loading, timeout=10000)
    assert model.rowCount() == 7 and model.total == 7  # past the bound of 3, to the end
    assert totals[-1] == 7 and not isinstance(totals[-1], MoreThan)
    assert all(isinstance(t, MoreThan) for t in totals[:-1])


def test_new_columns_drop_rows_of_another_shape(qapp) -> None:  # type: ignore[no-untyped-def]
    from govshare_desktop.common.paged_model import Column, PagedTableModel

    model = PagedTableModel(fetch_page=None, columns=[Column("a", "A")])
    model.set_rows([{"a": 1}])
    model.set_columns([Column("b", "B", render=lambda r: str(r["b"]))])
    assert model.rowCount() == 0  # nothing asks the new render about the old rows
    model.set_rows([{"b": 2}])
    model.set_columns([Column("b", "B2")], keep_rows=True)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "2"


def _sorting_fetch(rows: list[dict[str, Any]], specs: list[str | None]):  # type: ignore[no-untyped-def]
    """A platform-like list: sorts by its `sort` parameter, like GET /entries?sort=-name."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> tuple[list[Row], int | None]:
        specs.append(sort)
        ordered = rows
        if sort is not None:
            key = sort.lstrip("-")
            ordered = sorted(rows, key=lambda r: r[key], reverse=sort.startswith("-"))
        return ordered[offset : offset + limit], len(rows)

    return fetch


def test_a_long_list_sorts_on_the_platform_by_server_sort_columns(qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": f"n{i:05d}", "status": "draft"} for i in range(LOAD_ALL_LIMIT + 500)]
    specs: list[str | None] = []
    columns = [Column("name", "名称", server_sort=True), Column("status", "状态")]
    model = PagedTableModel(fetch_page=_sorting_fetch(rows, specs), columns=columns, page_size=50)
    refused: list[str] = []
    model.sort_unavailable.connect(refused.append)
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.reset()
    assert model.row_data(0)["name"] == "n00000" and specs == [None]

    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    # started over in the platform's order: the last row of 2,500 comes first, one page loaded
    assert specs[-1] == "-name" and model.server_sort == "-name"
    assert model.row_data(0)["name"] == f"n{LOAD_ALL_LIMIT + 499:05d}"
    assert model.rowCount() == 50 and model.sort_column == 0
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())  # scrolling goes on in the same order
    assert specs[-1] == "-name" and model.row_data(50)["name"] == f"n{LOAD_ALL_LIMIT + 449:05d}"

    model.sort(1)  # the platform cannot sort by status and the list is too long to load
    qtbot.waitUntil(lambda: not model.is_loading, timeout=5000)
    assert model.server_sort is None and specs[-1] is None
    model.sort(1)
    assert refused and model.sort_column == -1
    assert model.row_data(0)["name"] == "n00000"


def test_a_whole_list_sorts_client_side_even_by_server_sort_columns(qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": n, "status": "x"} for n in ("b", "c", "a")]
    specs: list[str | None] = []
    columns = [Column("name", "名称", server_sort=True)]
    model = PagedTableModel(fetch_page=_sorting_fetch(rows, specs), columns=columns)
    with qtbot.wait_signal(model.page_loaded, timeout=5000):
        model.reset()
    model.sort(0)
    assert specs == [None] and model.server_sort is None  # no second request
    assert [r["name"] for r in model.rows()] == ["a", "b", "c"]
