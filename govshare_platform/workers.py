"""Several API processes on one host (docs/security.md, "Running several API processes").

    GOVSHARE_DATABASE_URL=postgresql+psycopg://… python -m govshare_platform.workers --workers 4

uvicorn's multiprocess supervisor runs `--workers` processes, each serving the platform from the
GOVSHARE_* settings (as `govshare-platform serve` does, without migrating: run `govshare-platform
init-db` first), on one listening socket.

Why not `uvicorn --workers N`: its supervisor makes the listening socket without naming the TCP
protocol, accepted connections inherit that, and asyncio then leaves Nagle's algorithm on for
them, so every keep-alive request after a connection's first waits for the client's delayed ACK
(uvicorn issue #3149, Linux). Measured here with one client searching the catalog: p50 36 ms
with one process, 75 ms with `uvicorn --workers 4`. This launcher re-makes the socket from its
descriptor, which reports the real protocol, so TCP_NODELAY is set again.
"""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Sequence

from fastapi import FastAPI

from govshare_platform import logs


def app_factory() -> FastAPI:
    """Each worker process's app, logging one line per event to stdout (as `serve`)."""
    from govshare_platform.app import create_app

    logs.configure()
    return create_app()


def tcp_socket(sock: socket.socket) -> socket.socket:
    """The same listening socket, its protocol read from the descriptor (IPPROTO_TCP)."""
    return socket.socket(fileno=sock.detach())


def main(argv: Sequence[str] | None = None) -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from govshare_platform.settings import Settings

    parser = argparse.ArgumentParser(
        prog="python -m govshare_platform.workers", description=__doc__
    )
    parser.add_argument("--workers", type=int, default=2, help="API processes (default 2)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8600)
    parser.add_argument("--log-level", default="info")
    parser.add_argument(
        "--timeout-keep-alive", type=int, default=5, help="seconds an idle connection stays open"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    config = uvicorn.Config(
        "govshare_platform.workers:app_factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_level=args.log_level,
        log_config=None,  # app_factory routes uvicorn's loggers through logs.configure
        server_header=False,
        timeout_keep_alive=args.timeout_keep_alive,
        # X-Forwarded-For is believed only from the configured proxies (as `serve`)
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )
    Multiprocess(config, sockets=[tcp_socket(config.bind_socket())]).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
