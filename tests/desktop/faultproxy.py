"""A fault-injecting HTTP proxy on 127.0.0.1 in front of the live platform (tests only).

    with FaultProxy(live_server.url) as proxy:
        client = PlatformClient(proxy.url)
        proxy.drop()                       # the platform is unreachable
        proxy.drop_after_forward(1, match="POST ")  # processed, but the answer is lost
        proxy.fail(503, 3)                 # the next 3 requests get 503
        proxy.delay(800)                   # every request waits 800 ms
        proxy.pass_through()

One request per connection (it forwards with `Connection: close`), so every fault hits exactly
the request it is meant for. Loopback only; handler threads, request size and socket waits are
bounded so a broken test cannot hang the suite.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from govshare_platform.local_server import ThreadedServer

MAX_HEADER = 64 * 1024
MAX_BODY = 16 * 1024 * 1024
SOCKET_TIMEOUT = 15.0

PASS, DROP, DELAY, FAIL, DROP_AFTER = "pass", "drop", "delay", "fail", "drop_after_forward"


@dataclass
class _Fault:
    mode: str = PASS
    remaining: int | None = None  # None: until changed
    status: int = 503
    delay_ms: int = 0
    match: str | None = None  # substring of "METHOD /path" the fault applies to


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    action: str  # what the proxy did: pass / drop / delay / fail / drop_after_forward


class FaultProxy(ThreadedServer):
    """Threaded TCP proxy with switchable faults; `log` lists every request it saw."""

    def __init__(self, upstream: str, *, max_connections: int = 32) -> None:
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError("the fault proxy only fronts a loopback server")
        self.upstream = (parts.hostname, parts.port or 80)
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.2)
        super().__init__(listener, serve=self._serve, name="faultproxy")
        self.log: list[Seen] = []
        self._fault = _Fault()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_connections)
        self._stopping = threading.Event()
        self._handlers: set[threading.Thread] = set()

    # --- control -----------------------------------------------------------------------------

    def _request_stop(self) -> None:
        self._stopping.set()

    def stop(self, timeout: float = 5.0) -> None:
        super().stop(timeout)
        for handler in list(self._handlers):
            handler.join(timeout=SOCKET_TIMEOUT)

    def _set(self, fault: _Fault) -> None:
        with self._lock:
            self._fault = fault

    def pass_through(self) -> None:
        self._set(_Fault())

    def drop(self, count: int | None = None, *, match: str | None = None) -> None:
        """Close connections without an answer (the platform is unreachable)."""
        self._set(_Fault(DROP, count, match=match))

    def delay(self, ms: int, count: int | None = None, *, match: str | None = None) -> None:
        self._set(_Fault(DELAY, count, delay_ms=ms, match=match))

    def fail(self, status: int = 503, count: int | None = 1, *, match: str | None = None) -> None:
        """Answer `status` (problem+json) instead of forwarding, for the next `count` requests."""
        self._set(_Fault(FAIL, count, status=status, match=match))

    def drop_after_forward(self, count: int | None = 1, *, match: str | None = None) -> None:
        """Forward, let the platform process it, then close without passing the answer on."""
        self._set(_Fault(DROP_AFTER, count, match=match))

    def requests(self, method: str | None = None, path_part: str = "") -> list[Seen]:
        return [
            s
            for s in list(self.log)
            if (method is None or s.method == method) and path_part in s.path
        ]

    # --- serving -----------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._slots.acquire(timeout=SOCKET_TIMEOUT):
                conn.close()
                continue
            handler = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._handlers.add(handler)
            handler.start()

    def _take(self, method: str, path: str) -> _Fault:
        """The fault for this request (consuming one of a counted fault)."""
        with self._lock:
            fault = self._fault
            if fault.mode == PASS or (fault.match and fault.match not in f"{method} {path}"):
                return _Fault()
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._fault = _Fault()
            return fault

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(SOCKET_TIMEOUT)
            request = _read_request(conn)
            if request is None:
                return
            method, path, raw = request
            fault = self._take(method, path)
            self.log.append(Seen(method, path, fault.mode))
            if fault.mode == DROP:
                return
            if fault.mode == FAIL:
                conn.sendall(_problem(fault.status))
                return
            if fault.mode == DELAY:
                time.sleep(fault.delay_ms / 1000)
            answer = self._forward(raw)
            if fault.mode != DROP_AFTER:
                conn.sendall(answer)
        except OSError:
            pass
        finally:
            _close(conn)
            self._slots.release()
            self._handlers.discard(threading.current_thread())

    def _forward(self, raw: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=SOCKET_TIMEOUT) as up:
            up.sendall(raw)
            chunks = []
            while chunk := up.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)


def _read_request(conn: socket.socket) -> tuple[str, str, bytes] | None:
    """One HTTP/1.1 request (headers + Content-Length body), rewritten to `Connection: close`."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > MAX_HEADER:
            return None
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = [h for h in lines[1:] if not h.lower().startswith(("connection:", "keep-alive:"))]
    length = next(
        (int(h.split(":", 1)[1]) for h in headers if h.lower().startswith("content-length:")), 0
    )
    if length > MAX_BODY:
        return None
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    head_out = "\r\n".join([lines[0], *headers, "Connection: close"]).encode("latin-1")
    return method, path, head_out + b"\r\n\r\n" + body


def _problem(status: int) -> bytes:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "injected fault",
            "status": status,
            "detail": "fault proxy",
        }
    ).encode()
    reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    head = (
        f"HTTP/1.1 {status} {reason.get(status, 'Error')}\r\n"
        "Content-Type: application/problem+json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def _close(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()
