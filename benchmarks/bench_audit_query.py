"""Measure the audit trail's time filters (GET /audit/events `since`/`until`) at 1,000,000 events.

    python benchmarks/bench_audit_query.py --database-url postgresql+psycopg://…/audit_bench \
        [--events 1000000] [--repeats 7] [--label L]

Migrates the database to the platform's head revision (`--no-migrate`: leave it as it is, to
measure an older checkout on the same data), loads `--events` audit events with one
INSERT … SELECT generate_series when the trail is empty (PostgreSQL only; one event every 30 s
over ~347 days, 4 actions, 50 actors; the hashes are placeholders, this measures reading, not
the chain), with a few events written out of order early on (seq 5001–5010 carry times a day
older: the disorder a clock step or an import leaves; `--late-disorder`: the last 10 events 10
minutes older too, a clock step back near the head), sets the head's time-order marks over
them as the migrations do, then ANALYZE. It then times the first
page (limit 100, newest first) of the listing query `govshare_platform.audit.query.page`
in-process for each case below (median and max of `--repeats`, ms) and the count of the
matches. Prints a table and writes JSON to benchmarks/results/audit-query-<label>-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

HERE = Path(__file__).resolve().parent
START = datetime(2025, 1, 1, tzinfo=UTC)
STEP = timedelta(seconds=30)

_LOAD = """
INSERT INTO audit_events (seq, at, actor_id, actor_name, department_id, action, object_type,
    object_id, details, client_address, outcome, prev_hash, hash)
SELECT g,
       CASE WHEN g BETWEEN 5001 AND 5010 THEN :start + (g - 2880) * interval '30 seconds'
            WHEN :late AND g > :n - 10 THEN :start + (g - 20) * interval '30 seconds'
            ELSE :start + g * interval '30 seconds' END,
       g % 50 + 1, 'user' || (g % 50 + 1), g % 20 + 1,
       (ARRAY['entry_update', 'audit_read', 'login', 'grant_revoke'])[g % 4 + 1],
       'entry', (g % 10000)::text, '{}'::json, '127.0.0.1', 'ok',
       repeat('0', 64), repeat('0', 64)
FROM generate_series(1, :n) AS g
"""


# the head's time-order marks over the loaded events, as migrations 0015 and 0018 compute them
_MARKS = """
UPDATE audit_head SET seq = :n, max_at = (SELECT max(at) FROM audit_events),
    disorder_seq = COALESCE((SELECT max(seq) FROM behind), 0),
    max_lag_us = COALESCE((SELECT CAST(max(extract(epoch FROM latest - at)) * 1000000 AS bigint)
                           FROM behind), 0)
WHERE id = 1
"""
_BEHIND = """
WITH behind AS (
    SELECT seq, at, latest FROM (
        SELECT seq, at, max(at) OVER (
            ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest
        FROM audit_events) AS ordered
    WHERE at < latest
)
"""


def at_fraction(events: int, fraction: float) -> datetime:
    return START + int(events * fraction) * STEP


def load(database_url: str, events: int, late_disorder: bool) -> float:
    from govshare_platform.db import make_engine

    engine = make_engine(database_url)
    started = time.perf_counter()
    with engine.begin() as conn:
        present = conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
        if present:
            return 0.0
        conn.execute(text(_LOAD), {"start": START, "n": events, "late": late_disorder})
        conn.execute(text(_BEHIND + _MARKS), {"n": events})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE audit_events"))
    engine.dispose()
    return time.perf_counter() - started


def cases(events: int) -> dict[str, dict[str, Any]]:
    def at(fraction: float) -> datetime:
        return at_fraction(events, fraction)

    return {
        "until 1%": {"until": at(0.01)},
        "until 10%": {"until": at(0.10)},
        "until 50%": {"until": at(0.50)},
        "until 90%": {"until": at(0.90)},
        "until 50% + action": {"until": at(0.50), "actions": ("login",)},
        "until 50% + actor": {"until": at(0.50), "actor_id": 7},
        "since 99.99%": {"since": at(0.9999)},
        "since 50%": {"since": at(0.50)},
        "since 10% + until 10.01%": {"since": at(0.10), "until": at(0.1001)},
        "since 40% + until 60%": {"since": at(0.40), "until": at(0.60)},
        "until before the first": {"until": START - timedelta(days=2)},
    }


def measure(database_url: str, events: int, repeats: int) -> dict[str, dict[str, float]]:
    from govshare_platform.audit import query
    from govshare_platform.db import make_engine, make_session_factory

    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    out: dict[str, dict[str, float]] = {}
    for name, kwargs in cases(events).items():
        filters = query.AuditFilter(**kwargs)
        times = []
        returned = 0
        for _ in range(repeats):
            with factory() as session:
                started = time.perf_counter()
                items, _next = query.page(session, filters, before_seq=None, limit=100)
                times.append((time.perf_counter() - started) * 1000)
                returned = len(items)
        window = getattr(query, "seq_window", None)  # absent in older checkouts
        with factory() as session:
            bounds = window(session, filters) if window else None
            low, high = bounds if bounds else ("-", "-")
            started = time.perf_counter()
            matches = query.count(session, filters)
            count_ms = (time.perf_counter() - started) * 1000
        out[name] = {
            "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
            "returned": returned,
            "count": matches,
            "count_ms": round(count_ms, 1),
            "seq_window": [low, high],
        }
        row = out[name]
        print(
            f"{name:28} {row['median_ms']:9.2f} {row['max_ms']:9.2f} "
            f"{returned:5d} {matches:8d} {row['count_ms']:9.1f}  {low}..{high}",
            flush=True,
        )
    engine.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--label", default="run")
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument(
        "--late-disorder",
        action="store_true",
        help="the last 10 events 10 minutes older too (a clock stepped back near the head)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgresql"):
        parser.error("PostgreSQL only (the loader uses generate_series)")
    if not args.no_migrate:
        from govshare_platform.migrate import upgrade

        started = time.perf_counter()
        upgrade(args.database_url)
        print(f"migrated in {time.perf_counter() - started:.1f} s", flush=True)
    loaded = load(args.database_url, args.events, args.late_disorder)
    if loaded:
        print(f"loaded {args.events} events in {loaded:.1f} s", flush=True)
    header = f"{'case':28} {'median':>9} {'max':>9} {'rows':>5} {'matches':>8} {'count ms':>9}"
    print(header + "  seq window")
    results = measure(args.database_url, args.events, args.repeats)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = HERE / "results" / f"audit-query-{args.label}-{stamp}.json"
    report = {
        "label": args.label,
        "commit": commit,
        "events": args.events,
        "late_disorder": args.late_disorder,
        "repeats": args.repeats,
        "load_seconds": round(loaded, 1),
        "results": results,
    }
    path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"written {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
