"""The audit trail's time filters as `seq` ranges (migration 0015): the head's time-order marks
(max_at, disorder_seq) are kept by every append path, and GET /audit/events with `since` and/or
`until` returns exactly what the plain `at` conditions return, also for events written out of
order (an explicit `at`, a clock stepped back) and for ties."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from govshare_platform.audit import query
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditEvent, AuditHead
from govshare_platform.db import make_engine, make_session_factory
from tests.platform.audit_support import AUDITOR
from tests.platform.conftest import World

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _write(factory: sessionmaker[Session], *batches: list[datetime | None]) -> None:
    """One transaction per batch; None: the clock's time when written."""
    for batch in batches:
        with factory() as session:
            for at in batch:
                audit.append(session, action="login", actor_name="t", at=at)
            session.commit()


def expected_marks(rows: list[tuple[int, datetime]]) -> tuple[datetime | None, int, int]:
    """max_at, disorder_seq and max_lag_us by definition, from (seq, at) in seq order."""
    latest: datetime | None = None
    disorder, lag = 0, timedelta(0)
    for seq, at in rows:
        if latest is not None and at < latest:
            disorder, lag = seq, max(lag, latest - at)
        else:
            latest = at
    return latest, disorder, lag // timedelta(microseconds=1)


def _rows(session: Session) -> list[tuple[int, datetime]]:
    result = session.execute(select(AuditEvent.seq, AuditEvent.at).order_by(AuditEvent.seq))
    return [(int(seq), at) for seq, at in result]


def _check_marks(factory: sessionmaker[Session]) -> list[tuple[int, datetime]]:
    with factory() as session:
        rows = _rows(session)
        head = session.get(AuditHead, 1)
        assert head is not None
        assert (head.max_at, head.disorder_seq, head.max_lag_us) == expected_marks(rows)
    return rows


def _all_pages(session: Session, filters: query.AuditFilter) -> list[int]:
    seqs: list[int] = []
    before: int | None = None
    while True:
        items, before = query.page(session, filters, before_seq=before, limit=3)
        seqs += [item.seq for item in items]
        if before is None:
            return seqs


def _check_filters(
    factory: sessionmaker[Session], rows: list[tuple[int, datetime]], *, pairs: bool = True
) -> None:
    """Every since/until around every stored time (and outside them all): pages, count and
    export iteration equal the plain filter applied to every row (`pairs`: and since+until)."""
    times = sorted({at for _, at in rows})
    probes = [t + d for t in times for d in (-timedelta(microseconds=1), timedelta(0))]
    probes += [times[0] - timedelta(days=1), times[-1] + timedelta(days=1)]
    cases: list[dict[str, Any]] = [{"until": t} for t in probes] + [{"since": t} for t in probes]
    if pairs:
        cases += [{"since": a, "until": b} for a in probes[::3] for b in probes[1::4] if a < b]
    with factory() as session:
        for kwargs in cases:
            filters = query.AuditFilter(**kwargs)
            since, until = kwargs.get("since"), kwargs.get("until")
            want = [
                seq
                for seq, at in reversed(rows)
                if (since is None or at >= since) and (until is None or at < until)
            ]
            assert _all_pages(session, filters) == want, kwargs
            assert query.count(session, filters) == len(want), kwargs
            exported = [e.seq for batch in query.iterate(session, filters, batch=4) for e in batch]
            assert exported == want[::-1], kwargs


def test_events_in_order_leave_no_disorder(factory: sessionmaker[Session]) -> None:
    _write(factory, [minutes(1), minutes(2)], [minutes(2)], [minutes(3), minutes(5)])
    rows = _check_marks(factory)
    with factory() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and head.disorder_seq == 0 and head.max_at == minutes(5)
    _check_filters(factory, rows)


def test_events_written_out_of_order(factory: sessionmaker[Session]) -> None:
    """Explicit times out of order, within one transaction and across them, ties included;
    then events in order again after the last disorder."""
    _write(
        factory,
        [minutes(10), minutes(20), minutes(15)],  # 3 is out of order (one commit)
        [minutes(20)],  # a tie with the latest: in order
        [minutes(5)],  # 5: out of order (its own commit)
        [minutes(21), minutes(21), minutes(30)],
        [None],  # now: far later than the rest
    )
    rows = _check_marks(factory)
    with factory() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and head.disorder_seq == 5
    _check_filters(factory, rows)
    _write(factory, [minutes(25)])  # long before the clock's event: disorder moves on
    rows = _check_marks(factory)
    assert rows[-1][0] == 10
    _check_filters(factory, rows)


def test_a_clock_stepped_back(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock's own time (no `at` given) stepping back: on the Python append path (SQLite,
    and each process's first append on PostgreSQL, which takes the clock here)."""
    steps = iter([minutes(50), minutes(60), minutes(40), minutes(45), minutes(70)])
    monkeypatch.setattr(audit, "utcnow", lambda: next(steps))
    with factory() as session:
        audit.append(session, action="login")
        audit.append(session, action="login")
        audit.append(session, action="login")
        audit.flush_pending(session)  # the Python path: all three in one bump of the head
        session.commit()
    if factory.kw["bind"].dialect.name == "sqlite":
        _write(factory, [None, None])
    else:
        _write(factory, [minutes(45), minutes(70)])  # PostgreSQL's clock is its own
    rows = _check_marks(factory)
    assert [at for _, at in rows] == [minutes(m) for m in (50, 60, 40, 45, 70)]
    with factory() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and (head.disorder_seq, head.max_at) == (4, minutes(70))
    _check_filters(factory, rows)


def test_the_api_reads_the_same_as_the_plain_filter(world: World) -> None:
    """GET /audit/events?until=… / since=… through the API, with events out of order."""
    with world.session() as session:
        for at in (minutes(1), minutes(3), minutes(2), minutes(4)):
            audit.append(session, action="import_test", actor_name="old", at=at)
        session.commit()

    def listed(**params: datetime) -> list[datetime]:
        given = {key: value.isoformat() for key, value in params.items()}
        r = world.client.get(
            "/api/v1/audit/events",
            params={"action": "import_test", "count": True, **given},
            headers=world.h(*AUDITOR),
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == len(body["items"])
        return [datetime.fromisoformat(item["at"]) for item in body["items"]]

    assert listed(until=minutes(5)) == [minutes(n) for n in (4, 2, 3, 1)]  # newest seq first
    assert listed(until=minutes(3)) == [minutes(2), minutes(1)]
    assert listed(since=minutes(2)) == [minutes(n) for n in (4, 2, 3)]
    assert listed(since=minutes(2), until=minutes(4)) == [minutes(2), minutes(3)]
    assert listed(until=minutes(1)) == [] and listed(since=minutes(5)) == []


def test_marks_moved_back_are_found_by_a_full_verification(
    factory: sessionmaker[Session],
) -> None:
    """Whoever lowers disorder_seq or max_at hides out-of-order events from the time filters:
    the full verification recomputes both."""
    _write(factory, [minutes(10), minutes(5), minutes(20)])

    def verify_after(**marks: Any) -> audit.VerifyResult:
        with factory() as session:
            session.execute(update(AuditHead).where(AuditHead.id == 1).values(**marks))
            session.commit()
            return audit.verify_chain(session)

    assert verify_after(disorder_seq=2, max_at=minutes(20)).ok
    hidden = verify_after(disorder_seq=0)
    assert (hidden.ok, hidden.first_broken_seq) == (False, 2)
    assert hidden.reason is not None and "time-order" in hidden.reason
    behind = verify_after(disorder_seq=2, max_at=minutes(10))
    assert (behind.ok, behind.first_broken_seq) == (False, 3)
    assert verify_after(max_at=minutes(20)).ok
    lagless = verify_after(max_lag_us=0)  # seq 2 is 5 minutes behind seq 1
    assert (lagless.ok, lagless.first_broken_seq, lagless.reason) == (False, 2, audit._MARKS_MOVED)
    assert verify_after(max_lag_us=5 * 60_000_000).ok


def test_a_late_disorder_leaves_the_time_ranges_narrow(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock stepped back 1.5 minutes near the head makes the last events `disorder_seq`;
    the time filters still read a `seq` range about their own time (the head's max_lag_us),
    not the trail up to the disorder. A lag seen before a further disorder came in (stale)
    falls back to the disorder_seq bounds once, and every answer stays exact."""
    _write(factory, [minutes(m) for m in range(12)], [minutes(9.5)], [minutes(12)])
    rows = _check_marks(factory)  # minute m is seq m + 1; seq 13 (minute 9.5) after 11
    with factory() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and (head.disorder_seq, head.max_lag_us) == (13, 90_000_000)
        # until 4: matches are seq 1-4; the first event at 5.5 or later is seq 7 (minute 6)
        assert query.seq_window(session, query.AuditFilter(until=minutes(4))) == (0, 6)
        # since 4: matches are seq 5-14; the newest before 2.5 is seq 3 (minute 2)
        assert query.seq_window(session, query.AuditFilter(since=minutes(4))) == (4, None)
        both = query.AuditFilter(since=minutes(4), until=minutes(7))
        assert query.seq_window(session, both) == (4, 9)
    _check_filters(factory, rows, pairs=False)

    with factory() as session:  # the process saw the lag before seq 13: once wide, then narrow
        query._LAGS[session.get_bind()] = 60_000_000
        until = query.AuditFilter(until=minutes(4))
        assert [query.seq_window(session, until) for _ in range(2)] == [(0, 13), (0, 6)]

    monkeypatch.setattr(query, "_cached_lag", lambda session: 60_000_000)  # always stale
    with factory() as session:
        assert query.seq_window(session, query.AuditFilter(until=minutes(4))) == (0, 13)
        assert query.seq_window(session, query.AuditFilter(since=minutes(4))) == (0, None)
    _check_filters(factory, rows, pairs=False)
