"""Table models of the assessment page: a small model over rows the platform sent whole (the
ranking, one round's results; a scorecard's indicators) and the proxy that sorts it.

    model = RowsModel(presenter.ranking_columns(), role_hook=grade_colours)
    proxy = SortProxy(model)             # the view sorts through it (header clicks)
    model.set_rows(results)

A round has one result per department (about a hundred): loaded whole, sorted here. The long
list (the rounds) is the paged model of common.paged_model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from govshare_desktop.assessment import presenter as P
from govshare_desktop.common.paged_model import Column, Row

AnyIndex = QModelIndex | QPersistentModelIndex
RoleHook = Callable[[Row, int, int], Any]
"""(row, column, role) → a value for roles the model does not answer itself (None: none)."""
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
WEAK_BACKGROUND = QColor("#fdecea")


class RowsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        *,
        role_hook: RoleHook | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._hook = role_hook

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_data(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else column.text(row)
        if role == SORT_ROLE:
            return column.sort_value(row)
        if self._hook is not None:
            return self._hook(row, index.column(), role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts by the columns' own sort values (numbers as numbers, empty cells last)."""

    def __init__(self, source: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a = left.data(SORT_ROLE) or (2, "")
        b = right.data(SORT_ROLE) or (2, "")
        if a[0] != b[0]:
            return bool(a[0] < b[0])
        if a[0] == 0:
            return bool(a[1] < b[1])
        return str(a[1]) < str(b[1])

    def source_row(self, proxy_row: int) -> Row:
        source = self.mapToSource(self.index(proxy_row, 0)).row()
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        return model.row_data(source)


def ranking_roles(row: Row, column: int, role: int) -> Any:
    """The grade in its colour (Grade.colour) and bold; an adjusted score in italics."""
    if column == P.GRADE and role == Qt.ItemDataRole.ForegroundRole:
        colour = P.grade_colour(row)
        return QBrush(QColor(colour)) if colour else None
    if role == Qt.ItemDataRole.FontRole and (
        column == P.GRADE or (column == P.SCORE and P.is_adjusted(row))
    ):
        font = QFont()
        font.setBold(column == P.GRADE)
        font.setItalic(column == P.SCORE)
        return font
    if role == Qt.ItemDataRole.TextAlignmentRole and column != P.DEPARTMENT:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


def indicator_roles(row: Row, column: int, role: int) -> Any:
    """A weak indicator (score below 60: it gets a suggestion) on a red background."""
    if role == Qt.ItemDataRole.BackgroundRole and row.get("weak"):
        return QBrush(WEAK_BACKGROUND)
    if role == Qt.ItemDataRole.ForegroundRole and row.get("weak") and column == 3:
        return QBrush(QColor("#b3261e"))
    if role == Qt.ItemDataRole.ForegroundRole and not row.get("scored") and column == 1:
        return QBrush(QColor("#5f6368"))  # counted for the record, not scored
    return None
