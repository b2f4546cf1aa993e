"""Measure the exchange log listing (第二十六条) at 10,000,000 records on SQLite (loopback only).

    python benchmarks/bench_exchange_log.py [--records 10000000] [--samples 100] [--label L]

Loads `--records` exchange-log rows (40 departments, 200 entries, two years of accesses) with
`executemany` in one transaction (the indexes of govshare_platform.exchange.models are dropped
for the load and built afterwards, then ANALYZE), starts `govshare-platform serve` in a
subprocess and measures GET /api/v1/exchange/log as a provider's resource admin (both sides),
a consumer's applicant and the audit admin: the first page, a filtered page and a deep keyset
page. Target (issue 9): p95 ≤ 100 ms. Prints a table and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import CLI, free_port
from bench_exchange_ingest import _wait

HERE = Path(__file__).resolve().parent
PASSWORD = "Bench@Log2015"
DEPARTMENTS = 40
ENTRIES = 200
ITEMS = ["公民身份号码", "姓名", "住址", "联系电话"]
INDEXES = {
    "ix_exchange_log_department": "department_id, id",
    "ix_exchange_log_provider": "provider_department_id, id",
    "ix_exchange_log_entry": "entry_id, id",
    "ix_exchange_log_at": "at",
}


def prepare(database_url: str) -> tuple[list[int], list[tuple[int, int]], dict[str, int]]:
    """Migrate; departments, three users (provider resource admin, consumer applicant, audit
    admin) and entries. Returns (department ids, (entry id, provider id) pairs, user ids)."""
    from govshare_core.creditcode import make_credit_code
    from govshare_core.schemas import DepartmentIn, UserIn
    from govshare_core.vocab import Role
    from govshare_platform.catalog.models import CatalogEntry, EntryDataItem
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.departments.service import create_department
    from govshare_platform.departments.users import create_user
    from govshare_platform.migrate import upgrade

    upgrade(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine)() as s:
        depts = []
        for n in range(DEPARTMENTS):
            code = make_credit_code(f"113206000{n:08d}")
            depts.append(
                create_department(s, data=DepartmentIn(name=f"基准局{n}", credit_code=code))
            )
        depts[0].is_platform = True
        users = {}
        for name, dept, role in (
            ("bench_provider", depts[1], Role.RESOURCE_ADMIN),
            ("bench_consumer", depts[2], Role.APPLICANT),
            ("bench_auditor", depts[0], Role.AUDIT_ADMIN),
        ):
            user = create_user(
                s,
                data=UserIn(
                    username=name,
                    full_name=name,
                    password=PASSWORD,
                    department_id=dept.id,
                    roles=[role],
                ),
            )
            users[name] = user.id
        entries = []
        for n in range(ENTRIES):
            owner = depts[1 + n % (DEPARTMENTS - 1)]
            entry = CatalogEntry(
                department_id=owner.id,
                status="published",
                resource_class="1",
                class_item="01",
                class_catalog="001",
                name=f"基准目录{n}",
                summary="摘要",
                format_class="database",
                format_type="mysql",
                share_type="unconditional",
                share_mode="exchange",
                update_cycle="monthly",
                published_on=date(2025, 1, 1),
                items=[
                    EntryDataItem(position=i, name=item, data_type="C", length=50)
                    for i, item in enumerate(ITEMS)
                ],
            )
            s.add(entry)
            s.flush()
            entries.append((entry.id, owner.id))
        s.commit()
        ids = [d.id for d in depts]
    engine.dispose()
    return ids, entries, users


def _records(
    count: int, depts: list[int], entries: list[tuple[int, int]], users: list[int]
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(20151001)
    start = datetime.now(UTC) - timedelta(days=730)
    step = timedelta(days=730) / count
    actions = ["download"] * 10 + ["query"] * 9 + ["delivery"]
    outcomes = ["ok"] * 95 + ["refused"] * 4 + ["aborted"]
    for n in range(count):
        entry_id, provider = entries[rng.randrange(ENTRIES)]
        action = actions[rng.randrange(20)]
        outcome = outcomes[rng.randrange(100)]
        actor = provider if action == "delivery" else depts[1 + rng.randrange(DEPARTMENTS - 1)]
        at = (start + step * n).strftime("%Y-%m-%d %H:%M:%S.%f")
        yield (
            at,
            action,
            outcome,
            None if outcome == "ok" else "item_not_granted",
            users[n % 3],
            actor,
            entry_id,
            provider,
            n // 1000 + 1,
            "[1, 2]",
            '["公民身份号码", "姓名"]',
            rng.randrange(1000),
            rng.randrange(100_000),
            "127.0.0.1",
        )


def load_log(
    path: Path, count: int, depts: list[int], entries: list[tuple[int, int]], users: list[int]
) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for name in INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO exchange_log (at, action, outcome, reason, user_id, department_id, entry_id,"
        " provider_department_id, delivery_id, grant_ids, items, rows, bytes, client_address)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _records(count, depts, entries, users),
    )
    conn.execute("COMMIT")
    for name, columns in INDEXES.items():
        conn.execute(f"CREATE INDEX {name} ON exchange_log ({columns})")
    conn.execute("ANALYZE")
    conn.close()


def measure(base: str, headers: dict[str, str], query: str, samples: int) -> dict[str, Any]:
    times = []
    with requests.Session() as http:
        for n in range(samples + 3):
            started = time.perf_counter()
            r = http.get(base + "/api/v1/exchange/log" + query, headers=headers, timeout=60)
            elapsed = time.perf_counter() - started
            r.raise_for_status()
            if n >= 3:
                times.append(elapsed * 1000)
    times.sort()
    return {
        "items": len(r.json()["items"]),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--label", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-log-") as tmp:
        db = Path(tmp) / "platform.db"
        url = f"sqlite:///{db}"
        started = time.perf_counter()
        depts, entries, users = prepare(url)
        load_log(db, args.records, depts, entries, list(users.values()))
        print(f"loaded {args.records:,} records in {time.perf_counter() - started:.1f} s")
        port = free_port()
        env = {"GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0", "PATH": "/usr/bin:/bin"}
        env["GOVSHARE_IDLE_TIMEOUT_MINUTES"] = "240"
        cmd = [str(CLI), "serve", "--database-url", url, "--no-migrate", "--host", "127.0.0.1"]
        cmd += ["--port", str(port), "--log-level", "warning"]
        proc = subprocess.Popen(cmd, env=env)
        base = f"http://127.0.0.1:{port}"
        since = (date.today() - timedelta(days=90)).isoformat()
        entry_of_1 = next(e for e, p in entries if p == depts[1])
        cases = {
            "bench_provider": [
                "?limit=50",
                "?side=provider&action=query&outcome=ok&limit=50",
                f"?side=provider&entry_id={entry_of_1}&since={since}&limit=50",
                f"?limit=50&before_id={args.records // 2}",
            ],
            "bench_consumer": [
                "?limit=50",
                "?action=download&outcome=refused&limit=50",
                f"?limit=50&before_id={args.records // 2}",
            ],
            "bench_auditor": [
                "?limit=50",
                f"?department_id={depts[5]}&action=download&limit=50",
                f"?entry_id={entries[7][0]}&outcome=ok&limit=200",
                f"?limit=50&before_id={args.records // 2}",
            ],
        }
        result: dict[str, Any] = {"records": args.records, "cases": {}}
        try:
            _wait(base, proc)
            for user, queries in cases.items():
                r = requests.post(
                    base + "/api/v1/auth/login",
                    json={"username": user, "password": PASSWORD},
                    timeout=30,
                )
                r.raise_for_status()
                headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
                for query in queries:
                    figures = measure(base, headers, query, args.samples)
                    result["cases"][f"{user} {query}"] = figures
                    print(f"{user:15} {query:60} {figures}")
        finally:
            proc.terminate()
            proc.wait(10)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    label = args.label or f"exchange-log-{args.records}"
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"{label}-{stamp}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
