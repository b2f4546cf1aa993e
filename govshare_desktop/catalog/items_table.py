"""The data-item (信息项) table editor shared by the entry form and the change report dialog.

    editor = ItemTable(table)            # a QTableWidget from a .ui file
    editor.set_items(entry["data_items"]); editor.items()
    editor.connect_buttons(ui)           # its add/remove/up/down buttons
    editor.mark_errors({0: "信息项名称不能为空"})   # red cell + tooltip per row
    editor.highlight_names({"公民身份号码"})         # rows a 一数一源 hint refers to

Signals:
    edited(): a cell or a combo changed (not while filling).
    name_edited(): a name cell changed (for the 一数一源 hints).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from govshare_core.vocab import DataType, ShareType
from govshare_desktop import i18n
from govshare_desktop.common.uiload import Form

COLUMNS = 6  # name, data type, length, share type, description, key
KEY_COLUMN = 5
"""关键信息项: a check box; at most one row (ticking one clears the others; the core's
validation refuses two, govshare_core.exchange.key_item)."""
ERROR_BG = QColor("#fce8e6")
HINT_BG = QColor("#e8f0fe")
_ROW_PATH = re.compile(r"^data_items\[(\d+)\](?:\.(\w+))?")


def row_errors(errors: Mapping[str, str]) -> dict[int, str]:
    """{"data_items[2].name": msg} → {2: msg} (several messages of a row joined)."""
    out: dict[int, str] = {}
    for path, msg in errors.items():
        match = _ROW_PATH.match(path)
        if match:
            row = int(match.group(1))
            out[row] = f"{out[row]}；{msg}" if row in out else msg
    return out


class ItemTable(QObject):
    """Drives a QTableWidget as the data-item editor (a combo per type and share column)."""

    edited = Signal()
    name_edited = Signal()

    def __init__(self, table: QTableWidget, parent: QObject | None = None) -> None:
        super().__init__(parent or table)
        self.table = table
        self.errors: dict[int, str] = {}
        self.hinted: set[str] = set()
        self.read_only = False
        self._triggers = table.editTriggers()
        table.setColumnCount(COLUMNS)
        table.setHorizontalHeaderLabels(
            [
                self.tr("名称"),
                self.tr("数据类型"),
                self.tr("长度"),
                self.tr("共享类型"),
                self.tr("说明"),
                self.tr("关键信息项"),
            ]
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KEY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((1, 130), (2, 70), (3, 130)):
            table.setColumnWidth(col, width)
        table.verticalHeader().setDefaultSectionSize(30)
        table.itemChanged.connect(self._on_table_item_changed)

    # --- data --------------------------------------------------------------------------------

    def items(self) -> list[dict[str, Any]]:
        table, out = self.table, []
        for row in range(table.rowCount()):
            length_text = _cell(table, row, 2)
            type_combo, share_combo = table.cellWidget(row, 1), table.cellWidget(row, 3)
            assert isinstance(type_combo, QComboBox) and isinstance(share_combo, QComboBox)
            out.append(
                {
                    "name": _cell(table, row, 0),
                    "data_type": type_combo.currentData(),
                    "length": int(length_text) if length_text.isdigit() else None,
                    "share_type": share_combo.currentData(),
                    "description": _cell(table, row, 4) or None,
                    "key": self._key_checked(row),
                }
            )
        return out

    def set_items(self, items: Iterable[Mapping[str, Any]]) -> None:
        table = self.table
        table.blockSignals(True)
        try:
            table.setRowCount(0)
            for item in items:
                self.append(item, quiet=True)
        finally:
            table.blockSignals(False)
        self._paint()

    def append(self, item: Mapping[str, Any], *, quiet: bool = False) -> int:
        table = self.table
        blocked = table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(item.get("name") or ""))
        types = QComboBox()
        for member in DataType:
            types.addItem(i18n.label(member), member.value)
        _select(types, item.get("data_type") or DataType.CHAR.value)
        table.setCellWidget(row, 1, types)
        length = item.get("length")
        table.setItem(row, 2, QTableWidgetItem("" if length is None else str(length)))
        shares = QComboBox()
        shares.addItem(self.tr("同资源"), None)
        for share in ShareType:
            shares.addItem(i18n.label(share), share.value)
        _select(shares, item.get("share_type"))
        table.setCellWidget(row, 3, shares)
        types.setEnabled(not self.read_only)
        shares.setEnabled(not self.read_only)
        table.setItem(row, 4, QTableWidgetItem(item.get("description") or ""))
        table.setItem(row, KEY_COLUMN, self._key_cell(bool(item.get("key"))))
        table.blockSignals(blocked)
        types.currentIndexChanged.connect(self._on_combo_changed)
        shares.currentIndexChanged.connect(self._on_combo_changed)
        if not quiet:
            self.edited.emit()
        return row

    def connect_buttons(self, ui: Form) -> None:
        """The form's addItemButton, removeItemButton, upItemButton and downItemButton (the
        names in ui/entry_form.ui and ui/items_dialog.ui)."""
        ui.addItemButton.clicked.connect(self.add_and_edit)
        ui.removeItemButton.clicked.connect(self.remove_current)
        ui.upItemButton.clicked.connect(lambda: self.move_current(-1))
        ui.downItemButton.clicked.connect(lambda: self.move_current(1))

    def add_and_edit(self) -> int:
        """A new empty row at the end, its name cell open for typing."""
        row = self.append({})
        self.table.setCurrentCell(row, 0)
        name = self.table.item(row, 0)
        if name is not None:
            self.table.editItem(name)
        return row

    def remove_current(self) -> bool:
        row = self.table.currentRow()
        if row < 0:
            return False
        self.table.removeRow(row)
        self.edited.emit()
        self.name_edited.emit()
        return True

    def move_current(self, step: int) -> bool:
        row = self.table.currentRow()
        items = self.items()
        target = row + step
        if row < 0 or not (0 <= target < len(items)):
            return False
        items[row], items[target] = items[target], items[row]
        self.set_items(items)
        self.table.setCurrentCell(target, 0)
        self.edited.emit()
        return True

    def set_read_only(self, read_only: bool) -> None:
        """No cell editing and the type/share combos disabled (legible: see
        common.forms.legible_when_disabled on the form)."""
        self.read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else self._triggers
        )
        for row in range(self.table.rowCount()):
            for col in (1, 3):
                widget = self.table.cellWidget(row, col)
                if widget is not None:
                    widget.setEnabled(not read_only)
            cell = self.table.item(row, KEY_COLUMN)
            if cell is not None:
                cell.setFlags(self._key_flags())

    # --- marks -------------------------------------------------------------------------------

    def mark_errors(self, errors: Mapping[int, str]) -> None:
        """Red name cell + tooltip on the rows with an error (data_items[i].*)."""
        self.errors = dict(errors)
        self._paint()

    def highlight_names(self, names: Iterable[str]) -> None:
        """Tint the rows whose name a 一数一源 hint refers to (第十八条)."""
        self.hinted = set(names)
        self._paint()

    def _paint(self) -> None:
        table = self.table
        blocked = table.blockSignals(True)
        try:
            for row in range(table.rowCount()):
                cell = table.item(row, 0)
                if cell is None:
                    continue
                name = cell.text().strip()
                if row in self.errors:
                    cell.setBackground(QBrush(ERROR_BG))
                    cell.setForeground(QBrush(QColor("#a50e0e")))
                    cell.setToolTip(self.errors[row])
                elif name and name in self.hinted:
                    cell.setBackground(QBrush(HINT_BG))
                    cell.setForeground(QBrush())
                    cell.setToolTip(self.tr("已有其他部门提供此信息项（一数一源，第十八条）"))
                else:
                    cell.setBackground(QBrush())
                    cell.setForeground(QBrush())
                    cell.setToolTip("")
        finally:
            table.blockSignals(blocked)

    # --- 关键信息项 ---------------------------------------------------------------------------

    def _key_flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsUserCheckable

    def _key_cell(self, checked: bool) -> QTableWidgetItem:
        cell = QTableWidgetItem()
        cell.setFlags(self._key_flags())
        cell.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        cell.setToolTip(self.tr("交付文件中唯一、按其查询的信息项（如公民身份号码），至多一项"))
        return cell

    def _key_checked(self, row: int) -> bool:
        cell = self.table.item(row, KEY_COLUMN)
        return cell is not None and cell.checkState() == Qt.CheckState.Checked

    def set_key(self, row: int, checked: bool = True) -> None:
        """Tick (or clear) the row's 关键信息项 box, as a click does."""
        cell = self.table.item(row, KEY_COLUMN)
        if cell is not None:
            cell.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _only_key(self, row: int) -> None:
        """A ticked key clears the others: at most one 关键信息项."""
        blocked = self.table.blockSignals(True)
        try:
            for other in range(self.table.rowCount()):
                cell = self.table.item(other, KEY_COLUMN)
                if other != row and cell is not None:
                    cell.setCheckState(Qt.CheckState.Unchecked)
        finally:
            self.table.blockSignals(blocked)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == KEY_COLUMN and item.checkState() == Qt.CheckState.Checked:
            self._only_key(item.row())
        self.edited.emit()
        if item.column() == 0:
            self.name_edited.emit()

    def _on_combo_changed(self, *_args: Any) -> None:
        self.edited.emit()


def _select(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return "" if item is None else str(item.text()).strip()


__all__ = ["ItemTable", "Qt", "row_errors"]
