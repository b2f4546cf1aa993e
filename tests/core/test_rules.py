"""govshare_core.rules: the regulation's numbers and the small date rules built on them."""

from __future__ import annotations

from datetime import date, timedelta

from govshare_core import rules, vocab, workdays
from govshare_core.rules import (
    DEFAULT_CHANGE_REPORT_DAYS,
    GRANT_EXPIRY_WARNING_DAYS,
    change_report_due,
    change_report_late,
    grant_expiring_soon,
)
from govshare_core.workdays import DEFAULT_CALENDAR, WorkdayCalendar, working_days_left

D = date(2026, 6, 1)  # a Monday


def test_the_numbers_of_the_text() -> None:
    assert rules.DEFAULT_REVIEW_WORKING_DAYS == 5  # 第二十七条
    assert DEFAULT_CHANGE_REPORT_DAYS == 20  # 第十七条
    assert rules.DEFAULT_LOG_RETENTION_YEARS == 5  # 第二十六条
    assert rules.MIN_REASON_LENGTH == 2
    assert GRANT_EXPIRY_WARNING_DAYS == 14


def test_older_names_are_the_same_objects() -> None:
    assert vocab.DEFAULT_CHANGE_REPORT_DAYS is rules.DEFAULT_CHANGE_REPORT_DAYS
    assert workdays.REVIEW_WORKING_DAYS == rules.DEFAULT_REVIEW_WORKING_DAYS


def test_change_report_window_in_calendar_days() -> None:
    assert change_report_due(D) == D + timedelta(days=20)
    assert change_report_due(D, 30) == D + timedelta(days=30)
    assert not change_report_late(D, D + timedelta(days=20))
    assert change_report_late(D, D + timedelta(days=21))
    assert not change_report_late(D, D + timedelta(days=21), 25)


def test_grant_expiry_window() -> None:
    assert grant_expiring_soon(D + timedelta(days=14), D)
    assert not grant_expiring_soon(D + timedelta(days=15), D)
    assert grant_expiring_soon(D - timedelta(days=1), D)


def test_working_days_left_definition() -> None:
    friday = date(2026, 6, 5)
    assert working_days_left(D, None) is None
    assert working_days_left(D, D) == 0
    assert working_days_left(D, friday) == 4
    assert working_days_left(date(2026, 6, 8), friday, calendar=DEFAULT_CALENDAR) == -1


def test_calendar_from_the_platforms_overrides() -> None:
    rows = [
        {"day": "2026-06-03", "working": False, "note": "停电"},
        {"day": date(2026, 6, 6), "working": True, "note": "调休"},
    ]
    cal = WorkdayCalendar.from_overrides(rows)
    assert dict(cal.overrides) == {date(2026, 6, 3): False, date(2026, 6, 6): True}
    assert working_days_left(D, date(2026, 6, 5), calendar=cal) == 3  # Wednesday off
    assert working_days_left(D, date(2026, 6, 8), calendar=cal) == 5  # Saturday on
