"""The platform on a free 127.0.0.1 port, served by uvicorn in a thread of this process.

Used where the platform runs inside another program: the desktop's embedded demo, `seed-demo`
(which drives the real HTTP API with `requests`, so seeding needs nothing beyond the runtime
dependencies), and the test fixtures. The socket is bound before the thread starts, so the
port is known at once and no other process can take it in between. `ThreadedServer` is that
pattern without uvicorn (the tests' fault proxy serves the same way).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import requests
import uvicorn


class ThreadedServer:
    """A server in a daemon thread of this process, listening on `sock` (bound already).

    `with server:` serves until the block ends (`start()` ... `stop()`). Subclasses say how
    the serving loop is told to end (`_request_stop`) and, when it needs time to come up, how
    to tell that it answers (`_wait_until_serving`).
    """

    def __init__(
        self,
        sock: socket.socket,
        *,
        serve: Callable[..., object],
        name: str,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        self._sock = sock
        host, port = sock.getsockname()[:2]
        self.port = int(port)
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=serve, kwargs=kwargs, name=name, daemon=True)

    @property
    def running(self) -> bool:
        """The serving thread is alive (started and not ended)."""
        return self._thread.is_alive()

    def start(self, timeout: float = 60.0) -> Self:
        """Start serving; return once the server answers (or raise after `timeout` s)."""
        self._thread.start()
        self._wait_until_serving(timeout)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the serving loop to end, wait up to `timeout` s for it, close the socket."""
        self._request_stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._sock.close()

    def _wait_until_serving(self, timeout: float) -> None:
        """The bound socket already queues connections: nothing to wait for by default."""

    def _request_stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class LocalServer(ThreadedServer):
    """`with LocalServer(app) as server:` — `server.url` answers until the block ends."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        # proto must be IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections
        # only when the listening socket says TCP, and without it every keep-alive request
        # waits ~40 ms for a delayed ACK (measured: 49 ms vs 4 ms per /healthz)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # no `server: uvicorn` header, and no X-Forwarded-For taken from a local peer (issue 11)
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="on",
            log_config=None,
            server_header=False,
            proxy_headers=False,
        )
        self._server = uvicorn.Server(config)
        super().__init__(
            sock,
            serve=self._server.run,
            name=f"platform-{sock.getsockname()[1]}",
            kwargs={"sockets": [sock]},
        )

    def _wait_until_serving(self, timeout: float) -> None:
        """Until /healthz answers (a loaded machine may be slow)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError(f"the platform server at {self.url} stopped while starting")
            try:
                if requests.get(self.url + "/healthz", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the platform did not answer at {self.url} within {timeout:.0f} s")

    def _request_stop(self) -> None:
        self._server.should_exit = True
