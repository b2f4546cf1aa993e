"""Measure the consumer side of the exchange system against a real server (loopback only).

    python benchmarks/bench_exchange_access.py [--rows 1000000] [--lookups 200] [--label L]

Builds a delivery of `--rows` rows × 12 columns straight into the file blob store and the
tables (the canonical CSV and its key index, as an accepted upload leaves them), grants a second
department 6 of the 12 items for download (直接数据交换) and lookup (信息查询), starts
`govshare-platform serve` in a subprocess, then measures:
- the projected download of the 6 granted columns: MB/s and the server's RSS growth (VmRSS of
  the server process, sampled every 0.1 s);
- `--lookups` lookups of 1,000 keys each (90 % present): p50/p95/p99 latency.
Targets (issue 9): ≥ 20 MB/s, RSS growth ≤ 100 MB, p95 of a 1,000-key lookup ≤ 200 ms.
Prints the figures and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import CLI, free_port
from bench_exchange_ingest import (
    ITEMS,
    PASSWORD,
    STREETS,
    SURNAMES,
    PeakRss,
    _wait,
    prepare,
    rss_kib,
)

HERE = Path(__file__).resolve().parent
GRANTED = ["公民身份号码", "姓名", "出生日期", "月收入", "住址", "联系电话"]


def _row(rng: random.Random, n: int) -> list[str]:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 20000))
    return [
        f"{110101000000000000 + n * 7}",
        rng.choice(SURNAMES) + rng.choice(SURNAMES) + "某",
        rng.choice("男女"),
        born.isoformat(),
        f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:{n % 60:02d}:00",
        f"{rng.randint(1000, 99999)}.{rng.randint(0, 99):02d}",
        str(rng.randint(0, 99)),
        rng.choice(["是", "否"]),
        f"{rng.random() * 100:.3f}",
        f"幸福市{rng.choice(STREETS)}{rng.randint(1, 999)}号",
        f"13{rng.randint(100000000, 999999999)}",
        "" if n % 3 else "=cmd|' /C calc'!A0",
    ]


def load(database_url: str, storage: Path, rows: int) -> tuple[int, list[str]]:
    """The provider's entry, its delivery of `rows` rows, a consumer department with an
    applicant and grants; returns (entry id, the keys)."""
    from sqlalchemy import insert, select

    from govshare_core.schemas import DepartmentIn, UserIn
    from govshare_core.vocab import Role
    from govshare_platform.catalog.models import CatalogEntry
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.demo.data import DEPARTMENTS
    from govshare_platform.departments.models import User
    from govshare_platform.departments.service import create_department
    from govshare_platform.departments.users import create_user
    from govshare_platform.exchange.models import Delivery, DeliveryKey
    from govshare_platform.exchange.storage import FileBlobStore
    from govshare_platform.grants.models import Grant
    from govshare_platform.requests.models import ShareRequest

    entry_id = prepare(database_url)
    engine = make_engine(database_url)
    rng = random.Random(20151001)
    keys: list[str] = []
    with make_session_factory(engine)() as s:
        entry = s.get(CatalogEntry, entry_id)
        assert entry is not None
        registrar = s.scalar(select(User).where(User.username == "bench_registrar"))
        assert registrar is not None
        dept = DEPARTMENTS[2]
        consumer = create_department(
            s, data=DepartmentIn(name=dept.name, credit_code=dept.credit_code)
        )
        applicant = create_user(
            s,
            data=UserIn(
                username="bench_applicant",
                full_name="基准测试",
                password=PASSWORD,
                department_id=consumer.id,
                roles=[Role.APPLICANT],
            ),
        )
        writer = FileBlobStore(storage).writer(s)
        text = io.StringIO()
        out = csv.writer(text, lineterminator="\n")
        header = (",".join(name for name, _, _ in ITEMS) + "\n").encode()
        writer.write(header)
        offset, buffer = len(header), bytearray()
        key_rows: list[dict[str, Any]] = []
        for n in range(rows):
            row = _row(rng, n)
            text.seek(0)
            text.truncate()
            out.writerow(row)
            data = text.getvalue().encode()
            buffer += data
            keys.append(row[0])
            key_rows.append({"key": row[0], "offset": offset, "length": len(data)})
            offset += len(data)
            if len(buffer) >= 1 << 20:
                writer.write(bytes(buffer))
                buffer.clear()
        writer.write(bytes(buffer))
        size = writer.finish()
        delivery = Delivery(
            entry_id=entry_id,
            department_id=entry.department_id,
            format="csv",
            encoding="utf-8",
            filename="people.csv",
            rows=rows,
            bytes=size,
            sha256="0" * 64,
            items=[name for name, _, _ in ITEMS],
            key_item=ITEMS[0][0],
            blob_key=writer.key,
            stored_bytes=size,
            delivered_by=registrar.id,
            due=None,
            on_time=True,
            report={"rows_checked": rows, "problem_count": 0, "problems": []},
        )
        s.add(delivery)
        s.flush()
        for start in range(0, len(key_rows), 50_000):
            chunk = [{"delivery_id": delivery.id, **k} for k in key_rows[start : start + 50_000]]
            s.execute(insert(DeliveryKey), chunk)
        end = date.today() + timedelta(days=365)
        for mode in ("exchange", "query"):
            request = ShareRequest(
                entry_id=entry_id,
                provider_department_id=entry.department_id,
                consumer_department_id=consumer.id,
                applicant_id=applicant.id,
                data_items=GRANTED,
                business="基准测试",
                users="基准测试",
                share_mode=mode,
                reason="基准测试",
                end_date=end,
                share_type="unconditional",
                status="active",
            )
            s.add(request)
            s.flush()
            for item in GRANTED:
                s.add(
                    Grant(
                        request_id=request.id,
                        entry_id=entry_id,
                        provider_department_id=entry.department_id,
                        consumer_department_id=consumer.id,
                        data_item=item,
                        share_mode=mode,
                        valid_from=date.today(),
                        valid_until=end,
                        status="active",
                    )
                )
        s.commit()
    engine.dispose()
    return entry_id, keys


def download(base: str, headers: dict[str, str], entry_id: int, pid: int) -> dict[str, Any]:
    url = f"{base}/api/v1/exchange/entries/{entry_id}/data"
    before = rss_kib(pid)
    peak = PeakRss(pid)
    peak.start()
    started = time.perf_counter()
    received = 0
    with requests.get(url, headers=headers, stream=True, timeout=600) as r:
        r.raise_for_status()
        for chunk in r.iter_content(1024 * 1024):
            received += len(chunk)
    seconds = time.perf_counter() - started
    top = peak.stop()
    return {
        "bytes": received,
        "seconds": round(seconds, 2),
        "mb_per_s": round(received / 1e6 / seconds, 1),
        "rss_before_mb": round(before / 1024, 1),
        "rss_peak_mb": round(top / 1024, 1),
        "rss_growth_mb": round((top - before) / 1024, 1),
    }


def lookups(
    base: str, headers: dict[str, str], entry_id: int, keys: list[str], samples: int
) -> dict[str, Any]:
    url = f"{base}/api/v1/exchange/entries/{entry_id}/query"
    rng = random.Random(7)
    times = []
    found = 0
    with requests.Session() as http:
        for n in range(samples + 3):
            batch = rng.sample(keys, 900) + [f"9{i:017d}" for i in range(100)]
            started = time.perf_counter()
            r = http.post(url, json={"keys": batch}, headers=headers, timeout=60)
            elapsed = time.perf_counter() - started
            r.raise_for_status()
            if n >= 3:  # warm-up
                times.append(elapsed * 1000)
                found += len(r.json()["rows"])
    times.sort()
    return {
        "samples": samples,
        "keys_per_lookup": 1000,
        "rows_found_per_lookup": found / samples,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "p99_ms": round(times[int(0.99 * (len(times) - 1))], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--label", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-access-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'platform.db'}"
        started = time.perf_counter()
        entry_id, keys = load(url, work / "blobs", args.rows)
        print(f"loaded {args.rows:,} rows in {time.perf_counter() - started:.1f} s")
        port = free_port()
        env = {
            "GOVSHARE_STORAGE_DIR": str(work / "blobs"),
            "GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0",
            "GOVSHARE_IDLE_TIMEOUT_MINUTES": "240",
            "PATH": "/usr/bin:/bin",
        }
        cmd = [str(CLI), "serve", "--database-url", url, "--no-migrate", "--host", "127.0.0.1"]
        cmd += ["--port", str(port), "--log-level", "warning"]
        proc = subprocess.Popen(cmd, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            r = requests.post(
                base + "/api/v1/auth/login",
                json={"username": "bench_applicant", "password": PASSWORD},
                timeout=30,
            )
            r.raise_for_status()
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            result = {
                "rows": args.rows,
                "download": download(base, headers, entry_id, proc.pid),
                "lookup": lookups(base, headers, entry_id, keys, args.lookups),
            }
        finally:
            proc.terminate()
            proc.wait(10)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    label = args.label or f"exchange-access-{args.rows}"
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"{label}-{stamp}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
