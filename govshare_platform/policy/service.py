"""Read policy values and build the working-day calendar with the platform's overrides."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.workdays import WorkdayCalendar
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
