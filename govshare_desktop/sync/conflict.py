"""What a 412 conflict means for the outbox, without widgets: the fields my queued change and
the platform's current object disagree on, the bodies of the user's three choices, and writing
the choice to the store (docs/design.md §5).

The compare view (common/conflict.py) shows `differing(...)` and hands the user's
`Resolution` to `SyncEngine.resolve_conflict`, which calls `apply_resolution` off the UI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from govshare_desktop.store.local import LocalStore, OutboxItem
from govshare_desktop.sync.replay import normalize


class Resolution(StrEnum):
    """The user's choice in the compare view."""

    MINE = "mine"  # re-queue my change against the platform's current version
    THEIRS = "theirs"  # drop my change; the draft becomes the platform's object
    MERGE = "merge"  # re-queue a body built field by field


def differing(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[str]:
    """The fields my change sets whose value differs on the platform (None, "" and missing are
    the same, as the platform stores them)."""
    return [f for f in mine if normalize(mine[f]) != normalize(theirs.get(f))]


def theirs_body(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The platform's values of the fields my change sets (the draft after "take theirs")."""
    return {f: theirs.get(f) for f in mine}


def merge(
    mine: Mapping[str, Any], theirs: Mapping[str, Any], choices: Mapping[str, Resolution]
) -> dict[str, Any]:
    """My body with the fields chosen as "theirs" taken from the platform (default: mine)."""
    return {f: theirs.get(f) if choices.get(f) == Resolution.THEIRS else v for f, v in mine.items()}


def apply_resolution(
    store: LocalStore,
    item: OutboxItem,
    server: Mapping[str, Any] | None,
    resolution: Resolution,
    body: Any = None,
) -> None:
    """Write the decision: MINE/MERGE re-queue the item with `body` against the platform's
    current version (same seq: the order holds); THEIRS drops the queued change and makes the
    draft the platform's."""
    server = server or {}
    version = server.get("version", item.if_match)
    if resolution == Resolution.THEIRS:
        _take_theirs(store, item, server, version)
        return
    store.update_item(item.seq, body=body, if_match=version)
    if item.draft is not None and isinstance(body, Mapping):
        draft = store.load_draft(*item.draft)
        store.save_draft(
            *item.draft,
            dict(body),
            title=draft.title if draft else item.label,
            server_id=server.get("id") or (draft.server_id if draft else None),
            server_version=version,
        )


def _take_theirs(
    store: LocalStore, item: OutboxItem, server: Mapping[str, Any], version: Any
) -> None:
    store.remove(item.seq)
    if item.draft is None:
        return
    if isinstance(item.body, Mapping) and server:
        store.save_draft(
            *item.draft,
            theirs_body(item.body, server),
            title=str(server.get("name") or server.get("entry_name") or item.label),
            server_id=server.get("id"),
            server_version=version,
        )
    else:
        store.delete_draft(*item.draft)
