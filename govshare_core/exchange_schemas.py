"""API schemas of the exchange system (交换系统, 第二十二条–第二十六条, 第二十九条), shared by both
programs. Files travel as raw bytes (never inside JSON); everything else is JSON.

Provider side (the entry's own department: DELIVERY_ROLES; the platform admin reads all):
- GET  /api/v1/exchange/schedule                       → Page of DeliveryScheduleOut: the
       department's published entries with their next due delivery (更新周期, 第二十三条);
       `?overdue=true`, `q`, `sort`, `limit`, `offset`
- POST /api/v1/exchange/entries/{entry_id}/deliveries  → DeliveryOut (201). Body: the file,
       streamed. Query: `format=csv|xlsx`, `encoding=utf-8|gb18030` (CSV), `filename`.
       Idempotency-Key: a replay answers the first result. A refused file answers 422
       problem+json `delivery_rejected` with a `report` member (DeliveryReport); 413 `too_large`.
       Nothing of a refused or interrupted upload is kept.
- GET  /api/v1/exchange/entries/{entry_id}/deliveries  → Page of DeliveryOut (newest first)
- GET  /api/v1/exchange/deliveries/{id}                → DeliveryOut

Consumer side (a department with an active grant: CONSUMER_ROLES):
- GET  /api/v1/exchange/access                         → Page of AccessOut: per entry, what the
       caller's department may fetch now
- GET  /api/v1/exchange/entries/{entry_id}/data        → the latest delivery projected to the
       granted items, streamed. Query: `format=csv|xlsx`, `items` (repeatable; default all
       granted; an ungranted one answers 403 `item_not_granted`). Headers: `X-Delivery-Id`,
       `X-Row-Count`, `X-Items` (comma-separated, percent-encoded). A grant revoked or expired
       mid-stream cuts the stream (the client sees an incomplete transfer) and is logged `aborted`.
- POST /api/v1/exchange/entries/{entry_id}/query       → QueryIn → QueryOut (信息查询 grants)

Both sides:
- GET  /api/v1/exchange/log                            → LogPage of ExchangeLogOut (keyset:
       `before_id`), filters `side=provider|consumer|all`, `action`, `outcome`, `entry_id`,
       `department_id`, `since`, `until` (dates, Asia/Shanghai), `limit` ≤ 200. Provider
       departments see accesses to their resources, consumers their own, the audit admin and
       the platform admin all (第二十六条).
- GET  /api/v1/exchange/log/export                     → the same filters, `format=csv|xlsx`,
       streamed, formula-neutralised (govshare_core.exchange.neutralise_cell); audited.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from govshare_core.exchange import (
    MAX_QUERY_KEYS,
    AccessAction,
    AccessOutcome,
    CsvEncoding,
    DeliveryFormat,
    DeliveryProblem,
)
from govshare_core.schemas import OutSchema, Schema
from govshare_core.vocab import ShareMode, UpdateCycle


class ProblemOut(OutSchema):
    """One problem of a checked file. `row` counts data rows from 1 (the header is row 0);
    None for problems of the whole file or the header."""

    row: int | None = None
    column: str | None = None
    code: DeliveryProblem
    value: str | None = Field(default=None, description="the offending value, cut to 100 chars")


class DeliveryReport(OutSchema):
    """The checker's report: exact counts, the first MAX_REPORT_PROBLEMS problems."""

    rows_checked: int
    problem_count: int
    problems: list[ProblemOut]
    truncated: bool = False


class DeliveryOut(OutSchema):
    id: int
    entry_id: int
    entry_name: str
    department_id: int
    format: DeliveryFormat
    encoding: CsvEncoding | None = None
    filename: str | None = None
    rows: int
    bytes: int = Field(description="size of the file as uploaded")
    sha256: str = Field(description="SHA-256 of the file as uploaded (hex)")
    items: list[str] = Field(description="the data items, in the entry's order")
    delivered_by: int
    delivered_by_name: str
    delivered_at: datetime
    due: date | None = Field(description="the due date this delivery answered (更新周期)")
    on_time: bool
    report: DeliveryReport


class DeliveryScheduleOut(OutSchema):
    entry_id: int
    entry_name: str
    entry_code: str | None = None
    update_cycle: UpdateCycle
    published_on: date | None = None
    last_delivery_id: int | None = None
    last_delivered_at: datetime | None = None
    last_rows: int | None = None
    deliveries: int = 0
    next_due: date | None = None
    next_due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False


class AccessOut(OutSchema):
    """What the caller's department may fetch from one entry now (its active grants)."""

    entry_id: int
    entry_name: str
    entry_code: str | None = None
    provider_department_id: int
    provider_department_name: str
    items: list[str] = Field(description="granted data items, in the entry's order")
    share_modes: list[ShareMode]
    valid_until: date = Field(description="the earliest end of the grants listed")
    can_download: bool
    can_query: bool
    key_item: str | None = None
    latest_delivery_id: int | None = None
    latest_delivered_at: datetime | None = None
    latest_rows: int | None = None
    interface_endpoint: str | None = Field(
        default=None, description="接口服务: the provider's endpoint (第十九条); not served here"
    )


class QueryIn(Schema):
    keys: list[str] = Field(min_length=1, description=f"at most {MAX_QUERY_KEYS} keys")
    items: list[str] | None = Field(default=None, description="default: all granted items")


class QueryRow(OutSchema):
    key: str
    values: dict[str, str]


class QueryOut(OutSchema):
    delivery_id: int
    delivered_at: datetime
    key_item: str
    items: list[str]
    rows: list[QueryRow]
    missing: list[str] = Field(description="keys with no row in the delivery")


class ExchangeLogOut(OutSchema):
    """One record of the exchange log (第二十六条): kept at least log_retention_years."""

    id: int
    at: datetime
    action: AccessAction
    outcome: AccessOutcome
    reason: str | None = Field(default=None, description="problem code of a refusal or abort")
    user_id: int | None
    user_name: str | None
    department_id: int
    department_name: str
    entry_id: int | None
    entry_name: str | None
    provider_department_id: int | None
    provider_department_name: str | None
    delivery_id: int | None
    grant_ids: list[int] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list)
    rows: int = 0
    bytes: int = 0
    client_address: str | None = None


class LogPage(OutSchema):
    """A keyset page of the log, newest first; pass `next_before_id` as `before_id`."""

    items: list[ExchangeLogOut]
    next_before_id: int | None = None
    limit: int
