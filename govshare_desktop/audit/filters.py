"""The audit trail's filter bar: time (from/to, Asia/Shanghai), actor, department, action, object
type and id, outcome — the query parameters of GET /audit/events and /audit/export.

    bar = TrailFilters(parent)
    bar.changed.connect(reload)            # a combo changed, 查询 pressed or Enter in a box
    bar.params()                           # {"actor_name": "张", "since": "…+08:00", …}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from govshare_core import clock
from govshare_desktop.audit import labels
from govshare_desktop.i18n import module_tr, qtoday


def tr(text: str) -> str:
    return module_tr("AuditPages", text)


def zoned(edit: QDateTimeEdit) -> str:
    """The edit's wall-clock time, read as Asia/Shanghai, as an ISO date-time with its zone
    (the platform refuses a naive one)."""
    d, t = edit.date(), edit.time()
    moment = datetime(
        d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=clock.PLATFORM_ZONE
    )
    return moment.isoformat()


def _combo(name: str, everything: str, choices: Iterable[tuple[Any, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for code, label in choices:
        combo.addItem(label, code)
    return combo


class TrailFilters(QWidget):
    """Signals:
    changed(): the filters changed (apply them).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.timeCheck = QCheckBox(tr("时间"))
        self.timeCheck.setObjectName("timeCheck")
        today = qtoday()  # the bounds are Beijing wall-clock times (zoned)
        start = QDateTime(today.addDays(-7), QTime(0, 0))
        self.sinceEdit = self._time_edit("sinceEdit", start)
        self.untilEdit = self._time_edit("untilEdit", QDateTime(today.addDays(1), QTime(0, 0)))
        self.actorEdit = QLineEdit()
        self.actorEdit.setObjectName("actorEdit")
        self.actorEdit.setPlaceholderText(tr("用户名（开头几个字符即可）"))
        self.departmentCombo = _combo("departmentCombo", tr("全部部门"), [])
        self.actionCombo = _combo("actionCombo", tr("全部操作"), labels.action_choices())
        self.actionCombo.setEditable(True)
        self.actionCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actionEdit = self.actionCombo.lineEdit()
        assert self.actionEdit is not None
        self.actionEdit.setPlaceholderText(tr("全部操作"))
        self.objectTypeCombo = _combo(
            "objectTypeCombo", tr("全部对象"), labels.object_type_choices()
        )
        self.objectIdEdit = QLineEdit()
        self.objectIdEdit.setObjectName("objectIdEdit")
        self.objectIdEdit.setPlaceholderText(tr("对象编号"))
        self.objectIdEdit.setMaximumWidth(110)
        self.outcomeCombo = _combo("outcomeCombo", tr("全部结果"), labels.outcome_choices())
        self.searchButton = QPushButton(tr("查询"))
        self.searchButton.setObjectName("searchButton")
        self.searchButton.setDefault(True)
        self.clearButton = QPushButton(tr("清除条件"))
        self.clearButton.setObjectName("clearButton")

        times = QHBoxLayout()
        times.addWidget(self.timeCheck)
        times.addWidget(self.sinceEdit)
        times.addWidget(QLabel("—"))
        times.addWidget(self.untilEdit)
        grid.addLayout(times, 0, 0, 1, 2)
        grid.addWidget(QLabel(tr("操作人")), 0, 2)
        grid.addWidget(self.actorEdit, 0, 3)
        grid.addWidget(QLabel(tr("部门")), 0, 4)
        grid.addWidget(self.departmentCombo, 0, 5)
        grid.addWidget(QLabel(tr("操作")), 1, 0)
        grid.addWidget(self.actionCombo, 1, 1)
        grid.addWidget(QLabel(tr("对象")), 1, 2)
        objects = QHBoxLayout()
        objects.addWidget(self.objectTypeCombo, 1)
        objects.addWidget(self.objectIdEdit)
        grid.addLayout(objects, 1, 3)
        grid.addWidget(QLabel(tr("结果")), 1, 4)
        grid.addWidget(self.outcomeCombo, 1, 5)
        buttons = QHBoxLayout()
        buttons.addWidget(self.searchButton)
        buttons.addWidget(self.clearButton)
        grid.addLayout(buttons, 1, 6)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)

        self.timeCheck.toggled.connect(self._on_time_check_toggled)
        self._on_time_check_toggled(False)
        for combo in (self.departmentCombo, self.objectTypeCombo, self.outcomeCombo):
            combo.currentIndexChanged.connect(self.changed)
        self.actionCombo.activated.connect(lambda _i: self.changed.emit())
        self.actionEdit.returnPressed.connect(self.changed)
        for edit in (self.actorEdit, self.objectIdEdit):
            edit.returnPressed.connect(self.changed)
        self.searchButton.clicked.connect(self.changed)
        self.clearButton.clicked.connect(self.clear)

    @staticmethod
    def _time_edit(name: str, value: QDateTime) -> QDateTimeEdit:
        edit = QDateTimeEdit(value)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        return edit

    def _on_time_check_toggled(self, on: bool) -> None:
        self.sinceEdit.setEnabled(on)
        self.untilEdit.setEnabled(on)

    def set_departments(self, departments: Iterable[Mapping[str, Any]]) -> None:
        """Fill the department choices (keeps the current one)."""
        current = self.departmentCombo.currentData()
        self.departmentCombo.blockSignals(True)
        while self.departmentCombo.count() > 1:
            self.departmentCombo.removeItem(1)
        for dept in departments:
            self.departmentCombo.addItem(str(dept.get("name") or dept["id"]), int(dept["id"]))
        index = self.departmentCombo.findData(current)
        self.departmentCombo.setCurrentIndex(max(index, 0))
        self.departmentCombo.blockSignals(False)

    def action_code(self) -> str | None:
        """The chosen action's code: a listed one, or any code typed in."""
        text = self.actionCombo.currentText().strip()
        if not text:
            return None
        index = self.actionCombo.findText(text)
        if index >= 0:
            data = self.actionCombo.itemData(index)
            return str(data) if data else None
        return text

    def params(self) -> dict[str, Any]:
        """The query parameters of the current filters (only those set)."""
        params: dict[str, Any] = {
            "actor_name": self.actorEdit.text().strip() or None,
            "department_id": self.departmentCombo.currentData(),
            "action": self.action_code(),
            "object_type": self.objectTypeCombo.currentData(),
            "object_id": self.objectIdEdit.text().strip() or None,
            "outcome": self.outcomeCombo.currentData(),
        }
        if self.timeCheck.isChecked():
            params["since"] = zoned(self.sinceEdit)
            params["until"] = zoned(self.untilEdit)
        return {k: v for k, v in params.items() if v is not None}

    def clear(self) -> None:
        for combo in (
            self.departmentCombo,
            self.actionCombo,
            self.objectTypeCombo,
            self.outcomeCombo,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.actionCombo.setEditText("")
        self.actorEdit.clear()
        self.objectIdEdit.clear()
        self.timeCheck.setChecked(False)
        self.changed.emit()
