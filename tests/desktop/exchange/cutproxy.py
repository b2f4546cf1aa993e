"""A loopback proxy that cuts answers short (tests only): it forwards each request to the
platform, then sends the answer's head and only `keep` of its body before closing — a stream
broken mid-way, as when the network drops or the platform stops a revoked grant's download.

    with CutProxy(live_server.url, keep=0.5) as proxy:
        client = PlatformClient(proxy.url)
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit


class CutProxy:
    def __init__(self, upstream: str, *, keep: float = 0.5, match: str = "") -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.keep = keep
        self.match = match.encode()
        self.cut = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> CutProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self.listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            data = conn.recv(65536)
            if not data:
                return
            request += data
        head, _, body = request.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            body += conn.recv(65536)
        lines = [x for x in head.split(b"\r\n") if not x.lower().startswith(b"connection:")] + [
            b"Connection: close"
        ]
        with socket.create_connection(self.upstream, timeout=10) as up:
            up.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
            answer = b""
            while data := up.recv(65536):
                answer += data
        answer_head, _, answer_body = answer.partition(b"\r\n\r\n")
        if self.match and self.match not in head.split(b"\r\n")[0]:
            conn.sendall(answer)
            return
        self.cut += 1
        conn.sendall(answer_head + b"\r\n\r\n" + answer_body[: int(len(answer_body) * self.keep)])
