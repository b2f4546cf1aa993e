"""Tests of the working-day calendar (第二十七条) against chinesecalendar's official data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare_core.workdays import (
    DEFAULT_CALENDAR,
    REVIEW_WORKING_DAYS,
    Deadline,
    WorkdayCalendar,
    add_working_days,
    has_official_data,
    is_provisional,
    is_working_day,
    review_deadline,
    working_days_between,
)

ONE_DAY = timedelta(days=1)
# The first year without official data, read from the package rather than assumed.
FIRST_UNOFFICIAL_YEAR = max(chinese_calendar.holidays).year + 1
needs_no_2027_data = pytest.mark.skipif(
    FIRST_UNOFFICIAL_YEAR != 2027, reason="chinesecalendar's data no longer ends with 2026"
)


def days_of(start: date, end: date) -> list[date]:
    """All dates from start to end inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def brute_force_add(start: date, n: int) -> date:
    """The n-th working day after start, walking chinese_calendar directly."""
    day = start
    while n:
        day += ONE_DAY
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


# --- official years: agreement with chinesecalendar -------------------------------------------


def test_every_day_of_2025_and_2026_matches_chinese_calendar() -> None:
    for day in days_of(date(2025, 1, 1), date(2026, 12, 31)):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        assert not is_provisional(day)


@pytest.mark.parametrize("n", range(11))
def test_add_working_days_matches_brute_force_walk(n: int) -> None:
    for start in days_of(date(2025, 1, 1), date(2026, 12, 1)):
        assert add_working_days(start, n) == brute_force_add(start, n), (start, n)


def test_national_day_2025_with_make_up_days() -> None:
    # 国庆+中秋 2025: rest Oct 1–8; make-up working days Sun Sep 28 and Sat Oct 11.
    assert add_working_days(date(2025, 9, 30), 5) == date(2025, 10, 14)
    assert all(not is_working_day(day) for day in days_of(date(2025, 10, 1), date(2025, 10, 8)))
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


def test_make_up_weekend_day_counts_as_working_day() -> None:
    assert date(2025, 9, 28).weekday() == 6 and is_working_day(date(2025, 9, 28))
    assert date(2025, 10, 11).weekday() == 5 and is_working_day(date(2025, 10, 11))
    # Friday Sep 26 + 1 working day is the make-up Sunday, not Monday.
    assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)


def test_spring_festival_2026() -> None:
    # 春节 2026: rest Feb 15–23; make-up working days Sat Feb 14 and Sat Feb 28.
    assert is_working_day(date(2026, 2, 14))
    assert all(not is_working_day(day) for day in days_of(date(2026, 2, 15), date(2026, 2, 23)))
    assert add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)
    assert review_deadline(date(2026, 2, 12)) == Deadline(due=date(2026, 2, 26), provisional=False)


def test_zero_days_returns_start_even_on_a_holiday() -> None:
    assert add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 1)
    assert review_deadline(date(2025, 10, 1), 0) == Deadline(date(2025, 10, 1), False)


def test_negative_days_are_rejected() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), -1)


def test_working_days_between_is_zero_when_end_not_after_start() -> None:
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert working_days_between(date(2025, 3, 10), date(2025, 3, 3)) == 0
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 10)) == 5


def test_datetimes_count_as_their_date() -> None:
    received = datetime(2025, 9, 30, 17, 45)
    assert add_working_days(received, 5) == date(2025, 10, 14)
    assert type(add_working_days(received, 5)) is date
    assert is_working_day(datetime(2025, 10, 1, 9, 0)) is False


def test_review_deadline_defaults_to_five_working_days() -> None:
    assert REVIEW_WORKING_DAYS == 5
    assert review_deadline(date(2025, 9, 30)) == Deadline(date(2025, 10, 14), provisional=False)


# --- years without official data ---------------------------------------------------------------


def test_supported_range_is_read_from_the_package() -> None:
    assert has_official_data(2004)
    assert has_official_data(FIRST_UNOFFICIAL_YEAR - 1)
    assert not has_official_data(FIRST_UNOFFICIAL_YEAR)
    assert not has_official_data(2003)


@needs_no_2027_data
def test_deadline_across_2026_2027_boundary_is_provisional() -> None:
    # Dec 29–31 count; 2027-01-01 (Fri) is 元旦, then a weekend; Jan 4 and 5 count.
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 5)
    assert review_deadline(date(2026, 12, 28)) == Deadline(date(2027, 1, 5), provisional=True)
    assert review_deadline(date(2026, 12, 1)).provisional is False
    assert is_provisional(date(2027, 1, 1)) and not is_provisional(date(2026, 12, 31))


@needs_no_2027_data
def test_provisional_2027_rest_days() -> None:
    assert not is_working_day(date(2027, 1, 1))
    assert all(not is_working_day(day) for day in days_of(date(2027, 10, 1), date(2027, 10, 3)))
    assert not is_working_day(date(2027, 4, 5))  # 清明, from chinese_calendar's solar terms
    assert is_working_day(date(2027, 4, 6))
    assert not is_working_day(date(2027, 3, 6)) and not is_working_day(date(2027, 3, 7))
    assert is_working_day(date(2027, 3, 8))


def test_provisional_years_use_fixed_statutory_holidays_and_weekends() -> None:
    year = FIRST_UNOFFICIAL_YEAR
    rest = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 2)} | set(
        days_of(date(year, 10, 1), date(year, 10, 3))
    )
    for day in days_of(date(year, 1, 1), date(year, 12, 31)):
        assert is_provisional(day)
        if day.weekday() >= 5 or day in rest:
            assert not is_working_day(day), day
    assert review_deadline(date(year - 1, 12, 28)).provisional


def test_labour_day_is_two_days_in_provisional_years() -> None:
    # 2028-05-01 and 05-02 are Monday and Tuesday.
    assert not is_working_day(date(2028, 5, 1)) and not is_working_day(date(2028, 5, 2))
    assert is_working_day(date(2028, 5, 3))


def test_qingming_solar_term_matches_official_holidays() -> None:
    # The provisional 清明 comes from the solar-term formula: check it against every official year.
    for year in range(2008, FIRST_UNOFFICIAL_YEAR):
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
        qingming = next(day for day, name in terms if name == "清明")
        assert chinese_calendar.get_holiday_detail(qingming) == (True, "Tomb-sweeping Day")


@pytest.mark.parametrize(
    "day",
    [
        date(1, 1, 1),
        date(1850, 6, 3),
        date(1990, 1, 1),
        date(2003, 12, 31),
        date(2099, 10, 2),
        date(2101, 4, 5),
        date(9999, 12, 24),
    ],
)
def test_never_raises_for_a_valid_date(day: date) -> None:
    assert is_provisional(day)
    is_working_day(day)
    add_working_days(day, 3)
    review_deadline(day)


def test_years_before_2004_are_provisional_with_fixed_holidays() -> None:
    assert not is_working_day(date(1990, 1, 1))  # Monday, 元旦
    assert is_working_day(date(1990, 1, 2))
    assert review_deadline(date(1990, 1, 1)).provisional


# --- overrides (edited by the platform admin) --------------------------------------------------


@needs_no_2027_data
def test_override_marks_a_provisional_day_as_working_day() -> None:
    calendar = WorkdayCalendar({date(2027, 1, 2): True})
    assert is_working_day(date(2027, 1, 2), calendar=calendar)
    assert not is_working_day(date(2027, 1, 2))
    assert add_working_days(date(2026, 12, 31), 1, calendar=calendar) == date(2027, 1, 2)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_override_marks_an_official_working_day_as_rest_day() -> None:
    calendar = WorkdayCalendar({date(2026, 12, 29): False})
    assert chinese_calendar.is_workday(date(2026, 12, 29))
    assert not is_working_day(date(2026, 12, 29), calendar=calendar)
    assert add_working_days(date(2026, 12, 28), 1, calendar=calendar) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 28), date(2026, 12, 30), calendar=calendar) == 1


def test_override_beats_an_official_holiday() -> None:
    calendar = WorkdayCalendar({datetime(2025, 10, 1, 8, 0): True})
    assert is_working_day(date(2025, 10, 1), calendar=calendar)
    assert add_working_days(date(2025, 9, 30), 1, calendar=calendar) == date(2025, 10, 1)


def test_overrides_are_read_only_and_the_default_has_none() -> None:
    source = {date(2027, 1, 2): True}
    calendar = WorkdayCalendar(source)
    source[date(2027, 1, 3)] = True
    assert dict(calendar.overrides) == {date(2027, 1, 2): True}
    with pytest.raises(TypeError):
        calendar.overrides[date(2027, 1, 3)] = True  # type: ignore[index]
    assert dict(DEFAULT_CALENDAR.overrides) == {}


def test_confirmed_years_are_not_provisional() -> None:
    year = FIRST_UNOFFICIAL_YEAR
    calendar = WorkdayCalendar({date(year, 2, 10): False}, confirmed_years=[year])
    assert not is_provisional(date(year, 6, 1), calendar=calendar)
    assert is_provisional(date(year + 1, 6, 1), calendar=calendar)
    assert not review_deadline(date(year - 1, 12, 28), calendar=calendar).provisional


# --- properties ---------------------------------------------------------------------------------

dates_2000_2100 = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=400, deadline=None, database=None)
@given(start=dates_2000_2100, n=st.integers(min_value=0, max_value=40))
def test_between_inverts_add(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert end >= start
    if n:
        assert is_working_day(end)
        assert working_days_between(start, end - ONE_DAY) == n - 1


@settings(max_examples=200, deadline=None, database=None)
@given(
    start=dates_2000_2100,
    n=st.integers(min_value=0, max_value=15),
    overrides=st.dictionaries(dates_2000_2100, st.booleans(), max_size=20),
)
def test_between_inverts_add_with_overrides(
    start: date, n: int, overrides: dict[date, bool]
) -> None:
    calendar = WorkdayCalendar(overrides)
    end = add_working_days(start, n, calendar=calendar)
    assert working_days_between(start, end, calendar=calendar) == n
