"""The review deadline of a catalog entry: platform policy counted like 第二十七条's deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from govshare_core.rules import DEFAULT_ENTRY_REVIEW_WORKING_DAYS
from govshare_core.schemas import CatalogEntryOut, CatalogEntrySummary, PolicyIn, PolicyOut
from govshare_core.vocab import EntryStatus
from govshare_core.workdays import ENTRY_REVIEW_STARTS, WorkdayCalendar, entry_review_deadline
from govshare_core.workflow import ENTRY_REVIEW_STATES

MONDAY, THURSDAY = date(2026, 6, 1), date(2026, 6, 4)


def _due(
    status: str,
    *,
    submitted_on: date | None = MONDAY,
    dept_approved_on: date | None = THURSDAY,
    working_days: int = 5,
) -> date | None:
    deadline = entry_review_deadline(
        status,
        submitted_on=submitted_on,
        dept_approved_on=dept_approved_on,
        working_days=working_days,
    )
    return deadline.due if deadline else None


def test_the_default_is_five_working_days() -> None:
    assert DEFAULT_ENTRY_REVIEW_WORKING_DAYS == 5
    assert PolicyOut.model_fields["entry_review_working_days"].default == 5


def test_every_review_state_has_a_start_and_only_those() -> None:
    assert set(ENTRY_REVIEW_STARTS) == set(ENTRY_REVIEW_STATES)
    assert ENTRY_REVIEW_STARTS[EntryStatus.SUBMITTED] == "submitted_at"  # 第十五条
    assert ENTRY_REVIEW_STARTS[EntryStatus.DEPT_APPROVED] == "dept_approved_at"  # 第十六条


def test_submitted_counts_from_submission_dept_approved_from_approval() -> None:
    assert _due(EntryStatus.SUBMITTED) == date(2026, 6, 8)
    assert _due("submitted", working_days=1) == date(2026, 6, 2)
    assert _due(EntryStatus.DEPT_APPROVED) == date(2026, 6, 11)


@pytest.mark.parametrize("status", ["draft", "returned", "published", "withdrawn", "nonsense"])
def test_nothing_is_due_outside_the_review_states(status: str) -> None:
    assert _due(status) is None


def test_no_start_no_deadline() -> None:
    assert _due("submitted", submitted_on=None) is None
    assert _due("dept_approved", dept_approved_on=None) is None


def test_the_calendars_overrides_count() -> None:
    calendar = WorkdayCalendar({date(2026, 6, 2): False, date(2026, 6, 6): True})
    deadline = entry_review_deadline(
        "submitted", submitted_on=MONDAY, dept_approved_on=None, working_days=5, calendar=calendar
    )
    assert deadline is not None and deadline.due == date(2026, 6, 8)  # 3, 4, 5, Sat 6, 8


def test_a_year_without_data_is_provisional_not_an_error() -> None:
    deadline = entry_review_deadline(
        "submitted", submitted_on=date(2026, 12, 29), dept_approved_on=None, working_days=5
    )
    assert deadline is not None and deadline.provisional and deadline.due == date(2027, 1, 6)
    later = entry_review_deadline(
        "dept_approved", submitted_on=None, dept_approved_on=date(2027, 6, 1), working_days=5
    )
    assert later is not None and later.provisional


def test_the_schemas_carry_the_new_fields_with_defaults() -> None:
    for model in (CatalogEntrySummary, CatalogEntryOut):
        fields = model.model_fields
        for name in ("submitted_at", "submitted_by_name", "review_due", "review_working_days_left"):
            assert fields[name].default is None, (model, name)
        assert fields["review_due_provisional"].default is False
    assert PolicyIn(entry_review_working_days=7).entry_review_working_days == 7
    with pytest.raises(ValueError):
        PolicyIn(entry_review_working_days=0)
