"""What the audit desk asks of the platform (govshare_core/audit_schemas.py), run in the
background pool: the trail in keyset pages, the chain check, the checkpoints, the export file
streamed to disk, and the one change the audit admin makes (a checkpoint, through the sync
engine like every change).

    fetch = keyset_fetcher(client, {"actor_name": "张"})   # a PagedTableModel fetch_page
    result = verify(client)                                 # AuditVerifyOut as a dict
    saved = download_export(client, "csv", filters, target, progress=..., cancelled=...)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from govshare_desktop.api import audit_paths as paths
from govshare_desktop.api.actions import Action, JsonObject
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError, network_error
from govshare_desktop.common.paged_model import FetchPage, PageResult

BLOCK = 256 * 1024
"""Bytes written at a time while an export streams to disk."""
OnBytes = Callable[[int, int | None], None]
IsCancelled = Callable[[], bool]


def keyset_fetcher(client: PlatformClient, filters: Mapping[str, Any]) -> FetchPage:
    """A PagedTableModel fetch_page over GET /audit/events: the model asks by offset, this
    remembers the `next_before_seq` each offset continues from (pages are asked in order), so
    a page deep in millions of events costs the platform what the first one does."""
    cursors: dict[int, int | None] = {0: None}
    params = dict(filters)

    def fetch(offset: int, limit: int) -> PageResult:
        if offset not in cursors:
            return [], offset  # not reachable by keyset: the model never asks this
        page = client.get(paths.events_path(), before_seq=cursors[offset], limit=limit, **params)
        items = list(page.get("items", []))
        following = page.get("next_before_seq")
        cursors[offset + len(items)] = following
        total = None if following is not None and items else offset + len(items)
        return items, total

    return fetch


def count(client: PlatformClient, filters: Mapping[str, Any]) -> int:
    """How many events match (count=true; costly at millions of rows: on request only)."""
    page = client.get(paths.events_path(), limit=1, count=True, **dict(filters))
    return int(page.get("total") or 0)


def verify(client: PlatformClient) -> JsonObject:
    """The audit admin's verification is the full one: from the chain's base, not only from the
    newest checkpoint (an old event edited with its stored hash left alone is found only so)."""
    return dict(client.get(paths.verify_path(), full=True))


def checkpoints(client: PlatformClient) -> list[JsonObject]:
    return [dict(c) for c in client.get(paths.checkpoints_path())]


def create_checkpoint(*, label: str) -> Action:
    """Sign the chain's current head now (POST /audit/checkpoints)."""
    return Action("POST", paths.checkpoints_path(), None, label=label)


# --- export ------------------------------------------------------------------------------------


class ExportCancelled(Exception):
    """The user cancelled; nothing was left on disk."""


@dataclass(frozen=True)
class Exported:
    path: Path
    bytes: int
    fmt: str


def part_path(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def _problem(response: requests.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    fallback = "server_unavailable" if response.status_code >= 500 else "http_error"
    return ApiError(
        response.status_code,
        str(body.get("code") or fallback),
        str(body.get("detail", response.reason or "")),
        list(body.get("errors", [])),
        body,
    )


def download_export(
    client: PlatformClient,
    fmt: str,
    filters: Mapping[str, Any],
    target: Path,
    *,
    progress: OnBytes = lambda _done, _total: None,
    cancelled: IsCancelled = lambda: False,
) -> Exported:
    """Stream GET /audit/export?format=`fmt`&filters into `target`, through `<target>.part`
    renamed only when complete: a cut stream or a cancel leaves no half file behind."""
    headers = {"Accept": "*/*, application/problem+json"}
    if client.token:
        headers["Authorization"] = f"Bearer {client.token}"
    params = {k: v for k, v in {**filters, "format": fmt}.items() if v not in (None, "")}
    part = part_path(target)
    try:
        response = client.session.get(
            client.base_url + paths.export_path(),
            params=params,
            headers=headers,
            stream=True,
            timeout=(client.timeout[0], 600.0),
        )
    except requests.RequestException as exc:
        raise network_error("network_unreachable", str(exc)) from exc
    with response:
        if response.status_code >= 400:
            raise _problem(response)
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        written = 0
        try:
            with part.open("wb") as out:
                for chunk in response.iter_content(BLOCK):
                    if cancelled():
                        raise ExportCancelled
                    out.write(chunk)
                    written += len(chunk)
                    progress(written, total)
            if total is not None and written != total:
                raise ApiError(0, "export_incomplete", f"{written} of {total} bytes")
        except requests.RequestException as exc:
            part.unlink(missing_ok=True)
            raise network_error("network_unreachable", str(exc)) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    os.replace(part, target)
    return Exported(target, written, fmt)
