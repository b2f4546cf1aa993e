"""The exchange log API (第二十六条): keyset pages and a CSV/XLSX export of the records the
caller may see (log_views.visibility)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session, sessionmaker

from govshare_core.exchange import AccessAction, AccessOutcome, DeliveryFormat
from govshare_core.exchange_schemas import ExchangeLogOut, LogPage
from govshare_platform import clock
from govshare_platform.deps import MAX_BIG_ID, Ctx, ReadCtx, WriteCtx, id_query
from govshare_platform.exchange import log_views
from govshare_platform.exchange.log_views import MAX_LIMIT, LogFilter, LogSide, NotVisible
from govshare_platform.exchange.tabular import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    csv_batches,
    stream_file,
    xlsx_file,
)

router = APIRouter(tags=["exchange"])

EXPORT_HEADER = [
    "编号",
    "时间",
    "操作",
    "结果",
    "原因",
    "用户",
    "部门",
    "资源目录",
    "提供部门",
    "交付编号",
    "授权编号",
    "信息项",
    "行数",
    "字节数",
    "客户端地址",
]


def _ranges(ctx: Ctx, side: LogSide) -> tuple[ColumnElement[bool], ...]:
    try:
        ranges = log_views.visibility(ctx.roles, ctx.department_id, side)
    except NotVisible:
        raise ctx.deny(f"no {side} side of the exchange log for your roles") from None
    assert ranges is not None
    return ranges


def _filters(
    action: AccessAction | None,
    outcome: AccessOutcome | None,
    entry_id: int | None,
    department_id: int | None,
    since: date | None,
    until: date | None,
) -> LogFilter:
    return LogFilter(action, outcome, entry_id, department_id, since, until)


@router.get("/exchange/log", response_model=LogPage)
def list_log(
    ctx: ReadCtx,
    side: LogSide = "all",
    action: AccessAction | None = None,
    outcome: AccessOutcome | None = None,
    entry_id: int | None = id_query("the catalog entry"),
    department_id: int | None = id_query("the acting department"),
    since: date | None = Query(None, description="from this date (Asia/Shanghai)"),
    until: date | None = Query(None, description="through this date (Asia/Shanghai)"),
    before_id: int | None = id_query("keyset: records older than this id", maximum=MAX_BIG_ID),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
) -> LogPage:
    """The records the caller may see, newest first (第二十六条)."""
    ranges = _ranges(ctx, side)
    items, next_before = log_views.page(
        ctx.db,
        ranges=ranges,
        filters=_filters(action, outcome, entry_id, department_id, since, until),
        before_id=before_id,
        limit=limit,
    )
    return LogPage(items=items, next_before_id=next_before, limit=limit)


def _export_row(r: ExchangeLogOut) -> list[str]:
    return [
        str(r.id),
        r.at.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
        r.action.label_zh,
        r.outcome.label_zh,
        r.reason or "",
        r.user_name or "",
        r.department_name,
        r.entry_name or "",
        r.provider_department_name or "",
        "" if r.delivery_id is None else str(r.delivery_id),
        ",".join(str(g) for g in r.grant_ids),
        "、".join(r.items),
        str(r.rows),
        str(r.bytes),
        r.client_address or "",
    ]


def _export_batches(
    factory: sessionmaker[Session], ranges: tuple[ColumnElement[bool], ...], filters: LogFilter
) -> Iterator[list[list[str]]]:
    with factory() as session:
        for batch in log_views.iterate(session, ranges=ranges, filters=filters):
            yield [_export_row(r) for r in batch]


@router.get("/exchange/log/export")
def export_log(
    ctx: WriteCtx,
    format: DeliveryFormat = DeliveryFormat.CSV,
    side: LogSide = "all",
    action: AccessAction | None = None,
    outcome: AccessOutcome | None = None,
    entry_id: int | None = id_query("the catalog entry"),
    department_id: int | None = id_query("the acting department"),
    since: date | None = None,
    until: date | None = None,
) -> StreamingResponse:
    """The same selection as a file, streamed, formula-neutralised; the export is audited."""
    ranges = _ranges(ctx, side)
    filters = _filters(action, outcome, entry_id, department_id, since, until)
    ctx.audit(
        "exchange_log_export",
        details={
            "format": str(format),
            "side": side,
            "filters": {k: str(v) for k, v in vars(filters).items() if v is not None},
        },
    )
    ctx.db.commit()
    batches = _export_batches(ctx.factory, ranges, filters)
    stamp = clock.today().strftime("%Y%m%d")
    name = f"exchange-log-{stamp}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    if format == DeliveryFormat.XLSX:
        body = stream_file(xlsx_file(EXPORT_HEADER, batches, title="交换日志"))
        return StreamingResponse(body, media_type=XLSX_MEDIA_TYPE, headers=headers)
    return StreamingResponse(
        csv_batches(EXPORT_HEADER, batches), media_type=CSV_MEDIA_TYPE, headers=headers
    )
