"""工作日调整: the platform admin's working-day overrides (GET /workdays/overrides?year=, PUT and
DELETE /workdays/overrides/{day}), which win over the official schedule in every deadline the
platform counts (第二十七条 and the other time limits).

A month calendar colours the official holidays, the make-up working days (调休) and the
overrides; the editor says what the official schedule (chinesecalendar, through
govshare_core.workdays, which never raises) has for the chosen day. A year without an official
schedule (2027 on, until chinesecalendar publishes it) is marked provisional: weekends and the
holidays with a computable date only, so the admin enters that year's 放假安排 here.

The 年度安排 box above the calendar says where the chosen year's working days come from
(govshare_core.workdays.YearSchedule, `GET /workdays/years/{year}`: official, confirmed or
provisional), how many overrides it has and, for a confirmed year, who confirmed it, when and on
which notice. Once the State Council's notice is entered, the admin confirms the year (a dialog
naming the notice: year_dialog.py) and its deadlines are no longer provisional; the confirmation
can be withdrawn. Texts and rules: year_schedule.py. Every change goes through the session's
SyncEngine, and the desktop's cached calendar (common.policy) is refreshed after it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govshare_core import clock
from govshare_core.workdays import DEFAULT_CALENDAR, YearSchedule
from govshare_desktop.api.actions import Action, workday_overrides_path
from govshare_desktop.api.errors import ApiError
from govshare_desktop.api.platform_admin_paths import (
    workday_override_path,
    workday_year_confirmation_path,
    workday_year_path,
)
from govshare_desktop.common import policy as cached_policy
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.outcome import BUSY, ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import english, module_tr, qdate
from govshare_desktop.platform_admin.year_dialog import ConfirmYearDialog
from govshare_desktop.platform_admin.year_schedule import (
    SCHEDULE_COLOURS,
    YearStatus,
    confirm_label,
    notice_title,
    refused_text,
)
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus

HOLIDAY = QColor("#fde2e1")
MAKEUP = QColor("#e3f1e3")
OVERRIDE_WORK = QColor("#d6e6fb")
OVERRIDE_REST = QColor("#fde9c8")


def tr(text: str) -> str:
    return module_tr("PlatformAdminPages", text)


def weekday_text(day: date) -> str:
    names = [tr("周一"), tr("周二"), tr("周三"), tr("周四"), tr("周五"), tr("周六"), tr("周日")]
    return names[day.weekday()]


def official_text(day: date, *, confirmed: bool = False) -> str:
    """What the official schedule says for `day`, and whether it is provisional (a year without
    official data that the platform admin has not `confirmed`)."""
    working = DEFAULT_CALENDAR.is_working_day(day)
    if working:
        text = tr("调休上班") if day.weekday() >= 5 else tr("工作日")
    else:
        text = tr("休息日") if day.weekday() >= 5 else tr("法定节假日")
    if DEFAULT_CALENDAR.is_provisional(day) and not confirmed:
        text += tr("（暂定：该年尚无官方放假安排）")
    return text


def kind_text(working: bool) -> str:
    return tr("工作日") if working else tr("休息日")


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class WorkdaysPage(QWidget):
    """Signals:
    loaded(object): the overrides of the year shown (a list of dicts).
    status_shown(object): the year's schedule shown (a YearStatus; first the cached calendar's,
        then the platform's).
    changed(str, object): an override saved ("put", answer) or deleted ("delete", day), a
        year's schedule confirmed ("confirm", answer) or its confirmation withdrawn
        ("withdraw", year).
    dialog_opened(object): a confirmation or the confirm dialog opened.

    `today` (default: the computer's date) decides which years may be confirmed.
    """

    loaded = Signal(object)
    status_shown = Signal(object)
    changed = Signal(str, object)
    dialog_opened = Signal(object)

    def __init__(
        self, *, context: AppContext, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workdaysPage")
        self.context = context
        self.today = today or clock.today()
        self.overrides: dict[date, dict[str, Any]] = {}
        self.status = YearStatus.cached(self.today.year, cached_policy.calendar(context))
        self._generation = 0
        self._build()
        today = self.today
        self.yearSpin.setValue(today.year)
        self.dayEdit.setDate(qdate(today))
        self.yearSpin.valueChanged.connect(self._on_year_changed)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._paint())
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self.dayEdit.dateChanged.connect(self._on_day_changed)
        self.saveButton.clicked.connect(self.save)
        self.deleteButton.clicked.connect(self._on_delete_button_clicked)
        self.confirmButton.clicked.connect(self._on_confirm_button_clicked)
        self.withdrawButton.clicked.connect(self._on_withdraw_button_clicked)
        self._on_day_changed()
        self.reload()

    # --- widgets -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.table = QTableWidget(0, 5, self)  # before the calendar: the first list found
        left.addWidget(self._year_box())
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setLocale(
            QLocale(QLocale.Language.English) if english() else QLocale(QLocale.Language.Chinese)
        )
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumSize(360, 230)
        left.addWidget(self.calendar, 1)
        left.addLayout(self._legend())
        body.addLayout(left, 2)

        right = QVBoxLayout()
        self.table.setObjectName("overridesTable")
        self.table.setHorizontalHeaderLabels(
            [tr("日期"), tr("星期"), tr("调整为"), tr("官方安排"), tr("说明")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        right.addWidget(self.table, 1)
        right.addWidget(self._editor())
        body.addLayout(right, 3)
        layout.addLayout(body, 1)
        self.outcomeLabel = QLabel(self)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        layout.addWidget(self.outcomeLabel)
        clear_outcome(self.outcomeLabel)

    def _year_box(self) -> QGroupBox:
        """年度安排: the year, where its working days come from, and the confirm actions."""
        box = QGroupBox(tr("年度安排"), self)
        box.setObjectName("yearBox")
        column = QVBoxLayout(box)
        column.setSpacing(4)
        top = QHBoxLayout()
        self.yearSpin = QSpinBox(box)
        self.yearSpin.setObjectName("yearSpin")
        self.yearSpin.setRange(2020, self.today.year + 10)
        self.yearSpin.setFixedWidth(100)
        self.scheduleLabel = QLabel(box)
        self.scheduleLabel.setObjectName("scheduleLabel")
        top.addWidget(QLabel(tr("年份"), box))
        top.addWidget(self.yearSpin)
        top.addSpacing(8)
        top.addWidget(self.scheduleLabel)
        top.addStretch(1)
        column.addLayout(top)
        self.explanationLabel = self._wrapped(box, "explanationLabel")
        self.detailsLabel = self._wrapped(box, "detailsLabel")
        self.refusalLabel = self._wrapped(box, "refusalLabel")
        self.refusalLabel.setStyleSheet("color:#5f6368")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.withdrawButton = QPushButton(tr("撤销确认…"), box)
        self.withdrawButton.setObjectName("withdrawButton")
        self.confirmButton = QPushButton(tr("确认本年安排…"), box)
        self.confirmButton.setObjectName("confirmButton")
        buttons.addWidget(self.withdrawButton)
        buttons.addWidget(self.confirmButton)
        for label in (self.explanationLabel, self.detailsLabel, self.refusalLabel):
            column.addWidget(label)
        column.addLayout(buttons)
        return box

    @staticmethod
    def _wrapped(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _legend(self) -> QHBoxLayout:
        legend = QHBoxLayout()
        for colour, text in (
            (HOLIDAY, tr("法定节假日")),
            (MAKEUP, tr("调休上班")),
            (OVERRIDE_WORK, tr("调整为工作日")),
            (OVERRIDE_REST, tr("调整为休息日")),
        ):
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background:{colour.name()};border:1px solid #999")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(8)
        legend.addStretch(1)
        return legend

    def _editor(self) -> QGroupBox:
        box = QGroupBox(tr("添加或修改调整"), self)
        form = QFormLayout(box)
        self.dayEdit = QDateEdit(box)
        self.dayEdit.setObjectName("dayEdit")
        self.dayEdit.setCalendarPopup(True)
        self.dayEdit.setDisplayFormat("yyyy-MM-dd")
        self.officialLabel = QLabel(box)
        self.officialLabel.setObjectName("officialLabel")
        self.officialLabel.setWordWrap(True)
        self.workingCombo = QComboBox(box)
        self.workingCombo.setObjectName("workingCombo")
        self.workingCombo.addItem(tr("工作日（上班）"), True)
        self.workingCombo.addItem(tr("休息日（不上班）"), False)
        self.noteEdit = QLineEdit(box)
        self.noteEdit.setObjectName("noteEdit")
        self.noteEdit.setMaxLength(200)
        buttons = QHBoxLayout()
        self.saveButton = QPushButton(tr("保存调整"), box)
        self.saveButton.setObjectName("saveButton")
        self.deleteButton = QPushButton(tr("删除调整"), box)
        self.deleteButton.setObjectName("deleteButton")
        buttons.addStretch(1)
        buttons.addWidget(self.deleteButton)
        buttons.addWidget(self.saveButton)
        form.addRow(tr("日期"), self.dayEdit)
        form.addRow(tr("官方安排"), self.officialLabel)
        form.addRow(tr("调整为"), self.workingCombo)
        form.addRow(tr("说明"), self.noteEdit)
        form.addRow(buttons)
        return box

    # --- the year ----------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.yearSpin.value()

    def _official(self, day: date) -> str:
        """official_text of `day`, not provisional when its year is shown as confirmed."""
        status = self.status
        confirmed = status.year == day.year and status.schedule is YearSchedule.CONFIRMED
        return official_text(day, confirmed=confirmed)

    def reload(self) -> None:
        """The year's schedule (the cached calendar's at once, then the platform's) and its
        overrides, read in the background."""
        self._generation += 1
        generation, client, year = self._generation, self.context.client, self.year
        self.noteEdit.setPlaceholderText(tr("例如：%1").replace("%1", notice_title(year)))
        self.show_status(YearStatus.cached(year, cached_policy.calendar(self.context)))

        def read(_task: object) -> tuple[list[dict[str, Any]], dict[str, Any]]:
            rows = list(client.get(workday_overrides_path(), year=year))
            return rows, dict(client.get(workday_year_path(year)))

        def done(answer: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
            if generation == self._generation:
                rows, status = answer
                self.show_status(YearStatus.of(status))
                self.show_overrides(rows)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                text = exc.message() if isinstance(exc, ApiError) else str(exc)
                show_outcome(self.outcomeLabel, text, ERROR)

        self.context.run(read, success=done, failure=failed)

    def show_status(self, status: YearStatus) -> None:
        """年度安排: the schedule's badge, what it means, the facts and the actions it allows."""
        self.status = status
        background, border, colour = SCHEDULE_COLOURS[status.schedule]
        self.scheduleLabel.setText(status.badge)
        self.scheduleLabel.setStyleSheet(
            f"background:{background};border:1px solid {border};color:{colour};"
            "padding:2px 8px;border-radius:3px;font-weight:bold"
        )
        self.explanationLabel.setText(status.explanation())
        details = status.details()
        self.detailsLabel.setText("\n".join(details))
        self.detailsLabel.setVisible(bool(details))
        official = status.schedule is YearSchedule.OFFICIAL
        refusal = None if official else status.refusal(self.today)
        self.refusalLabel.setText(refusal or "")
        self.refusalLabel.setVisible(bool(refusal))
        self.confirmButton.setVisible(not official)  # nothing to confirm (the explanation says)
        self.confirmButton.setEnabled(refusal is None)
        self.confirmButton.setText(confirm_label(status))
        self.withdrawButton.setVisible(status.can_withdraw)
        self.officialLabel.setText(self._official(self.chosen_day()))
        self.status_shown.emit(status)

    def show_object(self, kind: str, object_id: int) -> bool:
        """A to-do 工作日安排待确认 (`calendar_confirm`, the year its object): show that year
        (ObjectPage)."""
        if kind != "calendar_confirm" or not (
            self.yearSpin.minimum() <= object_id <= self.yearSpin.maximum()
        ):
            return False
        if self.year == object_id:
            self.reload()
        else:
            self.yearSpin.setValue(object_id)
        return True

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def _on_year_changed(self, year: int) -> None:
        month = self.calendar.monthShown()
        self.calendar.setCurrentPage(year, month)
        current = self.dayEdit.date()
        self.dayEdit.setDate(QDate(year, current.month(), min(current.day(), 28)))
        self.reload()

    def show_overrides(self, rows: list[dict[str, Any]]) -> None:
        self.overrides = {_as_date(r["day"]): dict(r) for r in rows}
        self.table.setRowCount(len(rows))
        for n, day in enumerate(sorted(self.overrides)):
            row = self.overrides[day]
            cells = [
                day.isoformat(),
                weekday_text(day),
                kind_text(bool(row["working"])),
                self._official(day),
                str(row.get("note") or ""),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    colour = OVERRIDE_WORK if row["working"] else OVERRIDE_REST
                    item.setBackground(QBrush(colour))
                self.table.setItem(n, column, item)
        self._paint()
        self._on_day_changed()
        self.loaded.emit(rows)

    def _paint(self) -> None:
        """Colour the month shown (and the days around it) by schedule and overrides."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear all
        first = date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        day = first - timedelta(days=7)
        for _ in range(49):
            fmt = QTextCharFormat()
            override = self.overrides.get(day)
            weekend = day.weekday() >= 5
            colour: QColor | None = None
            if override is not None:
                colour = OVERRIDE_WORK if override["working"] else OVERRIDE_REST
                fmt.setFontWeight(QFont.Weight.Bold)
            elif not DEFAULT_CALENDAR.is_working_day(day) and not weekend:
                colour = HOLIDAY
            elif DEFAULT_CALENDAR.is_working_day(day) and weekend:
                colour = MAKEUP
            if colour is not None:
                fmt.setBackground(colour)
                self.calendar.setDateTextFormat(qdate(day), fmt)
            day += timedelta(days=1)

    # --- the editor --------------------------------------------------------------------------

    def chosen_day(self) -> date:
        d = self.dayEdit.date()
        return date(d.year(), d.month(), d.day())

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        self.dayEdit.setDate(qdate)

    def _on_row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.table.item(rows[0].row(), 0)
            if item is None:
                return
            d = date.fromisoformat(item.text())
            self.dayEdit.setDate(qdate(d))

    def _on_day_changed(self, *_args: Any) -> None:
        day = self.chosen_day()
        self.officialLabel.setText(self._official(day))
        override = self.overrides.get(day)
        if override is not None:
            self.workingCombo.setCurrentIndex(0 if override["working"] else 1)
            self.noteEdit.setText(str(override.get("note") or ""))
        else:  # the opposite of the official schedule: what an override is for
            self.workingCombo.setCurrentIndex(1 if DEFAULT_CALENDAR.is_working_day(day) else 0)
            self.noteEdit.clear()
        self.deleteButton.setEnabled(override is not None)
        self.saveButton.setText(tr("保存修改") if override is not None else tr("添加调整"))
        if self.calendar.selectedDate() != self.dayEdit.date():
            self.calendar.setSelectedDate(self.dayEdit.date())

    def save(self) -> None:
        day = self.chosen_day()
        body = {
            "day": day.isoformat(),
            "working": bool(self.workingCombo.currentData()),
            "note": self.noteEdit.text().strip() or None,
        }
        label = tr("工作日调整 %1").replace("%1", day.isoformat())
        sent = tr("已保存 %1 的调整。").replace("%1", day.isoformat())
        self._send(Action("PUT", workday_override_path(day), body, label=label), "put", sent)

    def _on_delete_button_clicked(self) -> None:
        day = self.chosen_day()
        if day not in self.overrides:
            return
        box = confirm_decision(
            self,
            title=tr("删除调整"),
            object_name=day.isoformat(),
            decision=tr("删除该日的调整，恢复官方安排（%1）").replace("%1", self._official(day)),
            button=tr("删除"),
            then=lambda: self.delete(day),
            final=False,  # the override can be entered again
        )
        self.dialog_opened.emit(box)

    def delete(self, day: date) -> None:
        label = tr("删除工作日调整 %1").replace("%1", day.isoformat())
        sent = tr("已删除 %1 的调整。").replace("%1", day.isoformat())
        action = Action("DELETE", workday_override_path(day), None, label=label)
        self._send(action, "delete", sent, payload=day.isoformat())

    # --- confirming the year -----------------------------------------------------------------

    def _on_confirm_button_clicked(self) -> None:
        status = self.status
        dialog = ConfirmYearDialog(
            context=self.context,
            status=status,
            send=lambda body, done: self.confirm(status.year, body, done),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def confirm(self, year: int, body: dict[str, Any] | None, done: Done | None = None) -> None:
        """Confirm `year`'s schedule with `body` (WorkdayYearIn: the notice)."""
        label = tr("确认 %1 年工作日安排").replace("%1", str(year))
        sent = tr("已确认 %1 年的工作日安排：此后计算的期限不再标注“暂定”。")
        self._send(
            Action("PUT", workday_year_confirmation_path(year), body, label=label),
            "confirm",
            sent.replace("%1", str(year)),
            refused=lambda message: refused_text(year, message),
            done=done,
        )

    def _on_withdraw_button_clicked(self) -> None:
        year = self.status.year
        box = confirm_decision(
            self,
            title=tr("撤销确认"),
            object_name=tr("%1 年工作日安排").replace("%1", str(year)),
            decision=tr("撤销确认，此后计算的该年期限恢复为暂定"),
            button=tr("撤销确认"),
            then=lambda: self.withdraw(year),
            final=False,  # the year can be confirmed again
        )
        self.dialog_opened.emit(box)

    def withdraw(self, year: int) -> None:
        label = tr("撤销 %1 年工作日安排的确认").replace("%1", str(year))
        sent = tr("已撤销 %1 年工作日安排的确认：此后计算的期限按暂定计算。")
        action = Action("DELETE", workday_year_confirmation_path(year), None, label=label)
        self._send(action, "withdraw", sent.replace("%1", str(year)), payload=year)

    def _send(
        self,
        action: Action,
        what: str,
        sent: str,
        *,
        payload: Any = None,
        refused: Callable[[str], str] | None = None,
        done: Done | None = None,
    ) -> None:
        """Send through the session's SyncEngine; once sent, reload the year and the cached
        calendar (deadlines count with it) and emit `changed(what, payload or the answer)`."""
        show_outcome(self.outcomeLabel, tr("正在提交……"), BUSY)

        def finished(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                show_outcome(self.outcomeLabel, sent, OK)
                self.reload()
                cached_policy.load_in_background(self.context)
                self.changed.emit(what, outcome.result if payload is None else payload)
            elif outcome.status == OutcomeStatus.QUEUED:
                show_outcome(self.outcomeLabel, str(outcome.message), QUEUED)
            else:
                message = str(outcome.message)
                show_outcome(self.outcomeLabel, refused(message) if refused else message, ERROR)
            if done is not None:
                done(outcome)

        self.context.sync.submit(action, done=finished)
