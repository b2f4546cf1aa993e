"""Share request drafts and their submission (a thin adapter over the offline store and the
session's SyncEngine).

A request draft lives in the store as kind "request" under its key. Submission creates the
request and submits it (`submit`: `create_and_act` through the engine, both queued in the
outbox with their idempotency keys when offline, the draft going with the last item and marked
queued here).

The draft functions do disk work: run them through `AppContext.run`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.store.local import Draft, LocalStore
from govshare_desktop.sync.engine import Done, SyncEngine

KIND = "request"


def new_draft_key() -> str:
    return uuid.uuid4().hex


def draft_data(entry: Mapping[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """What a request draft keeps: the entry it asks for and the typed values."""
    return {"entry": dict(entry), "form": dict(form), "queued": False}


def save_draft(
    store: LocalStore, key: str, *, entry: Mapping[str, Any], form: Mapping[str, Any]
) -> None:
    """Save (insert or replace) the draft."""
    store.save_draft(KIND, key, draft_data(entry, form), title=str(entry.get("name", "")))


def load_draft(store: LocalStore, key: str) -> Draft | None:
    return store.load_draft(KIND, key)


def list_drafts(store: LocalStore) -> list[Draft]:
    return store.list_drafts(KIND)


def delete_draft(store: LocalStore, key: str) -> None:
    store.delete_draft(KIND, key)
    for item in store.outbox(states=("pending", "conflict", "failed")):
        if item.draft_kind == KIND and item.draft_key == key:
            store.remove(item.seq)


def submit(engine: SyncEngine, key: str, body: JsonObject, *, label: str, done: Done) -> None:
    """Create the request and submit it (第二十二条) now, or queue both in the outbox (the
    submit waiting for the created id); the draft goes with the submit."""
    engine.create_and_act(
        actions.create_request(body, label=label),
        lambda ref: actions.request_action(ref, "submit", label=label),
        draft=(KIND, key),
        done=done,
    )


def mark_queued(store: LocalStore, key: str) -> None:
    """The draft's create + submit wait in the outbox (the list shows it as 待发送); the engine
    deletes the draft with the last item once the platform has them."""
    draft = store.load_draft(KIND, key)
    if draft is not None:
        store.save_draft(KIND, key, dict(draft.data, queued=True), title=draft.title)
