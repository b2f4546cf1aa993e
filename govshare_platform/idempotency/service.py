"""Idempotency-Key for creating POSTs (docs/design.md §4): a replay returns the first result.

The record is written in the same transaction as the effect, so either both land or neither.
A key reused with a different body or path is refused (422), never silently replayed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from govshare_platform.errors import Problem
from govshare_platform.idempotency.models import IdempotencyRecord

REPLAY_HEADER = "Idempotent-Replayed"


def fingerprint(method: str, path: str, body: BaseModel | dict[str, Any] | None) -> str:
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    raw = json.dumps([method, path, data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def run(
    session: Session,
    user_id: int,
    key: str | None,
    *,
    path: str,
    body: BaseModel | dict[str, Any] | None,
    produce: Callable[[], Any],
    status_code: int = 201,
) -> JSONResponse:
    """Run `produce` once per (user, key); commit; return (or replay) its JSON response."""
    fp = fingerprint("POST", path, body)
    if key and (replay := _replay(session, user_id, key, fp)) is not None:
        return replay
    try:
        payload = _json_ready(produce())
        if key:
            session.add(
                IdempotencyRecord(
                    user_id=user_id,
                    key=key,
                    method="POST",
                    path=path,
                    fingerprint=fp,
                    status_code=status_code,
                    response=payload,
                )
            )
        session.commit()
    except (IntegrityError, Problem) as exc:
        # A concurrent request with the same key may have committed first, so that this one
        # met its row (a uniqueness conflict) or its key: answer with the first result then.
        if isinstance(exc, Problem) and exc.status != 409:
            raise
        session.rollback()
        if key and (replay := _replay(session, user_id, key, fp)) is not None:
            return replay
        raise
    return JSONResponse(payload, status_code=status_code)


def _json_ready(value: Any) -> Any:
    """`value` as JSON-ready data, as FastAPI's encoder gives it: a model is dumped by pydantic
    in one call (the encoder walks the dumped dict again, value by value, for nothing)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    return jsonable_encoder(value)


def _replay(session: Session, user_id: int, key: str, fp: str) -> JSONResponse | None:
    previous = session.get(IdempotencyRecord, (user_id, key))
    if previous is None:
        return None
    if previous.fingerprint != fp:
        raise Problem(
            422,
            "idempotency_key_reused",
            "this Idempotency-Key was already used for a different request",
        )
    return JSONResponse(
        previous.response, status_code=previous.status_code, headers={REPLAY_HEADER: "true"}
    )
