"""工作日调整 against a real platform: an override added for a day (with what the official
schedule says for it) reaches the platform and the calendar, and is deleted again after the
confirmation; a year without an official schedule (2027) is marked provisional until the platform
admin confirms it (naming the State Council's notice), and is provisional again once the
confirmation is withdrawn; the desktop's cached calendar follows; the platform's refusals are
explained; the to-do 工作日安排待确认 opens the page at its year and leaves the home list once the
year is confirmed.

The platform's today is 2026-12-01 here (govshare_platform.clock, patched), and so is the page's:
last year, this year and next year (2025-2027) can be confirmed, 2026 has the official schedule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSize

from govshare_core.vocab import Role
from govshare_core.workdays import YearSchedule
from govshare_desktop.common import policy as cached_policy
from govshare_desktop.home import presenter as home_presenter
from govshare_desktop.platform_admin.workdays_page import WorkdaysPage, official_text
from govshare_desktop.platform_admin.year_dialog import ConfirmYearDialog
from govshare_desktop.platform_admin.year_schedule import YearStatus
from govshare_desktop.shell.pages import TODO_TARGETS, can_act
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.qt_support import accept_confirmation
from tests.desktop.requests_support import api
from tests.desktop.shell.test_todos import double_click, home_row, signed_in_window

WAIT = 15000
PAGE_AT_1366 = QSize(1110, 640)
SATURDAY = date(2026, 12, 12)
TODAY = date(2026, 12, 1)
NOTICE = "国办发明电〔2026〕7号《国务院办公厅关于2027年部分节假日安排的通知》"


@pytest.fixture
def platform_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


def _overrides(server: LiveServer, year: int) -> list[dict]:  # type: ignore[type-arg]
    client = api(server, "A", Role.APPLICANT)
    return [r for r in client.workday_overrides() if r["day"].startswith(str(year))]


def test_add_and_delete_an_override(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = WorkdaysPage(context=make_context("P", Role.PLATFORM_ADMIN), today=TODAY)
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    _fits(page)
    assert page.yearSpin.value() == 2026
    _wait_status(qtbot, page, 2026)
    assert page.scheduleLabel.text() == "官方安排"

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
    # an override can be entered again: the box does not call the deletion irreversible
    assert "不能撤销" not in opened.args[0].text() and "确定继续吗？" in opened.args[0].text()
    with qtbot.wait_signal(page.changed, timeout=WAIT):
        accept_confirmation(opened.args[0])
    assert _overrides(live_server, 2026) == []
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=WAIT)


def _year(server: LiveServer, year: int) -> dict[str, Any]:
    return dict(api(server, "A", Role.APPLICANT).get(f"/api/v1/workdays/years/{year}"))


def _page_at(qtbot, context, year: int) -> WorkdaysPage:  # type: ignore[no-untyped-def]
    """The page at `year`, once the platform's answer for it is shown."""
    page = WorkdaysPage(context=context, today=TODAY)
    qtbot.addWidget(page)
    page.resize(PAGE_AT_1366)
    page.show()
    page.yearSpin.setValue(year)
    _wait_status(qtbot, page, year)
    return page


def _wait_status(
    qtbot: Any, page: WorkdaysPage, year: int, schedule: YearSchedule | None = None
) -> None:
    """Until the platform's answer for `year` is shown (its override count is known)."""
    qtbot.waitUntil(
        lambda: (
            page.status.year == year
            and page.status.overrides is not None
            and (schedule is None or page.status.schedule is schedule)
        ),
        timeout=WAIT,
    )


def _enter_notice_day(qtbot: Any, page: WorkdaysPage) -> None:
    """A day of 2027's notice entered through the page: Monday 8 February, 春节, off."""
    page.dayEdit.setDate(QDate(2027, 2, 8))
    page.noteEdit.setText("春节")
    with qtbot.wait_signal(page.changed, timeout=WAIT):
        page.saveButton.click()


def _fits(page: WorkdaysPage) -> None:
    hint = page.minimumSizeHint()
    assert hint.width() <= PAGE_AT_1366.width() and hint.height() <= PAGE_AT_1366.height(), hint


def test_where_a_years_working_days_come_from(
    live_server: LiveServer, make_context, qtbot, platform_today
) -> None:  # type: ignore[no-untyped-def]
    page = _page_at(qtbot, make_context("P", Role.PLATFORM_ADMIN), 2027)
    assert page.scheduleLabel.text() == "暂定"
    explanation = page.explanationLabel.text()
    assert "尚无官方放假安排" in explanation
    assert "《国务院办公厅关于2027年部分节假日安排的通知》" in explanation
    assert "确认本年安排" in explanation
    assert page.detailsLabel.text() == "本年已录入调整：0 天"
    # nothing of the notice entered yet: the action is there, not yet possible, and says why
    assert page.confirmButton.isVisible() and not page.confirmButton.isEnabled()
    assert page.confirmButton.text() == "确认本年安排…"
    assert page.refusalLabel.isVisible() and "请先把放假通知中的" in page.refusalLabel.text()
    assert "春节" in page.refusalLabel.text()
    _enter_notice_day(qtbot, page)
    qtbot.waitUntil(lambda: page.status.overrides == 1, timeout=WAIT)
    assert page.detailsLabel.text() == "本年已录入调整：1 天"
    assert page.confirmButton.isVisible() and page.confirmButton.isEnabled()
    assert not page.withdrawButton.isVisible() and not page.refusalLabel.isVisible()
    assert page.calendar.yearShown() == 2027
    assert official_text(date(2027, 1, 1)) == "法定节假日（暂定：该年尚无官方放假安排）"
    assert official_text(date(2027, 1, 1), confirmed=True) == "法定节假日"
    assert official_text(date(2026, 10, 1)) == "法定节假日"
    assert official_text(date(2026, 9, 20)) == "调休上班"  # a Sunday worked for 国庆 2026
    _fits(page)

    page.yearSpin.setValue(2026)  # the official schedule: nothing to confirm, and it says why
    _wait_status(qtbot, page, 2026)
    assert page.scheduleLabel.text() == "官方安排"
    assert "无需确认" in page.explanationLabel.text()
    assert not page.confirmButton.isVisible() and not page.withdrawButton.isVisible()

    page.yearSpin.setValue(2029)  # no notice yet: the action is there, but not yet possible
    _wait_status(qtbot, page, 2029)
    assert page.scheduleLabel.text() == "暂定"
    assert page.confirmButton.isVisible() and not page.confirmButton.isEnabled()
    assert page.refusalLabel.isVisible()
    assert "只能确认上一年、本年和下一年" in page.refusalLabel.text()


def test_confirm_a_year_then_withdraw_the_confirmation(
    live_server: LiveServer, make_context, qtbot, platform_today
) -> None:  # type: ignore[no-untyped-def]
    ctx = make_context("P", Role.PLATFORM_ADMIN)
    assert cached_policy.calendar(ctx).schedule_of(2027) is YearSchedule.PROVISIONAL
    ctx.client.put(  # one day of the notice entered (the test's setup, not the page's path)
        "/api/v1/workdays/overrides/2027-02-07",
        {"day": "2027-02-07", "working": True, "note": "春节调休上班"},
        if_match=0,
    )
    page = _page_at(qtbot, ctx, 2027)
    assert page.detailsLabel.text() == "本年已录入调整：1 天"

    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        page.confirmButton.click()
    dialog = opened.args[0]
    assert isinstance(dialog, ConfirmYearDialog)
    assert "国务院办公厅关于2027年部分节假日安排的通知" in dialog.intro.text()
    assert "已设定的期限不会改变" in dialog.intro.text()
    dialog.ui.okButton.click()  # no notice named: refused beside the field, nothing sent
    assert "请填写所依据的放假通知" in dialog.field_message("note")
    assert _year(live_server, 2027)["schedule"] == "provisional"
    dialog.noteEdit.setText(NOTICE)
    with qtbot.wait_signal(page.changed, timeout=WAIT) as changed:
        dialog.ui.okButton.click()
    assert changed.args[0] == "confirm"
    assert "已确认 2027 年的工作日安排" in page.outcomeLabel.text()

    on_platform = _year(live_server, 2027)
    assert on_platform["schedule"] == "confirmed" and on_platform["note"] == NOTICE
    assert on_platform["overrides"] == 1 and on_platform["confirmed_by_name"]
    _wait_status(qtbot, page, 2027, YearSchedule.CONFIRMED)
    assert page.scheduleLabel.text() == "已确认"
    assert "不再标注“暂定”" in page.explanationLabel.text()
    details = page.detailsLabel.text()
    assert f"确认人：{on_platform['confirmed_by_name']}" in details
    assert f"依据：{NOTICE}" in details and "本年已录入调整：1 天" in details
    assert page.withdrawButton.isVisible() and page.confirmButton.text() == "修改确认依据…"
    page.dayEdit.setDate(QDate(2027, 1, 1))
    assert page.officialLabel.text() == "法定节假日"  # no longer provisional
    _fits(page)
    # the desktop counts as the platform does, offline too
    qtbot.waitUntil(
        lambda: cached_policy.calendar(ctx).schedule_of(2027) is YearSchedule.CONFIRMED,
        timeout=WAIT,
    )
    assert not cached_policy.calendar(ctx).is_provisional(date(2027, 3, 1))

    with qtbot.wait_signal(page.dialog_opened, timeout=WAIT) as opened:
        page.withdrawButton.click()
    text = opened.args[0].text()
    assert "2027 年工作日安排" in text and "恢复为暂定" in text
    assert "不能撤销" not in text  # the year can be confirmed again
    with qtbot.wait_signal(page.changed, timeout=WAIT) as changed:
        accept_confirmation(opened.args[0])
    assert changed.args == ["withdraw", 2027]
    assert _year(live_server, 2027)["schedule"] == "provisional"
    _wait_status(qtbot, page, 2027, YearSchedule.PROVISIONAL)
    assert page.scheduleLabel.text() == "暂定" and not page.withdrawButton.isVisible()
    qtbot.waitUntil(
        lambda: cached_policy.calendar(ctx).schedule_of(2027) is YearSchedule.PROVISIONAL,
        timeout=WAIT,
    )


def test_the_platforms_refusals_are_explained(
    live_server: LiveServer, make_context, qtbot, platform_today
) -> None:  # type: ignore[no-untyped-def]
    """The page offers no confirmation the platform would refuse; should the computer's date
    (or its calendar data) disagree with the platform's, the refusal is said in Chinese."""
    page = _page_at(qtbot, make_context("P", Role.PLATFORM_ADMIN), 2029)
    for year, reason in (
        (2029, "只能确认上一年、本年和下一年的工作日安排"),
        (2026, "该年已有国务院公布的官方放假安排，无需确认"),
        (2027, "该年尚未录入任何调整：请先把放假通知中的放假日和调休上班日录入为调整"),
    ):
        done: list[Any] = []
        page.confirm(year, {"note": NOTICE}, done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=WAIT)  # noqa: B023
        assert not done[0].sent
        text = page.outcomeLabel.text()
        assert text.startswith(f"未能确认 {year} 年的工作日安排：") and reason in text, text
        assert page.outcomeLabel.property("outcome") == "error"
        assert _year(live_server, year)["schedule"] != "confirmed"


def test_the_todo_opens_the_page_at_its_year(
    live_server: LiveServer, make_context, qtbot, tmp_path, platform_today
) -> None:  # type: ignore[no-untyped-def]
    assert can_act("calendar_confirm", {"platform_admin"})
    assert not can_act("calendar_confirm", {"security_admin", "resource_admin"})
    assert home_presenter.kind_text("calendar_confirm") == "工作日安排待确认"
    assert home_presenter.state_text("calendar_confirm", "provisional") == "暂定"
    window = signed_in_window(qtbot, make_context, tmp_path, "P", Role.PLATFORM_ADMIN)
    row = home_row(qtbot, window, "calendar_confirm", 2027)
    home: Any = window.pages["home"]
    assert home.model.item(row)["due"] == "2026-12-31"
    double_click(qtbot, home.table, row)
    assert window.current_key() == TODO_TARGETS["calendar_confirm"].page
    page = window.pages["platform_admin.workdays"]
    assert isinstance(page, WorkdaysPage) and page.year == 2027
    _wait_status(qtbot, page, 2027, YearSchedule.PROVISIONAL)
    assert page.confirmButton.isVisible()

    # a day of the notice entered, then the year confirmed from the page: the to-do leaves the
    # home list at once (no 刷新, no next sync)
    _enter_notice_day(qtbot, page)
    done: list[Any] = []
    page.confirm(2027, {"note": NOTICE}, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert done[0].sent

    def listed() -> bool:
        kinds = [home.model.item(r)["kind"] for r in range(home.model.rowCount())]
        return "calendar_confirm" in kinds

    qtbot.waitUntil(lambda: not listed(), timeout=WAIT)


def test_cached_years_make_the_calendar(qapp) -> None:  # type: ignore[no-untyped-def]
    """A store cached before the years were: no year confirmed; then the cached answer's."""
    old = cached_policy.PolicyValues.of({"review_working_days": 5}, [], None)
    assert old.calendar.schedule_of(2027) is YearSchedule.PROVISIONAL
    years = [
        {"year": 2026, "schedule": "official", "overrides": 0},
        {"year": 2027, "schedule": "confirmed", "overrides": 12, "note": NOTICE},
    ]
    values = cached_policy.PolicyValues.of({"review_working_days": 5}, [], years)
    assert values.calendar.schedule_of(2027) is YearSchedule.CONFIRMED
    assert values.calendar.schedule_of(2026) is YearSchedule.OFFICIAL
    assert YearStatus.of(years[1]).details()[0] == "本年已录入调整：12 天"
