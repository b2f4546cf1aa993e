"""Measure catalog search and listing through HTTP against a real server (loopback only).

    python benchmarks/bench_api.py --database-url URL [--label sqlite-100k]

Starts `govshare-platform serve --no-migrate` on 127.0.0.1 in a subprocess, logs in as demo
users, and measures with `requests`: search latency (p50/p95/p99) for short and long queries and
with filters, list-page latency at offset 0 and deep, and throughput with concurrent clients.
Every loop is bounded. Prints a table and writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
CLI = Path(sys.executable).with_name("govshare-platform")
PASSWORD = "GovShare@Demo2015"  # govshare_platform.demo.data.DEMO_PASSWORD
APPLICANT = "mz_applicant"  # searches the share catalog
OVERSEER = "dsj_platform_admin"  # lists every entry


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthz(
    base: str,
    seconds: float,
    *,
    exited: Callable[[], bool] = lambda: False,
    pause: float = 0.2,
    timeout: float = 5,
) -> dict[str, Any]:
    """Ask `GET base/healthz` until it answers 2xx, and return its JSON. RuntimeError "the server
    exited" as soon as `exited()` (a server process of ours that died), or, after `seconds`, one
    that names the last problem (no answer, or the status it answered)."""
    deadline = time.monotonic() + seconds
    while True:
        if exited():
            raise RuntimeError("the server exited")
        try:  # not up yet, or slow on a busy machine
            r = requests.get(base + "/healthz", timeout=timeout)
            if r.ok:
                body = r.json()
                return body if isinstance(body, dict) else {}
            problem = f"GET /healthz answered {r.status_code}"
        except (requests.RequestException, ValueError) as exc:
            problem = f"GET /healthz: {type(exc).__name__}: {exc}"
        if time.monotonic() >= deadline:
            raise RuntimeError(f"no platform at {base} after {seconds:g} s ({problem})")
        time.sleep(pause)


class Server:
    """`govshare-platform serve` in a subprocess on 127.0.0.1."""

    def __init__(self, url: str, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        cmd = [str(CLI), "serve", "--database-url", url, "--no-migrate"]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        env = {**os.environ, "GOVSHARE_IDLE_TIMEOUT_MINUTES": "240"}
        self.proc = subprocess.Popen(cmd, env=env)

    def wait(self, seconds: float = 60) -> None:
        wait_healthz(self.base, seconds, exited=lambda: self.proc.poll() is not None, timeout=1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def login(base: str, username: str) -> dict[str, str]:
    r = requests.post(
        base + "/api/v1/auth/login", json={"username": username, "password": PASSWORD}, timeout=30
    )
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def stats(ms: list[float]) -> dict[str, float]:
    return {
        "n": len(ms),
        "p50": round(pct(ms, 0.50), 1),
        "p95": round(pct(ms, 0.95), 1),
        "p99": round(pct(ms, 0.99), 1),
        "mean": round(statistics.fmean(ms), 1),
    }


def timed_get(http: requests.Session, url: str, params: dict[str, Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    r = http.get(url, params=params, timeout=60)
    elapsed = (time.perf_counter() - start) * 1000
    r.raise_for_status()
    return elapsed, r.json()


def measure(http: requests.Session, url: str, params: dict[str, Any], n: int) -> dict[str, Any]:
    for _ in range(3):  # warm caches and connections
        timed_get(http, url, params)
    samples, total = [], None
    for _ in range(n):
        ms, body = timed_get(http, url, params)
        samples.append(ms)
        total = body.get("total")
    return {**stats(samples), "total": total}


def cases(dept_id: int, deep: int) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(group, label, path, params); `who` is the applicant unless the path lists entries."""
    share, entries = "/api/v1/catalog/share-catalog", "/api/v1/catalog/entries"
    facets = share + "/facets"
    return [
        ("search-2char", "q=人口", share, {"q": "人口"}),
        ("search-2char", "q=社保", share, {"q": "社保"}),
        ("search-2char", "q=婚姻", share, {"q": "婚姻"}),
        ("search-long", "q=常住人口信息", share, {"q": "常住人口信息"}),
        ("search-long", "q=企业登记注册", share, {"q": "企业登记注册"}),
        ("search-filter", "q=人口&share_type=conditional", share,
         {"q": "人口", "share_type": "conditional"}),
        ("search-filter", f"q=社保&department_id={dept_id}", share,
         {"q": "社保", "department_id": dept_id}),
        ("search-filter", "q=婚姻&update_cycle=daily", share,
         {"q": "婚姻", "update_cycle": "daily"}),
        ("filter-only", "share_type=unconditional&update_cycle=monthly", share,
         {"share_type": "unconditional", "update_cycle": "monthly"}),
        ("list", "share-catalog offset=0", share, {"offset": 0}),
        ("list", f"share-catalog offset={deep}", share, {"offset": deep}),
        ("list", "entries offset=0 (platform admin)", entries, {"offset": 0}),
        ("list", f"entries offset={deep} (platform admin)", entries, {"offset": deep}),
        # `sort` (issue 7): plain listings walk an index where there is one; searches sort
        # their matches
        ("list-sorted", "share-catalog sort=name", share, {"sort": "name"}),
        ("list-sorted", "share-catalog sort=-name", share, {"sort": "-name"}),
        ("list-sorted", f"share-catalog sort=name offset={deep}", share,
         {"sort": "name", "offset": deep}),
        ("list-sorted", "share-catalog sort=department_name", share,
         {"sort": "department_name"}),
        ("list-sorted", "share-catalog sort=-department_name", share,
         {"sort": "-department_name"}),
        ("list-sorted", "share-catalog sort=-updated_at", share, {"sort": "-updated_at"}),
        ("list-sorted", "share-catalog sort=-published_on (no index)", share,
         {"sort": "-published_on"}),
        ("list-sorted", "entries sort=name (platform admin)", entries, {"sort": "name"}),
        ("list-sorted", "entries sort=-submitted_at (platform admin)", entries,
         {"sort": "-submitted_at"}),
        ("list-sorted", "entries sort=review_due&status=submitted (platform admin)", entries,
         {"sort": "review_due", "status": "submitted"}),
        ("search-sorted", "q=人口&sort=name", share, {"q": "人口", "sort": "name"}),
        ("search-sorted", "q=社保&sort=-updated_at", share, {"q": "社保", "sort": "-updated_at"}),
        ("search-sorted", "q=常住人口信息&sort=department_name", share,
         {"q": "常住人口信息", "sort": "department_name"}),
        ("search-sorted", "share_type=unconditional&update_cycle=monthly&sort=name", share,
         {"share_type": "unconditional", "update_cycle": "monthly", "sort": "name"}),
        # relevance (issue 12; the default with q, so search-2char/-long above are ranked too):
        # name matches first (one more token), then the rest; `newest` is the old order
        ("search-ranked", "q=人口&sort=newest (unranked)", share, {"q": "人口", "sort": "newest"}),
        ("search-ranked", "q=人口 offset=50", share, {"q": "人口", "offset": 50}),
        ("search-ranked", "q=人口 offset=5000", share, {"q": "人口", "offset": 5000}),
        ("search-ranked", "q=常住人口 (phrase tier)", share, {"q": "常住人口"}),
        ("search-ranked", "q=人口&share_type=not_shared", share,
         {"q": "人口", "share_type": "not_shared"}),
        ("search-ranked", "q=不存在的词", share, {"q": "不存在的词"}),
        ("facets", "facets (no q)", facets, {}),
        ("facets", "facets q=人口", facets, {"q": "人口"}),
        ("facets", "facets q=常住人口信息", facets, {"q": "常住人口信息"}),
        ("facets", f"facets q=社保&department_id={dept_id}", facets,
         {"q": "社保", "department_id": dept_id}),
        ("facets", "facets share_type=unconditional&update_cycle=monthly", facets,
         {"share_type": "unconditional", "update_cycle": "monthly"}),
    ]  # fmt: skip


def throughput(base: str, headers: dict[str, str], clients: int, total: int) -> dict[str, Any]:
    """`total` searches spread over `clients` threads, each with its own connection."""
    queries = ["人口", "社保", "婚姻", "常住人口信息", "企业登记注册", "不动产", "医保"]
    local = threading.local()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()

    def one(i: int) -> None:
        if not hasattr(local, "http"):
            local.http = requests.Session()
            local.http.headers.update(headers)
        params = {"q": queries[i % len(queries)]}
        start = time.perf_counter()
        try:
            r = local.http.get(base + "/api/v1/catalog/share-catalog", params=params, timeout=60)
            outcome = "ok" if r.ok else str(r.status_code)
        except requests.RequestException as exc:
            outcome = type(exc).__name__
        with lock:
            if outcome == "ok":
                latencies.append((time.perf_counter() - start) * 1000)
            else:
                errors[outcome] += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(total)))
    wall = time.perf_counter() - start
    ok = len(latencies)
    return {"clients": clients, "requests": total, "ok": ok, "errors": dict(errors),
            "seconds": round(wall, 2), "ok_rps": round(ok / wall, 1),
            **(stats(latencies) if latencies else {})}  # fmt: skip


def run(
    url: str, n: int, clients: int, total: int, deep: int, groups: set[str] | None = None
) -> dict[str, Any]:
    server = Server(url, free_port())
    try:
        server.wait()
        who = {"applicant": login(server.base, APPLICANT), "overseer": login(server.base, OVERSEER)}
        http: dict[str, requests.Session] = {}
        for name, headers in who.items():
            http[name] = requests.Session()
            http[name].headers.update(headers)
        depts = http["applicant"].get(server.base + "/api/v1/departments", timeout=30).json()
        dept_id = next(d["id"] for d in depts["items"] if d["name"] == "南通市人力资源和社会保障局")
        results = []
        for group, label, path, params in cases(dept_id, deep):
            if groups and group not in groups:
                continue
            client = http["overseer" if path.endswith("/entries") else "applicant"]
            row = measure(client, server.base + path, params, n)
            results.append({"group": group, "case": label, **row})
            print(f"  {label:<48} p50 {row['p50']:>7} p95 {row['p95']:>7} ms", flush=True)
        load = throughput(server.base, who["applicant"], clients, total) if total else {}
        return {"cases": results, "throughput": load, "deep_offset": deep}
    finally:
        server.stop()


def loadavg() -> list[float] | None:
    """1/5/15-minute load averages: the machine is shared, so record how busy it was."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def commit() -> str | None:
    """The platform code measured (`git describe --always --dirty`), when run from a checkout."""
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=HERE, capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def table(result: dict[str, Any]) -> str:
    lines = [f"{'case':<50}{'total':>8}{'p50':>9}{'p95':>9}{'p99':>9}  (ms)"]
    for row in result["cases"]:
        total = row["total"] if row["total"] is not None else "-"
        lines.append(f"{row['case']:<50}{total!s:>8}{row['p50']:>9}{row['p95']:>9}{row['p99']:>9}")
    t = result["throughput"]
    if not t:
        return "\n".join(lines)
    lines.append(
        f"throughput: {t['clients']} clients, {t['requests']} searches in {t['seconds']} s: "
        f"{t['ok']} ok = {t['ok_rps']} req/s, errors {t['errors'] or 'none'} "
        f"(p50 {t.get('p50')} ms, p95 {t.get('p95')} ms, p99 {t.get('p99')} ms)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--label", default=None, help="name of the result file")
    parser.add_argument("--samples", type=int, default=50, help="requests per case (≤ 1000)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--deep", type=int, default=10_000, help="the deep page's offset")
    parser.add_argument(
        "--requests", type=int, default=2000, help="throughput run (≤ 100000; 0: none)"
    )
    parser.add_argument(
        "--groups", default=None, help="only these case groups, comma-separated (e.g. facets)"
    )
    args = parser.parse_args(argv)
    if not (1 <= args.samples <= 1000 and 0 <= args.requests <= 100_000):
        parser.error("bounded loops only: --samples ≤ 1000, --requests ≤ 100000")
    load_before = loadavg()
    groups = set(args.groups.split(",")) if args.groups else None
    result = run(args.database_url, args.samples, args.clients, args.requests, args.deep, groups)
    print(table(result))
    dialect = "postgresql" if args.database_url.startswith("postgresql") else "sqlite"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = HERE / "results" / f"{args.label or dialect}-{stamp}.json"
    out.parent.mkdir(exist_ok=True)
    meta = {"database": dialect, "label": args.label, "at": stamp, "samples": args.samples,
            "commit": commit(), "cpus": os.cpu_count(),
            "loadavg_before": load_before, "loadavg_after": loadavg()}  # fmt: skip
    out.write_text(json.dumps({**meta, **result}, ensure_ascii=False, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
