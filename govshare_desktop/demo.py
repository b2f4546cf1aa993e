"""The embedded demo platform: the reference platform in this process, on 127.0.0.1.

The only desktop module that imports govshare_platform (DESIGN §2). `EmbeddedPlatform.start`
blocks for a while (imports, migrations, and on the first run the demo city's seed, ~20 s):
call it off the UI thread. The server runs in a daemon thread with the maintenance sweeps on.

Data: SQLite at user_data_dir("GovShare")/demo/platform.db, or under `data_dir`
(GOVSHARE_DEMO_DIR overrides the default).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from platformdirs import user_data_path

STAGES = ("import", "migrate", "seed", "serve", "ready")
"""What `start` reports, in order ("seed" only on the first run)."""


def default_demo_dir() -> Path:
    override = os.environ.get("GOVSHARE_DEMO_DIR")
    return Path(override) if override else user_data_path("GovShare", appauthor=False) / "demo"


class EmbeddedPlatform:
    """The demo platform: migrate, seed on first run, serve on a free local port."""

    def __init__(self, data_dir: Path | None = None, *, maintenance_minutes: int = 60) -> None:
        self.data_dir = data_dir or default_demo_dir()
        self.maintenance_minutes = maintenance_minutes
        self.url = ""
        self.accounts: list[dict[str, Any]] = []
        self.seeded_now = False
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "platform.db"

    def start(self, report: Callable[[str], None] = lambda stage: None) -> str:
        """Bring the platform up and return its base URL (blocking; not on the UI thread)."""
        report("import")
        import uvicorn

        from govshare_platform.app import create_app
        from govshare_platform.migrate import upgrade
        from govshare_platform.seed import demo_accounts, seed_demo
        from govshare_platform.settings import Settings

        self.accounts = demo_accounts()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{self.db_path}"
        report("migrate")
        upgrade(url)
        settings = Settings(database_url=url, maintenance_interval_minutes=self.maintenance_minutes)
        if not self._has_data(url):
            report("seed")
            self.seeded_now = bool(seed_demo(settings).get("seeded"))
        report("serve")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="demo-platform", daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{port}"
        self._wait_healthy()
        report("ready")
        return self.url

    def _has_data(self, url: str) -> bool:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return bool(conn.execute(text("SELECT count(*) FROM departments")).scalar())
        finally:
            engine.dispose()

    def _wait_healthy(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the demo platform did not answer at {self.url}")

    def stop(self, timeout: float = 5.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
