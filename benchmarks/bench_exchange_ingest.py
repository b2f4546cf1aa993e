"""Measure a delivery's ingest (数据交付, 第二十三条) through HTTP against a real server.

    python benchmarks/bench_exchange_ingest.py [--rows 1000000] [--label sqlite-1m]

Generates a CSV of `--rows` rows × 12 columns (mixed types, 公民身份号码 as the key column) in a
temporary directory, migrates a fresh SQLite database there with one department, one registrar
and one published entry, starts `govshare-platform serve` on 127.0.0.1 in a subprocess with a
storage directory, and uploads the file with `requests` (streamed from disk). Prints the
seconds, rows/s, MB/s and the server's RSS growth (peak VmRSS during the upload minus before),
and writes JSON to benchmarks/results/. Target (issue 9): 1,000,000 rows in ≤ 60 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import CLI, free_port, wait_healthz

HERE = Path(__file__).resolve().parent
PASSWORD = "Bench@Ingest2015"
ITEMS = [  # (name, data type, length)
    ("公民身份号码", "C", 18),
    ("姓名", "C", 50),
    ("性别", "C", 2),
    ("出生日期", "D", None),
    ("登记时间", "T", None),
    ("月收入", "N", 12),
    ("年龄", "I", 3),
    ("是否在职", "L", None),
    ("信用评分", "F", None),
    ("住址", "C", 200),
    ("联系电话", "C", 20),
    ("备注", "M", None),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
STREETS = ["人民路", "解放大道", "中山路", "建设街", "和平里", "光明巷"]


def write_csv(path: Path, rows: int, seed: int = 20150801) -> int:
    rng = random.Random(seed)
    base = date(1950, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow([name for name, _, _ in ITEMS])
        for n in range(rows):
            born = base + timedelta(days=rng.randrange(0, 20000))
            writer.writerow(
                [
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
                    "" if n % 3 else "无",
                ]
            )
    return path.stat().st_size


def prepare(database_url: str) -> int:
    """Migrate; one department, one registrar, one published entry with the 12 items."""
    from govshare_core.schemas import DepartmentIn, UserIn
    from govshare_core.vocab import Role
    from govshare_platform.catalog.models import CatalogEntry, EntryDataItem
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.demo.data import DEPARTMENTS, RESOURCES
    from govshare_platform.departments.service import create_department
    from govshare_platform.departments.users import create_user
    from govshare_platform.migrate import upgrade

    upgrade(database_url)
    engine = make_engine(database_url)
    dept = DEPARTMENTS[1]
    with make_session_factory(engine)() as s:
        d = create_department(s, data=DepartmentIn(name=dept.name, credit_code=dept.credit_code))
        create_user(
            s,
            data=UserIn(
                username="bench_registrar",
                full_name="基准测试",
                password=PASSWORD,
                department_id=d.id,
                roles=[Role.REGISTRAR],
            ),
        )
        fields = {
            k: (v.value if hasattr(v, "value") else v) for k, v in RESOURCES[0].fields().items()
        }
        entry = CatalogEntry(
            **{**fields, "share_mode": "exchange", "update_cycle": "monthly"},
            department_id=d.id,
            status="published",
            published_on=date.today() - timedelta(days=10),
            resource_code="101001/000001",
            items=[
                EntryDataItem(position=i, name=n, data_type=t, length=ln, is_key=i == 0)
                for i, (n, t, ln) in enumerate(ITEMS)
            ],
        )
        s.add(entry)
        s.commit()
        entry_id = entry.id
    engine.dispose()
    return entry_id


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class PeakRss(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, rss_kib(pid), threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak = max(self.peak, rss_kib(self.pid))

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--label", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        size = write_csv(work / "people.csv", args.rows)
        print(
            f"generated {args.rows:,} rows, {size / 1e6:.1f} MB in "
            f"{time.perf_counter() - started:.1f} s"
        )
        url = f"sqlite:///{work / 'platform.db'}"
        entry_id = prepare(url)
        port = free_port()
        env = {
            "GOVSHARE_STORAGE_DIR": str(work / "blobs"),
            "GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0",
            "GOVSHARE_IDLE_TIMEOUT_MINUTES": "240",
            "PATH": "/usr/bin:/bin",
        }
        cmd = [
            str(CLI),
            "serve",
            "--database-url",
            url,
            "--no-migrate",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ]
        proc = subprocess.Popen(cmd, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            r = requests.post(
                base + "/api/v1/auth/login",
                json={"username": "bench_registrar", "password": PASSWORD},
                timeout=30,
            )
            r.raise_for_status()
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            before = rss_kib(proc.pid)
            peak = PeakRss(proc.pid)
            peak.start()
            t0 = time.perf_counter()
            with open(work / "people.csv", "rb") as f:
                r = requests.post(
                    f"{base}/api/v1/exchange/entries/{entry_id}/deliveries",
                    data=f,
                    params={"format": "csv", "encoding": "utf-8", "filename": "people.csv"},
                    headers=headers,
                    timeout=3600,
                )
            seconds = time.perf_counter() - t0
            growth = (peak.stop() - before) / 1024
            if r.status_code != 201:
                print(r.status_code, r.text[:2000])
                return 1
            out = r.json()
        finally:
            proc.terminate()
            proc.wait(10)
    result = {
        "label": args.label or f"sqlite-{args.rows}",
        "rows": out["rows"],
        "bytes": out["bytes"],
        "seconds": round(seconds, 2),
        "rows_per_s": round(out["rows"] / seconds),
        "mb_per_s": round(out["bytes"] / 1e6 / seconds, 1),
        "server_rss_growth_mb": round(growth, 1),
        "target_s": 60,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (HERE / "results" / f"ingest-{result['label']}-{stamp}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    )
    return 0


def _wait(base: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    wait_healthz(base, seconds, exited=lambda: proc.poll() is not None)


if __name__ == "__main__":
    sys.exit(main())
