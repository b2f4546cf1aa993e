"""The changes of the usage pages as `Action`s for the session's SyncEngine (sent at once
online, kept in the outbox with their idempotency key offline; If-Match on the object's
version), and the reads the pages and dialogs make in the background.

    context.sync.submit(inquiry_action(row, "withdraw", label=...), done=...)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govshare_desktop.api import usage_paths as paths
from govshare_desktop.api.actions import FILE_BODY, Action, Id, JsonObject
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.common.paged_model import FetchPage, api_page_fetcher

# --- changes ----------------------------------------------------------------------------------


def ask(body: JsonObject, *, label: str) -> Action:
    """A new inquiry (InquiryIn, 第二十二条)."""
    return Action("POST", paths.inquiries_path(), body, label=label)


def inquiry_action(
    row: JsonObject, action: paths.InquiryAction, body: JsonObject | None, *, label: str
) -> Action:
    path = paths.inquiry_action_path(int(row["id"]), action)
    return Action("POST", path, body, if_match=int(row["version"]), label=label)


def report(body: JsonObject, *, label: str) -> Action:
    """A new discrepancy report (DiscrepancyIn, 第二十条)."""
    return Action("POST", paths.discrepancies_path(), body, label=label)


def discrepancy_action(
    row: JsonObject, action: paths.DiscrepancyAction, body: JsonObject | None, *, label: str
) -> Action:
    path = paths.discrepancy_action_path(int(row["id"]), action)
    return Action("POST", path, body or {}, if_match=int(row["version"]), label=label)


def evidence(discrepancy_id: Id, file: Path, *, label: str) -> Action:
    """The evidence file (kept on disk until the platform has it, like a signed PDF)."""
    body = {FILE_BODY: str(file), "content_type": "application/octet-stream"}
    return Action("POST", paths.evidence_upload_path(discrepancy_id, file.name), body, label=label)


# --- reads (background pool) ------------------------------------------------------------------


def list_fetcher(client: PlatformClient, path: str, params: dict[str, Any]) -> FetchPage:
    return api_page_fetcher(client.get, path, **params)


def inquiry(client: PlatformClient, inquiry_id: int) -> JsonObject:
    return dict(client.get(paths.inquiry_path(inquiry_id)))


def discrepancy(client: PlatformClient, discrepancy_id: int) -> JsonObject:
    return dict(client.get(paths.discrepancy_path(discrepancy_id)))


def all_items(client: PlatformClient, path: str, *, cap: int = 1000, **params: Any) -> list[Any]:
    """Every item of a paged list (up to `cap`): the choices of a dialog's pickers."""
    out: list[Any] = []
    while len(out) < cap:
        page = client.get(path, offset=len(out), limit=200, **params)
        items = list(page.get("items", []))
        out += items
        if not items or len(out) >= int(page.get("total") or 0):
            break
    return out


def deliveries(client: PlatformClient, entry_id: int) -> list[JsonObject]:
    """The entry's deliveries, newest first (the exchange contract); each checked."""
    rows = all_items(client, paths.entry_deliveries_path(entry_id), cap=200)
    for row in rows:
        paths.DELIVERY_ITEM.model_validate(row)
    return [dict(r) for r in rows]


def download_evidence(client: PlatformClient, discrepancy_id: int, target: Path) -> Path:
    """Save the evidence file to `target` (written beside it first: never half a file)."""
    response = client.request("GET", paths.evidence_path(discrepancy_id))
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(response.content)
    partial.replace(target)
    return target
