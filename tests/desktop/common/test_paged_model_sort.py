"""PagedTableModel sorts only what it has in full: a list too long to load is not sorted half
loaded (the user is told), a shorter one is loaded to the end first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from govshare_desktop.common.paged_model import LOAD_ALL_LIMIT, Column, PagedTableModel

WAIT = 10_000


def test_a_long_list_is_not_sorted_half_loaded(qtbot) -> None:
    rows = [{"name": f"n{i:05d}"} for i in range(LOAD_ALL_LIMIT + 10)]

    def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        return rows[offset : offset + limit], len(rows)

    model = PagedTableModel(fetch_page=fetch, columns=[Column("name", "名称")], page_size=50)
    with qtbot.wait_signal(model.page_loaded, timeout=WAIT):
        model.reset()
    with qtbot.wait_signal(model.sort_unavailable) as refused:
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert "过长" in refused.args[0] and model.row_data(0)["name"] == "n00000"

    short = rows[:120]
    model.reset(lambda o, n: (short[o : o + n], len(short)))
    qtbot.waitUntil(lambda: not model.is_loading, timeout=WAIT)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # loads the rest, then sorts it all
    qtbot.waitUntil(lambda: model.rowCount() == 120 and not model.is_loading, timeout=WAIT)
    assert model.row_data(0)["name"] == "n00119"
