"""Key-element change report (第十七条): what changed, since when, and the days left of the
platform's change-report window (policy `change_report_days`, 20 by default)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from govshare_core import clock
from govshare_core.validation import validate_reason
from govshare_core.vocab import ShareMode, ShareType, UpdateCycle
from govshare_core.workflow import KEY_ELEMENTS
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.items_table import ItemTable
from govshare_desktop.common import policy
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

ENUM_FIELDS: dict[str, Any] = {
    "share_type": ShareType,
    "share_mode": ShareMode,
    "update_cycle": UpdateCycle,
}
CHANGED = QColor("#fff4c2")


class ChangeReportDialog(QDialog):
    """Reports a published entry's key-element change to the platform.

    Signals:
        reported(object): the platform accepted the report (its dict).
        queued(str): kept in the outbox (offline); what the user was told.
    """

    reported = Signal(object)
    queued = Signal(str)

    PREFERRED_SIZE = QSize(760, 680)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        context: AppContext,
        entry: dict[str, Any],
        changes: dict[str, Any],
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entry = entry
        self.today = today or clock.today()
        self._changes = dict(changes)
        self.report_days = policy.current(context).change_report_days  # the platform's policy
        self._key = new_idempotency_key()
        self.ui = load_form("change_report.ui", self)
        self.setWindowTitle(self.tr("关键要素变更报告"))
        self.errors = FieldErrors(summary=self.ui.errorSummary, parent=self)
        self.errors.bind("changes", self.ui.changesTable, self.ui.changesError)
        self.errors.bind("effective_date", self.ui.effectiveDateEdit, self.ui.effectiveError)
        self.errors.bind("description", self.ui.descriptionEdit, self.ui.descriptionError)
        for label in (self.ui.statusLabel, self.ui.entryLabel, self.ui.daysLeftLabel):
            label.setWordWrap(True)  # a long message must not widen the dialog off the screen
        self.ui.entryLabel.setText(
            f"{entry.get('name', '')}  {entry.get('resource_code') or ''}".strip()
        )
        self._fill_table()
        edit = self.ui.effectiveDateEdit
        edit.setMaximumDate(i18n.qdate(self.today))
        edit.setDate(i18n.qdate(self.today))
        edit.dateChanged.connect(self._on_effective_date_edit_date_changed)
        self.ui.sendButton.clicked.connect(self.send)
        self.ui.cancelButton.clicked.connect(self.reject)
        self._on_effective_date_edit_date_changed()
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def _fill_table(self) -> None:
        table = self.ui.changesTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("关键要素"), self.tr("变更前"), self.tr("变更后")])
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(36)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editors in it take the focus
        table.setRowCount(len(KEY_ELEMENTS))
        self.editors: dict[str, QWidget] = {}
        for row, name in enumerate(KEY_ELEMENTS):
            label = QTableWidgetItem(i18n.field_label(name))
            label.setData(Qt.ItemDataRole.UserRole, name)
            before_text = P.show_value(self.entry.get(name)) or self.tr("（空）")
            before = QTableWidgetItem(before_text)
            before.setToolTip(before_text)
            for item in (label, before):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, label)
            table.setItem(row, 1, before)
            editor = self._editor(name)
            self.editors[name] = editor
            table.setCellWidget(row, 2, editor)
        self._mark_changed_rows()

    def _editor(self, name: str) -> QWidget:
        """A combo with vocab labels, a text line, or the data-item editor button."""
        value = self._changes.get(name)
        if name in ENUM_FIELDS:
            combo = QComboBox()
            combo.addItem(self.tr("（不变更）"), None)
            for member in ENUM_FIELDS[name]:
                combo.addItem(i18n.label(member), member.value)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value else 0)
            combo.currentIndexChanged.connect(self._on_editor_changed)
            return combo
        if name == "data_items":
            self._items_after = list(value) if isinstance(value, list) else None
            button = QPushButton()
            button.clicked.connect(self.edit_items)
            self._items_button = button
            self._update_items_button()
            return button
        edit = QLineEdit("" if value is None else str(value))
        edit.setPlaceholderText(self.tr("留空表示此项不变更"))
        edit.textChanged.connect(self._on_editor_changed)
        return edit

    def _update_items_button(self) -> None:
        items = self._items_after
        self._items_button.setText(
            self.tr("编辑信息项…")
            if items is None
            else self.tr("已修改：%1 项（点击编辑）").replace("%1", str(len(items)))
        )

    def edit_items(self) -> ItemsDialog:
        """Open the data-item editor on the new (or current) items."""
        current = self._items_after
        if current is None:
            current = P.entry_input(self.entry)["data_items"]
        dialog = ItemsDialog(items=current, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.items_chosen.connect(self._on_items_dialog_items_chosen)
        self.items_dialog = dialog
        dialog.open()
        return dialog

    def _on_items_dialog_items_chosen(self, items: list[dict[str, Any]]) -> None:
        unchanged = items == P.entry_input(self.entry)["data_items"]
        self._items_after = None if unchanged else items
        self._update_items_button()
        self._mark_changed_rows()

    def _on_editor_changed(self, *_args: Any) -> None:
        self._mark_changed_rows()

    def _mark_changed_rows(self) -> None:
        changed = self.changes()
        table = self.ui.changesTable
        for row, name in enumerate(KEY_ELEMENTS):
            for col in (0, 1):
                item = table.item(row, col)
                if item is not None:
                    item.setBackground(CHANGED if name in changed else QBrush())

    def changes(self) -> dict[str, Any]:
        """The key elements given a new value that differs from the published one."""
        out: dict[str, Any] = {}
        for name, editor in getattr(self, "editors", {}).items():
            value: Any
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            elif isinstance(editor, QLineEdit):
                value = editor.text().strip() or None
            else:
                value = self._items_after
            if value is not None and value != self.entry.get(name):
                out[name] = value
        return out

    def effective_date(self) -> date:
        value = self.ui.effectiveDateEdit.date().toPython()
        assert isinstance(value, date)
        return value

    def days_left(self) -> int:
        """Calendar days left of the platform's change-report window (第十七条)."""
        return P.change_report_days_left(self.effective_date(), self.today, days=self.report_days)

    def _on_effective_date_edit_date_changed(self, *_args: Any) -> None:
        left = self.days_left()
        label = self.ui.daysLeftLabel
        if left >= 0:
            label.setText(
                self.tr("距报送期限还剩 %1 天（共%2天）")
                .replace("%1", str(left))
                .replace("%2", str(self.report_days))
            )
            label.setStyleSheet("color: #188038;" if left > 3 else "color: #b06000;")
        else:
            label.setText(self.tr("已逾期 %1 天，将记为迟报（第十七条）").replace("%1", str(-left)))
            label.setStyleSheet("color: #d93025; font-weight: 600;")
        label.setProperty("late", left < 0)

    def send(self) -> None:
        body = {
            "effective_date": self.effective_date().isoformat(),
            "description": self.ui.descriptionEdit.toPlainText().strip(),
            "changes": self.changes(),
        }
        errors: dict[str, str] = {}
        for error in validate_reason(body["description"], "description"):
            errors["description"] = i18n.message(error)  # the core's rule, in the UI language
        if not body["changes"]:
            errors["changes"] = self.tr("请至少填写一项变更后的关键要素")
        self.errors.show(errors)
        if errors:
            return
        label = self.tr("报送变更报告：%1").replace("%1", str(self.entry.get("name", "")))
        action = actions.report_change(int(self.entry["id"]), body, label=label)
        self.ui.sendButton.setEnabled(False)
        self.ui.statusLabel.setText(self.tr("正在报送…"))
        self.context.sync.submit(action, done=self._on_outcome, key=self._key)

    def _on_outcome(self, outcome: Outcome) -> None:
        if outcome.status == OutcomeStatus.SENT and outcome.result is not None:
            self.report = outcome.result
            self.reported.emit(outcome.result)
            self.accept()
        elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
            self.ui.statusLabel.setText(outcome.message)  # the outbox sends it later
            self.queued.emit(outcome.message)
            self.accept()
        else:
            self._on_failed(outcome)

    def _on_failed(self, outcome: Outcome) -> None:
        self.ui.sendButton.setEnabled(True)
        error = outcome.api_error
        if error is not None and error.status == 422:
            self.errors.show(error.field_messages(i18n.language()))
        self.ui.statusLabel.setText(outcome.message)


class ItemsDialog(QDialog):
    """Edits the data items after the change with the entry form's item table (ItemTable).

    Signals:
        items_chosen(object): the user confirmed these items (a list of dicts).
    """

    items_chosen = Signal(object)

    PREFERRED_SIZE = QSize(780, 440)  # shrunk to the screen (1366×728 at least)

    def __init__(self, *, items: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_form("items_dialog.ui", self)
        self.setWindowTitle(self.tr("变更后的信息项"))
        self.editor = ItemTable(self.ui.itemsTable, parent=self)
        self.editor.set_items(items)
        self.editor.connect_buttons(self.ui)
        self.ui.okButton.clicked.connect(self._on_ok_button_clicked)
        self.ui.cancelButton.clicked.connect(self.reject)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def _on_ok_button_clicked(self) -> None:
        items = self.editor.items()
        errors = {n: self.tr("信息项名称不能为空") for n, i in enumerate(items) if not i["name"]}
        self.editor.mark_errors(errors)
        if not items or errors:
            return
        self.items_chosen.emit(items)
        self.accept()
