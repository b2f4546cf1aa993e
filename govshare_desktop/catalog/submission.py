"""The entry form's adapter to the write path: save (create or update) and submit an entry
through the session's SyncEngine — sent at once online, kept in the outbox offline with the
form's draft, replayed in order (第十四条 registration, 第十五条 submission for review).

    submission = EntrySubmission(context.sync, draft=("entry", key), parent=form)
    submission.outcome.connect(form._on_outcome)      # (Outcome, submit)
    submission.send(data, entry=form.entry, submit=True)

While a create waits in the outbox (no id yet), later saves rewrite its body in place and a
submit queues behind it on the create's placeholder id; `entry_learned` reports the entry once
a queued action of this form got through.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from govshare_desktop.api import actions
from govshare_desktop.api.actions import Id, JsonObject
from govshare_desktop.store.local import OutboxItem
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus, SyncEngine

DRAFT_KIND = "entry"


def _submit_action(entry_id: Id, version: int | None, name: str) -> actions.Action:
    label = QCoreApplication.translate("EntryForm", "提交目录：%1").replace("%1", name)
    return actions.entry_action(entry_id, "submit", version=version, label=label)


class EntrySubmission(QObject):
    """Sends one form's entry (see the module docstring).

    Signals:
        outcome(Outcome, bool): what became of a save (False) or submit (True).
        entry_learned(object): a queued action of this form got through: the entry (dict).
    """

    outcome = Signal(Outcome, bool)
    entry_learned = Signal(object)

    def __init__(
        self, engine: SyncEngine, *, draft_key: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.draft = (DRAFT_KIND, draft_key)
        self.entry_id: int | None = None  # the platform's id once known
        self.queued_create: OutboxItem | None = None  # a queued create (no id yet)
        engine.item_sent.connect(self._on_engine_item_sent)

    def send(
        self, data: JsonObject, *, entry: JsonObject | None, submit: bool, create_key: str
    ) -> None:
        """Create/update (and submit) now, or queue it in the outbox. `create_key` is the
        idempotency key of a create (kept in the form's draft: a create whose answer was lost
        is never made twice)."""
        name = str(data.get("name") or QCoreApplication.translate("EntryForm", "未命名目录"))
        if entry is None and self.queued_create is not None:
            self._amend_queued_create(data, submit, name)
        elif entry is None:
            self._create(data, submit, name, create_key)
        else:
            self._update(data, entry, submit, name)

    def _done(self, submit: bool) -> Done:
        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self.queued_create = None
            elif outcome.status == OutcomeStatus.FAILED and outcome.result is not None:
                self.entry_learned.emit(outcome.result)  # created; only its submit was refused
            self.outcome.emit(outcome, submit)

        return done

    def _create(self, data: JsonObject, submit: bool, name: str, key: str) -> None:
        engine, draft, done = self.engine, self.draft, self._remember_create(submit)
        if submit:
            label = QCoreApplication.translate("EntryForm", "新建并提交目录：%1")
            create = actions.create_entry(data, label=label.replace("%1", name))
            follow = lambda ref: _submit_action(ref, None, name)  # noqa: E731
            engine.create_and_act(create, follow, draft=draft, done=done, key=key)
            return
        label = QCoreApplication.translate("EntryForm", "新建目录：%1")
        create = actions.create_entry(data, label=label.replace("%1", name))
        engine.submit(create, draft=draft, done=done, key=key)

    def _remember_create(self, submit: bool) -> Done:
        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.QUEUED and not submit:
                self.queued_create = outcome.item
            self._done(submit)(outcome)

        return done

    def _update(self, data: JsonObject, entry: JsonObject, submit: bool, name: str) -> None:
        entry_id, version = int(entry["id"]), int(entry["version"])
        label = QCoreApplication.translate("EntryForm", "修改目录：%1").replace("%1", name)
        update = actions.update_entry(entry_id, data, version=version, label=label)
        if not submit:
            self.engine.submit(update, draft=self.draft, done=self._done(False))
            return

        def then_submit(outcome: Outcome) -> None:
            if outcome.status not in (OutcomeStatus.SENT, OutcomeStatus.QUEUED):
                self.outcome.emit(outcome, True)
                return
            result = outcome.result if outcome.status == OutcomeStatus.SENT else None
            version = int(result["version"]) if result is not None else None
            if result is not None:
                self.entry_learned.emit(result)
            self.engine.submit(
                _submit_action(entry_id, version, name),
                draft=self.draft,
                done=self._done(True),
            )

        self.engine.submit(update, done=then_submit)

    def _amend_queued_create(self, data: JsonObject, submit: bool, name: str) -> None:
        """A create is still queued: rewrite its body in place (same key), queue the submit."""
        assert self.queued_create is not None

        def done(outcome: Outcome) -> None:
            if submit and outcome.status == OutcomeStatus.QUEUED:
                self.queued_create = None
            self.outcome.emit(outcome, submit)

        self.engine.amend_queued_create(
            self.queued_create,
            data,
            (lambda ref: _submit_action(ref, None, name)) if submit else None,
            draft=self.draft,
            done=done,
        )

    def _on_engine_item_sent(self, item: OutboxItem, result: object) -> None:
        """A queued action got through: if it is this form's, learn the entry's id/version."""
        if not isinstance(result, dict) or "id" not in result:
            return
        ours = self.queued_create is not None and (
            item.idempotency_key == self.queued_create.idempotency_key
        )
        mine = self.entry_id is not None and self.entry_id == int(result["id"])
        if ours or mine or (item.draft_key == self.draft[1] and self.entry_id is None):
            self.queued_create = None
            self.entry_id = int(result["id"])
            self.entry_learned.emit(result)
