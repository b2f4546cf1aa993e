"""Lazy, server-paged table models and a debouncer for search boxes.

    model = PagedTableModel(fetch_page=lambda offset, limit: (items, total), columns=[...])
    view.setModel(model)                  # the view asks canFetchMore/fetchMore as it scrolls
    model.reset(new_fetch_page)           # new search or filter: earlier answers are ignored

`fetch_page(offset, limit)` runs in the background pool (never on the UI thread) and returns
the page's rows (dicts) and the total count (or None when unknown; then the model keeps asking
until a short page arrives). Rows are inserted on the UI thread when the page arrives, so the
UI thread only ever does O(page) work. Built for the 1,000,000-entry share catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from govshare_desktop.tasks import Task, run_in_background

Row = dict[str, Any]
FetchPage = Callable[[int, int], tuple[list[Row], int | None]]
Runner = Callable[..., Any]  # run_in_background or AppContext.run
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: `key` in the row dict, translated `title`, optional `render(row) -> str`."""

    key: str
    title: str
    render: Callable[[Row], str] | None = None
    tooltip: Callable[[Row], str] | None = field(default=None)

    def text(self, row: Row) -> str:
        if self.render is not None:
            return self.render(row)
        value = row.get(self.key)
        return "" if value is None else str(value)


class PagedTableModel(QAbstractTableModel):
    """A read-only table that fetches pages lazily in the background.

    Signals:
        loading(bool): a page request started (True) or finished (False).
        page_loaded(int, object): rows now loaded and the total (int or None).
        failed(object): the fetch raised this exception (ApiError or other).
    """

    loading = Signal(bool)
    page_loaded = Signal(int, object)
    failed = Signal(object)

    def __init__(
        self,
        *,
        fetch_page: FetchPage | None,
        columns: Sequence[Column],
        page_size: int = 100,
        runner: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._page_size = page_size
        self._runner: Runner = runner or run_in_background
        self._fetch: FetchPage | None = fetch_page
        self._rows: list[Row] = []
        self._total: int | None = None
        self._exhausted = fetch_page is None
        self._generation = 0
        self._pending: Task | None = None
        self._row_flags: Callable[[Row], bool] | None = None
        self._row_decorator: Callable[[Row, int], Any] | None = None
        self.last_error: Exception | None = None

    # --- public API --------------------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._pending is not None

    def row_data(self, row: int) -> Row:
        """The dict behind a row (a copy of the reference: do not mutate)."""
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def set_columns(self, columns: Sequence[Column], *, keep_rows: bool = False) -> None:
        """Replace the columns (e.g. another queue shown in the same view).

        The rows are dropped too unless `keep_rows`: rows of another queue may lack the new
        columns' keys, and a view sizing its columns to the contents reads them at once."""
        self.beginResetModel()
        self._columns = list(columns)
        if not keep_rows:
            self._generation += 1
            self._rows = []
            self._total = None
        self.endResetModel()

    def set_enabled_rule(self, rule: Callable[[Row], bool] | None) -> None:
        """Rows for which `rule(row)` is False show disabled (greyed out, not selectable)."""
        self._row_flags = rule

    def set_role_hook(self, hook: Callable[[Row, int], Any] | None) -> None:
        """`hook(row, role)` may return a value for extra roles (colours, tooltips)."""
        self._row_decorator = hook

    def reset(self, fetch_page: FetchPage | None = None, *, prefetch: bool = True) -> None:
        """Start over (new search/filter): drop rows, ignore answers to earlier requests."""
        if fetch_page is not None:
            self._fetch = fetch_page
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
            self.loading.emit(False)
        self.beginResetModel()
        self._rows = []
        self._total = None
        self._exhausted = self._fetch is None
        self.last_error = None
        self.endResetModel()
        if prefetch:
            self.fetchMore(QModelIndex())

    def set_rows(self, rows: list[Row], total: int | None = None) -> None:
        """Show rows already at hand (e.g. the offline cache) without fetching."""
        self._generation += 1
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total if total is not None else len(rows)
        self._exhausted = True
        self.endResetModel()

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if self._row_decorator is not None:
            return self._row_decorator(row, int(role))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self._row_flags is not None and 0 <= index.row() < len(self._rows):
            if not self._row_flags(self._rows[index.row()]):
                return Qt.ItemFlag.NoItemFlags
        return base | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].title
            return None
        return str(section + 1)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if parent.isValid() or self._exhausted or self._fetch is None:
            return False
        if self.last_error is not None:
            return False  # do not hammer a failing server; reset() or retry() resumes
        return self._total is None or len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._pending is not None or not self.canFetchMore(parent):
            return
        fetch = self._fetch
        assert fetch is not None
        generation = self._generation
        offset, limit = len(self._rows), self._page_size

        def op(task: Task) -> tuple[list[Row], int | None]:
            return fetch(offset, limit)

        def done(result: tuple[list[Row], int | None]) -> None:
            if generation != self._generation:
                return  # an answer to an earlier query
            try:  # still "pending" while inserting: views asking for more must wait
                self._append(result, offset, limit)
            finally:
                self._pending = None
            self.loading.emit(False)
            self.page_loaded.emit(len(self._rows), self._total)

        def fail(exc: Exception) -> None:
            if generation != self._generation:
                return
            self._pending = None
            self.last_error = exc
            self.loading.emit(False)
            self.failed.emit(exc)

        self.loading.emit(True)
        self._pending = self._runner(op, success=done, failure=fail)

    def retry(self) -> None:
        """After a failure: try the next page again."""
        self.last_error = None
        self.fetchMore(QModelIndex())

    def _append(self, result: tuple[list[Row], int | None], offset: int, limit: int) -> None:
        items, total = result
        if offset != len(self._rows):  # should not happen; be safe rather than duplicate
            return
        if total is not None:
            self._total = total
        if len(items) < limit:
            self._exhausted = True
        if items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._rows.extend(items)
            self.endInsertRows()
        if self._total is not None and len(self._rows) >= self._total:
            self._exhausted = True


def api_page_fetcher(get: Callable[..., Any], path: str, **params: Any) -> FetchPage:
    """A fetch_page for the platform's `{items, total}` list endpoints (offset + limit)."""

    def fetch(offset: int, limit: int) -> tuple[list[Row], int | None]:
        page = get(path, offset=offset, limit=limit, **params)
        total = page.get("total")
        return list(page.get("items", [])), (int(total) if total is not None else None)

    return fetch


class Debouncer(QObject):
    """Calls back once input has been quiet for `delay_ms` (typing a search, data item names).

    Signals:
        fired(object): the last value given to `push`, after the quiet period.
    """

    fired = Signal(object)

    def __init__(
        self,
        *,
        delay_ms: int = 250,
        callback: Callable[[Any], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._value: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        if callback is not None:
            self.fired.connect(callback)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def push(self, value: Any = None) -> None:
        self._value = value
        self._timer.start()

    def flush(self) -> None:
        """Fire now if something is waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self.fired.emit(self._value)

    def cancel(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self.fired.emit(self._value)
