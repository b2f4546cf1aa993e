"""Chinese working-day calendar (工作日历) for review deadlines (第二十七条: 5 working days).

Official schedules (statutory holidays and 调休 make-up days) come from the `chinesecalendar`
package; the platform admin's overrides take precedence. For a year the package has no data for,
weekends and the statutory holidays with a computable date are rest days and results are flagged
provisional (docs/design.md §3 "Policy") until the platform admin confirms that year's schedule
(entered as overrides from the State Council's notice): `YearSchedule`, `years_to_confirm`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import chinese_calendar

from govshare_core.rules import DEFAULT_REVIEW_WORKING_DAYS
from govshare_core.vocab import EntryStatus

REVIEW_WORKING_DAYS: Final = DEFAULT_REVIEW_WORKING_DAYS
"""Default review period of a share request, in working days (第二十七条; govshare_core.rules)."""

_ONE_DAY: Final = timedelta(days=1)

# Fixed-date statutory holidays under the State Council rules in force from 2025
# (《全国年节及纪念日放假办法》, 2024 revision): 元旦 1 day, 劳动节 2 days, 国庆节 3 days.
# 春节, 端午 and 中秋 follow the lunar calendar, for which no data is available offline.
_FIXED_HOLIDAYS: Final = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))
_QINGMING: Final = "清明"


@functools.cache
def has_official_data(year: int) -> bool:
    """Return True if `chinesecalendar` has the official holiday schedule for `year`."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _qingming(year: int) -> date | None:
    """Return the date of 清明节, the day of the 清明 solar term (None outside 1900–2100)."""
    try:
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    except NotImplementedError:
        return None
    return next((day for day, name in terms if name == _QINGMING), None)


@functools.lru_cache(maxsize=512)
def _provisional_holidays(year: int) -> frozenset[date]:
    """Return the statutory holidays of a year without official data that can be computed."""
    days = {date(year, month, day) for month, day in _FIXED_HOLIDAYS}
    qingming = _qingming(year)
    if qingming is not None:
        days.add(qingming)
    return frozenset(days)


@functools.lru_cache(maxsize=1 << 16)
def _official_is_working_day(day: date) -> bool:
    """Return whether `day` is a working day by the official (or provisional) schedule."""
    if has_official_data(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5 and day not in _provisional_holidays(day.year)


def _as_date(day: date) -> date:
    """Drop the time of a datetime so that it is looked up (and cached) as its date."""
    return day.date() if isinstance(day, datetime) else day


class WorkdayCalendar:
    """The official schedule plus the platform admin's overrides (True = working day).

    `confirmed_years` are years whose complete schedule the admin has entered as overrides:
    they no longer count as provisional.
    """

    __slots__ = ("_confirmed_years", "_overrides")

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self._overrides: Mapping[date, bool] = MappingProxyType(
            {_as_date(day): bool(working) for day, working in (overrides or {}).items()}
        )
        self._confirmed_years = frozenset(confirmed_years)

    @classmethod
    def from_overrides(
        cls, rows: Iterable[Mapping[str, Any] | Any], *, confirmed_years: Iterable[int] = ()
    ) -> WorkdayCalendar:
        """The calendar of `GET /api/v1/workdays/overrides`: JSON dicts or objects with `day`
        (a date or an ISO string) and `working`; `confirmed_years` from `GET /workdays/years`
        (`confirmed_years_of`). This is how a client counts as the platform."""
        overrides: dict[date, bool] = {}
        for row in rows:
            day = row["day"] if isinstance(row, Mapping) else row.day
            working = row["working"] if isinstance(row, Mapping) else row.working
            overrides[day if isinstance(day, date) else date.fromisoformat(str(day))] = working
        return cls(overrides, confirmed_years=confirmed_years)

    @property
    def overrides(self) -> Mapping[date, bool]:
        """The admin's overrides, read-only."""
        return self._overrides

    @property
    def confirmed_years(self) -> frozenset[int]:
        """Years whose schedule the admin has confirmed."""
        return self._confirmed_years

    def is_working_day(self, day: date) -> bool:
        """Return True if `day` is a working day; overrides win over the official schedule."""
        override = self._overrides.get(day)
        return _official_is_working_day(day) if override is None else override

    def is_provisional(self, day: date) -> bool:
        """Return True if the schedule of `day`'s year is not official (nor confirmed)."""
        return day.year not in self._confirmed_years and not has_official_data(day.year)

    def schedule_of(self, year: int) -> YearSchedule:
        """Where `year`'s working days come from (official data wins over a confirmation)."""
        if has_official_data(year):
            return YearSchedule.OFFICIAL
        if year in self._confirmed_years:
            return YearSchedule.CONFIRMED
        return YearSchedule.PROVISIONAL

    def __repr__(self) -> str:
        return (
            f"WorkdayCalendar({len(self._overrides)} overrides, "
            f"confirmed_years={sorted(self._confirmed_years)})"
        )


class YearSchedule(StrEnum):
    """Where a year's working days come from (`WorkdayCalendar.schedule_of`)."""

    OFFICIAL = "official"
    """The State Council's schedule, from the `chinesecalendar` data (overrides still win)."""
    CONFIRMED = "confirmed"
    """No data in the package; the platform admin entered the State Council's notice as
    overrides and confirmed the year: its deadlines are no longer provisional."""
    PROVISIONAL = "provisional"
    """No data and not confirmed: weekends and the fixed-date holidays only (暂定)."""

    @property
    def label_zh(self) -> str:
        return _SCHEDULE_TEXT[self][0]

    @property
    def label_en(self) -> str:
        return _SCHEDULE_TEXT[self][1]


_SCHEDULE_TEXT: Final = {
    YearSchedule.OFFICIAL: ("官方安排", "Official schedule"),
    YearSchedule.CONFIRMED: ("已确认", "Confirmed"),
    YearSchedule.PROVISIONAL: ("暂定", "Provisional"),
}

NOTICE_MONTH: Final = 11
"""The State Council publishes the next year's holiday schedule (放假安排) around November; from
this month on, a next year without official data is a to-do of the platform admin's (enter the
notice as overrides, then confirm the year), so that 第二十七条's working-day deadlines running
into January are not estimates."""


def years_to_confirm(today: date, calendar: WorkdayCalendar) -> list[int]:
    """The years whose schedule the platform admin should enter and confirm now: this year when
    it is provisional, and next year when it is provisional and its notice is due (NOTICE_MONTH).
    """
    years = [today.year] + ([today.year + 1] if today.month >= NOTICE_MONTH else [])
    return [y for y in years if calendar.schedule_of(y) is YearSchedule.PROVISIONAL]


def confirmation_refusal(year: int, today: date, overrides: int | None) -> str | None:
    """Why `year`'s schedule cannot be confirmed now (a problem code), or None when it can.

    `overrides`: how many of the year's days the admin has entered (None: not known yet).

    - "official_schedule": the year has official data; there is nothing to confirm;
    - "year_out_of_range": only last year, this year and next year (whose notice is out by
      November) can be confirmed; later ones have no notice yet;
    - "no_overrides": nothing of the year's notice is entered. The provisional schedule has no
      lunar holiday (春节, 端午, 中秋), and every notice gives weekdays off for 春节, so a year
      confirmed without overrides would count those days as working days, unflagged. This also
      keeps next year from being confirmed before its notice is out."""
    if has_official_data(year):
        return "official_schedule"
    if not today.year - 1 <= year <= today.year + 1:
        return "year_out_of_range"
    if overrides is not None and overrides <= 0:
        return "no_overrides"
    return None


def confirmed_years_of(rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """The confirmed years in `GET /api/v1/workdays/years`'s answer (for `from_overrides`)."""
    return [int(r["year"]) for r in rows if r.get("schedule") == YearSchedule.CONFIRMED]


DEFAULT_CALENDAR: Final = WorkdayCalendar()
"""The official schedule without overrides."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed deadline; `provisional` when it depends on a year without an official schedule."""

    due: date
    provisional: bool


def _calendar(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return DEFAULT_CALENDAR if calendar is None else calendar


def is_working_day(day: date, *, calendar: WorkdayCalendar | None = None) -> bool:
    """Return True if `day` is a working day (statutory holidays and 调休 applied)."""
    return _calendar(calendar).is_working_day(_as_date(day))


def is_provisional(day: date, *, calendar: WorkdayCalendar | None = None) -> bool:
    """Return True if `day`'s year has no official schedule, so its status is an estimate."""
    return _calendar(calendar).is_provisional(_as_date(day))


def add_working_days(start: date, n: int, *, calendar: WorkdayCalendar | None = None) -> date:
    """Return the n-th working day after `start` (day 1 is the first working day after it)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    cal = _calendar(calendar)
    day = _as_date(start)
    while n:
        day += _ONE_DAY
        if cal.is_working_day(day):
            n -= 1
    return day


def working_days_between(start: date, end: date, *, calendar: WorkdayCalendar | None = None) -> int:
    """Return the number of working days d with start < d <= end (0 if end <= start)."""
    cal = _calendar(calendar)
    day, end = _as_date(start), _as_date(end)
    count = 0
    while day < end:
        day += _ONE_DAY
        count += cal.is_working_day(day)
    return count


def review_deadline(
    received: date,
    working_days: int = REVIEW_WORKING_DAYS,
    *,
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """Return the date a review must complete by: `working_days` after receipt (第二十七条)."""
    cal = _calendar(calendar)
    received = _as_date(received)
    due = add_working_days(received, working_days, calendar=cal)
    years = range((received + _ONE_DAY).year, due.year + 1) if due > received else range(0)
    provisional = any(cal.is_provisional(date(year, 1, 1)) for year in years)
    return Deadline(due=due, provisional=provisional)


def working_days_left(
    today: date, due: date | None, *, calendar: WorkdayCalendar | None = None
) -> int | None:
    """Working days until `due`, the way every deadline in GovShare is shown (None without one).

    - due today or later: the working days d with today < d <= due, so 0 means "due today";
    - overdue (due before today): minus the working days d with due < d <= today, so -1 means
      the deadline passed one working day ago.
    """
    if due is None:
        return None
    if due >= today:
        return working_days_between(today, due, calendar=calendar)
    return -working_days_between(due, today, calendar=calendar)


# --- the review deadline of a catalog entry (platform policy) ----------------------------------

ENTRY_REVIEW_STARTS: Final[Mapping[str, str]] = MappingProxyType(
    {EntryStatus.SUBMITTED: "submitted_at", EntryStatus.DEPT_APPROVED: "dept_approved_at"}
)
"""For an entry waiting for a review, the timestamp its review clock runs from: the department's
review from the submission (第十五条), the platform's confirmation from the department's
approval (第十六条). The keys are govshare_core.workflow.ENTRY_REVIEW_STATES."""


def entry_review_deadline(
    status: str,
    *,
    submitted_on: date | None,
    dept_approved_on: date | None,
    working_days: int,
    calendar: WorkdayCalendar | None = None,
) -> Deadline | None:
    """When the review an entry waits for is due, or None when it waits for none.

    Counted from the day of the timestamp ENTRY_REVIEW_STARTS names for `status` (its
    Asia/Shanghai date), like share requests' deadlines (govshare_core.workdays.review_deadline):
    working days of the calendar given (the platform's, with the admin's overrides), provisional
    for a year without an official schedule.
    """
    starts = {"submitted_at": submitted_on, "dept_approved_at": dept_approved_on}
    started = starts[ENTRY_REVIEW_STARTS[status]] if status in ENTRY_REVIEW_STARTS else None
    if started is None:
        return None
    return review_deadline(started, working_days, calendar=calendar)
