"""The catalog's lists sort on the platform: a header click on a list longer than what is
loaded sorts the whole list (我的目录 and the review queues), through the real platform."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView, QWidget

from govshare_core.vocab import Role
from govshare_desktop.catalog.mine import MyEntriesPage
from govshare_desktop.catalog.review import ReviewPage
from govshare_desktop.common.paged_model import PagedTableModel
from tests.desktop.catalog.support import registered_entries, submitted_entries

WAIT = 10_000
PAGE = 3
LAST_NAME = "目录Z"
"""Registered first: the oldest, so on the last page of the platform's order (newest first)."""
OTHERS = [f"目录A{n:02d}" for n in range(24)]
"""More than a small window shows: the view asks for pages only while it has room."""


def click_header(qtbot: Any, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + 8, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def loaded(qtbot: Any, model: PagedTableModel) -> None:
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() > 0, timeout=WAIT)


def names(model: PagedTableModel) -> list[str]:
    return [str(r["name"]) for r in model.rows()]


def assert_sorts_whole_list(qtbot: Any, view: QTableView, model: PagedTableModel) -> None:
    """Name descending, by two header clicks: the globally last name comes first although the
    first page of the platform's order did not hold it."""
    loaded(qtbot, model)
    assert LAST_NAME not in names(model) and not model.complete
    click_header(qtbot, view, 0)  # ascending
    loaded(qtbot, model)
    assert names(model)[0] == "目录A00" and model.server_sort == "name"
    click_header(qtbot, view, 0)  # descending
    loaded(qtbot, model)
    assert view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names(model)[:2] == [LAST_NAME, "目录A23"] and model.server_sort == "-name"
    assert not model.complete  # the platform sorted: the list was not loaded whole


def assert_every_column_sorts(qtbot: Any, view: QTableView, model: PagedTableModel) -> None:
    """The platform knows every column's sort key (an unknown one would answer 422)."""
    for column in range(model.columnCount()):
        view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        loaded(qtbot, model)
        assert model.last_error is None, model.headerData(column, Qt.Orientation.Horizontal)
        assert model.server_sort == "-" + model.columns[column].key


def assert_sorted_on_the_platform(qtbot: Any, page: QWidget, view: QTableView) -> None:
    qtbot.addWidget(page)
    page.resize(1100, 300)  # a small window: the view asks for a few pages only
    page.show()
    model = view.model()
    assert isinstance(model, PagedTableModel)
    assert_sorts_whole_list(qtbot, view, model)
    assert_every_column_sorts(qtbot, view, model)


def test_my_entries_sort_whole_on_the_platform(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    registrar = make_context("A", Role.REGISTRAR)
    registered_entries(registrar, [LAST_NAME, *OTHERS])
    page = MyEntriesPage(context=registrar, page_size=PAGE)
    assert_sorted_on_the_platform(qtbot, page, page.ui.entriesView)


def test_the_review_queue_sorts_whole_on_the_platform(make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    submitted_entries(make_context("A", Role.REGISTRAR), [LAST_NAME, *OTHERS])
    page = ReviewPage(context=make_context("A", Role.CATALOG_REVIEWER), page_size=PAGE)
    assert_sorted_on_the_platform(qtbot, page, page.ui.queueView)
