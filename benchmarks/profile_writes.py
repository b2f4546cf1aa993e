"""CPU of the `writes` mix in process: the ASGI app called directly (no HTTP, no server).

    python benchmarks/profile_writes.py --database-url URL [--rounds 10] [--profile out.prof]
        [--inline] [--trace]

A round is what `bench_load.py writes` does: 8 registrars create, PUT (If-Match) and submit an
entry, 8 reviewers list their department's submitted entries and approve them, 4 applicants
create, PUT, submit and withdraw a share request. Prints the process CPU (all threads,
`time.process_time`) per request and per mutation after one warm-up round. `--profile` writes a
cProfile (CPU clock) of the rounds and implies `--inline` (the thread-pool calls run in the
calling thread, so the profile sees them); `--trace` prints each request's SQL statements. The
database must hold the demo city (load_catalog.py); use a copy: the rounds add rows.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from bench_api import PASSWORD
from bench_load import ASKER_DEPTS, ENTRY, WRITER_DEPTS

API = "/api/v1"


def _inline_threadpool() -> None:
    import anyio.to_thread

    async def inline(func: Callable[..., Any], *args: Any, **_kw: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]


class Driver:
    def __init__(self, app: Any, statements: list[str], trace: bool) -> None:
        self.app, self.statements, self.trace = app, statements, trace
        self.counts = {"write": 0, "read": 0, "error": 0}

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        raw = json.dumps(body).encode() if body is not None else b""
        hdrs = [(b"host", b"bench"), (b"content-type", b"application/json")]
        hdrs.append((b"content-length", str(len(raw)).encode()))
        if token:
            hdrs.append((b"authorization", f"Bearer {token}".encode()))
        hdrs += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        path_only, _, query = (API + path).partition("?")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path_only,
            "raw_path": path_only.encode(), "query_string": query.encode(), "root_path": "",
            "headers": hdrs, "client": ("127.0.0.1", 5555), "server": ("bench", 80),
        }  # fmt: skip
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        out: dict[str, Any] = {"status": 0, "body": b""}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
            elif message["type"] == "http.response.body":
                out["body"] += message.get("body", b"")

        self.statements.clear()
        await self.app(scope, receive, send)
        if self.trace:
            print("==", method, path_only, out["status"], len(self.statements))
            for statement in self.statements:
                print("   ", " ".join(statement.split())[:160])
        return out["status"], json.loads(out["body"]) if out["body"] else None

    async def do(self, kind: str, method: str, path: str, ok: int = 200, **kw: Any) -> Any:
        status, body = await self.call(method, path, **kw)
        if status != ok:
            self.counts["error"] += 1
            print("error:", method, path, status, str(body)[:200])
            return None
        self.counts[kind] += 1
        return body

    async def login(self, username: str) -> str:
        body = {"username": username, "password": PASSWORD}
        status, answer = await self.call("POST", "/auth/login", body)
        if status != 200:
            raise RuntimeError(f"login {username}: {status} {answer}")
        return str(answer["access_token"])


def _tag(body: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{body["version"]}"'}


async def _asked(d: Driver, token: str) -> list[dict[str, Any]]:
    me = await d.do("read", "GET", "/me", token=token)
    page = await d.do(
        "read", "GET", "/catalog/share-catalog?share_type=conditional&limit=50", token=token
    )
    found: list[dict[str, Any]] = []
    for item in page["items"]:
        detail = await d.do("read", "GET", f"/catalog/entries/{item['id']}", token=token)
        if detail["department_id"] != me["department"]["id"]:
            found.append({"id": item["id"], "items": [detail["data_items"][0]["name"]]})
        if len(found) >= 5:
            break
    return found


async def _round(d: Driver, n: int, users: dict[str, Any]) -> None:
    for i, token in enumerate(users["registrars"]):
        body = {**ENTRY, "name": f"压测目录{i}-{n}-{time.time_ns()}号"}
        entry = await d.do("write", "POST", "/catalog/entries", 201, body=body, token=token)
        if entry is None:
            continue
        body["summary"] = str(ENTRY["summary"]) + f"第{n}次修订。"
        path = f"/catalog/entries/{entry['id']}"
        entry = await d.do("write", "PUT", path, body=body, token=token, headers=_tag(entry))
        if entry is not None:
            await d.do("write", "POST", f"{path}/submit", token=token, headers=_tag(entry))
    for token in users["reviewers"]:
        page = await d.do("read", "GET", "/catalog/entries?status=submitted&limit=20", token=token)
        for item in page["items"] if page else []:
            await d.do("write", "POST", f"/catalog/entries/{item['id']}/dept-approve", token=token)
    end = (date.today() + timedelta(days=150)).isoformat()
    for token, entries in users["askers"]:
        entry = entries[n % len(entries)]
        body = {
            "entry_id": entry["id"], "data_items": entry["items"], "business": "压力测试业务",
            "users": "窗口受理人员", "share_mode": "interface", "reason": "压力测试：核验身份",
            "end_date": end,
        }  # fmt: skip
        req = await d.do("write", "POST", "/requests", 201, body=body, token=token)
        if req is None:
            continue
        body["reason"] = f"压力测试：核验身份（第{n}次修订）"
        path = f"/requests/{req['id']}"
        req = await d.do("write", "PUT", path, body=body, token=token, headers=_tag(req))
        if req is not None and await d.do("write", "POST", f"{path}/submit", token=token):
            await d.do("write", "POST", f"{path}/withdraw", token=token)


async def run(args: argparse.Namespace) -> None:
    os.environ["GOVSHARE_DATABASE_URL"] = args.database_url
    os.environ["GOVSHARE_IDLE_TIMEOUT_MINUTES"] = "240"
    os.environ["GOVSHARE_MAINTENANCE_INTERVAL_MINUTES"] = "0"
    from sqlalchemy import event

    from govshare_platform.app import create_app

    app = create_app()
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_a: Any) -> None:
        statements.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", record)
    d = Driver(app, statements, args.trace)
    users: dict[str, Any] = {
        "registrars": [await d.login(f"{x}_registrar") for x in WRITER_DEPTS],
        "reviewers": [await d.login(f"{x}_catalog_reviewer") for x in WRITER_DEPTS],
        "askers": [],
    }
    for dept in ASKER_DEPTS:
        token = await d.login(f"{dept}_applicant")
        users["askers"].append((token, await _asked(d, token)))
    await _round(d, 0, users)  # warm-up
    d.counts.update(write=0, read=0)
    profile = cProfile.Profile(time.thread_time) if args.profile else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profile is not None:
        profile.enable()
    for n in range(1, args.rounds + 1):
        await _round(d, n, users)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    done = d.counts["write"] + d.counts["read"]
    print(
        f"mutations {d.counts['write']}, reads {d.counts['read']}, errors {d.counts['error']}; "
        f"CPU {cpu * 1000 / max(1, done):.2f} ms per request, "
        f"{cpu * 1000 / max(1, d.counts['write']):.2f} ms per mutation; wall {wall:.1f} s; "
        f"load {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--profile", default=None, help="write a cProfile here")
    parser.add_argument("--inline", action="store_true", help="no thread pool")
    parser.add_argument("--trace", action="store_true", help="print the SQL of each request")
    args = parser.parse_args()
    if args.inline or args.profile:
        _inline_threadpool()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
