"""工作日调整 against a real platform: an override added for a day (with what the official
schedule says for it) reaches the platform and the calendar, and is deleted again after the
confirmation; a year without an official schedule (2027) is marked provisional."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize

from govshare_core.vocab import Role
from govshare_desktop.platform_admin.workdays_page import WorkdaysPage, official_text
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api

WAIT = 15000
PAGE_AT_1366 = QSize(1110, 640)
SATURDAY = date(2026, 12, 12)


def _overrides(server: LiveServer, year: int) -> list[dict]:  # type: ignore[type-arg]
    client = api(server, "A", Role.APPLICANT)
    return [r for r in client.workday_overrides() if r["day"].startswith(str(year))]


def test_add_and_delete_an_override(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = WorkdaysPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height()
    qtbot.waitUntil(lambda: page.yearSpin.value() == 2026, timeout=WAIT)
    assert not page.provisionalLabel.isVisible()

    page.dayEdit.setDate(QDate(2026, 12, 12))
    assert page.officialLabel.text() == "休息日"
    assert page.workingCombo.currentData() is True  # the opposite of the official schedule
    assert not page.deleteButton.isEnabled() and page.saveButton.text() == "添加调整"
    page.noteEdit.setText("应急值守调整为工作日")
    with qtbot.wait_signal(page.changed, timeout=WAIT) as changed:
        page.saveButton.click()
    assert changed.args[0] == "put"
    assert _overrides(live_server, 2026) == [
        {"day": "2026-12-12", "working": True, "note": "应急值守调整为工作日"}
    ]
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT)
    cells = [page.table.item(0, c).text() for c in range(5)]
    assert cells == ["2026-12-12", "周六", "工作日", "休息日", "应急值守调整为工作日"]
    fmt = page.calendar.dateTextFormat(QDate(2026, 12, 12))
    assert fmt.background().color().name() == "#d6e6fb"
    assert page.deleteButton.isEnabled() and page.saveButton.text() == "保存修改"

    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        page.deleteButton.click()
    with qtbot.wait_signal(page.changed, timeout=WAIT):
        accept_confirmation(opened.args[0])
    assert _overrides(live_server, 2026) == []
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=WAIT)


def test_a_year_without_an_official_schedule_is_provisional(
    live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = WorkdaysPage(context=make_context("P", Role.PLATFORM_ADMIN))
    qtbot.addWidget(page)
    page.show()
    page.yearSpin.setValue(2027)
    assert page.provisionalLabel.isVisible()
    assert "2027 年尚无官方放假安排" in page.provisionalLabel.text()
    assert page.calendar.yearShown() == 2027
    assert official_text(date(2027, 1, 1)) == "法定节假日（暂定：该年尚无官方放假安排）"
    assert official_text(date(2026, 10, 1)) == "法定节假日"
    assert official_text(date(2026, 9, 20)) == "调休上班"  # a Sunday worked for 国庆 2026
