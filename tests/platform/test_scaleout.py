"""Several API processes on one PostgreSQL database (docs/security.md "Running several API
processes"): two real uvicorn processes serve the same platform; what one does, the other sees
(sessions, the policy, the calendar, idempotent replays, the lockout); their maintenance sweeps,
which wake at the same moments, run once (the sweep's advisory lock, govshare_platform.maintenance).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
import uvicorn
from sqlalchemy import func, select, update

from govshare_core.vocab import Role
from govshare_platform import clock, workers
from govshare_platform.assessment.models import ConformanceCheck
from govshare_platform.audit import service as audit
from govshare_platform.audit.models import AuditEvent
from govshare_platform.requests.models import ShareRequest
from tests import server_support
from tests.platform.catalog_helpers import entry_payload
from tests.platform.conftest import PASSWORD, World
from tests.platform.test_access_matrix import make_request

ROOT = Path(__file__).resolve().parents[2]
SWEEP_SECONDS = 1.0
# One API process: the app from GOVSHARE_* (as `serve` builds it) with its maintenance
# scheduler every SWEEP_SECONDS (the setting counts whole minutes), debug logs to stdout.
LAUNCH = """
import sys
import uvicorn
from govshare_platform import logs
from govshare_platform.app import create_app
from govshare_platform.maintenance import Scheduler
logs.configure(verbose=True, stream=sys.stdout)
app = create_app()
Scheduler(app.state.session_factory, float(sys.argv[2])).start()
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None, log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Process:
    def __init__(self, db_url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {
            **os.environ,
            "GOVSHARE_DATABASE_URL": db_url,
            "GOVSHARE_ARGON2_TIME_COST": "1",
            "GOVSHARE_ARGON2_MEMORY_KIB": str(8 * 1024),
            "GOVSHARE_LOCKOUT_THRESHOLD": "3",
            "GOVSHARE_MAINTENANCE_INTERVAL_MINUTES": "0",
            # every process uses the same CA (its files and passphrase)
            "GOVSHARE_CA_DIR": str(server_support.test_ca_dir()),
            "GOVSHARE_CA_PASSPHRASE": server_support.TEST_CA_PASSPHRASE,
        }
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", LAUNCH, str(self.port), str(SWEEP_SECONDS)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def url(self, path: str) -> str:
        return f"{self.base}/api/v1{path}"

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(self.log.read_text(errors="replace"))
            try:
                if requests.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.1)
        raise AssertionError(f"not up in time:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def overdue(world: World) -> list[int]:
    """Three submitted share requests past their review deadline (their entries published,
    none checked for conformance yet): work for the first sweep."""
    ids = [make_request(world, "consumer", "submitted") for _ in range(3)]
    with world.session() as s:
        past = clock.today() - timedelta(days=20)
        s.execute(update(ShareRequest).where(ShareRequest.id.in_(ids)).values(review_due=past))
        s.commit()
    return ids


@pytest.fixture
def two(db_url: str, overdue: list[int], tmp_path: Path) -> Iterator[tuple[Process, Process]]:
    procs = (Process(db_url, tmp_path / "one.log"), Process(db_url, tmp_path / "two.log"))
    try:
        deadline = time.monotonic() + 90
        for p in procs:
            p.wait_ready(deadline)
        yield procs
    finally:
        for p in procs:
            p.stop()


def _wait_escalated(world: World, ids: list[int]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with world.session() as s:
            done = s.scalar(
                select(func.count())
                .select_from(ShareRequest)
                .where(ShareRequest.id.in_(ids), ShareRequest.escalated.is_(True))
            )
        if done == len(ids):
            return
        time.sleep(0.2)
    raise AssertionError("the sweep did not run")


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_processes(world: World, overdue: list[int], two: tuple[Process, Process]) -> None:
    """One pair of processes (starting them is the slow part) for both checks."""
    _everything_shared(world, two)
    _sweeps_ran_once(world, overdue, two)


def _everything_shared(world: World, two: tuple[Process, Process]) -> None:
    one, other = two
    pa = world.h("P", Role.PLATFORM_ADMIN)
    # a session started on one process works on the other, and ends on both
    r = requests.post(
        one.url("/auth/login"), json={"username": "a_registrar", "password": PASSWORD}
    )
    assert r.status_code == 200, r.text
    mine = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert requests.get(other.url("/me"), headers=mine).json()["user"]["username"] == "a_registrar"
    # an entry created on one process; the same Idempotency-Key replayed on the other
    body, key = entry_payload(name="跨进程登记的目录"), {"Idempotency-Key": "scale-1"}
    first = requests.post(one.url("/catalog/entries"), json=body, headers=mine | key)
    again = requests.post(other.url("/catalog/entries"), json=body, headers=mine | key)
    assert first.status_code == 201, first.text
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert requests.post(other.url("/auth/logout"), headers=mine).status_code == 204
    assert requests.get(one.url("/me"), headers=mine).status_code == 401
    # the policy and the calendar changed through one are what the other applies
    policy = requests.get(other.url("/policy"), headers=pa).json()
    tag = {"If-Match": f'"{policy["version"]}"'}
    days = policy["review_working_days"] + 2
    r = requests.patch(one.url("/policy"), json={"review_working_days": days}, headers=pa | tag)
    assert r.status_code == 200, r.text
    assert requests.get(other.url("/policy"), headers=pa).json()["review_working_days"] == days
    stale = requests.patch(other.url("/policy"), json={"review_working_days": 5}, headers=pa | tag)
    assert stale.status_code == 412
    day = "2026-12-05"  # a Saturday made a working day
    r = requests.put(
        one.url(f"/workdays/overrides/{day}"),
        json={"day": day, "working": True, "note": "调休上班"},
        headers=pa,
    )
    assert r.status_code == 200, r.text
    got = requests.get(other.url("/workdays/overrides?year=2026"), headers=pa).json()
    assert {"day": day, "working": True} in [{k: o[k] for k in ("day", "working")} for o in got]
    # failed sign-ins counted on both processes lock the account on both (threshold 3)
    wrong = {"username": "b_registrar", "password": "not-the-password-1"}
    codes = [requests.post(p.url("/auth/login"), json=wrong).status_code for p in (one, other, one)]
    assert codes == [401, 401, 401], codes
    right = {"username": "b_registrar", "password": PASSWORD}
    assert requests.post(other.url("/auth/login"), json=right).status_code == 423


def _sweeps_ran_once(world: World, overdue: list[int], two: tuple[Process, Process]) -> None:
    """Both processes' schedulers wake every second at the same moments; after the first
    sweep and three more rounds, each overdue request was escalated once, each entry checked
    once, and no sweep failed."""
    _wait_escalated(world, overdue)
    time.sleep(3 * SWEEP_SECONDS)
    with world.session() as s:
        actions = dict(
            s.execute(select(AuditEvent.action, func.count()).group_by(AuditEvent.action)).all()
        )
        escalated = s.scalars(
            select(AuditEvent.object_id).where(AuditEvent.action == "request_escalated")
        ).all()
        checks = s.execute(
            select(ConformanceCheck.entry_id, func.count()).group_by(ConformanceCheck.entry_id)
        ).all()
        assert audit.verify_chain(s).ok
    assert sorted(escalated) == sorted(str(i) for i in overdue)
    assert actions["maintenance_run"] == 1
    assert actions["conformance_checked"] == 1
    assert len(checks) == len(overdue) and {n for _e, n in checks} == {1}, checks
    logs = [p.log.read_text(errors="replace") for p in two]
    assert not any("maintenance sweep failed" in text for text in logs), logs
    assert sum(text.count("maintenance sweep: {") for text in logs) == 1, logs


def test_the_workers_launcher_keeps_tcp_nodelay() -> None:
    """`uvicorn --workers N` binds its socket without IPPROTO_TCP, so asyncio leaves Nagle on
    for accepted connections (+40 ms per keep-alive request); govshare_platform.workers
    re-makes the socket from its descriptor, which reports TCP."""
    config = uvicorn.Config("govshare_platform.workers:app_factory", host="127.0.0.1", port=0)
    sock = workers.tcp_socket(config.bind_socket())  # uvicorn 0.54's has proto 0 (#3149)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
