"""Schemas of the audit endpoints (三员分立: the audit admin's desk; 第二十六条, 第三十三条).

All under /api/v1, audit_admin only (everyone else 403):
- GET  /audit/events       filters: action (repeatable), actor_id, actor_name (prefix),
                           department_id, object_type, object_id, outcome, since, until
                           (date-times WITH a zone; a naive one is 422), before_seq (keyset
                           paging: events with seq < before_seq, newest first), limit (≤ 1000),
                           count (bool: also count the matches; costly at millions of rows)
                           -> AuditEventPage
- GET  /audit/verify       -> AuditVerifyOut: the chain from its base to the head, and against
                              the newest signed checkpoint (govshare_platform.audit.anchor)
- GET  /audit/checkpoints  -> list[AuditCheckpointOut] (newest first, ≤ 100)
- POST /audit/checkpoints  -> AuditCheckpointOut (sign the current head now)
- GET  /audit/export?format=csv|xlsx|bundle&<the filters of /audit/events>
                           -> the file (Content-Disposition attachment). `bundle` is a ZIP of
                              events.csv, manifest.json (range, counts, SHA-256 of events.csv,
                              chain head, newest checkpoint) and manifest.sig (signed with the
                              audit key); `govshare-platform audit verify-export FILE` checks it.
  Every read of the trail is itself audited (action `audit_read` / `audit_export`).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from govshare_core.schemas import AuditEventOut, OutSchema

EXPORT_FORMATS = ("csv", "xlsx", "bundle")
EXPORT_MAX_ROWS = 1_000_000
"""The most events one export file holds (narrow the filters for more)."""


class AuditEventPage(OutSchema):
    items: list[AuditEventOut]
    next_before_seq: int | None = Field(
        description="pass as before_seq for the next (older) page; null at the end"
    )
    total: int | None = Field(default=None, description="only with count=true")
    limit: int


class AuditCheckpointOut(OutSchema):
    id: int
    seq: int
    hash: str
    at: datetime
    key_id: str
    signature: str


class CheckpointCheck(OutSchema):
    seq: int
    at: datetime
    ok: bool
    reason: str | None = None


class AuditVerifyOut(OutSchema):
    ok: bool
    checked: int
    base_seq: int = Field(description="events up to here were archived and purged")
    head_seq: int
    first_broken_seq: int | None = None
    reason: str | None = None
    checkpoint: CheckpointCheck | None = Field(
        default=None, description="the newest signed checkpoint, checked against the chain"
    )
    anchored: bool = Field(description="whether a checkpoint key is configured")
    verified_at: datetime
