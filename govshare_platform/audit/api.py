"""The audit admin's API (三员分立, 第二十六条, 第三十三条; govshare_core.audit_schemas): read,
verify, checkpoint and export the trail. audit_admin only; every read is itself audited."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from pydantic import AwareDatetime
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.audit_schemas import (
    EXPORT_MAX_ROWS,
    AuditCheckpointOut,
    AuditEventPage,
    AuditVerifyOut,
)
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.audit import anchor, export, query
from govshare_platform.audit.models import AuditCheckpoint, AuditHead
from govshare_platform.audit.service import append_standalone
from govshare_platform.deps import Ctx, ReadCtx, WriteCtx
from govshare_platform.errors import Problem
from govshare_platform.exchange.tabular import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    csv_batches,
    stream_file,
    xlsx_file,
)
from govshare_platform.settings import Settings

router = APIRouter(tags=["audit"])
log = logging.getLogger("govshare.platform.audit")
ZIP_MEDIA_TYPE = "application/zip"


def audit_filters(
    action: Annotated[list[str] | None, Query(max_length=50)] = None,
    actor_id: int | None = None,
    actor_name: str | None = Query(None, max_length=64, description="prefix of the username"),
    department_id: int | None = None,
    object_type: str | None = Query(None, max_length=32),
    object_id: str | None = Query(None, max_length=64),
    outcome: str | None = Query(None, max_length=16),
    since: AwareDatetime | None = Query(None, description="from (inclusive); with a zone"),
    until: AwareDatetime | None = Query(None, description="to (exclusive); with a zone"),
) -> query.AuditFilter:
    """The filters of /audit/events and /audit/export; a date-time without a zone is 422."""
    return query.AuditFilter(
        tuple(action or ()),
        actor_id,
        actor_name,
        department_id,
        object_type,
        object_id,
        outcome,
        since,
        until,
    )


Filters = Annotated[query.AuditFilter, Depends(audit_filters)]


def _audit_read(ctx: Ctx, action: str, details: dict[str, Any]) -> None:
    """Record the read in a transaction of its own, after this request's read has ended."""
    who = {"actor_id": ctx.user.id, "actor_name": ctx.user.username}
    ctx.db.close()
    append_standalone(
        ctx.factory,
        **who,
        department_id=ctx.department_id,
        action=action,
        client_address=ctx.client,
        details=details,
    )


def _key_or_503(settings: Settings) -> Any:
    try:
        private = anchor.configured_key(settings)
    except anchor.AnchorError as exc:
        raise Problem(503, "audit_key_unreadable", str(exc)) from None
    if private is None:
        raise Problem(503, "audit_key_not_configured", "the platform has no audit key configured")
    return private


@router.get("/audit/events", response_model=AuditEventPage)
def list_events(
    ctx: ReadCtx,
    filters: Filters,
    before_seq: int | None = Query(None, ge=1, description="keyset: events older than this"),
    limit: int = Query(100, ge=1, le=query.MAX_LIMIT),
    count: bool = Query(False, description="also count the matches (costly at millions)"),
) -> AuditEventPage:
    """Events newest first, one keyset page; the read is audited (`audit_read`)."""
    ctx.require(Role.AUDIT_ADMIN)
    items, next_before = query.page(ctx.db, filters, before_seq=before_seq, limit=limit)
    total = query.count(ctx.db, filters) if count else None
    details = {"filters": filters.given(), "before_seq": before_seq, "returned": len(items)}
    _audit_read(ctx, "audit_read", details)
    return AuditEventPage(items=items, next_before_seq=next_before, total=total, limit=limit)


@router.get("/audit/verify", response_model=AuditVerifyOut)
def verify(
    ctx: ReadCtx,
    full: bool = Query(
        False,
        description="rehash the whole chain from its base; by default only the events after "
        "the newest signed checkpoint, once every checkpoint is found to hold",
    ),
) -> AuditVerifyOut:
    """The chain against the newest signed checkpoint, and from it (or with `full`, from the
    chain's base) to the head."""
    ctx.require(Role.AUDIT_ADMIN)
    try:
        result = anchor.verify(ctx.db, ctx.settings, full=full)
    except anchor.AnchorError as exc:
        raise Problem(503, "audit_key_unreadable", str(exc)) from None
    try:
        _audit_read(ctx, "audit_verify", anchor.verify_details(result, full=full))
    except SQLAlchemyError:  # a trail broken so far that it takes no event: still answer
        log.exception("the audit verification could not be recorded")
    return result


@router.get("/audit/checkpoints", response_model=list[AuditCheckpointOut])
def list_checkpoints(ctx: ReadCtx) -> list[AuditCheckpointOut]:
    """The newest 100 checkpoints of the table, newest first."""
    ctx.require(Role.AUDIT_ADMIN)
    rows = ctx.db.scalars(
        select(AuditCheckpoint)
        .order_by(AuditCheckpoint.seq.desc(), AuditCheckpoint.id.desc())
        .limit(100)
    )
    return [AuditCheckpointOut.model_validate(r) for r in rows]


@router.post("/audit/checkpoints", status_code=201, response_model=AuditCheckpointOut)
def create_checkpoint(ctx: WriteCtx) -> AuditCheckpointOut:
    """Sign the current head now (the checkpoint covers its own `audit_checkpoint` event)."""
    ctx.require(Role.AUDIT_ADMIN)
    _key_or_503(ctx.settings)
    ctx.audit("audit_checkpoint")
    row = anchor.take(ctx.db, ctx.settings)
    assert row is not None
    out = AuditCheckpointOut.model_validate(row)
    ctx.db.commit()
    anchor.publish(ctx.settings, row)
    return out


def _read_batches(
    factory: sessionmaker[Session], filters: query.AuditFilter, upto: int
) -> Iterator[list[list[str]]]:
    with factory() as session:
        yield from export.read_batches(session, filters, upto)


def _bundle(
    factory: sessionmaker[Session], settings: Settings, filters: query.AuditFilter, upto: int
) -> Iterator[bytes]:
    private = anchor.configured_key(settings)
    assert private is not None
    path = export.temp_path(".zip")
    with factory() as session:
        events = query.iterate(session, filters, upto_seq=upto)
        export.write_bundle(
            path,
            events,
            private=private,
            session=session,
            kind="export",
            filters=filters.given(),
            checkpoint=anchor.newest_in_table(session),
        )
    yield from stream_file(str(path))


@router.get("/audit/export")
def export_events(
    ctx: ReadCtx, filters: Filters, format: Literal["csv", "xlsx", "bundle"] = "csv"
) -> StreamingResponse:
    """The selection (oldest first, up to the head at the request) as a file; audited."""
    ctx.require(Role.AUDIT_ADMIN)
    if format == "bundle":
        _key_or_503(ctx.settings)
    head = ctx.db.get(AuditHead, 1)
    upto = head.seq if head is not None else 0
    matches = query.count(ctx.db, filters, upto_seq=upto)
    if matches > EXPORT_MAX_ROWS:
        raise Problem(
            422,
            "export_too_large",
            f"{matches} events match; one export holds at most {EXPORT_MAX_ROWS}: narrow them",
        )
    details = {"format": format, "filters": filters.given(), "events": matches}
    _audit_read(ctx, "audit_export", details)  # recorded before the file is made
    stamp = clock.today().strftime("%Y%m%d")
    suffix = "zip" if format == "bundle" else format
    name = f"audit-{stamp}.{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    if format == "bundle":
        body = _bundle(ctx.factory, ctx.settings, filters, upto)
        return StreamingResponse(body, media_type=ZIP_MEDIA_TYPE, headers=headers)
    batches = _read_batches(ctx.factory, filters, upto)
    if format == "xlsx":
        body = stream_file(xlsx_file(export.READ_HEADER, batches, title="审计日志"))
        return StreamingResponse(body, media_type=XLSX_MEDIA_TYPE, headers=headers)
    return StreamingResponse(
        csv_batches(export.READ_HEADER, batches), media_type=CSV_MEDIA_TYPE, headers=headers
    )
