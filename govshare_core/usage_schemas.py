"""API schemas of usage inquiries (第二十二条) and discrepancy reports (第二十条), both programs.

Inquiries (provider's resource admin asks, the consumer department answers):
- POST /api/v1/usage/inquiries                   → InquiryIn → InquiryOut (201; Idempotency-Key)
- GET  /api/v1/usage/inquiries                   → Page of InquiryOut; `side=asked|received|all`,
                                                   `status`, `overdue=true`, `q`, `sort`, paging
- GET  /api/v1/usage/inquiries/{id}              → InquiryOut (ETag: W/"<version>")
- POST /api/v1/usage/inquiries/{id}/answer       → ReasonIn (the answer), If-Match
- POST /api/v1/usage/inquiries/{id}/withdraw     → If-Match

Discrepancies (a consumer department reports, the provider answers, the platform arbitrates):
- POST /api/v1/usage/discrepancies               → DiscrepancyIn → DiscrepancyOut (201)
- GET  /api/v1/usage/discrepancies               → Page of DiscrepancyOut; `side=reported|received
                                                   |all`, `status`, `overdue=true`, `q`, `sort`
- GET  /api/v1/usage/discrepancies/{id}          → DiscrepancyOut (ETag)
- POST /api/v1/usage/discrepancies/{id}/evidence → raw body (≤ MAX_EVIDENCE_BYTES), `filename`;
                                                   by the reporting department while `reported`
- GET  /api/v1/usage/discrepancies/{id}/evidence → the file (both parties, the platform admin)
- POST /api/v1/usage/discrepancies/{id}/actions/{action} → DiscrepancyActionIn, If-Match;
       actions of govshare_core.usage.DISCREPANCY (correct needs `delivery_id`: a delivery of the
       same entry made after the report; explain/dispute/uphold/order_correction need `reason`)
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from govshare_core.schemas import OutSchema, Schema
from govshare_core.usage import MAX_INQUIRY_WORKING_DAYS, DiscrepancyStatus, InquiryStatus


class InquiryIn(Schema):
    entry_id: int
    consumer_department_id: int
    question: str = Field(min_length=2, max_length=4000)
    due_working_days: int | None = Field(default=None, ge=1, le=MAX_INQUIRY_WORKING_DAYS)


class InquiryOut(OutSchema):
    id: int
    entry_id: int
    entry_name: str
    provider_department_id: int
    provider_department_name: str
    consumer_department_id: int
    consumer_department_name: str
    question: str
    asked_by: int
    asked_by_name: str
    asked_at: datetime
    due: date | None
    due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False
    status: InquiryStatus
    answer: str | None = None
    answered_by: int | None = None
    answered_by_name: str | None = None
    answered_at: datetime | None = None
    version: int
    actions: list[str] = Field(default_factory=list, description="what the caller may do now")


class DiscrepancyIn(Schema):
    entry_id: int
    delivery_id: int | None = Field(default=None, description="the delivery found wrong")
    keys: list[str] = Field(default_factory=list, max_length=100, description="affected rows")
    data_item: str | None = Field(default=None, max_length=100)
    description: str = Field(min_length=2, max_length=4000)


class DiscrepancyActionIn(Schema):
    reason: str | None = Field(default=None, max_length=4000)
    delivery_id: int | None = None


class DiscrepancyEventOut(OutSchema):
    """One step of a discrepancy's history (reported, answered, disputed, arbitrated)."""

    action: str
    status: DiscrepancyStatus
    by: int
    by_name: str
    department_name: str
    at: datetime
    reason: str | None = None
    delivery_id: int | None = None


class DiscrepancyOut(OutSchema):
    id: int
    entry_id: int
    entry_name: str
    provider_department_id: int
    provider_department_name: str
    consumer_department_id: int
    consumer_department_name: str
    delivery_id: int | None
    keys: list[str]
    data_item: str | None
    description: str
    reported_by: int
    reported_by_name: str
    reported_at: datetime
    status: DiscrepancyStatus
    due: date | None = Field(description="the provider's deadline while `reported`")
    due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False
    correction_delivery_id: int | None = None
    answer: str | None = Field(default=None, description="the provider's explanation")
    evidence_filename: str | None = None
    evidence_size: int | None = None
    history: list[DiscrepancyEventOut] = Field(default_factory=list)
    version: int
    actions: list[str] = Field(default_factory=list, description="what the caller may do now")
