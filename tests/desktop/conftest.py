"""Desktop fixtures: a REAL platform server on 127.0.0.1 (uvicorn in a thread, SQLite in a temp
directory) with departments P (platform), A, B and one user per role, and a signed-in
AppContext for any of them. No mocks of our own API.

One server serves the whole session; before each test that uses `live_server` its database is
restored from a template migrated and populated once, so every test starts from exactly the
same state. A test that needs a server of its own calls `start_server`.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.vocab import Role
from govshare_desktop import i18n
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import LocalStore
from govshare_desktop.sync.engine import SyncEngine, SyncTiming
from govshare_platform import db
from govshare_platform.app import create_app
from govshare_platform.departments.models import ResourceAdminFiling
from govshare_platform.local_server import LocalServer
from govshare_platform.migrate import upgrade
from tests.desktop.faultproxy import FaultProxy
from tests.server_support import PASSWORD, add_departments, fast_settings, new_user, roles_of

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_translations  # noqa: E402

TEST_TIMING = SyncTiming(probe_interval_ms=60_000, backoff_ms=100, max_backoff_ms=400)
"""The tests' sync engines: no periodic probe (tests probe or sync explicitly), short backoff."""


@dataclass
class LiveServer:
    """A platform server in this process, listening on 127.0.0.1:port."""

    url: str
    app: object
    local: LocalServer
    users: dict[tuple[str, Role], str] = field(default_factory=dict)  # (dept, role) → username
    stopped: bool = False

    def username(self, dept: str, role: Role) -> str:
        return self.users[(dept, role)]

    def stop(self) -> None:
        """Really stop the server (the shared one is started afresh for the next test)."""
        if not self.stopped:
            self.stopped = True
            self.local.stop()

    def session(self):  # type: ignore[no-untyped-def]
        return self.app.state.session_factory()  # type: ignore[attr-defined]


def _populate(session_factory: sessionmaker[Session]) -> dict[tuple[str, Role], str]:
    """Departments P, A, B and one user per role; returns (dept, role) → username."""
    users: dict[tuple[str, Role], str] = {}
    with session_factory() as s:
        for key, dept in add_departments(s).items():
            for role in roles_of(key):
                username = f"{key.lower()}_{role.value}"
                full_name = f"{dept.name[3:]}{role.label_zh}"
                user = new_user(username, dept.id, role, full_name=full_name)
                s.add(user)
                users[(key, role)] = username
                if role is Role.RESOURCE_ADMIN:  # on file (备案, 第二十八条): it decides
                    s.flush()
                    s.add(ResourceAdminFiling(department_id=dept.id, user_id=user.id, phone="1"))
        s.commit()
    return users


def start_server(db_path: Path, port: int | None = None, *, migrate: bool = True) -> LiveServer:
    """A server of its own on `db_path` (migrated unless `migrate=False`), not populated."""
    url = f"sqlite:///{db_path}"
    if migrate:
        upgrade(url)
    app = create_app(fast_settings(url))
    local = LocalServer(app, port=port or 0).start()
    return LiveServer(local.url, app, local)


def _sqlite_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


class SharedPlatform:
    """One populated template database and one server per session; `fresh()` puts the live
    database back to the template before each test (engine disposed, file copied over)."""

    def __init__(self, root: Path) -> None:
        self.template = root / "template.db"
        self.db = root / "platform.db"
        url = f"sqlite:///{self.template}"
        upgrade(url)
        engine = db.make_engine(url)
        try:
            self.users = _populate(db.make_session_factory(engine))
        finally:
            engine.dispose()  # the last connection closes: WAL checkpointed into the file
        assert not any(p.exists() for p in _sqlite_files(self.template))
        self.server: LiveServer | None = None

    def _restore(self) -> None:
        for path in _sqlite_files(self.db):
            path.unlink(missing_ok=True)
        partial = self.db.with_name(self.db.name + ".restoring")
        shutil.copyfile(self.template, partial)
        os.replace(partial, self.db)

    def fresh(self) -> LiveServer:
        server = self.server
        if server is None or server.stopped or not server.local.running:
            if server is not None:
                server.stop()
                server.app.state.engine.dispose()  # type: ignore[attr-defined]
            self._restore()
            server = self.server = start_server(self.db, migrate=False)
        else:
            engine = server.app.state.engine  # type: ignore[attr-defined]
            deadline = time.monotonic() + 10
            # a request of the previous test still running would hold a connection
            while engine.pool.checkedout() and time.monotonic() < deadline:
                time.sleep(0.01)
            engine.dispose()
            self._restore()
            # a leftover client of the previous test (a background probe) may have opened a
            # connection to the old file while it was swapped: it would answer "disk I/O
            # error" from then on; drop every connection so the next one opens the new file
            engine.dispose()
        server.users = dict(self.users)
        return server

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server.app.state.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def _shared_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedPlatform]:
    shared = SharedPlatform(tmp_path_factory.mktemp("platform"))
    yield shared
    shared.close()


@pytest.fixture
def live_server(_shared_platform: SharedPlatform) -> LiveServer:
    """The session's server with its database just restored to the populated template."""
    return _shared_platform.fresh()


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


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test runs in Chinese and again in English (the .qm built from the committed .ts)."""
    if request.param == "en":
        build_translations.release("en", tmp_path / "govshare_en.qm")
        monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "zh_CN")


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[FaultProxy]:
    """A fault proxy in front of the live server (passing everything until told otherwise)."""
    with FaultProxy(live_server.url) as p:
        yield p


@pytest.fixture
def make_engine() -> Iterator[Callable[[AppContext], SyncEngine]]:
    def make(ctx: AppContext) -> SyncEngine:
        return ctx.sync  # the context's own engine (stopped by the make_context fixture)

    yield make
