"""Load on several API processes (issue 11, "Scale-out and load"), through HTTP on loopback.

    python benchmarks/bench_load.py writes --database-url URL [--seconds 30] [--workers 4]
    python benchmarks/bench_load.py search --database-url URL [--requests 2000] [--workers 4]
    python benchmarks/bench_load.py soak   --database-url URL [--seconds 60] [--clients 100]
    python benchmarks/bench_load.py floor  --database-url URL [--seconds 30] [--clients 20]

The server is `python -m govshare_platform.workers --workers N` (uvicorn's supervisor with N API
processes, the settings from GOVSHARE_* as `serve` reads them; the maintenance sweep off;
`--plain-uvicorn` runs `uvicorn --workers N` instead, which loses TCP_NODELAY). The database
must hold the demo city (benchmarks/load_catalog.py seeds it, with any number of extra entries).
Each client thread has its own connection and its own token (a sign-in of its own: two requests
on one token queue on the token's row).

- writes: 20 demo users at once, each doing real workflow mutations as fast as answers come:
  8 departments' registrars (create an entry, PUT it with If-Match, submit), the same
  departments' catalog reviewers (approve the submitted entries of their department) and 4
  applicants (create a share request for a conditional entry of another department, PUT it,
  submit, withdraw). Target (issue 11): ≥ 300 mutations/s, 0 errors, on PostgreSQL.
- search: `--requests` share-catalog searches from `--clients` (20) clients. Target: p95
  ≤ 150 ms at 1,000,000 entries.
- soak: `--clients` (100) clients for `--seconds` (60): 80 of every 100 do searches, listings
  and reads, 20 do the writers' work above. Target: 0 errors.
- floor: what this machine and this stack give at most, for comparison with the two targets
  above: `--clients` (20) clients each asking `GET /healthz` (no sign-in check, no database)
  for the first half of `--seconds`, then `GET /me` (the sign-in check and one small answer,
  the least any signed-in request does) for the second half. Every workflow mutation and every
  search does at least what `/me` does, and more: `/me`'s rate bounds theirs from above.

Prints a summary and writes benchmarks/results/load-<scenario>-<label>-<time>.json. Every loop
is bounded by time or count.

`--base-url http://HOST:PORT` aims the clients at a platform that is already running (on server
hardware, say), instead of starting one here: the clients then have this machine's cores to
themselves. The server's database must hold the demo city as above, and its idle timeout must
outlast the sign-ins (GOVSHARE_IDLE_TIMEOUT_MINUTES). `--database-url` is optional then: given a
PostgreSQL URL, the probe samples that database's sessions (no CPU figures: the server's CPU is
not on this machine; read it there, e.g. with `pidstat`). See benchmarks/README.md, "On server
hardware".
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from bench_api import PASSWORD, commit, free_port, loadavg, stats, wait_healthz

HERE = Path(__file__).resolve().parent
QUERIES = ["人口", "社保", "婚姻", "常住人口信息", "企业登记注册", "不动产", "医保"]
# departments whose registrar and reviewer write (8 pairs), and whose applicants ask (4)
WRITER_DEPTS = ["ga", "mz", "rs", "sj", "zr", "wj", "jy", "zj"]
ASKER_DEPTS = ["sw", "hb", "jt", "yb"]
ENTRY = {
    "resource_class": "1", "class_item": "01", "class_catalog": "001", "class_detail": None,
    "summary": "压力测试登记的目录条目，用于衡量多进程部署下的工作流写入能力。",
    "format_class": "database", "format_type": "达梦Dm",
    "data_items": [
        {"name": "姓名", "data_type": "C", "length": 50},
        {"name": "公民身份号码", "data_type": "C", "length": 18},
    ],
    "share_type": "conditional", "share_conditions": "仅限履行法定职责所需",
    "share_scope": "市级政务部门", "legal_basis": None, "share_mode": "interface",
    "open_to_public": False, "open_conditions": None, "update_cycle": "daily",
    "related_codes": [],
}  # fmt: skip


class Server:
    """uvicorn with `workers` processes on 127.0.0.1."""

    def __init__(self, url: str, workers: int, plain_uvicorn: bool = False) -> None:
        self.base = f"http://127.0.0.1:{free_port()}"
        port = self.base.rsplit(":", 1)[1]
        if plain_uvicorn:  # loses TCP_NODELAY: +40 ms per keep-alive request (workers.py)
            cmd = [sys.executable, "-m", "uvicorn", "govshare_platform.app:create_app"]
            cmd += ["--factory", "--no-access-log"]
        else:
            cmd = [sys.executable, "-m", "govshare_platform.workers"]
        cmd += ["--host", "127.0.0.1", "--port", port, "--workers", str(workers)]
        # the clients sign in one after another before the run: keep their connections
        # open meanwhile (uvicorn's default keep-alive of 5 s would close the first ones, and a
        # request on a connection closed under it fails), as a reverse proxy's pool would
        cmd += ["--log-level", "warning", "--timeout-keep-alive", "300"]
        env = {
            **os.environ,
            "GOVSHARE_DATABASE_URL": url,
            "GOVSHARE_IDLE_TIMEOUT_MINUTES": "240",
            "GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0",
        }
        self.proc = subprocess.Popen(cmd, env=env)

    def wait(self, seconds: float = 120) -> None:
        wait_healthz(
            self.base, seconds, exited=lambda: self.proc.poll() is not None, pause=0.3, timeout=2
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Remote:
    """A platform already running elsewhere (`--base-url`): nothing to start or stop."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.version = ""

    def wait(self, seconds: float = 30) -> None:
        self.version = str(wait_healthz(self.base, seconds, pause=1).get("version", ""))

    def stop(self) -> None:
        pass


class Client:
    """One signed-in user on its own connection, counting what it did."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.http = requests.Session()
        r = self.http.post(
            base + "/api/v1/auth/login",
            json={"username": username, "password": PASSWORD},
            timeout=60,
        )
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        self.username = username
        self.latencies: dict[str, list[float]] = {"read": [], "write": []}
        self.errors: Counter[str] = Counter()

    def call(
        self, kind: str, method: str, path: str, ok: int = 200, prefix: str = "/api/v1", **kw: Any
    ) -> Any:
        """One request; `kind` is read or write. Returns the JSON (None on an error)."""
        start = time.perf_counter()
        try:
            r = self.http.request(method, self.base + prefix + path, timeout=120, **kw)
        except requests.RequestException as exc:
            self.errors[f"{method} {path.split('/')[1]}: {type(exc).__name__}"] += 1
            return None
        ms = (time.perf_counter() - start) * 1000
        if r.status_code != ok:
            route = "/".join(p for p in path.split("?")[0].split("/") if not p.isdigit())
            self.errors[f"{method} {route}: {r.status_code} {r.text[:120]}"] += 1
            return None
        self.latencies[kind].append(ms)
        return r.json() if r.content else {}


class Probe:
    """What the run cost where it ran, less sensitive to the shared machine's load than rates:
    the CPU seconds of the API processes and of the database's backends for this database
    (from /proc: PostgreSQL on this machine), and pg_stat_activity sampled every 0.1 s (how many
    sessions wait for a lock, how many of those for the audit head row, how many are idle in a
    transaction). PostgreSQL only; empty on SQLite or without /proc. With `server_pid` None (a
    server elsewhere, `--base-url`) only the sessions are sampled: no CPU figures."""

    def __init__(self, server_pid: int | None, url: str) -> None:
        self.server_pid, self.url = server_pid, url
        self.local = server_pid is not None and Path("/proc/self/stat").exists()
        self.enabled = url.startswith("postgresql") and (self.local or server_pid is None)
        self.samples: list[tuple[int, int, int, int]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._cpu0: dict[str, dict[int, float]] = {}

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _api_pids(self) -> list[int]:
        assert self.server_pid is not None  # called only when self.local
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == self.server_pid:
                pids.append(int(stat.parent.name))
        return [self.server_pid, *pids]

    def _connect(self) -> Any:
        import psycopg  # PostgreSQL runs only

        return psycopg.connect(self.url.replace("postgresql+psycopg://", "postgresql://"))

    def _db_pids(self, conn: Any) -> list[int]:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
        return [int(r[0]) for r in rows]

    def _snapshot(self, conn: Any) -> dict[str, dict[int, float]]:
        out: dict[str, dict[int, float]] = {"api": {}, "db": {}}
        if not self.local:
            return out
        for kind, pids in (("api", self._api_pids()), ("db", self._db_pids(conn))):
            for pid in pids:
                cpu = self._cpu(pid)
                if cpu is not None:
                    out[kind][pid] = cpu
        return out

    def _sample(self) -> None:
        with self._connect() as conn:
            conn.autocommit = True
            while not self._stop.wait(0.1):
                row = conn.execute(
                    "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                    " count(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE"
                    " '%audit_head%'), count(*) FILTER (WHERE state = 'idle in transaction'),"
                    " count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchone()
                self.samples.append(tuple(int(x) for x in row))  # type: ignore[arg-type]

    def start(self) -> None:
        if not self.enabled:
            return
        self._stop.clear()  # a scenario may measure several phases (floor)
        self.samples = []
        with self._connect() as conn:
            self._cpu0 = self._snapshot(conn)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def finish(self, requests_done: int) -> dict[str, Any]:
        if not self.enabled or self._thread is None:
            return {}
        self._stop.set()
        self._thread.join(5)
        with self._connect() as conn:
            end = self._snapshot(conn)
        cpu = {
            kind: round(sum(v - self._cpu0[kind].get(pid, 0.0) for pid, v in end[kind].items()), 2)
            for kind in ("api", "db")
        }
        n = max(1, len(self.samples))
        mean = [round(sum(s[i] for s in self.samples) / n, 2) for i in range(4)]
        per = max(1, requests_done)
        sessions = dict(
            zip(("lock_wait", "audit_head_wait", "idle_in_tx", "active"), mean, strict=True)
        )
        if not self.local:
            return {"sessions_mean": sessions}
        return {
            "cpu_s": cpu,
            "cpu_ms_per_request": {k: round(v * 1000 / per, 2) for k, v in cpu.items()},
            "sessions_mean": sessions,
        }


PROBE: Probe | None = None
"""Set by main for the run (scenarios measure between their clients' sign-in and the end)."""


def _probe_start() -> None:
    if PROBE is not None:
        PROBE.start()


def _probe_finish(result: dict[str, Any]) -> dict[str, Any]:
    done = result["write"]["ok"] + result["read"]["ok"]
    return {**result, "probe": PROBE.finish(done)} if PROBE is not None else result


def _tag(body: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{body["version"]}"'}


def registrar_step(c: Client, n: int) -> None:
    """Create an entry, edit it (If-Match), submit it: three mutations."""
    body = {**ENTRY, "name": f"压测目录{c.username}{n}号"}
    entry = c.call("write", "POST", "/catalog/entries", ok=201, json=body)
    if entry is None:
        return
    body["summary"] = str(ENTRY["summary"]) + f"第{n}次修订。"
    entry = c.call(
        "write", "PUT", f"/catalog/entries/{entry['id']}", json=body, headers=_tag(entry)
    )
    if entry is not None:
        c.call("write", "POST", f"/catalog/entries/{entry['id']}/submit", headers=_tag(entry))


def reviewer_step(c: Client, _n: int) -> None:
    """Approve what waits in the department (one read, then one mutation per entry)."""
    page = c.call("read", "GET", "/catalog/entries?status=submitted&limit=20")
    waiting = [] if page is None else page["items"]
    for item in waiting:
        c.call("write", "POST", f"/catalog/entries/{item['id']}/dept-approve")
    if not waiting:
        time.sleep(0.05)  # nothing yet: do not spin on the list


def asker_step(c: Client, n: int, entries: list[dict[str, Any]]) -> None:
    """A share request: create, edit (If-Match), submit, withdraw: four mutations."""
    entry = entries[n % len(entries)]
    body = {
        "entry_id": entry["id"], "data_items": entry["items"][:1], "business": "压力测试业务",
        "users": "窗口受理人员", "share_mode": "interface", "reason": "压力测试：核验身份",
        "end_date": entry["end_date"],
    }  # fmt: skip
    req = c.call("write", "POST", "/requests", ok=201, json=body)
    if req is None:
        return
    body["reason"] = f"压力测试：核验身份（第{n}次修订）"
    req = c.call("write", "PUT", f"/requests/{req['id']}", json=body, headers=_tag(req))
    if req is None:
        return
    req = c.call("write", "POST", f"/requests/{req['id']}/submit")
    if req is not None:
        c.call("write", "POST", f"/requests/{req['id']}/withdraw")


def reader_step(c: Client, n: int) -> None:
    """A search, a listing page or an entry's detail (the share catalog's reader)."""
    kind = n % 4
    if kind in (0, 1):
        c.call("read", "GET", "/catalog/share-catalog", params={"q": QUERIES[n % len(QUERIES)]})
    elif kind == 2:
        page = c.call("read", "GET", "/catalog/share-catalog", params={"offset": n % 200})
        if page and page["items"]:
            c.call("read", "GET", f"/catalog/entries/{page['items'][0]['id']}")
    else:
        c.call("read", "GET", "/requests", params={"limit": 20})


def conditional_entries(c: Client) -> list[dict[str, Any]]:
    """Published conditional entries of other departments, with their data item names."""
    mine = c.call("read", "GET", "/me")["department"]["id"]
    page = c.call("read", "GET", "/catalog/share-catalog?share_type=conditional&limit=50")
    end = (date.today() + timedelta(days=150)).isoformat()
    found = []
    for item in page["items"] if page else []:
        detail = c.call("read", "GET", f"/catalog/entries/{item['id']}")
        if detail and detail["department_id"] != mine:
            names = [d["name"] for d in detail["data_items"]]
            found.append({"id": item["id"], "items": names, "end_date": end})
        if len(found) >= 10:
            break
    if not found:
        raise RuntimeError("no published conditional entry to ask for: seed the demo city")
    return found


def writer_roster(base: str) -> list[tuple[Client, Callable[[Client, int], None]]]:
    """The 20 writing users: 8 registrars, 8 reviewers, 4 applicants."""
    roster: list[tuple[Client, Callable[[Client, int], None]]] = []
    for dept in WRITER_DEPTS:
        roster.append((Client(base, f"{dept}_registrar"), registrar_step))
        roster.append((Client(base, f"{dept}_catalog_reviewer"), reviewer_step))
    for dept in ASKER_DEPTS:
        asker = Client(base, f"{dept}_applicant")
        entries = conditional_entries(asker)

        def step(c: Client, n: int, entries: list[dict[str, Any]] = entries) -> None:
            asker_step(c, n, entries)

        roster.append((asker, step))
    return roster


def drive(
    roster: list[tuple[Client, Callable[[Client, int], None]]], seconds: float
) -> dict[str, Any]:
    """Every client runs its step in a loop until `seconds` have passed."""
    stop = time.monotonic() + seconds
    start = threading.Barrier(len(roster) + 1)

    def loop(client: Client, step: Callable[[Client, int], None]) -> None:
        start.wait()
        for n in itertools.count():
            if time.monotonic() >= stop:
                return
            step(client, n)

    threads = [threading.Thread(target=loop, args=pair) for pair in roster]
    for t in threads:
        t.start()
    _probe_start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join(seconds + 300)
    wall = time.perf_counter() - began
    return _probe_finish(summarize([c for c, _ in roster], wall))


def summarize(clients: list[Client], wall: float) -> dict[str, Any]:
    out: dict[str, Any] = {"clients": len(clients), "seconds": round(wall, 2)}
    for kind in ("write", "read"):
        ms = [x for c in clients for x in c.latencies[kind]]
        out[kind] = {"ok": len(ms), "per_second": round(len(ms) / wall, 1)}
        if ms:
            out[kind].update(stats(ms))
    errors: Counter[str] = Counter()
    for c in clients:
        errors.update(c.errors)
    out["errors"] = dict(errors.most_common(20))
    out["error_count"] = sum(errors.values())
    return out


def scenario_writes(base: str, args: argparse.Namespace) -> dict[str, Any]:
    return drive(writer_roster(base), args.seconds)


def scenario_search(base: str, args: argparse.Namespace) -> dict[str, Any]:
    clients = [Client(base, f"{d}_applicant") for d in itertools.islice(
        itertools.cycle(WRITER_DEPTS + ASKER_DEPTS), args.clients)]  # fmt: skip
    counter = itertools.count()

    def step(c: Client, _n: int) -> None:
        i = next(counter)
        if i >= args.requests:
            raise StopIteration
        c.call("read", "GET", "/catalog/share-catalog", params={"q": QUERIES[i % len(QUERIES)]})

    def loop(c: Client) -> None:
        for n in itertools.count():
            try:
                step(c, n)
            except StopIteration:
                return

    for c in clients:  # warm each connection and the server's caches
        c.call("read", "GET", "/catalog/share-catalog", params={"q": QUERIES[0]})
        c.latencies["read"].clear()
    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    _probe_start()
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(3600)
    return _probe_finish(summarize(clients, time.perf_counter() - began))


def scenario_soak(base: str, args: argparse.Namespace) -> dict[str, Any]:
    writers = writer_roster(base)
    readers: list[tuple[Client, Callable[[Client, int], None]]] = []
    depts = itertools.cycle(WRITER_DEPTS + ASKER_DEPTS)
    for _ in range(max(0, args.clients - len(writers))):
        readers.append((Client(base, f"{next(depts)}_applicant"), reader_step))
    return drive(writers + readers, args.seconds)


def scenario_floor(base: str, args: argparse.Namespace) -> dict[str, Any]:
    depts = itertools.cycle(WRITER_DEPTS + ASKER_DEPTS)
    clients = [Client(base, f"{next(depts)}_applicant") for _ in range(args.clients)]
    out: dict[str, Any] = {}
    for path, prefix in (("/healthz", ""), ("/me", "/api/v1")):

        def step(c: Client, _n: int, path: str = path, prefix: str = prefix) -> None:
            c.call("read", "GET", path, prefix=prefix)

        for c in clients:  # warm each connection
            c.call("read", "GET", path, prefix=prefix)
            c.latencies["read"].clear()
            c.errors.clear()
        out[path] = drive([(c, step) for c in clients], args.seconds / 2)
    me, healthz = out["/me"], out["/healthz"]
    # the run's errors are both phases' (its exit status follows them)
    errors = {**healthz["errors"], **me["errors"]}
    error_count = me["error_count"] + healthz["error_count"]
    return {**me, "healthz": healthz, "errors": errors, "error_count": error_count}


SCENARIOS = {
    "writes": scenario_writes,
    "search": scenario_search,
    "soak": scenario_soak,
    "floor": scenario_floor,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument(
        "--database-url",
        help="the database of the server started here (or, with --base-url, a PostgreSQL URL "
        "whose sessions the probe samples: optional)",
    )
    parser.add_argument(
        "--base-url", help="aim at a platform already running there (http://HOST:PORT)"
    )
    parser.add_argument("--workers", type=int, default=4, help="API processes")
    parser.add_argument("--plain-uvicorn", action="store_true", help="`uvicorn --workers N`")
    parser.add_argument("--seconds", type=float, default=None, help="writes 30, soak 60")
    parser.add_argument("--clients", type=int, default=None, help="search 20, soak 100")
    parser.add_argument("--requests", type=int, default=2000, help="search: how many")
    parser.add_argument("--label", default="", help="added to the result file's name")
    parser.add_argument("--note", default="", help="recorded in the result (e.g. 'loaded')")
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (60.0 if args.scenario == "soak" else 30.0)
    args.clients = args.clients or (100 if args.scenario == "soak" else 20)
    if not (1 <= args.seconds <= 600 and 1 <= args.requests <= 100_000 and args.clients <= 500):
        parser.error("bounded runs only: --seconds ≤ 600, --requests ≤ 100000, --clients ≤ 500")
    if not args.base_url and not args.database_url:
        parser.error("give --database-url (a server started here) or --base-url (one running)")
    if args.base_url and not args.base_url.startswith(("http://", "https://")):
        parser.error("--base-url: http://HOST:PORT or https://HOST:PORT")
    load_before = loadavg()
    server: Server | Remote
    if args.base_url:
        server = Remote(args.base_url)
    else:
        server = Server(args.database_url, args.workers, args.plain_uvicorn)
    global PROBE
    PROBE = Probe(server.proc.pid if isinstance(server, Server) else None, args.database_url or "")
    try:
        try:
            server.wait()
        except RuntimeError as exc:
            print(f"bench_load: {exc}", file=sys.stderr)
            return 2
        result = SCENARIOS[args.scenario](server.base, args)
    finally:
        server.stop()
    url = args.database_url or ""
    dialect = "postgresql" if url.startswith("postgresql") else "sqlite" if url else "remote"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(server, Remote):
        where = {
            "server": server.base,
            "server_version": server.version,
            "launcher": "already running (--base-url)",
        }
    else:
        where = {"server": "started here, 127.0.0.1", "workers": args.workers,
                 "launcher": "uvicorn --workers" if args.plain_uvicorn
                 else "govshare_platform.workers"}  # fmt: skip
    meta = {"scenario": args.scenario, "database": dialect, "label": args.label,
            "note": args.note, "at": stamp, **where,
            "commit": commit(),
            "cpus": os.cpu_count(), "loadavg_before": load_before,
            "loadavg_after": loadavg()}  # fmt: skip
    print(json.dumps({**meta, **result}, ensure_ascii=False, indent=1))
    name = "-".join(p for p in ("load", args.scenario, dialect, args.label, stamp) if p)
    out = HERE / "results" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({**meta, **result}, ensure_ascii=False, indent=1))
    print(f"wrote {out}")
    return 0 if result["error_count"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
