"""Paths of the usage endpoints and the schemas their answers are checked against
(govshare_core/usage_schemas.py lists the endpoints): usage inquiries (使用情况询问, 第二十二条)
and discrepancy reports (数据异议, 第二十条), and the typed changes (`Action`) the usage pages
hand to the session's sync engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel

from govshare_core.exchange_schemas import DeliveryOut
from govshare_core.usage_schemas import DiscrepancyOut, InquiryOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
INQUIRIES = f"{API_PREFIX}/usage/inquiries"
DISCREPANCIES = f"{API_PREFIX}/usage/discrepancies"

InquiryAction = Literal["answer", "withdraw"]
DiscrepancyAction = Literal[
    "correct", "explain", "accept", "dispute", "withdraw", "uphold", "order_correction"
]

_OBJECT = r"(?:\d+|\{created:[0-9A-Za-z_-]+\})"
_INQUIRY = re.compile(rf"^{re.escape(INQUIRIES)}/{_OBJECT}(?:/(answer|withdraw))?$")
_DISCREPANCY = re.compile(rf"^{re.escape(DISCREPANCIES)}/{_OBJECT}(?:/evidence|/actions/[a-z_]+)?$")
_EVIDENCE = re.compile(rf"^{re.escape(DISCREPANCIES)}/{_OBJECT}/evidence$")
_DELIVERIES = re.compile(rf"^{re.escape(API_PREFIX)}/exchange/entries/\d+/deliveries$")


# --- reads ------------------------------------------------------------------------------------


def inquiries_path() -> str:
    return INQUIRIES


def inquiry_path(inquiry_id: int | str) -> str:
    return f"{INQUIRIES}/{inquiry_id}"


def discrepancies_path() -> str:
    return DISCREPANCIES


def discrepancy_path(discrepancy_id: int | str) -> str:
    return f"{DISCREPANCIES}/{discrepancy_id}"


def evidence_path(discrepancy_id: int | str) -> str:
    """GET: the evidence file (raw bytes); POST (raw body, `filename`): attach it."""
    return f"{discrepancy_path(discrepancy_id)}/evidence"


def entry_deliveries_path(entry_id: int) -> str:
    """An entry's deliveries, newest first (the exchange contract, 第二十三条): the corrected
    delivery a provider names when it corrects a discrepancy."""
    return f"{API_PREFIX}/exchange/entries/{entry_id}/deliveries"


# --- paths of changes (the usage pages wrap them in `api.actions.Action`s for the sync engine) -


def inquiry_action_path(inquiry_id: int | str, action: InquiryAction) -> str:
    """POST: answer (ReasonIn: the answer) or withdraw, with If-Match on the version."""
    return f"{inquiry_path(inquiry_id)}/{action}"


def discrepancy_action_path(discrepancy_id: int | str, action: DiscrepancyAction) -> str:
    """POST DiscrepancyActionIn, If-Match: a step of govshare_core.usage.DISCREPANCY."""
    return f"{discrepancy_path(discrepancy_id)}/actions/{action}"


def evidence_upload_path(discrepancy_id: int | str, filename: str) -> str:
    """POST the evidence file as the raw body, its name in `filename`."""
    name = quote(Path(filename).name, safe="")
    return f"{evidence_path(discrepancy_id)}?filename={name}"


# --- answers ----------------------------------------------------------------------------------

PAGE_ITEMS: dict[str, type[BaseModel]] = {
    INQUIRIES: InquiryOut,
    DISCREPANCIES: DiscrepancyOut,
}
"""The item model of each paged list of this domain (path → model)."""


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if method == "GET" and path in PAGE_ITEMS:
        return None  # a Page: api/actions.py checks it (and its items against PAGE_ITEMS)
    if method == "GET" and _EVIDENCE.match(path):
        return None  # the file itself
    if method == "GET" and _DELIVERIES.match(path):
        return None  # a Page of DeliveryOut, checked item by item by the caller
    if path == INQUIRIES or _INQUIRY.match(path):
        return InquiryOut
    if path == DISCREPANCIES or _DISCREPANCY.match(path):
        return DiscrepancyOut
    return None


DELIVERY_ITEM = DeliveryOut
"""The item model of an entry's deliveries page."""
