"""The catalog entry form (ui/entry_form.ui): the 13 core elements, inline validation, autosaved
drafts, and the state of the form's buttons. Its parts live beside it: the write path
(`submission.EntrySubmission`: save/submit online or queued offline), interface documents
(`attachments.AttachmentsPanel`) and 一数一源 hints (`hints.SourceHints`).

    dialog = open_entry_form(context, entry_id=None, parent=window)
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from govshare_core.schemas import CatalogEntryIn
from govshare_core.vocab import (
    DataType,
    EntryStatus,
)
from govshare_desktop import i18n
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import entry_fields as fields
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.attachments import AttachmentsPanel
from govshare_desktop.catalog.change_report import ChangeReportDialog
from govshare_desktop.catalog.hints import HINT_STYLE, SourceHints, hints_html
from govshare_desktop.catalog.items_table import ItemTable, row_errors
from govshare_desktop.catalog.submission import DRAFT_KIND, EntrySubmission
from govshare_desktop.common.autosave import AutosaveController
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.paged_model import Debouncer
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.store.local import OutboxItem
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

# Share-dependent rows of shareLayout (第五条, 第十三条).
ROW_CONDITIONS, ROW_SCOPE, ROW_LEGAL = 1, 2, 3


class EntryForm(QWidget):
    """Edits one catalog entry (new, draft, returned or published).

    Signals:
        saved(object): the platform accepted the entry (its dict).
        submitted(object): the entry was submitted for review (its dict).
        queued(str): offline: the action was queued in the outbox (a message for the user).
        close_requested(): the user pressed 关闭.
    """

    saved = Signal(object)
    submitted = Signal(object)
    queued = Signal(str)
    close_requested = Signal()

    def __init__(
        self,
        *,
        context: AppContext,
        entry_id: int | None = None,
        draft_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._queued_submit = False  # a submit waits in the outbox
        self.conflict_dialog: QDialog | None = None
        self.ui = load_form("entry_form.ui", self)
        self.entry: JsonObject | None = None
        self.busy = False
        self._filling = False
        self._touched: set[str] = set()
        self._show_all = False
        self._draft_key = draft_key or (f"entry-{entry_id}" if entry_id else uuid.uuid4().hex)
        self._idem_key = new_idempotency_key()
        self.errors = FieldErrors(summary=self.ui.errorSummary, parent=self)
        self.autosave = AutosaveController(
            context.store, DRAFT_KIND, self._draft_key, self._draft_data, parent=self
        )
        self._validate_later = Debouncer(delay_ms=150, parent=self)
        self._validate_later.fired.connect(self._revalidate)
        self._hints_later = Debouncer(delay_ms=500, callback=self._fetch_hints, parent=self)
        self.submission = EntrySubmission(context.sync, draft_key=self._draft_key, parent=self)
        self.hints = SourceHints(context=context, parent=self)
        self.attachment_panel = AttachmentsPanel(
            context=context, list_widget=self.ui.attachmentsList, parent=self
        )
        self._setup_widgets()
        fields.bind_errors(self.ui, self.errors)
        self._connect()
        self._fill(P.empty_entry())
        self.ui.providerEdit.setText(str(context.me["department"]["name"]))
        self.ui.providerCodeEdit.setText(str(context.me["department"]["credit_code"]))
        if draft_key:
            self._restore_draft()
        if entry_id is not None:
            self.load(entry_id)
        self._update_state()

    # --- setup -------------------------------------------------------------------------------

    def _setup_widgets(self) -> None:
        fields.fill_choices(self.ui)
        self.item_editor = ItemTable(self.ui.itemsTable, parent=self)
        self.ui.returnReasonLabel.hide()
        self.ui.sourceHintLabel.hide()
        self.ui.readOnlyBanner.hide()
        self._placeholders: dict[str, str] = {}

    def _connect(self) -> None:
        ui = self.ui
        for widget, signal, name in fields.edit_signals(ui):
            getattr(widget, signal).connect(lambda *_a, n=name: self._on_field_edited(n))
        ui.formatClassCombo.currentIndexChanged.connect(self._on_format_class_changed)
        ui.shareTypeCombo.currentIndexChanged.connect(self._on_share_type_changed)
        self.item_editor.edited.connect(lambda: self._on_field_edited("data_items"))
        self.item_editor.name_edited.connect(self._on_item_editor_name_edited)
        ui.addItemButton.clicked.connect(self._on_add_item_clicked)
        ui.removeItemButton.clicked.connect(self._on_remove_item_clicked)
        ui.upItemButton.clicked.connect(lambda: self.move_item(-1))
        ui.downItemButton.clicked.connect(lambda: self.move_item(1))
        ui.saveButton.clicked.connect(self.save)
        ui.submitButton.clicked.connect(self.submit)
        ui.closeButton.clicked.connect(self.close_requested)
        ui.changeReportButton.clicked.connect(self.open_change_report)
        ui.addAttachmentButton.clicked.connect(self._on_add_attachment_clicked)
        ui.removeAttachmentButton.clicked.connect(self._on_remove_attachment_clicked)
        self.autosave.saved.connect(self._on_autosave_saved)
        self.autosave.save_failed.connect(self.ui.statusLabel.setText)
        self.submission.outcome.connect(self._on_outcome)
        self.submission.entry_learned.connect(self._on_entry_learned)
        self.hints.found.connect(self._show_hints)
        self.attachment_panel.status.connect(self.ui.statusLabel.setText)

    # --- data in and out ---------------------------------------------------------------------

    def collect(self) -> JsonObject:
        """The form as a CatalogEntryIn body."""
        return fields.collect(self.ui, self.items())

    def _draft_data(self) -> JsonObject:
        return {
            **self.collect(),
            **fields.hidden_texts(self.ui),
            "_idempotency_key": self._idem_key,
        }

    def _fill(self, data: JsonObject) -> None:
        self._filling = True
        try:
            fields.fill(self.ui, data)
            self.set_items(list(data.get("data_items") or []))
            if data.get("_idempotency_key"):
                self._idem_key = str(data["_idempotency_key"])
        finally:
            self._filling = False
        self._update_visibility()

    def _fill_server(self, entry: JsonObject) -> None:
        self.entry = entry
        self.submission.entry_id = int(entry["id"])
        self.autosave.set_server(int(entry["id"]), int(entry["version"]))
        self._fill(P.entry_input(entry))
        self.ui.codeEdit.setText(entry.get("resource_code") or "")
        self.ui.publishedEdit.setText(str(entry.get("published_on") or ""))
        self.ui.providerEdit.setText(str(entry.get("department_name") or ""))
        self.ui.providerCodeEdit.setText(str(entry.get("provider_code") or ""))
        reason = entry.get("return_reason")
        if entry.get("status") == EntryStatus.RETURNED and reason:
            self.ui.returnReasonLabel.setText(self.tr("退回原因：%1").replace("%1", str(reason)))
            self.ui.returnReasonLabel.show()
        else:
            self.ui.returnReasonLabel.hide()
        self._update_state()

    # --- data items (信息项) -----------------------------------------------------------------

    def items(self) -> list[dict[str, Any]]:
        return self.item_editor.items()

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.item_editor.set_items(items)

    def add_item(self, name: str = "", data_type: str = DataType.CHAR.value) -> None:
        self.item_editor.append({"name": name, "data_type": data_type})
        self._hints_later.push(None)

    def move_item(self, step: int) -> None:
        self.item_editor.move_current(step)

    def _on_add_item_clicked(self) -> None:
        self.add_item()
        table = self.ui.itemsTable
        table.setCurrentCell(table.rowCount() - 1, 0)
        table.editItem(table.item(table.rowCount() - 1, 0))

    def _on_remove_item_clicked(self) -> None:
        self.item_editor.remove_current()

    def _on_item_editor_name_edited(self) -> None:
        self._hints_later.push(None)  # 一数一源 hints once typing pauses

    # --- reactions ---------------------------------------------------------------------------

    def _on_field_edited(self, name: str) -> None:
        if self._filling:
            return
        self._touched.add(name)
        self.autosave.touch()
        self._validate_later.push(None)
        if name == "share_mode":
            self._update_visibility()
        if name in ("open_to_public", "involves_state_secret"):
            self._update_visibility()
            self._revalidate()
            self._update_state()

    def _on_share_type_changed(self) -> None:
        self._update_visibility()
        if not self._filling:
            # the newly required fields now count: show what is missing at once
            self._touched |= {"share_type", "share_conditions", "share_scope", "legal_basis"}
            self._on_field_edited("share_type")
            self._revalidate()

    def _on_format_class_changed(self) -> None:
        fields.fill_format_types(self.ui)
        self._update_visibility()
        self._on_field_edited("format_type")

    def _update_visibility(self) -> None:
        ui = self.ui
        vis = P.visibility(self.collect())
        layout = ui.shareLayout
        layout.setRowVisible(ROW_CONDITIONS, vis.conditions)
        layout.setRowVisible(ROW_SCOPE, vis.conditions)
        layout.setRowVisible(ROW_LEGAL, vis.legal_basis)
        ui.openConditionsEdit.setVisible(vis.open_conditions)
        ui.formatTypeCombo.setVisible(not vis.format_free_text)
        ui.formatTypeEdit.setVisible(vis.format_free_text)
        widget = ui.formatTypeEdit if vis.format_free_text else ui.formatTypeCombo
        self.errors.bind("format_type", widget, ui.formatTypeError)
        ui.attachmentsGroup.setVisible(vis.attachments)

    def field_visible(self, name: str) -> bool:
        """Is the field's row shown (for the share-dependent fields)?"""
        rows = {"share_conditions": ROW_CONDITIONS, "share_scope": ROW_SCOPE}
        rows["legal_basis"] = ROW_LEGAL
        return bool(self.ui.shareLayout.isRowVisible(rows[name]))

    def required_fields(self) -> set[str]:
        """Share-dependent fields that are required now (marked * and checked)."""
        vis = P.visibility(self.collect())
        out = {"share_conditions", "share_scope"} if vis.conditions else set()
        return out | ({"legal_basis"} if vis.legal_basis else set())

    def _revalidate(self, _value: object = None) -> dict[str, str]:
        errors = P.validate(self.collect())
        if not self._show_all:
            errors = {k: v for k, v in errors.items() if _top(k) in self._touched}
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Inline messages, plus the red cells of the data-item rows they name."""
        self.errors.show(errors)
        self.item_editor.mark_errors(row_errors(errors))

    def show_all_errors(self) -> dict[str, str]:
        """Show every rule the form breaks (after 提交, and for the screenshot)."""
        self._show_all = True
        return self._revalidate()

    def _update_state(self) -> None:
        ui = self.ui
        status = (self.entry or {}).get("status", EntryStatus.DRAFT)
        can_edit = P.editable(self.entry, self.context.actor)
        secret = ui.stateSecretCheck.isChecked()
        published = status == EntryStatus.PUBLISHED
        locked = self._queued_submit  # a submit waits in the outbox: nothing more to edit
        read_only = not can_edit or locked
        ui.formContent.setEnabled(not self.busy)
        self._show_read_only(read_only, str(status))
        ui.saveButton.setVisible(not read_only)
        ui.saveButton.setEnabled(can_edit and not secret and not self.busy and not locked)
        ui.submitButton.setVisible(
            status in (EntryStatus.DRAFT, EntryStatus.RETURNED) and not read_only
        )
        ui.submitButton.setEnabled(not secret and not self.busy and not locked)
        ui.changeReportButton.setVisible(published)
        if not read_only:
            ui.stateSecretCheck.setEnabled(not published)
        ui.titleLabel.setText(
            self.tr("新建目录")
            if self.entry is None
            else self.tr("目录登记 — %1").replace("%1", P.status_label(str(status)))
        )
        if secret:  # 第六条: not registered on the platform at all
            ui.statusLabel.setText(self.tr("涉及国家秘密的资源不得在共享平台登记。"))

    @property
    def read_only(self) -> bool:
        return bool(self.ui.readOnlyBanner.isVisibleTo(self))

    def _show_read_only(self, read_only: bool, status: str) -> None:
        """Legible read-only fields and a banner saying why (第十五条: a submitted entry is
        reviewed as submitted)."""
        fields.set_read_only(self.ui, read_only, self._placeholders)
        self.item_editor.set_read_only(read_only)
        banner = self.ui.readOnlyBanner
        banner.setVisible(read_only)
        if not read_only:
            return
        if self._queued_submit:
            text = self.tr("提交已排队，恢复连接后自动发送；发送前不能修改。")
        elif status == EntryStatus.SUBMITTED:
            text = self.tr("已提交审核，不能修改。")
        elif status == EntryStatus.DEPT_APPROVED:
            text = self.tr("已通过部门审核，等待共享平台确认，不能修改。")
        else:
            text = self.tr("当前状态（%1）下不能修改。").replace("%1", P.status_label(status))
        banner.setText(text)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if text:
            self.ui.statusLabel.setText(text)
        self._update_state()

    def _on_autosave_saved(self, at: object) -> None:
        if not self.busy:
            self.ui.statusLabel.setText(self.tr("草稿已自动保存"))

    # --- load --------------------------------------------------------------------------------

    def load(self, entry_id: int) -> None:
        client = self.context.client

        def op(_task: object) -> tuple[JsonObject, list[JsonObject]]:
            return client.entry(entry_id), client.attachments(entry_id)

        self._set_busy(True, self.tr("正在加载…"))
        self.context.run(op, success=self._on_loaded, failure=self._on_load_failed)

    def _on_loaded(self, result: tuple[JsonObject, list[JsonObject]]) -> None:
        entry, files = result
        self._fill_server(entry)
        self.attachment_panel.show_files(files)
        draft = self.context.store.load_draft(DRAFT_KIND, self._draft_key)
        if draft is not None and draft.server_version == entry["version"]:
            self._fill(draft.data)  # unsent local edits of this version win
            self.ui.statusLabel.setText(self.tr("已恢复本地未保存的修改"))
        else:
            self.ui.statusLabel.setText("")
        self._set_busy(False)
        self._hints_later.push(None)

    def _on_load_failed(self, exc: Exception) -> None:
        draft = self.context.store.load_draft(DRAFT_KIND, self._draft_key)
        if draft is not None:
            self._fill(draft.data)
        self._set_busy(False, _message(exc))

    def _restore_draft(self) -> None:
        draft = self.context.store.load_draft(DRAFT_KIND, self._draft_key)
        if draft is not None:
            self._fill(draft.data)
            self.ui.statusLabel.setText(self.tr("已恢复草稿"))

    # --- save and submit (through the session's SyncEngine) ----------------------------------

    def save(self) -> None:
        self._send(submit=False)

    def submit(self) -> None:
        self._send(submit=True)

    def _send(self, *, submit: bool) -> None:
        if self.busy:
            return
        data = self.collect()
        if not self._may_send(data, submit):
            return
        self.autosave.save_now()
        self._set_busy(True, self.tr("正在提交…") if submit else self.tr("正在保存…"))
        self.submission.send(data, entry=self.entry, submit=submit, create_key=self._idem_key)

    def _may_send(self, data: JsonObject, submit: bool) -> bool:
        """Check the form before sending; show what stops it."""
        errors = P.validate(data)
        if "involves_state_secret" in errors:
            self.show_all_errors()
            return False
        if submit and errors:
            self.show_all_errors()
            self.ui.statusLabel.setText(self.tr("请先修改标出的问题再提交。"))
            return False
        if _shape_errors(data):
            self.show_all_errors()
            return False
        entry = self.entry
        published = entry is not None and entry.get("status") == EntryStatus.PUBLISHED
        if published and entry and P.key_element_changes(P.entry_input(entry), data):
            QMessageBox.information(
                self,
                self.tr("关键要素变更"),
                self.tr("已发布目录的关键要素须通过变更报告修改（第十七条）。"),
            )
            self.open_change_report()
            return False
        return True

    def _on_outcome(self, outcome: Outcome, submit: bool) -> None:
        if outcome.status == OutcomeStatus.SENT and outcome.result is not None:
            self._on_sent(outcome.result, submit)
            return
        self._set_busy(False)
        if outcome.status == OutcomeStatus.QUEUED:
            self._show_queued(outcome.message, submit)
        elif outcome.status == OutcomeStatus.CONFLICT:
            self.ui.statusLabel.setText(
                self.tr("该目录已被他人修改：请在对比窗口中选择保留哪些内容。")
            )
            self.open_conflict(outcome.item, outcome.server_object)
        else:
            error = outcome.api_error
            if error is not None and error.status == 422:
                self.show_errors(error.field_messages(i18n.language()))
            self.ui.statusLabel.setText(outcome.message or _message(outcome.error or Exception()))

    def _show_queued(self, message: str, submit: bool) -> None:
        head = (
            self.tr("提交已排队，恢复连接后自动发送。")
            if submit
            else self.tr("保存已排队，恢复连接后自动发送。")
        )
        text = f"{head}{message}" if message and message not in head else head
        if submit:
            self._queued_submit = True
            self._update_state()
        self.ui.statusLabel.setText(text)
        self.queued.emit(text)

    def open_conflict(
        self, item: OutboxItem | None, server_object: JsonObject | None
    ) -> QDialog | None:
        """412: show the compare view (keep mine / take theirs / per field); the engine applies
        the choice and replays."""
        if item is None:
            return None
        dialog = open_conflict_dialog(self.context.sync, item, server_object, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self._on_conflict_dialog_resolved)
        self.conflict_dialog = dialog
        return dialog

    def _on_conflict_dialog_resolved(self, _item: OutboxItem, resolution: str, _body: Any) -> None:
        if resolution == Resolution.THEIRS and self.entry is not None:
            self.ui.statusLabel.setText(self.tr("已采用服务器上的内容，正在重新加载…"))
            self.load(int(self.entry["id"]))
        else:
            self.ui.statusLabel.setText(self.tr("已按您的选择重新排队，将自动同步。"))

    def _on_entry_learned(self, result: JsonObject) -> None:
        """A queued action of this form got through (or a create whose submit was refused):
        learn the entry's id and version."""
        self.entry = {**(self.entry or {}), **result}
        self.autosave.set_server(int(result["id"]), int(result["version"]))
        self.ui.codeEdit.setText(result.get("resource_code") or "")
        self.ui.statusLabel.setText(self.tr("排队的操作已发送到共享平台。"))
        self._update_state()

    def _on_sent(self, result: JsonObject, submit: bool) -> None:
        self._fill_server(result)
        self.show_errors({})
        self.autosave.set_server(int(result["id"]), int(result["version"]))
        if submit:
            self.autosave.discard()  # the platform has it; nothing local remains to send
            self.ui.statusLabel.setText(self.tr("已提交，等待本部门审核。"))
        else:
            self.autosave.touch()
            self.autosave.save_now()
            self.ui.statusLabel.setText(self.tr("已保存到共享平台。"))
        self._set_busy(False)
        (self.submitted if submit else self.saved).emit(result)

    # --- 一数一源 hints (第十八条) -----------------------------------------------------------

    @property
    def source_hints(self) -> list[JsonObject]:
        return self.hints.hints

    def _fetch_hints(self, _value: object = None) -> None:
        names = [i["name"] for i in self.items() if i["name"]]
        exclude = None if self.entry is None else int(self.entry["id"])
        self.hints.fetch(names, exclude_entry_id=exclude)

    def _show_hints(self, hints: list[JsonObject]) -> None:
        self.item_editor.highlight_names(n for h in hints for n in h.get("matching_items", []))
        label = self.ui.sourceHintLabel
        label.setVisible(bool(hints))
        if hints:
            label.setText(hints_html(hints))
            label.setStyleSheet(HINT_STYLE)

    # --- attachments (第十九条) --------------------------------------------------------------

    @property
    def attachments(self) -> list[JsonObject]:
        return self.attachment_panel.files

    def _on_add_attachment_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择接口规范说明文档"),
            "",
            self.tr("文档 (*.pdf *.doc *.docx *.ofd *.wps *.txt *.md *.json *.yaml)"),
        )
        if path:
            self.upload_attachment(Path(path))

    def upload_attachment(self, path: Path) -> None:
        if self.entry is None:
            self.ui.statusLabel.setText(self.tr("请先保存目录，再上传接口文档。"))
            return
        self.attachment_panel.upload(int(self.entry["id"]), path)

    def _on_remove_attachment_clicked(self) -> None:
        attachment_id = self.attachment_panel.current_id()
        if attachment_id is not None:
            self.remove_attachment(attachment_id)

    def remove_attachment(self, attachment_id: int) -> None:
        if self.entry is not None:
            self.attachment_panel.remove(int(self.entry["id"]), attachment_id)

    # --- change report -----------------------------------------------------------------------

    def open_change_report(self) -> QDialog | None:
        if self.entry is None:
            return None
        changes = P.key_element_changes(P.entry_input(self.entry), self.collect())
        dialog = ChangeReportDialog(
            context=self.context, entry=self.entry, changes=changes, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def flush(self) -> None:
        """Write any unsaved edit now (on close)."""
        self.autosave.flush()

    def save_draft(self) -> bool:
        """文件 → 保存草稿 (Ctrl+S): write the form's draft to this computer now (DraftPage).
        False for a read-only entry (nothing of the user's to keep)."""
        if self.read_only:
            return False
        self.autosave.touch()
        self.autosave.flush()
        self.ui.statusLabel.setText(self.tr("草稿已保存在本机。"))
        return True


class EntryFormDialog(QDialog):
    """A window holding an EntryForm (non-modal: several entries can be open)."""

    PREFERRED_SIZE = QSize(900, 860)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        context: AppContext,
        entry_id: int | None = None,
        draft_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("目录登记"))
        self.form = EntryForm(context=context, entry_id=entry_id, draft_key=draft_key, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.form.close_requested.connect(self.close)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(self.form.save_draft)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.form.flush()
        super().closeEvent(event)


def open_entry_form(
    context: AppContext,
    entry_id: int | None = None,
    parent: QWidget | None = None,
    *,
    draft_key: str | None = None,
    show: bool = True,
) -> EntryFormDialog:
    """Open the entry form (new when `entry_id` is None) in its own window."""
    dialog = EntryFormDialog(context=context, entry_id=entry_id, draft_key=draft_key, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if show:
        dialog.show()
    return dialog


def _top(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _shape_errors(data: JsonObject) -> bool:
    """True when the platform would refuse the body even as a draft (its shape, not rules)."""
    try:
        CatalogEntryIn.model_validate(data)
    except ValidationError:
        return True
    return False


def _message(exc: Exception) -> str:
    if isinstance(exc, ApiError):
        return exc.message()
    return QCoreApplication.translate("EntryForm", "操作失败：%1").replace("%1", str(exc))
