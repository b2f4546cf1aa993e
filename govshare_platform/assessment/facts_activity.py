"""The facts of an assessment that come from activity rather than the catalog (第三十四条):
request handling (第二十二条, 第二十五条, 第二十七条), usage of a department's resources
(第二十二条, 第二十六条) and supervision (第二十条, 第三十六条). `facts.gather_facts` calls them;
the time window and counters they share are defined here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from govshare_core.assessment import (
    RECTIFICATION_OPEN_STATES,
    decided_in_time,
    decision_working_days,
    rectification_overdue,
    request_counts_as_due,
)
from govshare_core.exchange import AccessAction, AccessOutcome
from govshare_core.usage import DISCREPANCY_DUE_STATES, DISCREPANCY_OPEN_STATES
from govshare_core.vocab import DEFAULT_REVIEW_WORKING_DAYS, DisputeStatus, RequestStatus, ShareType
from govshare_core.workdays import WorkdayCalendar, review_deadline
from govshare_platform.clock import SHANGHAI, local_date
from govshare_platform.exchange.models import ExchangeLog
from govshare_platform.grants.models import Grant
from govshare_platform.policy.models import Policy
from govshare_platform.requests.models import Dispute, RequestEvent, ShareRequest
from govshare_platform.supervision.models import Rectification
from govshare_platform.usage.models import Discrepancy


def utc_start_of(day: date) -> datetime:
    """The UTC moment an Asia/Shanghai calendar day begins (the bound for UTC timestamps)."""
    return datetime.combine(day, time(), SHANGHAI).astimezone(UTC)


@dataclass
class Counts:
    """Mutable per-department counters, turned into the frozen DepartmentFacts at the end."""

    values: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    days: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Window:
    """The period's first day to `asof`, and the same as UTC bounds [start, end)."""

    starts: date
    asof: date

    @property
    def start_utc(self) -> datetime:
        return utc_start_of(self.starts)

    @property
    def end_utc(self) -> datetime:
        return utc_start_of(self.asof + timedelta(days=1))

    def within(self, moment: Any) -> ColumnElement[bool]:
        return and_(moment >= self.start_utc, moment < self.end_utc)


def one_if(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


# --- requests (第二十二条, 第二十五条, 第二十七条) ---------------------------------------------


def rejections(window: Window) -> Any:
    """Provider rejections made in the period, and those of them overturned in mediation by
    `asof` (第二十五条). Read from the history: an overturn clears the request's ground."""
    overturned = exists().where(
        Dispute.request_id == ShareRequest.id,
        Dispute.status == DisputeStatus.OVERTURNED,
        Dispute.resolved_at < window.end_utc,
    )
    return (
        select(ShareRequest.provider_department_id, func.count(), one_if(overturned))
        .join(RequestEvent, RequestEvent.request_id == ShareRequest.id)
        .where(RequestEvent.action == "provider_reject", window.within(RequestEvent.at))
        .group_by(ShareRequest.provider_department_id)
    )


def requests(
    session: Session, window: Window, calendar: WorkdayCalendar, counts: Mapping[int, Counts]
) -> None:
    """Requests received in the period that waited on the provider's review (有条件共享:
    无条件 ones are granted on submission, 不予共享 ones go to the platform, 第二十五条/第五条).

    The provider's deadline is the request's `review_due`, recomputed from receipt when a
    dispute restarted the clock for the platform's mediation. A request withdrawn undecided
    counts only when it was withdrawn after its deadline."""
    disputed = exists().where(Dispute.request_id == ShareRequest.id)
    withdrawn = (
        select(func.min(RequestEvent.at))
        .where(RequestEvent.request_id == ShareRequest.id, RequestEvent.action == "withdraw")
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            ShareRequest.provider_department_id,
            ShareRequest.received_on,
            ShareRequest.review_due,
            ShareRequest.provider_decided_at,
            disputed,
            case((ShareRequest.status == RequestStatus.WITHDRAWN, withdrawn)),
        ).where(
            ShareRequest.share_type == ShareType.CONDITIONAL,
            ShareRequest.received_on >= window.starts,
            ShareRequest.received_on <= window.asof,
        )
    )
    policy = session.get(Policy, 1)
    days = policy.review_working_days if policy is not None else DEFAULT_REVIEW_WORKING_DAYS
    recomputed: dict[date, date] = {}
    for dept, received, due, decided_at, was_disputed, withdrawn_at in rows:
        target = counts.get(dept)
        if target is None:
            continue
        if was_disputed or due is None:
            if received not in recomputed:
                recomputed[received] = review_deadline(received, days, calendar=calendar).due
            due = recomputed[received]
        decided = local_date(decided_at) if decided_at is not None else None
        if decided is not None and decided > window.asof:
            decided = None  # not yet decided at `asof`
        until = window.asof
        if decided is None and withdrawn_at is not None:
            until = min(until, local_date(_aware(withdrawn_at)))
        if not request_counts_as_due(decided, due, until):
            continue
        target.values["requests_due"] += 1
        if decided_in_time(decided, due):
            target.values["requests_in_time"] += 1
        if decided is not None:
            target.days.append(decision_working_days(received, decided, calendar=calendar))


def _aware(moment: datetime) -> datetime:
    """A raw UTC timestamp from a scalar subquery (SQLite gives it naive)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


# --- usage (第二十二条, 第二十六条) -------------------------------------------------------------


def usage(window: Window) -> Any:
    """Grants to its entries active some day of the period, and their consumer departments."""
    g = Grant
    return (
        select(
            g.provider_department_id,
            func.count(func.distinct(g.consumer_department_id)),
            func.count(),
        )
        .where(
            g.valid_from <= window.asof,
            g.valid_until >= window.starts,
            or_(g.revoked_at.is_(None), g.revoked_at >= window.start_utc),
        )
        .group_by(g.provider_department_id)
    )


def accesses(window: Window, *, scan: bool = False) -> Any:
    """Successful downloads and queries of its resources in the period (exchange log).

    `scan`: read the table through rather than walk ix_exchange_log_at (SQLite over a long
    range would fetch every row of it one by one, several times slower)."""
    log = ExchangeLog
    at: Any = log.at
    provider: Any = log.provider_department_id
    if scan:  # expressions no index serves (the planner would walk one, fetching each row)
        at, provider = func.coalesce(at, at), provider + 0
    return (
        select(provider, func.count())
        .where(
            log.action.in_([str(AccessAction.DOWNLOAD), str(AccessAction.QUERY)]),
            log.outcome == AccessOutcome.OK,
            window.within(at),
        )
        .group_by(provider)
    )


LOG_SCAN_AFTER_DAYS = 31
"""SQLite reads the whole exchange log for periods longer than this (quarters, years)."""


# --- supervision at `asof` (第二十条, 第三十六条) -----------------------------------------------


def discrepancies(window: Window) -> Any:
    """Discrepancy reports against it, reported by `asof` and open; overdue past their due."""
    d = Discrepancy
    overdue = and_(d.status.in_([str(s) for s in DISCREPANCY_DUE_STATES]), d.due < window.asof)
    return (
        select(d.provider_department_id, func.count(), one_if(overdue))
        .where(
            d.reported_at < window.end_utc,
            d.status.in_([str(s) for s in DISCREPANCY_OPEN_STATES]),
        )
        .group_by(d.provider_department_id)
    )


def rectifications(session: Session, window: Window, counts: Mapping[int, Counts]) -> None:
    """Orders issued by `asof` and open then: open now, or closed/withdrawn after `asof` (then
    overdue when not yet answered at `asof` and past due)."""
    r = Rectification
    rows = session.execute(
        select(r.department_id, r.status, r.due, r.answered_at, r.closed_at).where(
            r.issued_at < window.end_utc
        )
    )
    for dept, status, due, answered_at, closed_at in rows:
        target = counts.get(dept)
        if target is None:
            continue
        if status in RECTIFICATION_OPEN_STATES:
            overdue = rectification_overdue(status, due, window.asof)
        elif closed_at is not None and closed_at >= window.end_utc:
            unanswered = answered_at is None or answered_at >= window.end_utc
            overdue = unanswered and due is not None and window.asof > due
        else:
            continue
        target.values["rectifications_open"] += 1
        target.values["rectifications_overdue"] += int(overdue)
