"""Measure computing an assessment round (第三十四条) for 100 departments over a year.

    python benchmarks/bench_assessment_round.py [--entries 1000000] [--requests 100000]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:55432/postgres] [--label L]

Builds a platform database (SQLite in a temporary directory; with `--pg-url` or
GOVSHARE_TEST_PG_URL also a scratch PostgreSQL database, created and dropped) holding 100
departments and the platform's, `--entries` published entries with 1–5 data items each, one
conformance check per entry in the year (a tenth checked twice, a tenth failing), change
reports, `--requests` share requests received over the year (with their decisions, rejections,
disputes and withdrawals), grants, deliveries of the periodic entries, a million exchange-log
records, discrepancy reports and rectification orders. Everything is inserted with SQLAlchemy
Core `executemany` (the tables' indexes are dropped during the load and built afterwards, then
ANALYZE). Then it times, for the year 2026 as of 2026-12-01: `ensure_checked` (nothing left to
check), `gather_facts` and `score_round` (target: the two ≤ 10 s). Prints the figures and writes
JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, insert, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
YEAR = 2026
ASOF = date(2026, 12, 1)
DEPARTMENTS = 100
BATCH = 20_000
LOG_RECORDS = 1_000_000
CYCLES = ["daily"] * 5 + ["weekly"] * 10 + ["monthly"] * 30 + ["quarterly"] * 20
CYCLES += ["half_yearly"] * 5 + ["yearly"] * 10 + ["irregular"] * 15 + ["other"] * 5
SHARE = ["unconditional"] * 55 + ["conditional"] * 35 + ["not_shared"] * 10
MODES = ["exchange"] * 5 + ["query"] * 4 + ["interface"]
ITEMS = ["公民身份号码", "姓名", "性别", "出生日期", "住址"]


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, 1, tzinfo=UTC) + timedelta(
        seconds=rng.randrange(12 * 3600)
    )


def _day_in_year(rng: random.Random, last: date = ASOF) -> date:
    return date(YEAR, 1, 1) + timedelta(days=rng.randrange((last - date(YEAR, 1, 1)).days + 1))


class Loader:
    """Inserts synthetic rows table by table (Core executemany, indexes dropped meanwhile)."""

    def __init__(self, engine: Engine, entries: int, requests: int) -> None:
        from govshare_platform.models import load_all

        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.n_entries = entries
        self.n_requests = requests
        self.tables = load_all().metadata.tables
        self.rng = random.Random(20151001)
        self.counts: dict[str, int] = {}

    def _value(self, value: Any) -> Any:
        """A Python value as the driver takes it (what the column types would bind)."""
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        if self.sqlite and isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if self.sqlite and isinstance(value, date):
            return value.isoformat()
        return value

    def _insert(self, name: str, rows: Iterator[dict[str, Any]]) -> None:
        """Driver-level executemany in batches, the table's indexes dropped meanwhile."""
        table: Table = self.tables[name]
        count = 0
        columns: list[str] = []
        with self.engine.begin() as conn:
            for index in table.indexes:
                index.drop(conn)
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            batch: list[tuple[Any, ...]] = []
            sql = ""
            for row in rows:
                if not columns:
                    columns = list(row)
                    mark = "?" if self.sqlite else "%s"
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    sql = (
                        f"INSERT INTO {name} ({quoted}) VALUES ({', '.join([mark] * len(columns))})"
                    )
                batch.append(tuple(self._value(row[c]) for c in columns))
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
            cursor.close()
            for index in table.indexes:
                index.create(conn)
        self.counts[name] = count

    def load(self) -> dict[str, int]:
        from govshare_core.creditcode import make_credit_code

        with self.engine.begin() as conn:
            depts = [
                {
                    "id": n + 1,
                    "name": "共享平台" if n == 0 else f"基准局{n:03d}",
                    "credit_code": make_credit_code(f"113206000{n:08d}"),
                    "is_platform": n == 0,
                    "version": 1,
                    "created_at": datetime(2020, 1, 1, tzinfo=UTC),
                }
                for n in range(DEPARTMENTS + 1)
            ]
            conn.execute(insert(self.tables["departments"]), depts)
            conn.execute(
                insert(self.tables["users"]),
                [
                    {
                        "id": 1,
                        "username": "bench",
                        "full_name": "bench",
                        "password_hash": "x",
                        "department_id": 1,
                        "active": True,
                        "failed_logins": 0,
                        "version": 1,
                        "created_at": datetime(2020, 1, 1, tzinfo=UTC),
                    }
                ],
            )
        # department sizes vary (a few big ones), so the relative scores spread
        self.weights = [1.0 / (1 + (d % 37)) for d in range(DEPARTMENTS)]
        self.entry_dept: list[int] = []
        self.entry_cycle: list[str] = []
        self.entry_mode: list[str] = []
        self._insert("catalog_entries", self._entries())
        self._insert("catalog_data_items", self._items())
        self._insert("conformance_checks", self._checks())
        self._insert("catalog_change_reports", self._changes())
        self._insert("share_requests", self._requests())
        self._insert("share_request_events", self._events())
        self._insert("share_request_disputes", self._disputes())
        self._insert("grants", self._grants())
        self._insert("deliveries", self._deliveries())
        self._insert("exchange_log", self._log())
        self._insert("discrepancies", self._discrepancies())
        self._insert("rectifications", self._rectifications())
        return self.counts

    def _entries(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        depts = rng.choices(range(2, DEPARTMENTS + 2), self.weights, k=self.n_entries)
        seq: dict[int, int] = {}
        created = datetime(2023, 1, 1, tzinfo=UTC)
        for n, dept in enumerate(depts):
            seq[dept] = seq.get(dept, 0) + 1
            share, cycle, mode = rng.choice(SHARE), rng.choice(CYCLES), rng.choice(MODES)
            self.entry_dept.append(dept)
            self.entry_cycle.append(cycle)
            self.entry_mode.append(mode)
            published = date(2024, 1, 1) + timedelta(days=rng.randrange(1060))
            yield {
                "id": n + 1,
                "department_id": dept,
                "status": "published",
                "resource_class": "1",
                "class_item": f"{dept % 99 + 1:02d}",
                "class_catalog": f"{dept:03d}",
                "class_detail": None,
                "name": f"基准目录{n}",
                "summary": "" if rng.random() < 0.05 else "基准测试用的目录摘要",
                "format_class": "spreadsheet",
                "format_type": "xlsx",
                "share_type": share,
                "share_conditions": "仅限履职使用" if share == "conditional" else None,
                "share_scope": "本市政务部门" if share == "conditional" else None,
                "legal_basis": "《某某条例》第五条"
                if share == "not_shared" and rng.random() < 0.8
                else None,
                "share_mode": mode,
                "open_to_public": False,
                "open_conditions": None,
                "update_cycle": cycle,
                "interface_endpoint": "https://example.org/api" if mode == "interface" else None,
                "resource_code": f"1{dept % 99 + 1:02d}{dept:03d}/{seq[dept]:06d}",
                "published_on": published,
                "related_codes": [] if rng.random() < 0.7 else ["101001/000001"],
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }

    def _items(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for entry in range(1, self.n_entries + 1):
            for pos in range(rng.randint(1, 5)):
                yield {
                    "entry_id": entry,
                    "position": pos,
                    "name": ITEMS[pos],
                    "data_type": "C",
                    "length": 50,
                    "share_type": None,
                    "description": None,
                    "is_key": pos == 0,
                }

    def _checks(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for entry in range(1, self.n_entries + 1):
            for _ in range(2 if rng.random() < 0.1 else 1):
                failed = rng.random() < 0.1
                yield {
                    "entry_id": entry,
                    "department_id": self.entry_dept[entry - 1],
                    "checked_on": _day_in_year(rng),
                    "passed": not failed,
                    "problems": ["required"] if failed else [],
                }

    def _changes(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for _ in range(20_000):
            entry = rng.randrange(1, self.n_entries + 1)
            effective = _day_in_year(rng)
            late = rng.random() < 0.15
            yield {
                "entry_id": entry,
                "department_id": self.entry_dept[entry - 1],
                "effective_date": effective,
                "reported_on": effective + timedelta(days=25 if late else 5),
                "late": late,
                "description": "名称变更",
                "changes": {"name": "新名称"},
                "status": "applied",
                "reported_by": 1,
                "created_at": datetime(YEAR, 1, 1, tzinfo=UTC),
                "version": 1,
            }

    def _requests(self) -> Iterator[dict[str, Any]]:
        from govshare_core.workdays import review_deadline

        rng = self.rng
        dues: dict[date, date] = {}
        self.request_rows: list[tuple[int, int, int, str, str, date]] = []
        for n in range(1, self.n_requests + 1):
            entry = rng.randrange(1, self.n_entries + 1)
            provider = self.entry_dept[entry - 1]
            consumer = rng.randrange(2, DEPARTMENTS + 2)
            if consumer == provider:
                consumer = 2 if provider != 2 else 3
            received = _day_in_year(rng)
            if received not in dues:
                dues[received] = review_deadline(received, 5).due
            kind = rng.choice(["unconditional"] * 4 + ["conditional"] * 5 + ["not_shared"])
            decided_at = None
            if kind == "unconditional":
                status = "active"
            elif kind == "not_shared":
                status = rng.choice(["provider_approved", "active", "rejected"])
            else:
                roll = rng.random()
                if received > ASOF - timedelta(days=5) and roll < 0.5:
                    status = "submitted"
                elif roll < 0.05:
                    status = "withdrawn"
                elif roll < 0.15:
                    status = "provider_rejected"
                else:
                    status = "active"
                if status in {"provider_rejected", "active"}:
                    late = rng.random() < 0.2
                    day = dues[received] + timedelta(days=3) if late else received
                    decided_at = _moment(day + timedelta(days=rng.randrange(3)), rng)
            self.request_rows.append((n, provider, consumer, kind, status, received))
            yield {
                "id": n,
                "entry_id": entry,
                "provider_department_id": provider,
                "consumer_department_id": consumer,
                "applicant_id": 1,
                "data_items": ["姓名"],
                "business": "基准业务",
                "users": "本部门",
                "share_mode": "exchange",
                "reason": "履职需要",
                "end_date": date(2027, 12, 31),
                "statutory_citation": None,
                "share_type": kind,
                "status": status,
                "received_on": received,
                "review_due": dues[received],
                "review_due_provisional": False,
                "escalated": False,
                "provider_decided_by": 1 if decided_at else None,
                "provider_decided_at": decided_at,
                "version": 1,
                "created_at": _moment(received, rng),
                "updated_at": _moment(received, rng),
            }

    def _events(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for n, _p, _c, _kind, status, received in self.request_rows:
            at = _moment(received, rng)
            yield {"request_id": n, "action": "submit", "to_status": "submitted", "at": at}
            if status == "provider_rejected":
                later = at + timedelta(days=2)
                yield {
                    "request_id": n,
                    "action": "provider_reject",
                    "to_status": status,
                    "at": later,
                }
            elif status == "withdrawn":
                later = at + timedelta(days=rng.randrange(12))
                yield {"request_id": n, "action": "withdraw", "to_status": status, "at": later}

    def _disputes(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for n, _p, _c, _k, status, received in self.request_rows:
            if status == "provider_rejected" and rng.random() < 0.3:
                resolved = _moment(received + timedelta(days=10), rng)
                yield {
                    "request_id": n,
                    "raised_by": 1,
                    "reason": "拒绝理由不成立",
                    "status": rng.choice(["upheld", "overturned"]),
                    "resolution": "协调结果",
                    "resolved_by": 1,
                    "resolved_at": resolved,
                    "created_at": resolved,
                }

    def _grants(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for n, provider, consumer, _k, status, received in self.request_rows:
            if status != "active":
                continue
            for item in ITEMS[: rng.randint(1, 2)]:
                yield {
                    "request_id": n,
                    "entry_id": 1,
                    "provider_department_id": provider,
                    "consumer_department_id": consumer,
                    "data_item": item,
                    "share_mode": "exchange",
                    "valid_from": received,
                    "valid_until": date(2027, 12, 31),
                    "status": "active",
                    "created_at": _moment(received, rng),
                }

    def _deliveries(self) -> Iterator[dict[str, Any]]:
        """A tenth of the periodic file entries deliver through the year (weekly and longer
        cycles on their rhythm, daily ones weekly), a tenth of the deliveries late."""
        rng = self.rng
        step = {"daily": 7, "weekly": 7, "monthly": 30, "quarterly": 91, "half_yearly": 182}
        n = 0
        for entry in range(1, self.n_entries + 1):
            cycle = self.entry_cycle[entry - 1]
            if self.entry_mode[entry - 1] == "interface" or rng.random() >= 0.1:
                continue
            days = step.get(cycle, 365 if cycle == "yearly" else 0)
            if not days:
                continue
            day = date(YEAR, 1, 1) + timedelta(days=rng.randrange(days))
            while day <= ASOF:
                n += 1
                late = rng.random() < 0.1
                yield {
                    "id": n,
                    "entry_id": entry,
                    "department_id": self.entry_dept[entry - 1],
                    "format": "csv",
                    "encoding": "utf-8",
                    "filename": "data.csv",
                    "rows": 100,
                    "bytes": 4000,
                    "sha256": "0" * 64,
                    "items": ["公民身份号码", "姓名"],
                    "key_item": "公民身份号码",
                    "blob_key": f"b{n}",
                    "stored_bytes": 4000,
                    "delivered_by": 1,
                    "delivered_at": _moment(day, rng),
                    "due": day - timedelta(days=2) if late else day + timedelta(days=1),
                    "on_time": not late,
                    "report": {},
                }
                day += timedelta(days=days)

    def _log(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for _ in range(LOG_RECORDS):
            entry = rng.randrange(1, self.n_entries + 1)
            day = _day_in_year(rng)
            ok = rng.random() < 0.95
            yield {
                "at": _moment(day, rng),
                "action": rng.choice(["download", "query", "delivery"]),
                "outcome": "ok" if ok else "refused",
                "reason": None if ok else "item_not_granted",
                "user_id": 1,
                "department_id": rng.randrange(2, DEPARTMENTS + 2),
                "entry_id": entry,
                "provider_department_id": self.entry_dept[entry - 1],
                "delivery_id": None,
                "grant_ids": [],
                "items": ["姓名"],
                "rows": 1,
                "bytes": 100,
                "client_address": "127.0.0.1",
            }

    def _discrepancies(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for _ in range(2_000):
            entry = rng.randrange(1, self.n_entries + 1)
            day = _day_in_year(rng)
            status = rng.choice(["reported", "corrected", "closed", "closed", "withdrawn"])
            yield {
                "entry_id": entry,
                "provider_department_id": self.entry_dept[entry - 1],
                "consumer_department_id": 2,
                "keys": [],
                "description": "数据有误",
                "reported_by": 1,
                "reported_at": _moment(day, rng),
                "status": status,
                "due": day + timedelta(days=7),
                "due_provisional": False,
                "version": 1,
                "updated_at": _moment(day, rng),
            }

    def _rectifications(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for _ in range(300):
            day = _day_in_year(rng)
            status = rng.choice(["issued", "answered", "returned", "closed", "closed"])
            yield {
                "department_id": rng.randrange(2, DEPARTMENTS + 2),
                "article_item": "3",
                "facts": "未按要求及时更新",
                "issued_by": 1,
                "issued_at": _moment(day, rng),
                "status": status,
                "due": day + timedelta(days=14),
                "due_provisional": False,
                "closed_at": _moment(day + timedelta(days=10), rng) if status == "closed" else None,
                "version": 1,
                "updated_at": _moment(day, rng),
            }


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - started, 3)


def run(url: str, entries: int, requests: int, *, reuse: bool = False) -> dict[str, Any]:
    from govshare_platform.db import make_engine
    from govshare_platform.migrate import upgrade

    started = time.perf_counter()
    engine = make_engine(url)
    if reuse:  # a database an earlier run built and kept (--keep-db): measure only
        with engine.connect() as conn:
            counts = {
                table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("catalog_entries", "share_requests", "deliveries", "exchange_log")
            }
        return _measure(engine, counts, None)
    upgrade(url)
    counts = Loader(engine, entries, requests).load()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        if engine.dialect.name == "postgresql":
            for table in ("share_requests", "catalog_entries", "deliveries", "exchange_log"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))  # fmt: skip
    setup = round(time.perf_counter() - started, 1)
    print(f"{engine.dialect.name}: loaded {counts} in {setup} s", flush=True)
    return _measure(engine, counts, setup)


def _measure(engine: Engine, counts: dict[str, int], setup: float | None) -> dict[str, Any]:
    from govshare_core.assessment import Period, score_round
    from govshare_platform.assessment.conformance import ensure_checked
    from govshare_platform.assessment.facts import gather_facts
    from govshare_platform.db import make_session_factory
    from govshare_platform.policy.service import get_calendar

    period = Period.parse(str(YEAR))
    result: dict[str, Any] = {"rows": counts, "setup_s": setup, "runs": []}
    with make_session_factory(engine)() as session:
        calendar = get_calendar(session)
        for _ in range(2):  # the second run: warm caches
            (checked, _failed), t_check = _timed(lambda: ensure_checked(session, period, ASOF))
            facts, t_facts = _timed(lambda: gather_facts(session, period, ASOF, calendar))
            results, t_score = _timed(lambda: score_round(facts))  # noqa: B023 (called at once)
            run_figures = {
                "ensure_checked_s": t_check,
                "ensure_checked_entries": checked,
                "gather_facts_s": t_facts,
                "score_round_s": t_score,
                "round_s": round(t_facts + t_score, 3),
            }
            print(run_figures, flush=True)
            result["runs"].append(run_figures)
        session.rollback()
    top = results[0]
    result["departments"] = len(results)
    result["best"] = {"name": top.department_name, "score": top.computed_score}
    result["published_entries"] = sum(f.published_entries for f in facts)
    result["requests_due"] = sum(f.requests_due for f in facts)
    engine.dispose()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--pg-url", default=os.environ.get("GOVSHARE_TEST_PG_URL"))
    parser.add_argument("--label", default=None)
    parser.add_argument(
        "--keep-db",
        help="build the SQLite database at this path and keep it; if it exists, measure only",
    )
    parser.add_argument(
        "--pg-keep",
        metavar="NAME",
        help="build the PostgreSQL database NAME and keep it; if it exists, measure only",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="measure PostgreSQL only")
    args = parser.parse_args()
    out: dict[str, Any] = {"entries": args.entries, "requests": args.requests, "target_s": 10}
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="bench-round-") as tmp:
            path = Path(args.keep_db) if args.keep_db else Path(tmp) / "platform.db"
            reuse = path.exists() and path.stat().st_size > 0
            out["sqlite"] = run(f"sqlite:///{path}", args.entries, args.requests, reuse=reuse)
    if args.pg_url:
        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        name = args.pg_keep or f"bench_round_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                conn.execute(text(f"CREATE DATABASE {name}"))
        try:
            url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
            out["postgresql"] = run(url, args.entries, args.requests, reuse=bool(exists))
        finally:
            if not args.pg_keep:
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    label = args.label or f"assessment-round-{args.entries}"
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"{label}-{stamp}.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
