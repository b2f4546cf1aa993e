"""The demo's delivery plan (govshare_platform.demo.exchange) and its files, without seeding:
every periodic entry of a punctual department is on time today, each file after the first due
by the one before it; late departments have a gap, overdue ones stopped; every generated file
of every demo entry passes the delivery checker (unique keys of the right type and length)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from govshare_core.exchange import next_delivery_due
from govshare_core.vocab import UpdateCycle
from govshare_core.workdays import is_working_day
from govshare_platform.demo.data import DEPARTMENTS, RESOURCES, synthetic_specs
from govshare_platform.demo.exchange import (
    LATE_DEPARTMENTS,
    OVERDUE_DEPARTMENTS,
    SCHEDULE_ROWS,
    delivery_days,
    demo_file,
    discipline_of,
)
from govshare_platform.demo.seed import SYNTHETIC_PER_DEPARTMENT
from govshare_platform.exchange import readers
from govshare_platform.exchange.checker import ReportBuilder, RowChecker

TODAY = date(2026, 12, 1)
PUBLISHED = date(2026, 1, 10)
PERIODIC = [c for c in UpdateCycle if next_delivery_due(c, TODAY) is not None]


def _due(cycle: str, since: date) -> date:
    deadline = next_delivery_due(cycle, since)
    assert deadline is not None
    return deadline.due


@pytest.mark.parametrize("cycle", PERIODIC)
def test_punctual_entries_are_on_time_today(cycle: str) -> None:
    days = delivery_days(cycle, PUBLISHED, "punctual", TODAY)
    assert days and days == sorted(set(days)) and all(is_working_day(d) for d in days)
    assert PUBLISHED <= days[0] and days[-1] <= TODAY
    assert all(later <= _due(cycle, earlier) for earlier, later in itertools.pairwise(days))
    assert _due(cycle, days[-1]) >= TODAY  # not overdue now


@pytest.mark.parametrize("cycle", [UpdateCycle.DAILY, UpdateCycle.MONTHLY])
def test_late_and_overdue_departments(cycle: str) -> None:
    late = delivery_days(cycle, PUBLISHED, "late", TODAY)
    assert _due(cycle, late[-1]) >= TODAY  # current again ...
    before = late[-2] if len(late) > 1 else PUBLISHED
    assert late[-1] > _due(cycle, before)  # ... but the latest file came late
    stopped = delivery_days(cycle, PUBLISHED, "overdue", TODAY)
    assert _due(cycle, stopped[-1]) < TODAY


def test_no_files_before_publication_or_without_a_cycle() -> None:
    assert delivery_days(UpdateCycle.MONTHLY, TODAY, "punctual", TODAY) == []  # not due yet
    assert len(delivery_days(UpdateCycle.MONTHLY, date(2026, 11, 20), "punctual", TODAY)) == 1
    assert delivery_days(UpdateCycle.YEARLY, date(2026, 11, 20), "punctual", TODAY) == []
    assert delivery_days(UpdateCycle.IRREGULAR, PUBLISHED, "punctual", TODAY) == []
    assert delivery_days(UpdateCycle.DAILY, None, "punctual", TODAY) == []


def test_disciplines_name_demo_departments() -> None:
    keys = {d.key for d in DEPARTMENTS if not d.is_platform}
    assert set(LATE_DEPARTMENTS) | set(OVERDUE_DEPARTMENTS) <= keys
    assert discipline_of("ga") == "punctual" and discipline_of(LATE_DEPARTMENTS[0]) == "late"


def test_every_demo_file_passes_the_checker() -> None:
    count = SYNTHETIC_PER_DEPARTMENT * (len(DEPARTMENTS) - 1)
    specs = [*RESOURCES, *synthetic_specs(count, seed=20150801)]
    for n, spec in enumerate(specs):
        items = spec.to_entry(variant=n).data_items
        report = ReportBuilder()
        checker = RowChecker(items, report, lambda data: None, lambda *a: None)
        rows = readers.csv_rows([demo_file(items, rows=SCHEDULE_ROWS, seed=n)], "utf-8")
        assert checker.header(next(rows))
        for k, cells in enumerate(rows, start=1):
            checker.row(k, cells)
        checker.finish()
        assert report.problem_count == 0, (spec.name, report.problems[:3])
        assert report.rows_checked >= 2
