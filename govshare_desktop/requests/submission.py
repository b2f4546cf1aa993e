"""Share request drafts and their submission: the request form's adapter to the write path
(the offline store and the session's SyncEngine), 第二十二条.

A request draft lives in the store as kind "request" under its key: the entry asked for, the
typed values and the create's idempotency key (`create_key`, so a create whose answer was lost
is never made twice: sent again, the platform answers with the first result); once the platform
has created the request, the draft's `server_id`/`server_version` name it.

    submission = RequestSubmission(context.sync, draft_key=key, parent=form)
    submission.outcome.connect(form._on_outcome)
    submission.request_learned.connect(form._on_request_learned)
    submission.send(body, request=None, create_key=key, label=title)

Sending creates the request and submits it (`create_and_act`, both queued in the outbox with
their idempotency keys when offline). If the platform created it but refused the submission,
`request_learned` reports the request: the next send updates that draft request (PUT, If-Match)
and submits it, never a second one. The draft goes with the last action (deleted once the
platform has it; marked queued here while it waits).

The draft functions do disk work: run them in the background.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.store.local import Draft, LocalStore
from govshare_desktop.sync.engine import Outcome, OutcomeStatus, SyncEngine

KIND = "request"


def new_draft_key() -> str:
    return uuid.uuid4().hex


def draft_data(
    entry: Mapping[str, Any], form: Mapping[str, Any], *, create_key: str
) -> dict[str, Any]:
    """What a request draft keeps: the entry it asks for, the typed values, the create's key."""
    return {"entry": dict(entry), "form": dict(form), "queued": False, "create_key": create_key}


def created_request(draft: Draft) -> JsonObject | None:
    """The request the draft's submission created on the platform ({id, version}), if any."""
    if draft.server_id is None:
        return None
    return {"id": draft.server_id, "version": draft.server_version}


def list_drafts(store: LocalStore) -> list[Draft]:
    return store.list_drafts(KIND)


def mark_queued(store: LocalStore, key: str) -> None:
    """The draft's actions wait in the outbox (the list shows it as 待发送); the engine deletes
    the draft with the last item once the platform has them."""
    draft = store.load_draft(KIND, key)
    if draft is not None:
        store.save_draft(
            KIND,
            key,
            dict(draft.data, queued=True),
            title=draft.title,
            server_id=draft.server_id,
            server_version=draft.server_version,
        )


class RequestSubmission(QObject):
    """Sends one form's share request (see the module docstring).

    Signals:
        outcome(Outcome): what became of the submission.
        request_learned(object): the platform has the request though its submission did not
            go through (created, or updated, and the submit refused): the request (dict).
    """

    outcome = Signal(Outcome)
    request_learned = Signal(object)

    def __init__(
        self, engine: SyncEngine, *, draft_key: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.draft = (KIND, draft_key)

    def send(
        self, body: JsonObject, *, request: Mapping[str, Any] | None, create_key: str, label: str
    ) -> None:
        """Create and submit the request, or, when the platform has it already (`request`:
        {id, version}), update and submit that one; now, or queued in the outbox."""
        if request is None:
            self.engine.create_and_act(
                actions.create_request(body, label=label),
                lambda ref: actions.request_action(ref, "submit", label=label),
                draft=self.draft,
                done=self._finish,
                key=create_key,
            )
            return
        request_id = int(request["id"])
        update = actions.update_request(
            request_id, body, version=int(request["version"]), label=label
        )

        def then_submit(outcome: Outcome) -> None:
            if outcome.status not in (OutcomeStatus.SENT, OutcomeStatus.QUEUED):
                self._finish(outcome)
                return
            updated = outcome.result if outcome.status == OutcomeStatus.SENT else None
            version = int(updated["version"]) if updated else None
            submit = actions.request_action(request_id, "submit", version=version, label=label)
            self.engine.submit(submit, draft=self.draft, done=lambda o: self._finish(o, updated))

        self.engine.submit(update, done=then_submit)

    def _finish(self, outcome: Outcome, updated: JsonObject | None = None) -> None:
        """Report the outcome; first, when the submission failed though the platform has the
        request (created: the outcome's result; or `updated`), the request as it is now."""
        known = outcome.result or updated
        if outcome.status == OutcomeStatus.FAILED and known is not None:
            self.request_learned.emit(known)
        self.outcome.emit(outcome)
