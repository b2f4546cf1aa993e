"""The exchange rules of govshare_core.exchange: cells, headers, due dates, export safety."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govshare_core.exchange import (
    DOWNLOAD_MODES,
    QUERY_MODES,
    DeliveryProblem,
    check_cell,
    check_header,
    delivered_on_time,
    key_item,
    may_download,
    may_query,
    neutralise_cell,
    next_delivery_due,
)
from govshare_core.schemas import DataItem
from govshare_core.vocab import DataType, ShareMode, UpdateCycle


def item(data_type: str, length: int | None = None, *, name: str = "x", key: bool = False):
    return DataItem(name=name, data_type=DataType(data_type), length=length, key=key)


@pytest.mark.parametrize(
    ("data_type", "good", "bad"),
    [
        ("I", ["0", "-12", "+7", "320602"], ["1.5", "1e3", "abc", "١٢"]),
        ("N", ["1", "-1.25", ".5", "10."], ["1e3", "1,000", "x"]),
        ("Y", ["12.34", "-0.01"], ["¥12", "12,00"]),
        ("B", ["1.5e-3", "-2", "3.0"], ["NaN?", "1.2.3"]),
        ("F", ["1E10", ".1"], ["e10"]),
        ("D", ["2026-02-28", "20261001"], ["2026-02-30", "2026/01/01", "26-01-01"]),
        (
            "T",
            ["2026-10-01T08:00:00", "2026-10-01 08:00", "2026-10-01T08:00:00+08:00"],
            ["2026-13-01 08:00", "08:00", "2026-10-01 24:00", "2026-10-01 08:60"],
        ),
        ("L", ["true", "F", "是", "否", "1"], ["maybe", "真"]),
        ("C", ["任何文本", "=cmd|' /C calc'!A0"], []),
        ("M", ["long text\nwith lines"], []),
    ],
)
def test_types(data_type: str, good: list[str], bad: list[str]) -> None:
    for value in good:
        assert check_cell(item(data_type), value) is None, value
    for value in bad:
        assert check_cell(item(data_type), value) is DeliveryProblem.BAD_TYPE, value


def test_length_counts_characters_for_text_and_digits_for_numbers() -> None:
    assert check_cell(item("C", 4), "南通市民") is None
    assert check_cell(item("C", 4), "南通市民政") is DeliveryProblem.TOO_LONG
    assert check_cell(item("N", 5), "-123.45") is None  # 5 digits; sign and point do not count
    assert check_cell(item("N", 5), "1234.56") is DeliveryProblem.TOO_LONG
    assert check_cell(item("I", 18), "3" * 18) is None
    assert check_cell(item("I", 18), "3" * 19) is DeliveryProblem.TOO_LONG


def test_empty_cells_are_allowed_except_the_key() -> None:
    assert check_cell(item("D"), "") is None
    assert check_cell(item("C"), "", is_key=True) is DeliveryProblem.KEY_MISSING


def test_key_item_is_the_marked_one_else_the_first() -> None:
    a, b = item("C", name="姓名"), item("C", name="公民身份号码", key=True)
    assert key_item([a, b]) is b
    assert key_item([a, item("C", name="住址")]) is a
    assert key_item([]) is None


def test_header_any_order_every_item_once() -> None:
    items = [item("C", name="a"), item("C", name="b"), item("C", name="c")]
    ok = check_header(["\ufeffc", " a ", "b"], items)
    assert ok.problems == [] and ok.columns == {"c": 0, "a": 1, "b": 2}
    bad = check_header(["a", "a", "z"], items)
    assert set(bad.problems) == {
        (DeliveryProblem.DUPLICATE_COLUMN, "a"),
        (DeliveryProblem.UNKNOWN_COLUMN, "z"),
        (DeliveryProblem.MISSING_COLUMN, "b"),
        (DeliveryProblem.MISSING_COLUMN, "c"),
    }


def test_modes() -> None:
    assert may_download(ShareMode.EXCHANGE) and may_download(ShareMode.CUSTOM)
    assert not may_download(ShareMode.QUERY) and not may_download(ShareMode.INTERFACE)
    assert may_query(ShareMode.QUERY) and not may_query(ShareMode.EXCHANGE)
    assert not DOWNLOAD_MODES & QUERY_MODES


def official_next_working_day(day: date) -> date:
    while not chinese_calendar.is_workday(day):
        day += timedelta(days=1)
    return day


@pytest.mark.parametrize(
    ("cycle", "since", "raw"),
    [
        (UpdateCycle.DAILY, date(2026, 9, 30), date(2026, 10, 1)),  # National Day → 10-09
        (UpdateCycle.REALTIME, date(2026, 5, 8), date(2026, 5, 9)),
        (UpdateCycle.WEEKLY, date(2026, 2, 10), date(2026, 2, 17)),  # Spring Festival week
        (UpdateCycle.MONTHLY, date(2026, 1, 31), date(2026, 2, 28)),  # month end clamps
        (UpdateCycle.QUARTERLY, date(2026, 7, 1), date(2026, 10, 1)),
        (UpdateCycle.HALF_YEARLY, date(2026, 3, 31), date(2026, 9, 30)),
        (UpdateCycle.YEARLY, date(2025, 6, 15), date(2026, 6, 15)),
    ],
)
def test_next_due_moves_off_rest_days_per_official_calendar(
    cycle: UpdateCycle, since: date, raw: date
) -> None:
    due = next_delivery_due(cycle, since)
    assert due is not None and not due.provisional
    assert due.due == official_next_working_day(raw)


def test_national_day_example() -> None:
    due = next_delivery_due("daily", date(2026, 9, 30))
    assert due is not None
    assert chinese_calendar.is_workday(due.due) and due.due > date(2026, 10, 7)


def test_irregular_cycles_have_no_due_date_and_2027_is_provisional() -> None:
    assert next_delivery_due(UpdateCycle.IRREGULAR, date(2026, 1, 5)) is None
    assert next_delivery_due(UpdateCycle.OTHER, date(2026, 1, 5)) is None
    assert next_delivery_due("not-a-cycle", date(2026, 1, 5)) is None
    due = next_delivery_due(UpdateCycle.MONTHLY, date(2026, 12, 31))  # never raises for 2027
    assert due is not None and due.provisional and due.due >= date(2027, 1, 31)


def test_on_time() -> None:
    assert delivered_on_time(date(2026, 3, 2), date(2026, 3, 2))
    assert not delivered_on_time(date(2026, 3, 3), date(2026, 3, 2))
    assert delivered_on_time(date(2026, 3, 3), None)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        ("南通", "南通"),
        ("", ""),
    ],
)
def test_neutralise(value: str, safe: str) -> None:
    assert neutralise_cell(value) == safe


@given(st.text(max_size=30))
def test_neutralised_cells_never_start_a_formula(value: str) -> None:
    out = neutralise_cell(value)
    starts_formula = out[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")
    assert not starts_formula or check_cell(item("B"), out) is None
