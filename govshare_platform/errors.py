"""Errors as application/problem+json (RFC 9457) with stable machine codes.

Services raise `Problem` (or a subclass helper); the app turns it, FastAPI's validation errors
and any HTTP error into a problem body. Bad input never becomes a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from govshare_core.validation import FieldError
from govshare_core.workflow import IllegalTransition

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("govshare.platform")

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    423: "Locked",
    428: "Precondition Required",
    429: "Too Many Requests",
    503: "Service Unavailable",
    500: "Internal Server Error",
}


class Problem(Exception):
    """An error answered as problem+json: HTTP status, stable `code`, human detail."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: Sequence[FieldError] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = list(errors or [])
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://govshare.example/problems/{self.code}",
            "title": TITLES.get(self.status, "Error"),
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [e.as_dict() for e in self.errors]
        body.update(self.extra)
        return body


def internal_error() -> Problem:
    """The 500 of an unhandled exception: nothing of it reaches the client (it is logged)."""
    return Problem(500, "internal_error", "an unexpected error occurred; it was logged")


def not_found(what: str) -> Problem:
    return Problem(404, "not_found", f"{what} not found")


def forbidden(detail: str = "not allowed for your role or department") -> Problem:
    return Problem(403, "forbidden", detail)


def conflict(code: str, detail: str) -> Problem:
    return Problem(409, code, detail)


def invalid(errors: Sequence[FieldError], detail: str = "the input breaks domain rules") -> Problem:
    return Problem(422, "validation_failed", detail, errors=errors)


def _problem_response(problem: Problem, request: Request) -> JSONResponse:
    return JSONResponse(
        problem.body(request.url.path),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers,
    )


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        path = ".".join(loc) or "body"
        msg = str(err.get("msg", "invalid"))
        out.append(FieldError(path, str(err.get("type", "invalid")), f"{path}: {msg}", msg))
    return out


def install(app: FastAPI) -> None:
    """Register the problem+json handlers on the app."""

    @app.exception_handler(Problem)
    async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
        return _problem_response(exc, request)

    @app.exception_handler(IllegalTransition)
    async def _on_transition(request: Request, exc: IllegalTransition) -> JSONResponse:
        problem = conflict("illegal_transition", str(exc))
        problem.extra = {"action": exc.action, "state": exc.state}
        return _problem_response(problem, request)

    @app.exception_handler(RequestValidationError)
    async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problem = invalid(_validation_errors(exc), "the request body or parameters are invalid")
        return _problem_response(problem, request)

    @app.exception_handler(IntegrityError)
    async def _on_integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # A uniqueness or reference race lost to a concurrent request: a conflict, not a crash.
        log.info("integrity conflict on %s: %s", request.url.path, exc.orig)
        return _problem_response(
            conflict("integrity_conflict", "conflicts with existing data"), request
        )

    @app.exception_handler(StaleDataError)
    async def _on_stale(request: Request, exc: StaleDataError) -> JSONResponse:
        # A versioned row changed under a concurrent request between our read and our write
        # (PostgreSQL; SQLite's writer lock serialises): the loser's precondition failed — 412
        # when it named a version (If-Match), else a 409 to retry. Never a 500 (finding 3).
        log.info("concurrent update on %s: %s", request.url.path, exc)
        if request.headers.get("if-match") is not None:
            problem = Problem(
                412, "precondition_failed", "the object was changed by a concurrent request"
            )
        else:
            problem = conflict("concurrent_update", "the object was changed concurrently; retry")
        return _problem_response(problem, request)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def _on_out_of_range(request: Request, exc: Exception) -> JSONResponse:
        # A number too large for the database's integer columns (SQLite raises OverflowError
        # for ids beyond 64 bits; PostgreSQL a DataError): bad input, not a server fault.
        log.info("value out of range on %s: %s", request.url.path, exc)
        problem = Problem(422, "out_of_range", "a number in the request is out of range")
        if "NUL" in str(exc):  # PostgreSQL text cannot hold \x00 (http_guard catches most)
            problem = Problem(422, "nul_character", "a text in the request holds a NUL character")
        return _problem_response(problem, request)

    @app.exception_handler(Exception)
    async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # reached only without http_guard in front (which answers first, with its headers)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _problem_response(internal_error(), request)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        problem = Problem(exc.status_code, code, str(exc.detail))
        return _problem_response(problem, request)
