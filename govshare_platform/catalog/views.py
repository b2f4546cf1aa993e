"""Entries as the API shows them: who submitted them, and when the review they wait for is due.

The department reviews a submitted entry (第十五条), then the platform confirms it (第十六条). The
regulation sets no deadline for either; the platform's policy does (`entry_review_working_days`),
counted by `govshare_core.schemas.entry_review_deadline` with the same working-day calendar and
overrides as share requests' deadlines (第二十七条).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from govshare_core.schemas import CatalogEntryOut, CatalogEntrySummary
from govshare_core.workdays import Deadline, WorkdayCalendar, entry_review_deadline
from govshare_core.workflow import ENTRY_REVIEW_STATES
from govshare_platform import clock
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.db import shared_alias
from govshare_platform.departments.models import Department, User
from govshare_platform.policy.service import deadlines, get_policy


class _Shown(Protocol):
    """What `_fill` sets: the fields both CatalogEntrySummary and CatalogEntryOut have."""

    submitted_by_name: str | None
    review_due: date | None
    review_due_provisional: bool
    review_working_days_left: int | None


def display_name(user: type[User]) -> ColumnElement[str]:
    """How a user is named in lists: the display name, or the username without one (SQL, so
    that listing and sorting by `submitted_by_name` agree)."""
    return func.coalesce(func.nullif(func.trim(user.full_name), ""), user.username)


Submitter = shared_alias(User, name="submitter")
SUBMITTER_NAME = display_name(Submitter)
"""The submitter's name, for a query that joins `CatalogEntry.submitter.of_type(Submitter)`."""


def _local(moment: datetime | None) -> date | None:
    """The Asia/Shanghai date of a UTC moment (deadlines are dates there, docs/design.md §4)."""
    return clock.local_date(moment) if moment is not None else None


class _Reviewed(Protocol):
    """What `_fill` reads of an entry (an ORM object or a row of `summaries`)."""

    @property
    def status(self) -> str: ...
    @property
    def submitted_at(self) -> datetime | None: ...
    @property
    def dept_approved_at(self) -> datetime | None: ...


def review_deadline(
    entry: _Reviewed, *, working_days: int, calendar: WorkdayCalendar
) -> Deadline | None:
    """When the review `entry` waits for is due (None when it waits for none): its timestamps
    taken as Asia/Shanghai dates, counted by the core's `entry_review_deadline`. The API's
    entries and the inbox's to-dos both use this."""
    return entry_review_deadline(
        entry.status,
        submitted_on=_local(entry.submitted_at),
        dept_approved_on=_local(entry.dept_approved_at),
        working_days=working_days,
        calendar=calendar,
    )


def _fill(session: Session, shown: Sequence[tuple[_Reviewed, str | None, _Shown]]) -> None:
    for _, name, out in shown:
        out.submitted_by_name = name
    waiting = [(e, out) for e, _, out in shown if e.status in ENTRY_REVIEW_STATES]
    if not waiting:  # the share catalog: published entries only, no policy or calendar read
        return
    days = get_policy(session).entry_review_working_days
    clock_ = deadlines(session, clock.today())
    for entry, out in waiting:
        deadline = review_deadline(entry, working_days=days, calendar=clock_.calendar)
        if deadline is not None:
            out.review_due = deadline.due
            out.review_due_provisional = deadline.provisional
            out.review_working_days_left = clock_.left(deadline.due)


_COMPUTED = {"department_name", "submitted_by_name"} | {
    name for name in CatalogEntrySummary.model_fields if name.startswith("review_")
}
_SUMMARY = (
    select(
        *(getattr(CatalogEntry, n) for n in CatalogEntrySummary.model_fields if n not in _COMPUTED),
        CatalogEntry.dept_approved_at,
        Department.name.label("department_name"),
        SUBMITTER_NAME.label("submitted_by_name"),
    )
    .join(Department, Department.id == CatalogEntry.department_id)
    .outerjoin(CatalogEntry.submitter.of_type(Submitter))
)
"""The columns of a list item, without loading whole entries (their summary, conditions and
data items are not shown in lists)."""


def summaries(session: Session, ids: Sequence[int]) -> list[CatalogEntrySummary]:
    """List items of the entries `ids`, in that order, in one query (none for no ids)."""
    if not ids:
        return []
    rows = session.execute(_SUMMARY.where(CatalogEntry.id.in_(ids))).all()
    found = {row.id: row for row in rows}
    shown = [
        (row, row.submitted_by_name, CatalogEntrySummary.model_validate(row._mapping))
        for row in (found[i] for i in ids if i in found)
    ]
    _fill(session, shown)
    return [out for _, _, out in shown]


def user_name(user: User) -> str:
    """`display_name` of a loaded user, in Python: the display name without surrounding spaces
    (SQL's trim), or the username without one."""
    return (user.full_name or "").strip(" ") or user.username


def detail(session: Session, entry: CatalogEntry, *, viewer: User | None = None) -> CatalogEntryOut:
    """One entry in full (without its draft problems, which access.entry_out adds). The
    submitter's name is asked of the database only when there is one and it is not `viewer`
    (the signed-in user, already loaded)."""
    out = CatalogEntryOut.model_validate(entry)
    # a name lookup, not an access check (who may act is govshare_core.workflow's)
    known = {viewer.id: user_name(viewer)} if viewer is not None else {}
    submitter_id = entry.submitted_by
    name = known.get(submitter_id) if submitter_id is not None else None
    if submitter_id is not None and name is None:
        submitter = select(SUBMITTER_NAME).join(CatalogEntry.submitter.of_type(Submitter))
        name = session.scalar(submitter.where(CatalogEntry.id == entry.id))
    _fill(session, [(entry, name, out)])
    return out
