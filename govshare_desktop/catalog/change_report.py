"""Key-element change report (第十七条): what changed, since when, and the days left of the 20."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from govshare_core.workflow import KEY_ELEMENTS
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext


class ChangeReportDialog(QDialog):
    """Reports a published entry's key-element change to the platform.

    Signals:
        reported(object): the platform accepted the report (its dict).
    """

    reported = Signal(object)

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
        self.today = today or date.today()
        self._changes = dict(changes)
        self._key = new_idempotency_key()
        self.ui = load_form("change_report.ui", self)
        self.setWindowTitle(self.tr("关键要素变更报告"))
        self.errors = FieldErrors(summary=self.ui.errorSummary, parent=self)
        self.errors.bind("changes", self.ui.changesTable, self.ui.changesError)
        self.errors.bind("effective_date", self.ui.effectiveDateEdit, self.ui.effectiveError)
        self.errors.bind("description", self.ui.descriptionEdit, self.ui.descriptionError)
        self.ui.entryLabel.setText(
            f"{entry.get('name', '')}  {entry.get('resource_code') or ''}".strip()
        )
        self._fill_table()
        edit = self.ui.effectiveDateEdit
        edit.setMaximumDate(_qdate(self.today))
        edit.setDate(_qdate(self.today))
        edit.dateChanged.connect(self._on_effective_date_edit_date_changed)
        self.ui.sendButton.clicked.connect(self.send)
        self.ui.cancelButton.clicked.connect(self.reject)
        self._on_effective_date_edit_date_changed()
        self.resize(760, 600)

    def _fill_table(self) -> None:
        table = self.ui.changesTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels([self.tr("关键要素"), self.tr("变更前"), self.tr("变更后")])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setRowCount(len(KEY_ELEMENTS))
        for row, name in enumerate(KEY_ELEMENTS):
            label = QTableWidgetItem(P.field_label(name))
            label.setData(Qt.ItemDataRole.UserRole, name)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            before = QTableWidgetItem(P.show_value(self.entry.get(name)))
            before.setFlags(before.flags() & ~Qt.ItemFlag.ItemIsEditable)
            value = self._changes.get(name)
            after = QTableWidgetItem(_as_text(value) if name in self._changes else "")
            after.setToolTip(self.tr("留空表示此项未变更"))
            for item in (label, before, after):
                if name in self._changes:
                    item.setBackground(Qt.GlobalColor.yellow)
            table.setItem(row, 0, label)
            table.setItem(row, 1, before)
            table.setItem(row, 2, after)

    def changes(self) -> dict[str, Any]:
        """The key elements with a new value (edited text parsed back where structured)."""
        out: dict[str, Any] = {}
        table = self.ui.changesTable
        for row, name in enumerate(KEY_ELEMENTS):
            text = table.item(row, 2).text().strip()
            if not text:
                continue
            if name in self._changes and text == _as_text(self._changes[name]):
                out[name] = self._changes[name]
            elif name == "data_items":
                try:
                    out[name] = json.loads(text)
                except ValueError:
                    out[name] = text
            else:
                out[name] = text
        return out

    def effective_date(self) -> date:
        value = self.ui.effectiveDateEdit.date().toPython()
        assert isinstance(value, date)
        return value

    def days_left(self) -> int:
        return P.days_left(self.effective_date(), self.today)

    def _on_effective_date_edit_date_changed(self, *_args: Any) -> None:
        left = self.days_left()
        label = self.ui.daysLeftLabel
        if left >= 0:
            label.setText(self.tr("距报送期限还剩 %1 天（共20天）").replace("%1", str(left)))
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
        if len(body["description"]) < 2:
            errors["description"] = self.tr("变更说明不能为空")
        if not body["changes"]:
            errors["changes"] = self.tr("请至少填写一项变更后的关键要素")
        self.errors.show(errors)
        if errors:
            return
        client, key, entry_id = self.context.client, self._key, int(self.entry["id"])
        path = f"/api/v1/catalog/entries/{entry_id}/change-reports"

        def op(_task: object) -> dict[str, Any]:
            return dict(client.post(path, body, key=key))

        self.ui.sendButton.setEnabled(False)
        self.ui.statusLabel.setText(self.tr("正在报送…"))
        self.context.run(op, success=self._on_sent, failure=self._on_failed)

    def _on_sent(self, report: dict[str, Any]) -> None:
        self.report = report
        self.context.data_changed.emit("entry")
        self.reported.emit(report)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.ui.sendButton.setEnabled(True)
        if isinstance(exc, ApiError):
            if exc.status == 422:
                self.errors.show(exc.field_messages(P.language()))
            self.ui.statusLabel.setText(exc.message())
        else:
            self.ui.statusLabel.setText(str(exc))


def _as_text(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)
