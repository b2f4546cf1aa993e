"""The platform on a free 127.0.0.1 port, served by uvicorn in a thread of this process.

Used where the platform runs inside another program: the desktop's embedded demo, `seed-demo`
(which drives the real HTTP API with `requests`, so seeding needs nothing beyond the runtime
dependencies), and the test fixtures. The socket is bound before the thread starts, so the
port is known at once and no other process can take it in between.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import requests
import uvicorn


class LocalServer:
    """`with LocalServer(app) as server:` — `server.url` answers until the block ends."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        # proto must be IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections
        # only when the listening socket says TCP, and without it every keep-alive request
        # waits ~40 ms for a delayed ACK (measured: 49 ms vs 4 ms per /healthz)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.port = int(self._sock.getsockname()[1])
        self.url = f"http://{host}:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", log_config=None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._sock]},
            name=f"platform-{self.port}",
            daemon=True,
        )

    def start(self, timeout: float = 60.0) -> LocalServer:
        """Start serving and return once /healthz answers (a loaded machine may be slow)."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError(f"the platform server at {self.url} stopped while starting")
            try:
                if requests.get(self.url + "/healthz", timeout=5).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the platform did not answer at {self.url} within {timeout:.0f} s")

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._sock.close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
