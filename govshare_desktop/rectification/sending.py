"""The changes of the 整改 page as `Action`s for the session's SyncEngine (sent at once online,
kept in the outbox with their idempotency key offline; If-Match on the order's version), and
the reads the page and its dialogs make in the background.

    context.sync.submit(issue(body, label=...), done=...)
    context.sync.create_and_act(evidence(...), lambda _ref: act(...), done=...)  # in order
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from govshare_core.assessment_schemas import RectificationOut
from govshare_desktop.api import rectification_paths as paths
from govshare_desktop.api.actions import FILE_BODY, Action, JsonObject, departments_path
from govshare_desktop.api.client import PlatformClient

BLOCK = 64 * 1024
"""Bytes sent at a time by a direct upload (each block reports progress)."""
OnBytes = Callable[[int, int], None]
"""progress(bytes sent, bytes in all)."""

# --- changes ----------------------------------------------------------------------------------


def issue(body: JsonObject, *, label: str) -> Action:
    """A new order (RectificationIn, 第三十六条); the supervisor's."""
    return Action("POST", paths.rectifications_path(), body, label=label)


def act(
    rectification_id: int,
    action: paths.RectificationAction,
    body: JsonObject | None,
    *,
    version: int,
    label: str,
) -> Action:
    """A step of RECTIFICATION (RectificationActionIn) against the order's `version`."""
    path = paths.action_path(rectification_id, action)
    return Action("POST", path, body or {}, if_match=version, label=label)


def evidence(rectification_id: int, file: Path, *, version: int, label: str) -> Action:
    """The evidence file: `file` is a spooled copy (`spool`), deleted once the platform has it."""
    body = {FILE_BODY: str(file), "content_type": "application/octet-stream"}
    path = paths.evidence_upload_path(rectification_id, file.name)
    return Action("POST", path, body, if_match=version, label=label)


class _Reader:
    """A file body for `requests` that reports each block it hands over (its length gives the
    Content-Length)."""

    def __init__(self, path: Path, progress: OnBytes) -> None:
        self._file = path.open("rb")
        self._size = path.stat().st_size
        self._done = 0
        self._progress = progress

    def __len__(self) -> int:
        return self._size

    def read(self, size: int = -1) -> bytes:
        block = self._file.read(BLOCK if size is None or size < 0 else min(size, BLOCK))
        self._done += len(block)
        self._progress(self._done, self._size)
        return block

    def close(self) -> None:
        self._file.close()


def upload_evidence(
    client: PlatformClient, rectification_id: int, file: Path, *, version: int, progress: OnBytes
) -> JsonObject:
    """Send the evidence file now, block by block (background pool), If-Match `version`; the
    order as the platform answers. One attempt (a body read once cannot be resent): a network
    failure raises, and the caller queues the file in the outbox instead."""
    reader = _Reader(file, progress)
    try:
        response = client.request(
            "POST",
            paths.evidence_upload_path(rectification_id, file.name),
            if_match=version,
            content=cast(bytes, reader),
            content_type="application/octet-stream",
        )
    finally:
        reader.close()
    data = response.json()
    RectificationOut.model_validate(data)
    return dict(data)


# --- reads (background pool) ------------------------------------------------------------------


def rectification(client: PlatformClient, rectification_id: int) -> JsonObject:
    return dict(client.get(paths.rectification_path(rectification_id)))


def departments(client: PlatformClient) -> list[JsonObject]:
    """The departments an order may go to (not the platform's own), by name."""
    rows: list[Any] = []
    while True:
        page = client.get(departments_path(), offset=len(rows), limit=200)
        items = list(page.get("items", []))
        rows += items
        if not items or len(rows) >= int(page.get("total") or 0):
            break
    return sorted((dict(r) for r in rows if not r.get("is_platform")), key=lambda r: r["name"])


def download_evidence(client: PlatformClient, rectification_id: int, target: Path) -> Path:
    """Save the evidence file to `target` (written beside it first: never half a file)."""
    response = client.request("GET", paths.evidence_path(rectification_id))
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(response.content)
    partial.replace(target)
    return target
