"""Paths of the exchange endpoints and the schemas their answers are checked against
(govshare_core/exchange_schemas.py lists the endpoints): deliveries (数据交付, 第二十三条), access
(数据获取, 第二十二条, 第二十四条), the exchange log (访问日志, 第二十六条).

File bodies (an upload, a download, a log export) are raw bytes, never JSON: the desktop's
transfers (govshare_desktop/exchange/transfer.py) stream them with the client's session; these
functions only say where.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from govshare_core.exchange_schemas import (
    AccessOut,
    DeliveryOut,
    DeliveryScheduleOut,
    LogPage,
    QueryOut,
)
from govshare_core.schemas import Page

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
EXCHANGE = f"{API_PREFIX}/exchange"
SCHEDULE = f"{EXCHANGE}/schedule"
ACCESS = f"{EXCHANGE}/access"
LOG = f"{EXCHANGE}/log"
LOG_EXPORT = f"{EXCHANGE}/log/export"

_DELIVERIES = re.compile(rf"^{re.escape(EXCHANGE)}/entries/\d+/deliveries$")
_DELIVERY = re.compile(rf"^{re.escape(EXCHANGE)}/deliveries/\d+$")
_DATA = re.compile(rf"^{re.escape(EXCHANGE)}/entries/\d+/data$")
_QUERY = re.compile(rf"^{re.escape(EXCHANGE)}/entries/\d+/query$")


def schedule_path() -> str:
    """GET: Page of DeliveryScheduleOut, the department's entries with their next due date."""
    return SCHEDULE


def deliveries_path(entry_id: int) -> str:
    """GET: Page of DeliveryOut (newest first); POST: a delivery, the file as the raw body."""
    return f"{EXCHANGE}/entries/{entry_id}/deliveries"


def delivery_path(delivery_id: int) -> str:
    return f"{EXCHANGE}/deliveries/{delivery_id}"


def access_path() -> str:
    """GET: Page of AccessOut, what the caller's department may fetch now."""
    return ACCESS


def data_path(entry_id: int) -> str:
    """GET: the latest delivery projected to the granted items (streamed CSV/XLSX)."""
    return f"{EXCHANGE}/entries/{entry_id}/data"


def query_path(entry_id: int) -> str:
    """POST QueryIn → QueryOut: rows by key (信息查询 grants)."""
    return f"{EXCHANGE}/entries/{entry_id}/query"


def log_path() -> str:
    """GET: LogPage of ExchangeLogOut (keyset: `before_id`)."""
    return LOG


def log_export_path() -> str:
    """GET: the log with the same filters as a file (`format=csv|xlsx`), streamed."""
    return LOG_EXPORT


PAGE_ITEMS: dict[str, type[BaseModel]] = {
    SCHEDULE: DeliveryScheduleOut,
    ACCESS: AccessOut,
}
"""The item model of each paged list of this domain (path → model)."""


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with, for this domain's paths (else None)."""
    path = path.split("?")[0]
    if not path.startswith(EXCHANGE):
        return None
    if method == "GET":
        if path in PAGE_ITEMS or _DELIVERIES.match(path):
            return Page  # its items: PAGE_ITEMS, or DeliveryOut checked by the caller
        if path == LOG:
            return LogPage
        if _DELIVERY.match(path):
            return DeliveryOut
        return None  # the files (data, log export) are not JSON
    if method == "POST" and _DELIVERIES.match(path):
        return DeliveryOut
    if method == "POST" and _QUERY.match(path):
        return QueryOut
    return None


def is_file_path(path: str) -> bool:
    """Whether `path` answers a file (a projected delivery or the log export)."""
    path = path.split("?")[0]
    return bool(_DATA.match(path)) or path == LOG_EXPORT
