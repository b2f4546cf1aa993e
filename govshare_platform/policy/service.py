"""Read policy values and build the working-day calendar with the platform's overrides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.workdays import WorkdayCalendar, working_days_left
from govshare_platform.policy.models import Policy, WorkdayOverride


def get_policy(session: Session) -> Policy:
    policy = session.get(Policy, 1)
    if policy is None:  # defaults until the platform admin edits them
        policy = Policy(id=1)
        session.add(policy)
        session.flush()
    return policy


def get_calendar(session: Session) -> WorkdayCalendar:
    """The official schedule (chinesecalendar) plus the platform admin's overrides."""
    rows = session.scalars(select(WorkdayOverride)).all()
    return WorkdayCalendar({r.day: r.working for r in rows})


@dataclass(frozen=True)
class Deadlines:
    """Today and the platform's calendar: how every listed deadline gets `working_days_left`."""

    today: date
    calendar: WorkdayCalendar

    def left(self, due: date | None) -> int | None:
        """Working days until `due` (0 = today, negative = overdue; govshare_core.workdays)."""
        return working_days_left(self.today, due, calendar=self.calendar)

    def overdue(self, due: date | None) -> bool:
        return due is not None and due < self.today


def deadlines(session: Session, today: date) -> Deadlines:
    """The deadline clock for one request: today with the overrides as they stand."""
    return Deadlines(today, get_calendar(session))
