"""Share request drafts and submission, online or queued (a thin adapter over the offline store).

A request draft lives in the store as kind "request" under its key, which is also the
Idempotency-Key of its POST /requests: a retry, a replay from the outbox or a second click all
create the same request. Submission is POST /requests then POST /requests/{id}/submit; when the
platform is unreachable the create is queued in the outbox, the draft is marked queued, and
`finish_queued` completes create + submit once the platform answers again.

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


def submit_or_queue(
    client: PlatformClient,
    store: LocalStore,
    key: str,
    *,
    entry: Mapping[str, Any],
    form: Mapping[str, Any],
    body: Mapping[str, Any],
    label: str,
) -> dict[str, Any]:
    """Submit now; if the platform is unreachable queue it and keep the draft (marked queued).

    Returns the request detail, or {"queued": True} when queued.
    """
    store.save_draft(
        KIND,
        key,
        {"entry": dict(entry), "form": dict(form), "queued": False, "body": dict(body)},
        title=str(entry.get("name", "")),
    )
    try:
        detail = create_and_submit(client, key, body)
    except ApiError as exc:
        if not exc.is_network:
            raise
        _queue(store, key, entry=entry, form=form, body=body, label=label)
        return {"queued": True}
    delete_draft(store, key)
    return detail


def _queue(
    store: LocalStore,
    key: str,
    *,
    entry: Mapping[str, Any],
    form: Mapping[str, Any],
    body: Mapping[str, Any],
    label: str,
) -> None:
    store.save_draft(
        KIND,
        key,
        {"entry": dict(entry), "form": dict(form), "queued": True, "body": dict(body)},
        title=str(entry.get("name", "")),
    )
    queued = {i.idempotency_key for i in store.outbox(states=("pending", "conflict", "failed"))}
    if key not in queued:
        store.enqueue(
            method="POST",
            path=CREATE_PATH,
            body=dict(body),
            label=label,
            draft=(KIND, key),
            idempotency_key=key,
        )


def finish_queued(client: PlatformClient, store: LocalStore) -> list[dict[str, Any]]:
    """Create + submit every queued request draft (in the order saved); stops when offline.

    Safe to run beside the outbox replay: both use the draft's idempotency key.
    """
    done: list[dict[str, Any]] = []
    for draft in sorted(list_drafts(store), key=lambda d: d.saved_at):
        if not draft.data.get("queued") or not draft.data.get("body"):
            continue
        try:
            detail = create_and_submit(client, draft.key, draft.data["body"])
        except ApiError as exc:
            if exc.is_network:
                break
            # refused by the platform: back to an editable draft, with the reason
            data = dict(draft.data, queued=False, error=exc.message())
            store.save_draft(KIND, draft.key, data, title=draft.title)
            continue
        delete_draft(store, draft.key)
        done.append(detail)
    return done
