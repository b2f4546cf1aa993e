"""Reading the audit trail: the filters of GET /audit/events, keyset pages newest first, and the
whole selection in batches for an export (oldest first).

Every filter that narrows much is one index range ending in `seq` (migration 0013), so a page
(seq < before_seq, newest first, LIMIT n) reads the rows it returns and no more, at any depth.

The time filters (`since`, `until`) are turned into `seq` bounds too (migration 0015): `at`
follows `seq` except where an event was written out of order, and the head's `disorder_seq` is
the last such event; after it no `at` falls below an earlier one. So, with `c` the newest event
before `until` (by `at`, then `seq`: one probe of the (at, seq) index), every event before
`until` has `seq <= max(c, disorder_seq)`: one after both would be at least as late as `c` and
later in seq, so `c` would not be the newest. Likewise with `c` the oldest event from `since`
(by `at`, then `seq`), when `c > disorder_seq` every event from `since` has `seq >= c` (and all
of them there match); otherwise there is no lower bound. No such event: nothing matches. The
`at` conditions stay, for the events up to `disorder_seq`; the bounds only let the database read
an index range of `seq` instead of walking the trail for the rows of a page.

`disorder_seq` alone fails where a disorder is recent: one clock step back near the head (or a
back-dated import) and every `until` reads the trail up to it. So the head also keeps
`max_lag_us` (migration 0018), the most any event's `at` has fallen behind the latest `at`
before it, L. With M(s) the latest `at` up to seq s, every event has `at >= M(seq) - L`. Take
any event e with `at(e) >= until + L`: every later event has `at >= M - L >= at(e) - L >=
until`, so all events before `until` have `seq < seq(e)` (e the first at or after that time,
one probe of the (at, seq) index). Likewise every event before any e with
`at(e) < since - L` has `at <= M(seq(e)) <= at(e) + L < since`, so all events from `since` have
`seq > seq(e)` (e the newest before that time). Both bounds hold together with the ones above,
and the tighter of each pair is taken. L is needed before the bounds' statement runs: the
process keeps the value it last saw (per engine), and the statement reads the head's current
`max_lag_us` too and uses the lag bounds only if it is still at most that (an event further
behind came in: the `disorder_seq` bounds alone this once, and the new value next time). A
larger L than needed only widens the range.

The bounds are one short statement of index probes (`seq_window`); the page then reads
`seq BETWEEN low AND high` as plain numbers, which PostgreSQL plans with their values. That is
the same set as in one snapshot: an event's `seq` is reserved under the head's lock, held until
its commit, so every event up to the head the bounds saw was committed already, and events
committed later have higher `seq`s (outside a finite upper bound; a lower bound holds for them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, TextClause, bindparam, func, select, text
from sqlalchemy.orm import Session

from govshare_core.schemas import AuditEventOut
from govshare_platform.audit.models import AuditEvent, AuditHead
from govshare_platform.db import UTCDateTime

MAX_LIMIT = 1000
_NO_BOUND = 2**62  # the disorder_seq taken without a head row: no seq bound at all


def head_lag(session: Session) -> int | None:
    """The head's `max_lag_us` (None without a head row: no lag bounds)."""
    return session.scalar(select(AuditHead.max_lag_us).where(AuditHead.id == 1))


_LAGS: WeakKeyDictionary[Any, int] = WeakKeyDictionary()
"""The head's max_lag_us as this process last saw it, per engine: the probes need it before
they run, and each probe statement reads the current value too (seq_window)."""


def _cached_lag(session: Session) -> int | None:
    bind = session.get_bind()
    lag = _LAGS.get(bind)
    if lag is None:
        lag = head_lag(session)
        if lag is not None:
            _LAGS[bind] = lag
    return lag


def _shifted(when: datetime, lag_us: int, sign: int) -> datetime | None:
    try:
        return when + sign * timedelta(microseconds=lag_us)
    except OverflowError:  # near datetime.min/max: no event lies beyond, no bound
        return None


_PROBE = {
    "newest": "SELECT seq FROM audit_events WHERE at < :newest ORDER BY at DESC, seq DESC LIMIT 1",
    "beyond": "SELECT seq FROM audit_events WHERE at >= :beyond ORDER BY at, seq LIMIT 1",
    "oldest": "SELECT seq FROM audit_events WHERE at >= :oldest ORDER BY at, seq LIMIT 1",
    "before": "SELECT seq FROM audit_events WHERE at < :before ORDER BY at DESC, seq DESC LIMIT 1",
}
"""The bounds' index probes (module doc): the newest event before a time, the oldest at or after
it, each one probe of the (at, seq) index."""


@cache
def _probe_statement(names: tuple[str, ...]) -> TextClause:
    """One statement of the head's marks and the probes `names` (plain SQL, made once per set:
    building and caching an ORM construct of four subqueries cost more than running it)."""
    columns = [
        "(SELECT disorder_seq FROM audit_head WHERE id = 1) AS disorder",
        "(SELECT max_lag_us FROM audit_head WHERE id = 1) AS lag_now",
        *(f"({_PROBE[name]}) AS {name}" for name in names),
    ]
    statement = text("SELECT " + ", ".join(columns))
    return statement.bindparams(*(bindparam(name, type_=UTCDateTime()) for name in names))


def _probe_times(
    since: datetime | None, until: datetime | None, lag: int | None
) -> dict[str, datetime]:
    """The times to probe at: `until` and `until + lag`, `since` and `since - lag`."""
    out: dict[str, datetime] = {}
    if until is not None:
        out["newest"] = until
        beyond_at = None if lag is None else _shifted(until, lag, +1)
        if beyond_at is not None:
            out["beyond"] = beyond_at
    if since is not None:
        out["oldest"] = since
        before_at = None if lag is None else _shifted(since, lag, -1)
        if before_at is not None:
            out["before"] = before_at
    return out


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class AuditFilter:
    actions: Sequence[str] = field(default_factory=tuple)
    actor_id: int | None = None
    actor_name: str | None = None  # prefix
    department_id: int | None = None
    object_type: str | None = None
    object_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # exclusive, aware

    def time_only(self) -> bool:
        """No filter but `since`/`until` (the (at, seq) index alone answers a count)."""
        return self.given().keys() <= {"since", "until"}

    def clauses(self) -> list[ColumnElement[bool]]:
        """The conditions (the time filters' `seq` bounds come from `seq_window`)."""
        out: list[ColumnElement[bool]] = []
        if self.actions:
            out.append(AuditEvent.action.in_(list(self.actions)))
        if self.actor_id is not None:
            out.append(AuditEvent.actor_id == self.actor_id)
        if self.actor_name:
            pattern = _escape_like(self.actor_name) + "%"
            out.append(AuditEvent.actor_name.like(pattern, escape="\\"))
        if self.department_id is not None:
            out.append(AuditEvent.department_id == self.department_id)
        if self.object_type is not None:
            out.append(AuditEvent.object_type == self.object_type)
        if self.object_id is not None:
            out.append(AuditEvent.object_id == self.object_id)
        if self.outcome is not None:
            out.append(AuditEvent.outcome == self.outcome)
        if self.since is not None:
            out.append(AuditEvent.at >= self.since)
        if self.until is not None:
            out.append(AuditEvent.at < self.until)
        return out

    def timed(self) -> bool:
        return self.since is not None or self.until is not None

    def given(self) -> dict[str, Any]:
        """The filters set, as JSON-able values (for the audit event of a read)."""
        values = {
            "action": list(self.actions) or None,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "department_id": self.department_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "outcome": self.outcome,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
        return {k: v for k, v in values.items() if v is not None}


def seq_window(session: Session, filters: AuditFilter) -> tuple[int, int | None] | None:
    """The `seq` range [low, high] that holds every event of the time filters (high None: no
    upper bound), or None when none can match (module doc). Every event up to the head was
    committed when the probes ran (the head's lock is held to the commit), so a later statement
    reading this range sees the same events there."""
    if not filters.timed():
        return 0, None
    lag = _cached_lag(session)
    times = _probe_times(filters.since, filters.until, lag)
    row = session.execute(_probe_statement(tuple(times)), times).one()._mapping
    if row["lag_now"] is not None and row["lag_now"] != lag:
        _LAGS[session.get_bind()] = int(row["lag_now"])  # for the next statement
    # no head row: no disorder bound at all; a lag grown since it was read: no lag bounds
    disorder = _NO_BOUND if row["disorder"] is None else int(row["disorder"])
    lag_holds = lag is not None and row["lag_now"] is not None and row["lag_now"] <= lag
    low, high = 0, _NO_BOUND
    if filters.until is not None:
        if row["newest"] is None:  # no event before `until`
            return None
        high = max(int(row["newest"]), disorder)
        if lag_holds and row.get("beyond") is not None:
            high = min(high, int(row["beyond"]) - 1)
    if filters.since is not None:
        if row["oldest"] is None:  # no event from `since`
            return None
        low = int(row["oldest"]) if row["oldest"] > disorder else 0
        if lag_holds and row.get("before") is not None:
            low = max(low, int(row["before"]) + 1)
    return low, (None if high >= _NO_BOUND else high)


def _bounded(
    session: Session, filters: AuditFilter, *, seq_bounds: bool = True
) -> list[ColumnElement[bool]] | None:
    """The filters' conditions with their `seq` window; None when nothing can match."""
    clauses = filters.clauses()
    if not seq_bounds or not filters.timed():
        return clauses
    window = seq_window(session, filters)
    if window is None:
        return None
    low, high = window
    if low > 0:
        clauses.append(AuditEvent.seq >= low)
    if high is not None:
        clauses.append(AuditEvent.seq <= high)
    return clauses


def page(
    session: Session, filters: AuditFilter, *, before_seq: int | None, limit: int
) -> tuple[list[AuditEventOut], int | None]:
    """One page newest first, and the before_seq of the next (older) page, None at the end."""
    clauses = _bounded(session, filters)
    if clauses is None:
        return [], None
    if before_seq is not None:
        clauses.append(AuditEvent.seq < before_seq)
    rows = session.scalars(
        select(AuditEvent).where(*clauses).order_by(AuditEvent.seq.desc()).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    items = [AuditEventOut.model_validate(e) for e in rows[:limit]]
    return items, (items[-1].seq if more and items else None)


def count(session: Session, filters: AuditFilter, *, upto_seq: int | None = None) -> int:
    """The matches (every one is visited: the bounds only narrow a range of another filter's
    index; a time range alone is counted on the (at, seq) index without them)."""
    clauses = _bounded(session, filters, seq_bounds=not filters.time_only())
    if clauses is None:
        return 0
    if upto_seq is not None:
        clauses.append(AuditEvent.seq <= upto_seq)
    query = select(func.count()).select_from(AuditEvent).where(*clauses)
    return int(session.scalar(query) or 0)


def iterate(
    session: Session,
    filters: AuditFilter,
    *,
    after_seq: int = 0,
    upto_seq: int | None = None,
    batch: int = 2000,
) -> Iterator[list[AuditEvent]]:
    """The selection oldest first in keyset batches (an export never holds it all)."""
    bounded = _bounded(session, filters)  # once: the window holds for the whole export
    if bounded is None:
        return
    last = after_seq
    while True:
        clauses = [*bounded, AuditEvent.seq > last]
        if upto_seq is not None:
            clauses.append(AuditEvent.seq <= upto_seq)
        rows = session.scalars(
            select(AuditEvent).where(*clauses).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            return
        session.expunge_all()
        yield list(rows)
        last = rows[-1].seq
