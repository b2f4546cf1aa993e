"""Consumer-side exchange endpoints (第二十二条, 第二十四条, 第二十九条): what the department may
fetch, the projected download of the latest delivery, key lookups.

Every access leaves an exchange-log record (第二十六条) and its audit event; a refusal is
recorded in a transaction of its own (log.record_standalone), then answered as problem+json.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from govshare_core.exchange import (
    CONSUMER_ROLES,
    DOWNLOAD_MODES,
    MAX_QUERY_KEYS,
    QUERY_MODES,
    AccessAction,
    AccessOutcome,
    DeliveryFormat,
)
from govshare_core.exchange_schemas import QueryIn, QueryOut
from govshare_core.schemas import Page
from govshare_platform import clock
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.deps import Ctx, ReadCtx, WriteCtx
from govshare_platform.errors import Problem
from govshare_platform.exchange import grants_view, log
from govshare_platform.exchange.download import DownloadJob, stream
from govshare_platform.exchange.grants_view import EntryAccess
from govshare_platform.exchange.lookup import lookup
from govshare_platform.exchange.models import Delivery
from govshare_platform.exchange.storage import blob_store
from govshare_platform.exchange.tabular import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

router = APIRouter(tags=["exchange"])


def _refuse(
    ctx: Ctx,
    action: AccessAction,
    status: int,
    code: str,
    detail: str,
    *,
    entry: CatalogEntry | None = None,
    access: EntryAccess | None = None,
    items: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
) -> Problem:
    """Log the refused attempt (its own transaction) and return the problem to raise."""
    ctx.db.rollback()
    log.record_standalone(
        ctx.factory,
        action=action,
        outcome=AccessOutcome.REFUSED,
        reason=code,
        user_id=ctx.user.id,
        user_name=ctx.user.username,
        department_id=ctx.department_id,
        entry_id=entry.id if entry is not None else None,
        provider_department_id=entry.department_id if entry is not None else None,
        grant_ids=access.grant_ids if access is not None else (),
        items=list(items),
        client_address=ctx.client,
    )
    return Problem(status, code, detail, extra=extra)


def _authorize(
    ctx: Ctx, action: AccessAction, entry_id: int, modes: frozenset[str], wanted: list[str] | None
) -> tuple[CatalogEntry, EntryAccess, list[str], Delivery]:
    """The entry, the grants in `modes`, the items to serve (granted ∩ wanted, in the entry's
    order) and the latest delivery; or a logged refusal."""
    if not ctx.has(*CONSUMER_ROLES):
        ctx.deny(f"requires one of: {', '.join(sorted(CONSUMER_ROLES))}")
        raise _refuse(ctx, action, 403, "forbidden", "not allowed for your role")
    entry = ctx.db.get(CatalogEntry, entry_id)
    if entry is None:
        raise _refuse(ctx, action, 404, "not_found", "catalog entry not found")
    today = clock.today()
    access = grants_view.entry_access(
        ctx.db, department_id=ctx.department_id, entry_id=entry_id, today=today
    )
    if access is None:
        raise _refuse(
            ctx, action, 403, "no_active_grant", "no active grant on this entry", entry=entry
        )
    moded = access.in_modes(modes)
    if not moded.grants:
        detail = f"the active grants do not allow a {action} (共享方式, 第二十四条)"
        raise _refuse(
            ctx, action, 403, "share_mode_not_granted", detail, entry=entry, access=access
        )
    granted = moded.items
    if wanted:
        refused = [i for i in dict.fromkeys(wanted) if i not in granted]
        if refused:
            raise _refuse(
                ctx,
                action,
                403,
                "item_not_granted",
                f"not granted: {', '.join(refused)}",
                entry=entry,
                access=moded,
                items=wanted,
                extra={"items": refused},
            )
    delivery = grants_view.latest_delivery(ctx.db, entry_id)
    chosen = [i for i in granted if not wanted or i in wanted]
    served = [i for i in delivery.items if i in chosen] if delivery is not None else []
    if delivery is None or not served:
        raise _refuse(
            ctx,
            action,
            404,
            "no_delivery",
            "no delivery of these items yet",
            entry=entry,
            access=moded,
            items=chosen,
        )
    return entry, moded, served, delivery


@router.get("/exchange/access", response_model=Page)
def list_access(
    ctx: ReadCtx, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500)
) -> Page:
    """Per entry, what the caller's department may fetch now (its active grants)."""
    ctx.require(*CONSUMER_ROLES)
    items, total = grants_view.list_access(
        ctx.db, department_id=ctx.department_id, today=clock.today(), offset=offset, limit=limit
    )
    return Page(items=items, total=total, offset=offset, limit=limit)


def _disposition(entry: CatalogEntry, delivery: Delivery, fmt: DeliveryFormat) -> str:
    ascii_name = f"entry-{entry.id}-delivery-{delivery.id}.{fmt}"
    utf8_name = quote(f"{entry.name}-{delivery.id}.{fmt}", safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"


@router.get("/exchange/entries/{entry_id}/data")
def download(
    entry_id: int,
    ctx: ReadCtx,
    format: DeliveryFormat = DeliveryFormat.CSV,
    items: list[str] | None = Query(None, description="default: all granted items"),
) -> StreamingResponse:
    """The latest delivery projected to the granted items, streamed (第二十四条, 第二十九条)."""
    action = AccessAction.DOWNLOAD
    entry, access, served, delivery = _authorize(ctx, action, entry_id, DOWNLOAD_MODES, items)
    job = DownloadJob(
        factory=ctx.factory,
        store=blob_store(ctx.settings.storage_dir),
        fmt=format,
        blob_key=delivery.blob_key,
        delivery_id=delivery.id,
        entry_id=entry.id,
        entry_name=entry.name,
        provider_department_id=entry.department_id,
        department_id=ctx.department_id,
        user_id=ctx.user.id,
        user_name=ctx.user.username,
        client_address=ctx.client,
        grant_ids=access.grant_ids,
        items=served,
    )
    headers = {
        "X-Delivery-Id": str(delivery.id),
        "X-Row-Count": str(delivery.rows),
        "X-Items": ",".join(quote(i, safe="") for i in served),
        "Content-Disposition": _disposition(entry, delivery, format),
        "Cache-Control": "no-store",
    }
    media = CSV_MEDIA_TYPE if format == DeliveryFormat.CSV else XLSX_MEDIA_TYPE
    body: Iterator[bytes] = stream(job)
    return StreamingResponse(body, media_type=media, headers=headers)


@router.post("/exchange/entries/{entry_id}/query", response_model=QueryOut)
def query(entry_id: int, payload: QueryIn, ctx: WriteCtx) -> QueryOut:
    """The rows of up to MAX_QUERY_KEYS keys, granted items only (信息查询, 第二十四条)."""
    action = AccessAction.QUERY
    entry, access, served, delivery = _authorize(ctx, action, entry_id, QUERY_MODES, payload.items)
    keys = [k.strip() for k in payload.keys]
    if len(keys) > MAX_QUERY_KEYS:
        raise _refuse(
            ctx,
            action,
            422,
            "too_many_keys",
            f"at most {MAX_QUERY_KEYS} keys per query, {len(keys)} given",
            entry=entry,
            access=access,
            items=served,
            extra={"limit": MAX_QUERY_KEYS, "received": len(keys)},
        )
    found = lookup(
        ctx.db, blob_store(ctx.settings.storage_dir), delivery=delivery, keys=keys, items=served
    )
    sent = sum(len(v.encode()) for row in found.rows for v in row.values.values())
    log.record(
        ctx.db,
        action=action,
        outcome=AccessOutcome.OK,
        user_id=ctx.user.id,
        user_name=ctx.user.username,
        department_id=ctx.department_id,
        entry_id=entry.id,
        provider_department_id=entry.department_id,
        delivery_id=delivery.id,
        grant_ids=access.grant_ids,
        items=served,
        rows=len(found.rows),
        bytes_=sent,
        client_address=ctx.client,
    )
    out = QueryOut(
        delivery_id=delivery.id,
        delivered_at=delivery.delivered_at,
        key_item=delivery.key_item,
        items=served,
        rows=found.rows,
        missing=found.missing,
    )
    ctx.db.commit()
    return out
