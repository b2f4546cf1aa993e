"""Lazy, server-paged table models (the search boxes' debouncer: `common.debounce`).

    model = PagedTableModel(fetch_page=lambda offset, limit: (items, total), columns=[...])
    view.setModel(model)                  # the view asks canFetchMore/fetchMore as it scrolls
    model.reset(new_fetch_page)           # new search or filter: earlier answers are ignored

`fetch_page(offset, limit)` runs in the background pool (never on the UI thread) and returns
the page's rows (dicts) and the total count (or None when unknown; then the model keeps asking
until a short page arrives; or `MoreThan(n)` when the platform counted only up to its cap: then
the length is unknown too, and `page_loaded` passes the bound on for the count label). Rows
are inserted on the UI thread when the page arrives, so the UI thread only ever does O(page)
work. Built for the 1,000,000-entry share catalog.

Sorting: `sort(column, order)` (a header click) asks the platform to sort when the column is
`server_sort` and the list is not loaded whole: the model starts over and calls
`fetch_page(offset, limit, sort)` with the platform's `sort` parameter (`"name"`, `"-name"`:
the column's key, descending with a minus), so a list of any length sorts. A list loaded whole
sorts here, client-side (Chinese in the locale's collation); a column the platform cannot sort
loads the rest first when the list has at most `LOAD_ALL_LIMIT` rows, and is refused
(`sort_unavailable`) for a longer one. `set_filter(match)` (a search box over a list the
platform cannot search) loads a short list whole in the same way.

A fetcher of a model with `server_sort` columns takes the third argument; `fetch_page(offset,
limit)` is called with two while no platform sort is asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from govshare_desktop.tasks import Task, run_in_background

Row = dict[str, Any]
PageResult = tuple[list[Row], int | None]
FetchPage = Callable[..., PageResult]
"""`(offset, limit)` or, for a model with `server_sort` columns, `(offset, limit, sort)`."""
Runner = Callable[..., Any]  # run_in_background or AppContext.run
AnyIndex = QModelIndex | QPersistentModelIndex
Match = Callable[[Row], bool]


class MoreThan(int):
    """A total known only as a bound: the platform counted `n` matches and stopped (its
    `total_is_estimate`), so there are more than `n` rows."""


LOAD_ALL_LIMIT = 2000
"""A sort or a filter loads the rest of a list of at most this many rows (client-side)."""


@dataclass(frozen=True)
class Column:
    """One column: `key` in the row dict, translated `title`, optional `render(row) -> str`."""

    key: str
    title: str
    render: Callable[[Row], str] | None = None
    tooltip: Callable[[Row], str] | None = field(default=None)
    sort_key: Callable[[Row], Any] | None = field(default=None)
    """What the column sorts by client-side (default: a number as such, else the text shown)."""
    server_sort: bool = False
    """The platform sorts the list by `key` (its `sort` parameter): any length sorts."""

    def sort_spec(self, order: Qt.SortOrder) -> str:
        """The platform's `sort` value for this column in `order`."""
        return ("-" if order == Qt.SortOrder.DescendingOrder else "") + self.key

    def text(self, row: Row) -> str:
        if self.render is not None:
            return self.render(row)
        value = row.get(self.key)
        return "" if value is None else str(value)

    def sort_value(self, row: Row) -> tuple[int, Any]:
        """(kind, value): numbers before texts, empty cells last."""
        value = self.sort_key(row) if self.sort_key is not None else row.get(self.key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, value)
        text = self.text(row) if self.sort_key is None else ("" if value is None else str(value))
        return (1, text) if text else (2, "")


def _collator() -> QCollator:
    collator = QCollator(QLocale())
    collator.setNumericMode(True)  # "申请 10" after "申请 9"
    return collator


def sort_rows(rows: list[Row], column: Column, order: Qt.SortOrder) -> list[Row]:
    """`rows` sorted by `column` (Chinese texts in the locale's collation, e.g. pinyin);
    empty cells stay last in both directions."""
    collator = _collator()
    descending = order == Qt.SortOrder.DescendingOrder

    def compare(a: tuple[int, Any], b: tuple[int, Any]) -> int:
        if a[0] != b[0]:
            return -1 if a[0] < b[0] else 1
        if a[0] == 0:
            result = (a[1] > b[1]) - (a[1] < b[1])
        elif a[0] == 1:
            result = collator.compare(a[1], b[1])
        else:
            return 0
        return -result if descending else result

    key = functools.cmp_to_key(compare)
    return sorted(rows, key=lambda r: key(column.sort_value(r)))


def text_match(text: str, keys: Sequence[str]) -> Match | None:
    """A filter for a search box: every word of `text` occurs in one of the row's `keys`
    (None for an empty text)."""
    words = text.split()
    if not words:
        return None

    def match(row: Row) -> bool:
        haystack = " ".join(str(row.get(k) or "") for k in keys).casefold()
        return all(w.casefold() in haystack for w in words)

    return match


class PagedTableModel(QAbstractTableModel):
    """A read-only table that fetches pages lazily in the background.

    Signals:
        loading(bool): a page request started (True) or finished (False).
        page_loaded(int, object): rows now loaded and the total (int or None).
        failed(object): the fetch raised this exception (ApiError or other).
        sort_unavailable(str): a sort was refused (the list is too long to load whole); why.
    """

    loading = Signal(bool)
    page_loaded = Signal(int, object)
    failed = Signal(object)
    sort_unavailable = Signal(str)

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
        self._rows: list[Row] = []  # shown: filtered and sorted
        self._loaded: list[Row] = []  # every row fetched, in the platform's order
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._server_sort: str | None = None  # the platform sorts (its `sort` parameter)
        self._match: Match | None = None
        self._total: int | None = None
        self._more_than: MoreThan | None = None  # the platform's bound while _total is unknown
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
        self._sort = None  # the column numbers mean other columns now
        self._server_sort = None
        if not keep_rows:
            self._generation += 1
            self._rows, self._loaded = [], []
            self._total, self._more_than = None, None
        else:
            self._rows = self._visible()
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
        self._rows, self._loaded = [], []
        self._total = None
        self._more_than = None
        self._exhausted = self._fetch is None
        self.last_error = None
        self.endResetModel()
        if prefetch:
            self.fetchMore(QModelIndex())

    def set_rows(self, rows: list[Row], total: int | None = None) -> None:
        """Show rows already at hand (e.g. the offline cache) without fetching."""
        self._generation += 1
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = self._visible()
        self._total = total if total is not None else len(rows)
        self._exhausted = True
        self.endResetModel()

    # --- sorting and filtering (client-side, on the rows loaded) ------------------------------

    @property
    def complete(self) -> bool:
        """Whether every row of the list is loaded (a sort or filter then covers it all)."""
        return self._exhausted or (self._total is not None and len(self._loaded) >= self._total)

    @property
    def loaded_count(self) -> int:
        """Rows fetched so far (before the filter)."""
        return len(self._loaded)

    @property
    def sort_column(self) -> int:
        return self._sort[0] if self._sort is not None else -1

    @property
    def server_sort(self) -> str | None:
        """The platform's `sort` value the rows were fetched with (None: its default order)."""
        return self._server_sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column` (a header click; -1: the platform's order). See the module
        docstring for who sorts: the platform for a `server_sort` column of a partial list."""
        if not (0 <= column < len(self._columns)):
            if self._server_sort is not None:
                self._server_sort, self._sort = None, None
                self._refetch()
            elif self._sort is not None:
                self._sort = None
                self._relayout()
            return
        spec = self._columns[column].sort_spec(order)
        if self._columns[column].server_sort and (
            not self.complete or self._server_sort is not None
        ):
            self._sort = (column, order)
            if spec != self._server_sort:
                self._server_sort = spec
                self._refetch()
            return
        if self._server_sort is not None:  # another column: back to the platform's order first
            self._server_sort = None
            self._sort = None
            self._refetch()
            if not self.complete and not self._may_load_all():
                return  # the total arrives with the first page; a header click then sorts
        if not self.complete and not self._may_load_all():
            self._sort = None
            self._relayout()
            self.sort_unavailable.emit(self._too_long_text())
            return
        self._sort = (column, order)
        self._relayout()
        self._load_rest()

    def set_filter(self, match: Match | None) -> None:
        """Show only the rows for which `match(row)` is true (None: all). A short list is
        loaded whole so the filter covers every row; a long one is filtered as it loads."""
        self._match = match
        self.beginResetModel()
        self._rows = self._visible()
        self.endResetModel()
        self._load_rest()

    def _refetch(self) -> None:
        """Start the list over in the platform's new order (the filter stays)."""
        self.reset(prefetch=True)

    def _may_load_all(self) -> bool:
        return self._total is not None and self._total <= LOAD_ALL_LIMIT

    def _too_long_text(self) -> str:
        return QCoreApplication.translate(
            "PagedTableModel", "列表共 %1 条，过长无法排序；请先搜索或筛选缩小范围。"
        ).replace("%1", f"{self._total or self._more_than or 0:,}")

    def _load_rest(self) -> None:
        """While sorted or filtered, keep loading a short list until it is whole."""
        client_sorted = self._sort is not None and self._server_sort is None
        if (client_sorted or self._match is not None) and self._may_load_all():
            self.fetchMore(QModelIndex())

    def _visible(self) -> list[Row]:
        rows = self._loaded
        if self._match is not None:
            rows = [r for r in rows if self._match(r)]
        if self._sort is not None and self._server_sort is None:
            column, order = self._sort
            rows = sort_rows(rows, self._columns[column], order)
        return list(rows)

    def _relayout(self) -> None:
        """Show the rows in the new order, keeping the selection (persistent indexes)."""
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        new = self._visible()
        where = {id(r): n for n, r in enumerate(new)}
        before = self.persistentIndexList()
        moved = [where.get(id(old[i.row()]), -1) if 0 <= i.row() < len(old) else -1 for i in before]
        self._rows = new
        after = [
            self.index(r, i.column()) if r >= 0 else QModelIndex()
            for i, r in zip(before, moved, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

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
        return self._total is None or len(self._loaded) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._pending is not None or not self.canFetchMore(parent):
            return
        fetch = self._fetch
        assert fetch is not None
        generation = self._generation
        offset, limit, spec = len(self._loaded), self._page_size, self._server_sort

        def op(task: Task) -> PageResult:
            return fetch(offset, limit) if spec is None else fetch(offset, limit, spec)

        def done(result: tuple[list[Row], int | None]) -> None:
            if generation != self._generation:
                return  # an answer to an earlier query
            try:  # still "pending" while inserting: views asking for more must wait
                self._append(result, offset, limit)
            finally:
                self._pending = None
            self.loading.emit(False)
            self.page_loaded.emit(
                len(self._rows), self._total if self._more_than is None else self._more_than
            )
            self._load_rest()

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
        if offset != len(self._loaded):  # should not happen; be safe rather than duplicate
            return
        if isinstance(total, MoreThan):
            self._more_than = total
        elif total is not None:
            self._total, self._more_than = total, None
        if len(items) < limit:
            self._exhausted = True
        self._loaded.extend(items)
        if self._total is not None and len(self._loaded) >= self._total:
            self._exhausted = True
        if self._exhausted and self._more_than is not None:  # the end: now the total is known
            self._total, self._more_than = len(self._loaded), None
        unsortable = self._server_sort is None and not self._may_load_all()
        if self._sort is not None and not self.complete and unsortable:
            self._sort = None  # a new search made the list too long to sort
            self.sort_unavailable.emit(self._too_long_text())
        shown = [r for r in items if self._match(r)] if self._match is not None else items
        if shown:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._rows.extend(shown)
            self.endInsertRows()
        if self._sort is not None and self._server_sort is None:
            self._relayout()  # the new rows into their places


def api_page_fetcher(get: Callable[..., Any], path: str, **params: Any) -> FetchPage:
    """A fetch_page for the platform's `{items, total}` list endpoints (offset + limit, and
    the platform's `sort` when a `server_sort` column asks for it)."""

    def fetch(offset: int, limit: int, sort: str | None = None) -> PageResult:
        page = get(path, offset=offset, limit=limit, sort=sort, **params)
        total = page.get("total")
        if total is not None and page.get("total_is_estimate"):
            return list(page.get("items", [])), MoreThan(total)
        return list(page.get("items", [])), (int(total) if total is not None else None)

    return fetch
