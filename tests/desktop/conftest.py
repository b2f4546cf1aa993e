"""Desktop fixtures: a REAL platform server on 127.0.0.1 (uvicorn in a thread, SQLite in a temp
directory) with departments P (platform), A, B and one user per role, and a signed-in
AppContext for any of them. No mocks of our own API.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import LocalStore
from govshare_desktop.sync.engine import SyncTiming
from govshare_platform.app import create_app
from govshare_platform.auth.passwords import hasher
from govshare_platform.departments.models import Department, User, UserRole
from govshare_platform.local_server import LocalServer
from govshare_platform.migrate import upgrade
from govshare_platform.settings import Settings

PASSWORD = "Demo-Passw0rd!"
TEST_TIMING = SyncTiming(probe_interval_ms=60_000, backoff_ms=100, max_backoff_ms=400)
"""The tests' sync engines: no periodic probe (tests probe or sync explicitly), short backoff."""
DEPARTMENTS = {
    "P": ("南通市大数据管理局", "11320600MB0000001", True),
    "A": ("南通市公安局", "11320600014160001", False),
    "B": ("南通市民政局", "11320600014160002", False),
}
DEPT_ROLES = (Role.REGISTRAR, Role.CATALOG_REVIEWER, Role.APPLICANT, Role.RESOURCE_ADMIN)
PLATFORM_ROLES = (Role.PLATFORM_ADMIN, Role.SUPERVISOR, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


@dataclass
class LiveServer:
    """A platform server in this process, listening on 127.0.0.1:port."""

    url: str
    app: object
    local: LocalServer
    users: dict[tuple[str, Role], str] = field(default_factory=dict)  # (dept, role) → username

    def username(self, dept: str, role: Role) -> str:
        return self.users[(dept, role)]

    def stop(self) -> None:
        self.local.stop()

    def session(self):  # type: ignore[no-untyped-def]
        return self.app.state.session_factory()  # type: ignore[attr-defined]


def _populate(server: LiveServer) -> None:
    ph = hasher(1, 8 * 1024)
    with server.session() as s:
        for key, (name, first17, is_platform) in DEPARTMENTS.items():
            dept = Department(
                name=name, credit_code=make_credit_code(first17), is_platform=is_platform
            )
            s.add(dept)
            s.flush()
            roles = PLATFORM_ROLES if is_platform else DEPT_ROLES
            for role in roles:
                username = f"{key.lower()}_{role.value}"
                s.add(
                    User(
                        username=username,
                        full_name=f"{name[3:]}{role.label_zh}",
                        password_hash=ph.hash(PASSWORD),
                        department_id=dept.id,
                        role_rows=[UserRole(role=role.value)],
                    )
                )
                server.users[(key, role)] = username
        s.commit()


def start_server(db_path: Path, port: int | None = None) -> LiveServer:
    url = f"sqlite:///{db_path}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        argon2_time_cost=1,
        argon2_memory_kib=8 * 1024,
        lockout_threshold=3,
        maintenance_interval_minutes=0,
    )
    app = create_app(settings)
    local = LocalServer(app, port=port or 0).start()
    return LiveServer(local.url, app, local)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(tmp_path / "platform.db")
    _populate(server)
    yield server
    server.stop()


@pytest.fixture
def make_context(live_server: LiveServer, tmp_path: Path, qapp):  # type: ignore[no-untyped-def]
    """Factory: a signed-in AppContext for the (dept, role) user, with its own offline store and
    sync engine (not started: tests call probe()/sync_now() when they need a pass)."""
    made: list[AppContext] = []

    def make(dept: str, role: Role, *, url: str | None = None) -> AppContext:
        client = PlatformClient(url or live_server.url, retries=1, backoff=0.05)
        client.login(live_server.username(dept, role), PASSWORD)
        store = LocalStore(tmp_path / f"store-{dept}-{role.value}.db")
        ctx = AppContext(
            client=client,
            store=store,
            me=client.me(),
            profile_name="test",
            sync_timing=TEST_TIMING,
        )
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.stop_sync()
        ctx.store.close()


@pytest.fixture
def desktop_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The desktop's logging configured into tmp_path/log (GOVSHARE_LOG_DIR): the log file.
    Undone afterwards (handlers, root level, exception hooks)."""
    from govshare_desktop import logs

    monkeypatch.setenv("GOVSHARE_LOG_DIR", str(tmp_path / "log"))
    try:
        path = logs.configure()
        assert path == tmp_path / "log" / logs.LOG_NAME
        yield path
    finally:
        logs.reset()
