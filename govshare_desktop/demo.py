"""The embedded demo platform: the reference platform in this process, on 127.0.0.1.

The only desktop module that imports govshare_platform (docs/design.md §2). `EmbeddedPlatform.start`
blocks for a while (imports, migrations, and on the first run the demo city's seed, ~20 s):
call it off the UI thread. The server runs in a daemon thread with the maintenance sweeps on.

Data: SQLite at user_data_dir("GovShare")/demo/platform.db, or under `data_dir`
(GOVSHARE_DEMO_DIR overrides the default); the demo CA in `ca/` beside it, the audit key and its
checkpoint file in `audit/` (created at the first start).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from govshare_desktop import host

STAGES = ("import", "migrate", "seed", "serve", "ready")
"""What `start` reports, in order ("seed" only on the first run)."""


class EmbeddedPlatform:
    """The demo platform: migrate, seed on first run, serve on a free local port."""

    def __init__(self, data_dir: Path | None = None, *, maintenance_minutes: int = 60) -> None:
        self.data_dir = data_dir or host.demo_dir()
        self.maintenance_minutes = maintenance_minutes
        self.url = ""
        self.accounts: list[dict[str, Any]] = []
        self.seeded_now = False
        self._server: Any = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "platform.db"

    def start(self, report: Callable[[str], None] = lambda stage: None) -> str:
        """Bring the platform up and return its base URL (blocking; not on the UI thread).

        May be called again after it raised (the desktop's 重试): nothing of a failed attempt
        stays behind, neither a half-seeded database nor a server thread or bound port.
        """
        if self._server is not None:
            report("ready")
            return self.url
        report("import")
        from govshare_platform.app import create_app
        from govshare_platform.audit.anchor import checkpoint_if_moved
        from govshare_platform.demo.seed import demo_accounts, has_data
        from govshare_platform.local_server import LocalServer
        from govshare_platform.migrate import upgrade

        self.accounts = demo_accounts()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = self._settings(self.db_path)
        report("migrate")
        upgrade(settings.database_url)
        if not has_data(settings):
            report("seed")
            self.seeded_now = self._seed()
        checkpoint_if_moved(settings)  # the audit admin's desk shows an anchored chain at once
        report("serve")
        app = create_app(settings)
        server = LocalServer(app)
        try:
            server.start()
        except BaseException:
            server.stop(1.0)
            app.state.engine.dispose()
            raise
        self._server = server
        self.url = server.url
        report("ready")
        return self.url

    def _settings(self, path: Path) -> Any:
        from govshare_platform.audit.anchor import ensure_key
        from govshare_platform.demo.ca import ensure_demo_ca
        from govshare_platform.settings import Settings

        return Settings(
            database_url=f"sqlite:///{path}",
            maintenance_interval_minutes=self.maintenance_minutes,
            **ensure_demo_ca(self.data_dir / "ca"),  # the agreements' signing CA (第三十条)
            **ensure_key(self.data_dir / "audit"),  # the audit trail's anchor (第二十六条)
        )

    def _seed(self) -> bool:
        """Seed the demo city into a new file, then move it over the (empty) database.

        Seeding takes a while and goes through the HTTP API in many transactions; built
        beside, a seed that fails (or a process killed meanwhile) leaves no half city behind
        that the next start would take for seeded data.
        """
        from govshare_platform.demo.seed import seed_demo
        from govshare_platform.migrate import upgrade

        partial = self.db_path.with_name(self.db_path.name + ".seeding")
        _remove_database(partial)
        settings = self._settings(partial)
        try:
            upgrade(settings.database_url)
            seeded = bool(seed_demo(settings).get("seeded"))
            with closing(sqlite3.connect(partial)) as db:  # everything into the main file
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _remove_database(self.db_path)
            partial.replace(self.db_path)
        finally:
            _remove_database(partial)
        return seeded

    def stop(self, timeout: float = 5.0) -> None:
        if self._server is not None:
            self._server.stop(timeout)
            self._server = None


def _remove_database(path: Path) -> None:
    """Delete an SQLite database with its WAL and shared-memory files, if present."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        file.unlink(missing_ok=True)
