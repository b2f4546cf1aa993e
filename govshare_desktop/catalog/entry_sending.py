"""The entry form's exchange with the platform, without its fields: load the entry (with its
interface documents, or the local draft when the platform is out of reach), save and submit it
through the write path (`submission.EntrySubmission`), and word what became of it — sent,
queued offline, a 412 conflict (the compare view), refused.

    sending = EntrySending(context=context, draft_key=key, autosave=form.autosave, parent=form)
    sending.entry_changed.connect(form.show_entry)
    sending.load(12)
    sending.send(form.collect(), submit=True)

The form's local draft follows the platform: the platform's id and version once known, the draft
deleted once a submit got through.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from govshare_desktop import i18n
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog.submission import DRAFT_KIND, EntrySubmission
from govshare_desktop.common.autosave import AutosaveController
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OutboxItem
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.engine import Outcome, OutcomeStatus


class EntrySending(QObject):
    """Loads and sends one form's entry (see the module docstring).

    Signals:
        status(str): a line for the form's status label.
        busy_changed(bool): a load or send started (True) or ended (False).
        entry_changed(object): the platform's entry (dict): fill the fields with it.
        entry_learned(object): a queued action got through: the entry's id, version and code
            are known now (the fields keep what the user typed since).
        draft_found(object): local edits to show (the draft's data, a dict).
        files_loaded(object): the entry's interface documents (a list of dicts).
        sent(object, bool): the platform accepted the entry (its dict); True for a submit.
        queued(str, bool): offline: the action waits in the outbox (what to tell the user);
            True for a submit.
        refused(object): the platform named fields it refuses (field path → message).
    """

    status = Signal(str)
    busy_changed = Signal(bool)
    entry_changed = Signal(object)
    entry_learned = Signal(object)
    draft_found = Signal(object)
    files_loaded = Signal(object)
    sent = Signal(object, bool)
    queued = Signal(str, bool)
    refused = Signal(object)

    def __init__(
        self,
        *,
        context: AppContext,
        draft_key: str,
        autosave: AutosaveController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.draft_key = draft_key
        self.autosave = autosave
        self.entry: JsonObject | None = None
        self.busy = False
        self.queued_submit = False  # a submit waits in the outbox: nothing more to edit
        self.create_key = new_idempotency_key()  # kept in the draft: one create, ever
        self.conflict_dialog: QDialog | None = None
        self.submission = EntrySubmission(context.sync, draft_key=draft_key, parent=self)
        self.submission.outcome.connect(self._on_outcome)
        self.submission.entry_learned.connect(self._on_entry_learned)

    # --- load --------------------------------------------------------------------------------

    def load(self, entry_id: int) -> None:
        client = self.context.client

        def op(_task: object) -> tuple[JsonObject, list[JsonObject]]:
            return client.entry(entry_id), client.attachments(entry_id)

        self._set_busy(True, QCoreApplication.translate("EntryForm", "正在加载…"))
        self.context.run(op, success=self._on_loaded, failure=self._on_load_failed)

    def local_draft(self) -> JsonObject | None:
        draft = self.context.store.load_draft(DRAFT_KIND, self.draft_key)
        return None if draft is None else draft.data

    def _on_loaded(self, result: tuple[JsonObject, list[JsonObject]]) -> None:
        entry, files = result
        self.show_entry(entry)
        self.files_loaded.emit(files)
        draft = self.context.store.load_draft(DRAFT_KIND, self.draft_key)
        if draft is not None and draft.server_version == entry["version"]:
            self.draft_found.emit(draft.data)  # unsent local edits of this version win
            text = QCoreApplication.translate("EntryForm", "已恢复本地未保存的修改")
        else:
            text = ""
        self._set_busy(False, text)

    def _on_load_failed(self, exc: Exception) -> None:
        data = self.local_draft()
        if data is not None:
            self.draft_found.emit(data)
        self._set_busy(False, _message(exc))

    def show_entry(self, entry: JsonObject) -> None:
        """The platform's entry is the form's now."""
        self.entry = entry
        self.submission.entry_id = int(entry["id"])
        self.autosave.set_server(int(entry["id"]), int(entry["version"]))
        self.entry_changed.emit(entry)

    # --- save and submit ---------------------------------------------------------------------

    def send(self, data: JsonObject, *, submit: bool) -> None:
        """Save (create or update) `data`, and submit it when `submit`; checked by the form."""
        if self.busy:
            return
        self.autosave.save_now()
        doing = (
            QCoreApplication.translate("EntryForm", "正在提交…")
            if submit
            else QCoreApplication.translate("EntryForm", "正在保存…")
        )
        self._set_busy(True, doing)
        self.submission.send(data, entry=self.entry, submit=submit, create_key=self.create_key)

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        self.busy = busy
        if text is not None:
            self.status.emit(text)
        self.busy_changed.emit(busy)

    def _on_outcome(self, outcome: Outcome, submit: bool) -> None:
        if outcome.status == OutcomeStatus.SENT and outcome.result is not None:
            self._on_sent(outcome.result, submit)
        elif outcome.status == OutcomeStatus.QUEUED:
            self._on_queued(outcome.message, submit)
        elif outcome.status == OutcomeStatus.CONFLICT:
            self._set_busy(False)
            self.status.emit(
                QCoreApplication.translate(
                    "EntryForm", "该目录已被他人修改：请在对比窗口中选择保留哪些内容。"
                )
            )
            self.open_conflict(outcome.item, outcome.server_object)
        else:
            self._set_busy(False)
            error = outcome.api_error
            if error is not None and error.status == 422:
                self.refused.emit(error.field_messages(i18n.language()))
            self.status.emit(outcome.message or _message(outcome.error or Exception()))

    def _on_sent(self, result: JsonObject, submit: bool) -> None:
        self.show_entry(result)
        if submit:
            self.autosave.discard()  # the platform has it; nothing local remains to send
            text = QCoreApplication.translate("EntryForm", "已提交，等待本部门审核。")
        else:
            self.autosave.touch()
            self.autosave.save_now()
            text = QCoreApplication.translate("EntryForm", "已保存到共享平台。")
        self._set_busy(False, text)
        self.sent.emit(result, submit)

    def _on_queued(self, message: str, submit: bool) -> None:
        head = (
            QCoreApplication.translate("EntryForm", "提交已排队，恢复连接后自动发送。")
            if submit
            else QCoreApplication.translate("EntryForm", "保存已排队，恢复连接后自动发送。")
        )
        text = f"{head}{message}" if message and message not in head else head
        self.queued_submit = self.queued_submit or submit
        self._set_busy(False, text)
        self.queued.emit(text, submit)

    def _on_entry_learned(self, result: JsonObject) -> None:
        """A queued action of this form got through (or a create whose submit was refused)."""
        self.entry = {**(self.entry or {}), **result}
        self.submission.entry_id = int(result["id"])
        self.autosave.set_server(int(result["id"]), int(result["version"]))
        self.status.emit(QCoreApplication.translate("EntryForm", "排队的操作已发送到共享平台。"))
        self.entry_learned.emit(self.entry)

    # --- 412: the compare view ---------------------------------------------------------------

    def open_conflict(
        self, item: OutboxItem | None, server_object: JsonObject | None
    ) -> QDialog | None:
        """Show the compare view (keep mine / take theirs / per field); the engine applies the
        choice and replays."""
        parent = self.parent()
        if item is None or not isinstance(parent, QWidget):
            return None
        dialog = open_conflict_dialog(self.context.sync, item, server_object, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self._on_conflict_dialog_resolved)
        self.conflict_dialog = dialog
        return dialog

    def _on_conflict_dialog_resolved(self, _item: OutboxItem, resolution: str, _body: Any) -> None:
        if resolution == Resolution.THEIRS and self.entry is not None:
            self.status.emit(
                QCoreApplication.translate("EntryForm", "已采用服务器上的内容，正在重新加载…")
            )
            self.load(int(self.entry["id"]))
        else:
            self.status.emit(
                QCoreApplication.translate("EntryForm", "已按您的选择重新排队，将自动同步。")
            )


def _message(exc: Exception) -> str:
    if isinstance(exc, ApiError):
        return exc.message()
    return QCoreApplication.translate("EntryForm", "操作失败：%1").replace("%1", str(exc))
