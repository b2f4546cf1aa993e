"""Deliveries (数据交付, 第二十三条): the provider department sends a file for a published entry.

The upload is streamed (never whole in memory) and checked before any write transaction starts
(`ingest.stage`); only a clean file opens one (`ingest.store`) and commits the delivery, its key
index, its blob and the exchange log record together. Refusals (422 with the checker's report,
413, 409) are logged in a transaction of their own (第二十六条: refused attempts too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import anyio.from_thread
from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.requests import ClientDisconnect

from govshare_core.exchange import (
    DELIVERY_ROLES,
    AccessAction,
    AccessOutcome,
    CsvEncoding,
    DeliveryFormat,
    key_item,
)
from govshare_core.exchange_schemas import DeliveryOut, DeliveryReport
from govshare_core.schemas import DataItem, Page
from govshare_core.vocab import EntryStatus, Role
from govshare_platform import clock
from govshare_platform.audit import service as audit
from govshare_platform.catalog.access import visible_entry
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.departments.models import User
from govshare_platform.deps import Ctx, IdempotencyKey, ReadCtx
from govshare_platform.errors import Problem, conflict, not_found
from govshare_platform.exchange import ingest, log
from govshare_platform.exchange.models import Delivery
from govshare_platform.exchange.schedule import due_after, last_delivery
from govshare_platform.exchange.storage import blob_store
from govshare_platform.idempotency import service as idem
from govshare_platform.policy.service import get_calendar

router = APIRouter(tags=["exchange"])


def items_of(entry: CatalogEntry) -> list[DataItem]:
    return [DataItem.model_validate(item.as_dict()) for item in entry.items]


def require_provider(ctx: Ctx, entry: CatalogEntry, *, reader: bool = False) -> None:
    """403 (audited) unless the caller delivers for the entry's department (DELIVERY_ROLES of
    it); `reader`: the platform admin may read too."""
    if reader and ctx.has(Role.PLATFORM_ADMIN):
        return
    if not ctx.has(*DELIVERY_ROLES) or entry.department_id != ctx.department_id:
        raise ctx.deny(
            "only the entry's department delivers its data (第二十三条)", entry_id=entry.id
        )


def delivery_out(delivery: Delivery, entry_name: str, user_name: str) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        entry_id=delivery.entry_id,
        entry_name=entry_name,
        department_id=delivery.department_id,
        format=DeliveryFormat(delivery.format),
        encoding=CsvEncoding(delivery.encoding) if delivery.encoding else None,
        filename=delivery.filename,
        rows=delivery.rows,
        bytes=delivery.bytes,
        sha256=delivery.sha256,
        items=list(delivery.items),
        delivered_by=delivery.delivered_by,
        delivered_by_name=user_name,
        delivered_at=delivery.delivered_at,
        due=delivery.due,
        on_time=delivery.on_time,
        report=DeliveryReport.model_validate(delivery.report),
    )


def _body(request: Request) -> Iterator[bytes]:
    """The request body chunk by chunk, pulled from the event loop into this worker thread."""
    stream = request.stream()

    async def next_chunk() -> bytes | None:
        try:
            return await stream.__anext__()
        except StopAsyncIteration:
            return None

    while (chunk := anyio.from_thread.run(next_chunk)) is not None:
        yield chunk


def _refusal(
    ctx: Ctx,
    entry: CatalogEntry,
    problem: Problem,
    *,
    reason: str | None = None,
    rows: int = 0,
    size: int = 0,
    outcome: AccessOutcome = AccessOutcome.REFUSED,
) -> Problem:
    """Log the refused (or aborted) delivery in its own transaction; the problem to raise."""
    ctx.db.rollback()
    log.record_standalone(
        ctx.factory,
        action=AccessAction.DELIVERY,
        outcome=outcome,
        reason=(reason or problem.code)[:64],
        user_id=ctx.user.id,
        user_name=ctx.user.username,
        department_id=ctx.department_id,
        entry_id=entry.id,
        provider_department_id=entry.department_id,
        rows=rows,
        bytes_=size,
        client_address=ctx.client,
    )
    return problem


def _too_large(limit: int) -> Problem:
    return Problem(413, "too_large", f"deliveries are limited to {limit} bytes")


@router.post("/exchange/entries/{entry_id}/deliveries", status_code=201, response_model=DeliveryOut)
def deliver(
    entry_id: int,
    request: Request,
    ctx: ReadCtx,
    format: DeliveryFormat = DeliveryFormat.CSV,
    encoding: CsvEncoding = CsvEncoding.UTF8,
    filename: Annotated[str | None, Query(max_length=200)] = None,
    key: IdempotencyKey = None,
) -> Any:
    """Deliver the request body as the entry's latest data (CSV or XLSX, streamed)."""
    entry = visible_entry(ctx, entry_id)
    require_provider(ctx, entry)
    if entry.status != EntryStatus.PUBLISHED:
        problem = conflict("entry_not_published", "only a published entry takes deliveries")
        raise _refusal(ctx, entry, problem)
    limit = ctx.settings.max_delivery_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _refusal(ctx, entry, _too_large(limit))
    items = items_of(entry)
    spec = ingest.UploadSpec(format, encoding, _clean(filename), limit)
    ctx.db.rollback()  # no transaction stays open while the file comes in
    staged = ingest.new_staging()
    try:
        try:
            ingest.stage(staged, _body(request), items, spec)
        except ingest.TooLarge as exc:
            raise _refusal(ctx, entry, _too_large(limit), size=exc.received) from None
        except ingest.Rejected as exc:
            problem = Problem(
                422,
                "delivery_rejected",
                f"the file was refused: {exc.report.problem_count} problem(s), first {exc.code}",
                extra={"report": exc.report.model_dump(mode="json")},
            )
            rows = exc.report.rows_checked
            raise _refusal(
                ctx, entry, problem, reason=exc.code, rows=rows, size=exc.received
            ) from None
        except ClientDisconnect:
            problem = Problem(400, "upload_interrupted", "the client stopped sending the file")
            raise _refusal(ctx, entry, problem, outcome=AccessOutcome.ABORTED) from None
        try:
            return _commit(ctx, request, entry.id, items, staged, spec, key)
        except Problem as exc:
            if exc.status != 409:
                raise
            raise _refusal(ctx, entry, exc, rows=staged.rows, size=staged.bytes) from None
    finally:
        staged.cleanup()


def _clean(filename: str | None) -> str | None:
    if filename is None:
        return None
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name or None


def _commit(
    ctx: Ctx,
    request: Request,
    entry_id: int,
    checked: list[DataItem],
    staged: ingest.Staged,
    spec: ingest.UploadSpec,
    key: str | None,
) -> Any:
    """Step 2: the write transaction (re-checking the entry, which may have moved meanwhile)."""
    blobs = blob_store(ctx.settings.storage_dir)
    recorded: list[ingest.Recorded] = []
    with ctx.factory() as session:
        audit.begin_write(session)
        entry = session.get(CatalogEntry, entry_id)
        if entry is None or entry.status != EntryStatus.PUBLISHED:
            raise conflict("entry_not_published", "the entry was withdrawn during the upload")
        items = items_of(entry)
        key_data_item = key_item(items)
        if items != checked or key_data_item is None:
            raise conflict("entry_changed", "the entry's data items changed during the upload")
        today = clock.today()
        last = last_delivery(session, entry.id)
        deadline = due_after(
            entry.update_cycle,
            last.delivered_at if last is not None else None,
            entry.published_on,
            get_calendar(session),
        )

        def produce() -> DeliveryOut:
            rec = ingest.store(
                session,
                blobs,
                staged,
                entry_id=entry.id,
                department_id=entry.department_id,
                items=items,
                key_item=key_data_item.name,
                spec=spec,
                user_id=ctx.user.id,
                now=clock.now(),
                today=today,
                due=deadline.due if deadline is not None else None,
            )
            recorded.append(rec)
            log.record(
                session,
                action=AccessAction.DELIVERY,
                outcome=AccessOutcome.OK,
                user_id=ctx.user.id,
                user_name=ctx.user.username,
                department_id=ctx.department_id,
                entry_id=entry.id,
                provider_department_id=entry.department_id,
                delivery_id=rec.delivery.id,
                items=[i.name for i in items],
                rows=staged.rows,
                bytes_=staged.bytes,
                client_address=ctx.client,
            )
            return delivery_out(rec.delivery, entry.name, ctx.user.full_name)

        body = {
            "sha256": staged.sha256,
            "format": str(spec.format),
            "encoding": str(spec.encoding),
            "filename": spec.filename,
        }
        try:
            return idem.run(
                session, ctx.user.id, key, path=request.url.path, body=body, produce=produce
            )
        except BaseException:
            session.rollback()
            for rec in recorded:
                rec.writer.abort()
            raise


# --- reading -------------------------------------------------------------------------------------


def _user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return {uid: name for uid, name in rows}


@router.get("/exchange/entries/{entry_id}/deliveries", response_model=Page)
def list_deliveries(
    entry_id: int,
    ctx: ReadCtx,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
) -> Page:
    """The entry's deliveries, newest first (its department's deliverers; the platform admin)."""
    entry = visible_entry(ctx, entry_id)
    require_provider(ctx, entry, reader=True)
    where = Delivery.entry_id == entry.id
    total = ctx.db.scalar(select(func.count(Delivery.id)).where(where)) or 0
    rows = ctx.db.scalars(
        select(Delivery).where(where).order_by(Delivery.id.desc()).offset(offset).limit(limit)
    ).all()
    names = _user_names(ctx.db, {d.delivered_by for d in rows})
    items = [delivery_out(d, entry.name, names.get(d.delivered_by, "")) for d in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/exchange/deliveries/{delivery_id}", response_model=DeliveryOut)
def get_delivery(delivery_id: int, ctx: ReadCtx) -> DeliveryOut:
    delivery = ctx.db.get(Delivery, delivery_id)
    if delivery is None:
        raise not_found("delivery")
    entry = visible_entry(ctx, delivery.entry_id)
    require_provider(ctx, entry, reader=True)
    names = _user_names(ctx.db, {delivery.delivered_by})
    return delivery_out(delivery, entry.name, names.get(delivery.delivered_by, ""))
