"""Share request drafts and their submission (a thin adapter over the offline store).

A request draft lives in the store as kind "request" under its key. Submission is
POST /requests then POST /requests/{id}/submit: through the session's SyncEngine
(`create_and_act`, queued in the outbox with their idempotency keys when offline, the draft
going with the last item and marked queued here), or, without an engine, `create_and_submit`
directly with the draft key as the create's Idempotency-Key.

Every function here does network or disk work: run it through `AppContext.run`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from govshare_desktop.api.client import PlatformClient
from govshare_desktop.api.errors import ApiError
from govshare_desktop.store.local import Draft, LocalStore

KIND = "request"
CREATE_PATH = "/api/v1/requests"


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


def create_and_submit(client: PlatformClient, key: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """POST /requests (idempotent by `key`) then submit it; returns the request detail."""
    created = client.create_request(dict(body), key=key)
    if created.get("status") != "draft":
        return created
    try:
        return client.request_action(int(created["id"]), "submit", version=created.get("version"))
    except ApiError as exc:
        # A replayed create answers with the first (draft) result even if an earlier attempt
        # already submitted it: then the current state is the answer.
        if exc.status in (409, 412):
            return client.share_request(int(created["id"]))
        raise


def mark_queued(store: LocalStore, key: str) -> None:
    """The draft's create + submit wait in the outbox (the list shows it as 待发送); the engine
    deletes the draft with the last item once the platform has them."""
    draft = store.load_draft(KIND, key)
    if draft is not None:
        store.save_draft(KIND, key, dict(draft.data, queued=True), title=draft.title)
