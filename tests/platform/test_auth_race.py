"""Finding 1: twenty wrong passwords at once against a uvicorn server on PostgreSQL. The
failures are counted atomically (the lockout comes after exactly `lockout_threshold` of
them), every attempt writes its `login_failed` event, nothing answers 500, and another user
signing in meanwhile is not disturbed."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import requests
from sqlalchemy import select

from govshare_platform.audit.models import AuditEvent
from govshare_platform.audit.service import verify_chain
from govshare_platform.auth.throttle import LoginThrottle
from govshare_platform.departments.models import User
from govshare_platform.local_server import LocalServer
from tests.platform.conftest import PASSWORD, World

GUESSES = 20


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_parallel_wrong_passwords(world: World) -> None:
    world.app.state.login_throttle = LoginThrottle(1000, 900)  # the lockout alone, here
    with world.session() as s:
        version = s.scalar(select(User.version).where(User.username == "a_registrar"))
    start = threading.Barrier(GUESSES + 1)
    statuses: list[int] = []

    def post(url: str, username: str, password: str) -> None:
        with requests.Session() as http:
            start.wait()
            body = {"username": username, "password": password}
            statuses.append(http.post(url, json=body, timeout=60).status_code)

    with LocalServer(world.app) as server:
        url = server.url + "/api/v1/auth/login"
        threads = [
            threading.Thread(target=post, args=(url, "a_registrar", f"Guess-{i:02d}xyz"))
            for i in range(GUESSES)
        ]
        threads.append(threading.Thread(target=post, args=(url, "b_applicant", PASSWORD)))
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        locked = requests.post(url, json={"username": "a_registrar", "password": PASSWORD})

    assert sorted(statuses) == [200] + [401] * GUESSES, statuses
    assert locked.status_code == 423 and locked.json()["code"] == "account_locked"
    with world.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
        reasons = Counter(e.details["reason"] for e in events if e.actor_name == "a_registrar")
        user = s.scalar(select(User).where(User.username == "a_registrar"))
        assert verify_chain(s).ok
    threshold = world.app.state.settings.lockout_threshold
    assert reasons == {
        "wrong password": threshold - 1,
        "wrong password; account locked": 1,
        "account locked": GUESSES - threshold + 1,  # 20 guesses + the right password
    }, reasons
    assert user is not None and user.locked_until is not None and user.version == version
