"""gather_facts on hand-built records in a real database (SQLite and PostgreSQL): each fact, the
period's bounds (Asia/Shanghai days against UTC timestamps), the working days across 国庆 2026,
an empty period and a department with nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from sqlalchemy.orm import Session

from govshare_core.assessment import DepartmentFacts, Period
from govshare_core.workdays import WorkdayCalendar
from govshare_platform.assessment.conformance import ensure_checked, run_conformance_checks
from govshare_platform.assessment.facts import gather_facts
from govshare_platform.assessment.models import ConformanceCheck
from govshare_platform.catalog.models import CatalogEntry, ChangeReport, EntryDataItem
from govshare_platform.clock import local_date
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.departments.models import Department
from govshare_platform.exchange.models import Delivery, ExchangeLog
from govshare_platform.exchange.schedule import due_after
from govshare_platform.grants.models import Grant
from govshare_platform.requests.models import Dispute, RequestEvent, ShareRequest
from govshare_platform.supervision.models import Rectification
from govshare_platform.usage.models import Discrepancy
from tests.server_support import add_departments, new_user

CAL = WorkdayCalendar({})
_seq = count(1)


def utc(day: date, hour: int = 2, minute: int = 0) -> datetime:
    """A moment of `day` given in Asia/Shanghai hours (UTC+8), as UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
        hours=hour - 8, minutes=minute
    )


class Data:
    """Departments A, B, C (C has nothing) besides the platform's, one user, row helpers."""

    any_entry: CatalogEntry  # the entry requests ask for

    def __init__(self, session: Session) -> None:
        self.s = session
        depts = add_departments(session)
        self.platform, self.a, self.b = depts["P"].id, depts["A"].id, depts["B"].id
        c = Department(name="南通市空白局", credit_code="11320600014160035", is_platform=False)
        session.add(c)
        user = new_user("facts_user", self.a, full_name="facts")
        session.add(user)
        session.flush()
        self.c, self.user = c.id, user.id

    def entry(self, dept: int, items: int = 2, **kw: Any) -> CatalogEntry:
        n = next(_seq)
        values: dict[str, Any] = {
            "department_id": dept,
            "status": "published",
            "resource_class": "1",
            "class_item": "01",
            "class_catalog": "001",
            "name": f"目录{n}",
            "summary": "摘要",
            "format_class": "spreadsheet",
            "format_type": "xlsx",
            "share_type": "unconditional",
            "share_mode": "exchange",
            "open_to_public": False,
            "update_cycle": "irregular",
            "resource_code": f"101001/{n:06d}",
            "published_on": date(2026, 1, 5),
            "related_codes": [],
        }
        values.update(kw)
        entry = CatalogEntry(**values)
        entry.items = [
            EntryDataItem(position=i, name=f"项{i}", data_type="C", is_key=i == 0)
            for i in range(items)
        ]
        self.s.add(entry)
        self.s.flush()
        return entry

    def request(self, received: date, **kw: Any) -> ShareRequest:
        values: dict[str, Any] = {
            "entry_id": self.any_entry.id,
            "provider_department_id": self.a,
            "consumer_department_id": self.b,
            "applicant_id": self.user,
            "data_items": ["项0"],
            "business": "业务",
            "users": "本部门",
            "share_mode": "exchange",
            "reason": "履职需要",
            "end_date": date(2027, 12, 31),
            "share_type": "conditional",
            "status": "submitted",
            "received_on": received,
        }
        values.update(kw)
        request = ShareRequest(**values)
        self.s.add(request)
        self.s.flush()
        return request

    def event(self, request: ShareRequest, action: str, at: datetime) -> None:
        self.s.add(RequestEvent(request_id=request.id, action=action, to_status=action, at=at))

    def facts(self, period: str, asof: date) -> dict[int, DepartmentFacts]:
        self.s.flush()
        gathered = gather_facts(self.s, Period.parse(period), asof, CAL)
        return {f.department_id: f for f in gathered}


@pytest.fixture
def data(db_url: str) -> Iterator[Data]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        yield Data(session)
        session.rollback()
    engine.dispose()


def nonzero(facts: DepartmentFacts) -> dict[str, Any]:
    return {
        k: v
        for k, v in asdict(facts).items()
        if v and k not in ("department_id", "department_name")
    }


def test_catalog_facts_conformance_and_changes(data: Data) -> None:
    a = data.a
    full = data.entry(a, items=3, related_codes=["101001/000001"])  # 13 elements
    data.entry(a, items=0, summary="", share_type="not_shared", legal_basis="《条例》第五条")
    data.entry(a, share_type="not_shared", legal_basis=" ", share_mode="query")  # blank basis
    data.entry(a, share_type="conditional", published_on=date(2026, 6, 30))  # the asof day
    data.entry(a, published_on=date(2026, 7, 1))  # published after asof
    data.entry(a, status="draft", published_on=None, resource_code=None)
    data.entry(a, status="withdrawn")
    data.entry(data.b, items=1)
    data.any_entry = full
    # conformance: the latest check in [starts, asof] of each entry
    checks = [
        (full.id, date(2026, 4, 1), False),
        (full.id, date(2026, 5, 1), True),  # latest in the period: passed
        (full.id, date(2026, 7, 1), False),  # after asof
    ]
    second = full.id + 1
    checks += [(second, date(2026, 3, 31), True), (second, date(2026, 6, 30), False)]
    checks += [(second + 1, date(2026, 3, 31), True)]  # before the period
    for entry_id, day, passed in checks:
        data.s.add(
            ConformanceCheck(entry_id=entry_id, department_id=a, checked_on=day, passed=passed)
        )
    # change reports by effective date, at both bounds
    for effective, late in [
        (date(2026, 3, 31), False),  # before
        (date(2026, 4, 1), False),
        (date(2026, 6, 30), True),
        (date(2026, 7, 1), False),  # after
    ]:
        data.s.add(
            ChangeReport(
                entry_id=full.id,
                department_id=a,
                effective_date=effective,
                reported_on=effective + timedelta(days=30 if late else 3),
                late=late,
                description="变更",
                changes={"name": "新"},
                reported_by=data.user,
            )
        )
    facts = data.facts("2026-Q2", date(2026, 12, 1))  # asof clamps to 30 June
    assert data.platform not in facts
    assert nonzero(facts[a]) == {
        "published_entries": 4,
        "data_items": 3 + 0 + 2 + 2,
        "shareable_entries": 2,
        "not_shared_entries": 2,
        "not_shared_with_basis": 1,
        # 13; no summary, no items, no related codes: 10; no related codes: 12 each
        "elements_stated": 13 + 10 + 12 + 12,
        "conformance_checked": 2,
        "conformance_passed": 1,
        "changes": 2,
        "changes_in_time": 1,
    }
    assert nonzero(facts[data.b]) == {
        "published_entries": 1,
        "data_items": 1,
        "shareable_entries": 1,
        "elements_stated": 12,
    }
    assert nonzero(facts[data.c]) == {}
    assert facts[data.c].department_name == "南通市空白局"
    # an empty period: nothing for anyone, and everyone assessed
    empty = data.facts("2025-01", date(2025, 1, 31))
    assert set(empty) == {a, data.b, data.c}
    assert all(nonzero(f) == {} for f in empty.values())


def test_requests_across_national_day(data: Data) -> None:
    """Received 29 September 2026: due 12 October (30 Sep, 8, 9, 10 (调休), 12 Oct)."""
    data.any_entry = data.entry(data.a)
    sep29, oct12 = date(2026, 9, 29), date(2026, 10, 12)
    due = {"review_due": oct12}
    decided = "provider_decided_at"
    data.request(sep29, **due, status="active", **{decided: utc(oct12, 10)})  # 5 days, in time
    data.request(sep29, **due, status="active", **{decided: utc(date(2026, 10, 13), 9)})  # late
    data.request(sep29, **due, **{decided: utc(oct12, 23, 30)})  # 23:30 in Shanghai: in time
    data.request(sep29, **due, **{decided: utc(date(2026, 10, 13), 0, 30)})  # 00:30: late
    data.request(sep29, **due)  # undecided past its deadline: counts, late
    data.request(oct12, review_due=date(2026, 10, 19))  # not yet due at asof
    data.request(sep29, **due, share_type="unconditional", status="active")  # no provider review
    data.request(sep29, **due, share_type="not_shared", status="provider_approved")
    early = data.request(sep29, **due, status="withdrawn")
    data.event(early, "withdraw", utc(date(2026, 10, 9)))  # withdrawn before due: left out
    late = data.request(sep29, **due, status="withdrawn")
    data.event(late, "withdraw", utc(date(2026, 10, 13)))  # withdrawn after due: counts
    data.request(sep29, **due, **{decided: utc(date(2026, 10, 14))})  # decided after asof
    data.request(date(2025, 12, 31), review_due=date(2026, 1, 8))  # received before the period
    # a rejection on 9 October, disputed (the clock restarted for mediation: review_due moved)
    # and overturned by asof; the provider's deadline is recomputed from receipt
    rejected = data.request(
        sep29,
        review_due=date(2026, 10, 20),
        status="provider_approved",
        **{decided: utc(date(2026, 10, 9))},
    )
    data.event(rejected, "provider_reject", utc(date(2026, 10, 9)))
    data.s.add(
        Dispute(request_id=rejected.id, raised_by=data.user, reason="理由", status="overturned",
                resolved_at=utc(oct12))
    )  # fmt: skip
    # rejected on 9 October (received 8 October: in time), overturned only after asof
    second = data.request(
        date(2026, 10, 8), review_due=date(2026, 10, 20), status="provider_approved",
        **{decided: utc(date(2026, 10, 9))},
    )  # fmt: skip
    data.event(second, "provider_reject", utc(date(2026, 10, 9)))
    data.s.add(
        Dispute(request_id=second.id, raised_by=data.user, reason="理由", status="overturned",
                resolved_at=utc(date(2026, 10, 14)))
    )  # fmt: skip
    facts = data.facts("2026", date(2026, 10, 13))[data.a]
    assert (facts.requests_due, facts.requests_in_time) == (9, 4)
    assert sorted(facts.decision_working_days) == [1, 3, 5, 5, 6, 6]
    assert (facts.rejections, facts.rejections_overturned) == (2, 1)
    assert data.facts("2026", date(2026, 10, 13))[data.b].requests_due == 0  # the consumer
    # September alone: the requests received then, at 30 September (nothing decided yet, nothing
    # due): no data
    september = data.facts("2026-09", date(2026, 12, 1))[data.a]
    assert (september.requests_due, september.rejections) == (0, 0)


def test_deliveries_overdue_usage_accesses_supervision(data: Data) -> None:
    a, b, c = data.a, data.b, data.c
    nov30 = date(2026, 11, 30)

    def delivered(entry: CatalogEntry, at: datetime, due: date | None, on_time: bool) -> None:
        data.s.add(
            Delivery(
                entry_id=entry.id, department_id=entry.department_id, format="csv", rows=1,
                bytes=1, sha256="0" * 64, items=["项0"], key_item="项0",
                blob_key=f"blob{next(_seq)}", stored_bytes=1, delivered_by=data.user,
                delivered_at=at, due=due, on_time=on_time, report={},
            )
        )  # fmt: skip

    monthly: dict[str, Any] = {"update_cycle": "monthly"}
    overdue_ones = [
        data.entry(a, **monthly, published_on=date(2026, 10, 27)),  # due Fri 27 Nov
        data.entry(a, **monthly, published_on=date(2026, 9, 1)),  # delivered 20 Oct: due 20 Nov
        data.entry(a, **monthly, published_on=date(2026, 9, 1)),  # 15 Oct (1 Dec is after)
    ]
    in_time = [
        data.entry(a, **monthly, published_on=date(2026, 10, 28)),  # Sat 28 Nov → Mon 30 Nov
        data.entry(a, **monthly, published_on=date(2026, 10, 29)),  # Sun 29 Nov → Mon 30 Nov
        data.entry(a, **monthly, published_on=date(2026, 10, 30)),  # due 30 Nov = asof
        data.entry(a, **monthly, published_on=date(2026, 9, 1)),  # delivered 5 Nov
        data.entry(a, update_cycle="weekly", published_on=date(2026, 11, 25)),
        data.entry(a, published_on=date(2020, 1, 1)),  # 不定时: never overdue
        data.entry(a, **monthly, published_on=date(2026, 1, 1), share_mode="interface"),
        data.entry(a, **monthly, published_on=date(2026, 1, 1), status="draft"),
    ]
    data.any_entry = in_time[0]
    delivered(overdue_ones[1], utc(date(2026, 10, 20)), None, True)
    delivered(overdue_ones[2], utc(date(2026, 10, 15)), None, True)
    delivered(overdue_ones[2], utc(date(2026, 12, 1), 9), date(2026, 11, 16), False)  # after
    delivered(in_time[3], utc(date(2026, 11, 5)), date(2026, 11, 5), True)
    delivered(in_time[3], utc(date(2026, 11, 1), 0, 30), date(2026, 11, 2), True)  # 1 Nov 00:30
    delivered(in_time[3], utc(date(2026, 10, 31), 23, 30), date(2026, 10, 30), False)  # before
    delivered(in_time[3], utc(date(2026, 11, 30), 23, 59), date(2026, 11, 20), False)  # last day
    delivered(in_time[3], utc(date(2026, 11, 10)), None, True)  # answered no due date
    # usage: grants to A's entries active some day of November
    request = data.request(date(2026, 6, 1), status="active")
    for consumer, valid_from, valid_until, revoked in [
        (b, date(2026, 6, 1), date(2027, 6, 1), None),
        (b, date(2026, 6, 1), date(2027, 6, 1), None),
        (c, date(2026, 6, 1), date(2027, 6, 1), utc(date(2026, 11, 10))),  # revoked in Nov
        (c, date(2026, 6, 1), date(2026, 10, 31), None),  # ended before
        (c, date(2026, 6, 1), date(2027, 6, 1), utc(date(2026, 10, 31), 12)),  # revoked before
        (b, date(2026, 12, 1), date(2027, 6, 1), None),  # starts after
    ]:
        data.s.add(
            Grant(
                request_id=request.id, entry_id=request.entry_id, provider_department_id=a,
                consumer_department_id=consumer, data_item="项0", share_mode="exchange",
                valid_from=valid_from, valid_until=valid_until,
                status="revoked" if revoked else "active", revoked_at=revoked,
            )
        )  # fmt: skip
    for at, action, outcome in [
        (utc(date(2026, 11, 1), 0, 1), "download", "ok"),
        (utc(date(2026, 11, 15)), "query", "ok"),
        (utc(nov30, 23, 59), "query", "ok"),
        (utc(date(2026, 12, 1), 0, 1), "query", "ok"),  # after
        (utc(date(2026, 10, 31), 23, 59), "download", "ok"),  # before
        (utc(date(2026, 11, 15)), "download", "refused"),
        (utc(date(2026, 11, 15)), "delivery", "ok"),
    ]:
        data.s.add(
            ExchangeLog(
                at=at, action=action, outcome=outcome, department_id=b,
                entry_id=request.entry_id, provider_department_id=a,
            )
        )  # fmt: skip
    # supervision at asof
    for status, due, issued, closed, answered in [
        ("issued", date(2026, 11, 20), date(2026, 11, 2), None, None),  # overdue
        ("returned", date(2026, 12, 10), date(2026, 11, 2), None, None),  # open
        ("answered", date(2026, 11, 1), date(2026, 10, 2), None, date(2026, 10, 30)),  # open
        ("closed", date(2026, 11, 20), date(2026, 10, 2), date(2026, 11, 28), None),  # closed
        ("closed", date(2026, 11, 25), date(2026, 11, 2), date(2026, 12, 2), None),  # overdue
        ("withdrawn", date(2026, 11, 25), date(2026, 11, 2), date(2026, 12, 2), date(2026, 11, 20)),
        ("issued", date(2026, 12, 20), date(2026, 12, 1), None, None),  # issued after
    ]:
        data.s.add(
            Rectification(
                department_id=a, article_item="3", facts="未按时更新", issued_by=data.user,
                issued_at=utc(issued), status=status, due=due,
                closed_at=utc(closed) if closed else None,
                answered_at=utc(answered) if answered else None,
            )
        )  # fmt: skip
    discrepancies: list[tuple[str, date | None, date]] = [
        ("reported", date(2026, 11, 25), date(2026, 11, 18)),  # overdue
        ("reported", date(2026, 12, 3), date(2026, 11, 26)),  # open
        ("disputed", None, date(2026, 11, 2)),  # open
        ("closed", None, date(2026, 11, 2)),
        ("reported", date(2026, 12, 8), date(2026, 12, 1)),  # after
    ]
    for status, until, reported in discrepancies:
        data.s.add(
            Discrepancy(
                entry_id=request.entry_id, provider_department_id=a, consumer_department_id=b,
                description="数据有误", reported_by=data.user, reported_at=utc(reported),
                status=status, due=until,
            )
        )  # fmt: skip
    facts = data.facts("2026-11", date(2026, 12, 1))  # clamps to 30 November
    got = asdict(facts[a])
    assert {k: got[k] for k in list(got)[-10:]} == {
        "deliveries_due": 3,
        "deliveries_on_time": 2,
        "entries_overdue": 3,
        "consumer_departments": 2,
        "grants": 3,
        "accesses": 3,
        "rectifications_open": 5,
        "rectifications_overdue": 2,
        "discrepancies_open": 3,
        "discrepancies_overdue": 1,
    }  # fmt: skip
    # the overdue count agrees with the delivery schedule's own rule, entry by entry
    for entry in overdue_ones + in_time[:5]:
        last = max(
            (d.delivered_at for d in data.s.query(Delivery).filter_by(entry_id=entry.id)
             if local_date(d.delivered_at) <= nov30),
            default=None,
        )  # fmt: skip
        deadline = due_after(entry.update_cycle, last, entry.published_on, CAL)
        assert deadline is not None
        assert (deadline.due < nov30) == (entry in overdue_ones), entry.published_on
    assert nonzero(facts[c]) == {}
    # a holiday moves the due dates: with 27 November a rest day (an override), the entry
    # published 27 October is due 30 November, no longer overdue
    off = WorkdayCalendar({date(2026, 11, 27): False})
    moved = gather_facts(data.s, Period.parse("2026-11"), nov30, off)
    assert next(f for f in moved if f.department_id == a).entries_overdue == 2


def test_conformance_checks_and_ensure_checked(data: Data) -> None:
    good = data.entry(data.a)
    bad = data.entry(data.a, items=0, summary="", resource_code="bad")
    data.entry(data.a, status="draft", published_on=None, resource_code=None)
    late = data.entry(data.b, published_on=date(2026, 12, 1))
    day = date(2026, 11, 20)
    assert run_conformance_checks(data.s, day) == (3, 1)
    assert run_conformance_checks(data.s, day) == (3, 1)  # the same day: replaced, not added
    rows = data.s.query(ConformanceCheck).order_by(ConformanceCheck.entry_id).all()
    assert [(r.entry_id, r.checked_on, r.passed) for r in rows] == [
        (good.id, day, True),
        (bad.id, day, False),
        (late.id, day, True),
    ]
    assert set(rows[1].problems) >= {"no_data_items", "bad_resource_code", "required"}
    # a round over October: nothing was checked in it, the entries published by then are
    period = Period.parse("2026-10")
    assert ensure_checked(data.s, period, date(2026, 12, 1)) == (2, 1)
    assert ensure_checked(data.s, period, date(2026, 12, 1)) == (0, 0)
    facts = data.facts("2026-10", date(2026, 12, 1))[data.a]
    assert (facts.conformance_checked, facts.conformance_passed) == (2, 1)


def test_maintenance_sweep_and_cli_check(
    data: Data, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sweep checks each published entry once a month and after a change; the command
    checks them all now (both audited)."""
    from govshare_platform import cli, clock
    from govshare_platform.assessment.conformance import run_due_conformance_checks
    from govshare_platform.audit.models import AuditEvent

    first = data.entry(data.a, updated_at=utc(date(2026, 11, 1)))
    data.entry(data.b, items=0, updated_at=utc(date(2026, 11, 1)))
    nov20 = date(2026, 11, 20)
    assert run_due_conformance_checks(data.s, nov20) == (2, 1)
    assert run_due_conformance_checks(data.s, nov20) == (0, 0)  # done for this month
    assert run_due_conformance_checks(data.s, nov20, limit=0) == (0, 0)
    first.updated_at = utc(date(2026, 11, 22))  # changed on a later day
    data.s.flush()
    assert run_due_conformance_checks(data.s, date(2026, 11, 23)) == (1, 0)
    assert run_due_conformance_checks(data.s, date(2026, 12, 1)) == (2, 1)  # a new month
    data.s.commit()
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 2))
    assert cli.main(["check-conformance", "--database-url", db_url]) == 0
    assert '"checked": 2' in capsys.readouterr().out
    data.s.expire_all()
    days = data.s.query(ConformanceCheck.checked_on).filter_by(entry_id=first.id).all()
    assert sorted(d for (d,) in days) == [
        nov20,
        date(2026, 11, 23),
        date(2026, 12, 1),
        date(2026, 12, 2),
    ]
    actions = [a for (a,) in data.s.query(AuditEvent.action)]
    assert actions.count("conformance_checked") == 1
