"""HTTP hardening in front of every endpoint (issue 11, findings 10, 14 and 15).

One pure ASGI middleware, outermost, so it acts before routing, authentication and parsing:

- a request body larger than `Settings.max_body_bytes` answers 413 problem+json before anything
  is parsed (also unauthenticated); the file uploads (UPLOAD_ROUTES) keep their own, larger
  limits, which they enforce while streaming;
- a NUL character in the path, the query string or a JSON body answers 422 `nul_character`
  naming the field (PostgreSQL cannot store it in a text column);
- an unhandled exception answers 500 `internal_error` here (logged), so that it too gets the
  headers below;
- every response carries nosniff, a strict Content-Security-Policy, X-Frame-Options DENY,
  Referrer-Policy no-referrer and, unless the endpoint chose otherwise, Cache-Control no-store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI

from govshare_core.validation import FieldError
from govshare_platform.errors import PROBLEM_JSON, Problem, internal_error, log
from govshare_platform.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_ROUTES = tuple(
    re.compile(p)
    for p in (
        r"^/api/v1/catalog/entries/[^/]+/attachments$",
        r"^/api/v1/exchange/entries/[^/]+/deliveries$",
        r"^/api/v1/agreements/[^/]+/signatures$",
        r"^/api/v1/rectifications/[^/]+/evidence$",
        r"^/api/v1/usage/discrepancies/[^/]+/evidence$",
    )
)
"""POST routes that take a file as the raw body, each with its own limit (10–20 MiB, or the
delivery limit) checked while the body streams in."""

LARGE_JSON_ROUTES = {
    "/api/v1/catalog/imports": 32 * 1024 * 1024,
    "/api/v1/catalog/imports/preview": 32 * 1024 * 1024,
}
"""POST routes taking a whole parsed workbook as JSON (catalog import, up to 2,000 entries with
their data items): their own, larger body limit."""

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
API_CSP = b"default-src 'none'; frame-ancestors 'none'"
DOCS_PATHS = ("/docs", "/redoc")
"""The interactive API docs load scripts and styles: they get no API CSP (the other headers
still apply)."""


def _is_upload(method: str, path: str) -> bool:
    return method == "POST" and any(p.match(path) for p in UPLOAD_ROUTES)


def _nul_field(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or key) in `value` holding a NUL."""
    if isinstance(value, str):
        return (path or "body") if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return here
            found = _nul_field(item, here)
            if found:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _nul_field(item, f"{path}.{i}" if path else str(i))
            if found:
                return found
    return None


def nul_character(field: str) -> Problem:
    error = FieldError(
        field,
        "nul_character",
        f"{field}：不能含空字符（\\u0000）",
        f"{field}: the NUL character (\\u0000) is not allowed",
    )
    return Problem(422, "nul_character", f"{field} contains a NUL character", errors=[error])


def _query_problem(scope: Scope) -> Problem | None:
    if "\x00" in scope.get("path", ""):
        return nul_character("path")
    raw = scope.get("query_string", b"")
    if b"%00" not in raw.lower() and b"\x00" not in raw:
        return None
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return nul_character(name.replace("\x00", "") or "query")
    return None


def _body_problem(body: bytes) -> Problem | None:
    if b"\x00" in body:
        return nul_character("body")
    if b"\\u0000" not in body:
        return None
    try:
        field = _nul_field(json.loads(body))
    except (ValueError, RecursionError):
        return None  # not JSON: the endpoint's own parsing answers
    return nul_character(field) if field else None


def too_large(limit: int) -> Problem:
    return Problem(
        413, "payload_too_large", f"the request body exceeds {limit} bytes", extra={"limit": limit}
    )


class HttpGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send, scope["path"])
        problem = None
        if not _is_upload(scope["method"], scope["path"]):
            # (an upload's `filename` is cleaned by its route: a NUL there becomes "_")
            problem = _query_problem(scope)
            if problem is None:
                problem, receive = await self._buffer(scope, receive)
        if problem is not None:
            await _answer(problem, scope, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            # Starlette answers an unhandled exception from its outermost middleware, outside
            # this one, so that 500 would miss the headers: answer it here (with them).
            if started:  # too late for an answer: the connection is cut
                raise
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            await _answer(internal_error(), scope, send)

    async def _buffer(self, scope: Scope, receive: Receive) -> tuple[Problem | None, Receive]:
        """Read the whole (bounded) body first; hand the app a receive that replays it."""
        limit = max(self.max_body_bytes, LARGE_JSON_ROUTES.get(scope["path"], 0))
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return too_large(limit), receive
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: let the app see it
                return None, _replay([message], receive)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return too_large(limit), receive
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problem = _body_problem(body) if body else None
        return problem, _replay(
            [{"type": "http.request", "body": body, "more_body": False}], receive
        )


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()  # e.g. http.disconnect, which streaming responses wait for

    return replayed


def _with_headers(send: Send, path: str) -> Send:
    docs = path.startswith(DOCS_PATHS)

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {name.lower() for name, _ in headers}
            extra = list(SECURITY_HEADERS)
            if not docs:
                extra.append((b"content-security-policy", API_CSP))
            extra.append((b"cache-control", b"no-store"))
            headers += [(n, v) for n, v in extra if n not in present]
            message["headers"] = headers
        await send(message)

    return sending


async def _answer(problem: Problem, scope: Scope, send: Send) -> None:
    body = json.dumps(problem.body(scope.get("path")), ensure_ascii=False).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install(app: FastAPI, settings: Settings) -> None:
    """Wrap the app (outermost: it runs before any routing or parsing)."""
    app.add_middleware(HttpGuard, max_body_bytes=settings.max_body_bytes)
