"""Paths of the rectification endpoints (整改通知, 第三十六条) and the schemas their answers are
checked against (govshare_core/assessment_schemas.py lists the endpoints). The 整改 page wraps
the changes in `api.actions.Action`s for the session's sync engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel

from govshare_core.assessment_schemas import RectificationOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
RECTIFICATIONS = f"{API_PREFIX}/rectifications"

RectificationAction = Literal["answer", "accept", "return", "withdraw"]
"""The actions of govshare_core.assessment.RECTIFICATION."""

_OBJECT = r"(?:\d+|\{created:[0-9A-Za-z_-]+\})"
_RECTIFICATION = re.compile(
    rf"^{re.escape(RECTIFICATIONS)}/{_OBJECT}(?:/evidence|/actions/[a-z_]+)?$"
)
_EVIDENCE = re.compile(rf"^{re.escape(RECTIFICATIONS)}/{_OBJECT}/evidence$")


def rectifications_path() -> str:
    """GET: a Page of RectificationOut (`status`, `overdue`, `q`, `sort`, paging); POST
    RectificationIn (Idempotency-Key): issue an order (supervisor)."""
    return RECTIFICATIONS


def rectification_path(rectification_id: int | str) -> str:
    return f"{RECTIFICATIONS}/{rectification_id}"


def evidence_path(rectification_id: int | str) -> str:
    """GET: the evidence file (raw bytes); POST (raw body, `filename`): attach it."""
    return f"{rectification_path(rectification_id)}/evidence"


def evidence_upload_path(rectification_id: int | str, filename: str) -> str:
    """POST the evidence file as the raw body, its name in `filename`."""
    name = quote(Path(filename).name, safe="")
    return f"{evidence_path(rectification_id)}?filename={name}"


def action_path(rectification_id: int | str, action: RectificationAction) -> str:
    """POST RectificationActionIn, If-Match: a step of govshare_core.assessment.RECTIFICATION."""
    return f"{rectification_path(rectification_id)}/actions/{action}"


PAGE_ITEMS: dict[str, type[BaseModel]] = {RECTIFICATIONS: RectificationOut}
"""The item model of this domain's paged list (path → model)."""


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if method == "GET" and path in PAGE_ITEMS:
        return None  # a Page: api/actions.py checks it (and its items against PAGE_ITEMS)
    if method == "GET" and _EVIDENCE.match(path):
        return None  # the file itself
    if path == RECTIFICATIONS or _RECTIFICATION.match(path):
        return RectificationOut
    return None
