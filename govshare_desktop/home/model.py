"""InboxModel: the 待办 items as a table (kind, title, state, due date, working days left)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from govshare_desktop.home import presenter as p

_Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#b3261e")


class InboxModel(QAbstractTableModel):
    """Inbox items (dicts from GET /api/v1/inbox); small (≤ 200 rows), so not paged."""

    KIND, TITLE, STATE, DUE, DAYS = range(5)
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []
        self._warning: QIcon | None = None

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._items = [dict(i) for i in items]
        self.endResetModel()

    def item(self, row: int) -> dict[str, Any]:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (
                self.tr("类型"),
                self.tr("事项"),
                self.tr("状态"),
                self.tr("截止日期"),
                self.tr("剩余工作日"),
            )
            return titles[section] if 0 <= section < len(titles) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.ForegroundRole and p.is_overdue(item):
            if column in (self.DUE, self.DAYS):
                return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.DecorationRole and column == self.DAYS and p.is_overdue(item):
            return self._warning_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DUE and item.get("due_provisional"):
                return p.provisional_tooltip()
            if column == self.DAYS and p.is_overdue(item):
                return self.tr("已超过办理期限")
        return None

    def _display(self, item: dict[str, Any], column: int) -> str:
        if column == self.KIND:
            return p.kind_text(str(item.get("kind", "")))
        if column == self.TITLE:
            return str(item.get("title", ""))
        if column == self.STATE:
            return p.state_text(str(item.get("kind", "")), str(item.get("state", "")))
        if column == self.DUE:
            return p.due_text(item)
        return p.days_left_text(item)

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            style = QApplication.style()
            self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning
