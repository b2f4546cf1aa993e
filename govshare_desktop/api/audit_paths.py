"""Paths of the audit endpoints (the audit admin's desk, 三员分立; 第二十六条, 第三十三条) and the
schemas their answers are checked against (govshare_core/audit_schemas.py lists the endpoints).
"""

from __future__ import annotations

from pydantic import BaseModel

from govshare_core.audit_schemas import AuditCheckpointOut, AuditEventPage, AuditVerifyOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
AUDIT = f"{API_PREFIX}/audit"


def events_path() -> str:
    """GET: an AuditEventPage (filters, keyset paging by `before_seq`, newest first)."""
    return f"{AUDIT}/events"


def verify_path() -> str:
    """GET: AuditVerifyOut (the chain from its base to the head, and the newest checkpoint)."""
    return f"{AUDIT}/verify"


def checkpoints_path() -> str:
    """GET: the signed checkpoints (newest first); POST: sign the current head now."""
    return f"{AUDIT}/checkpoints"


def export_path() -> str:
    """GET ?format=csv|xlsx|bundle and the filters of events_path(): the file itself."""
    return f"{AUDIT}/export"


LIST_SCHEMAS: dict[str, type[BaseModel]] = {checkpoints_path(): AuditCheckpointOut}
"""Item models of this domain's reads that answer a JSON list."""


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if method == "GET" and path == events_path():
        return AuditEventPage
    if method == "GET" and path == verify_path():
        return AuditVerifyOut
    if method == "POST" and path == checkpoints_path():
        return AuditCheckpointOut
    return None
