"""The catalog entry form (ui/entry_form.ui): the 13 core elements, inline validation, autosaved
drafts, and the state of the form's buttons, in a window of its own. Its parts live beside it:
the fields as data (`entry_fields`), what each state shows and what stops a send
(`form_state`), loading and sending with the platform's answers (`entry_sending.EntrySending`,
on the write path `submission.EntrySubmission`), interface documents
(`attachments.AttachmentsPanel`) and 一数一源 hints (`hints.SourceHints`).

    dialog = open_entry_form(context, entry_id=None, parent=window)
"""

from __future__ import annotations

import uuid
from typing import Any, TypedDict, Unpack

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from govshare_core import clock
from govshare_core.vocab import DataType
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.catalog import entry_fields as fields
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog import print_entry
from govshare_desktop.catalog.attachments import AttachmentsPanel
from govshare_desktop.catalog.change_report import ChangeReportDialog
from govshare_desktop.catalog.entry_sending import EntrySending
from govshare_desktop.catalog.form_state import SendBlock, form_state, send_block, top_field
from govshare_desktop.catalog.hints import SourceHints
from govshare_desktop.catalog.items_table import ItemTable, row_errors
from govshare_desktop.catalog.submission import DRAFT_KIND
from govshare_desktop.common.autosave import AutosaveController
from govshare_desktop.common.debounce import Debouncer
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.print_actions import SheetPrinting
from govshare_desktop.common.print_layout import Sheet
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext

SHARE_FIELDS = {"share_type", "share_conditions", "share_scope", "legal_basis"}


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
        self.ui = load_form("entry_form.ui", self)
        self._filling = False
        self._touched: set[str] = set()
        self._show_all = False
        self._placeholders: dict[str, str] = {}
        self._draft_key = draft_key or (f"entry-{entry_id}" if entry_id else uuid.uuid4().hex)
        self.errors = FieldErrors(summary=self.ui.errorSummary, parent=self)
        self.autosave = AutosaveController(
            context.store, DRAFT_KIND, self._draft_key, self._draft_data, parent=self
        )
        self.sending = EntrySending(
            context=context, draft_key=self._draft_key, autosave=self.autosave, parent=self
        )
        self._validate_later = Debouncer(delay_ms=150, parent=self)
        self._validate_later.fired.connect(self._revalidate)
        self._hints_later = Debouncer(delay_ms=500, callback=self._fetch_hints, parent=self)
        ui = self.ui
        self._setup_widgets()
        fields.bind_errors(ui, self.errors)
        self._connect()
        self.printing = SheetPrinting(  # 打印… / 导出PDF… of the 目录登记表 (print_entry.py)
            self, ui.buttonRow, sheet_of=self._sheet, status=ui.statusLabel.setText, at=2
        )
        self._fill(P.empty_entry())
        ui.providerEdit.setText(str(context.me["department"]["name"]))
        ui.providerCodeEdit.setText(str(context.me["department"]["credit_code"]))
        if draft_key:
            self._restore_draft()
        if entry_id is not None:
            self.sending.load(entry_id)
        self._update_state()

    # --- setup -------------------------------------------------------------------------------

    def _setup_widgets(self) -> None:
        ui = self.ui
        fields.fill_choices(ui)
        self.item_editor = ItemTable(ui.itemsTable, parent=self)
        self.hints = SourceHints(
            context=self.context, label=ui.sourceHintLabel, items=self.item_editor, parent=self
        )
        self.item_editor.connect_buttons(ui)
        self.attachment_panel = AttachmentsPanel(context=self.context, ui=ui, parent=self)
        for label in (ui.returnReasonLabel, ui.sourceHintLabel, ui.readOnlyBanner):
            label.hide()

    def _connect(self) -> None:
        ui, sending = self.ui, self.sending
        for widget, signal, name in fields.edit_signals(ui):
            getattr(widget, signal).connect(lambda *_a, n=name: self._on_field_edited(n))
        ui.formatClassCombo.currentIndexChanged.connect(self._on_format_class_changed)
        ui.shareTypeCombo.currentIndexChanged.connect(self._on_share_type_changed)
        self.item_editor.edited.connect(lambda: self._on_field_edited("data_items"))
        self.item_editor.name_edited.connect(self._on_item_editor_name_edited)
        ui.saveButton.clicked.connect(self.save)
        ui.submitButton.clicked.connect(self.submit)
        ui.closeButton.clicked.connect(self.close_requested)
        ui.changeReportButton.clicked.connect(self.open_change_report)
        self.autosave.saved.connect(self._on_autosave_saved)
        self.autosave.save_failed.connect(ui.statusLabel.setText)
        sending.status.connect(ui.statusLabel.setText)
        sending.busy_changed.connect(self._update_state)
        sending.entry_changed.connect(self._on_sending_entry_changed)
        sending.entry_learned.connect(self._on_sending_entry_learned)
        sending.draft_found.connect(self._fill)
        sending.files_loaded.connect(self.attachment_panel.show_files)
        sending.sent.connect(self._on_sending_sent)
        sending.queued.connect(self._on_sending_queued)
        sending.refused.connect(self.show_errors)
        self.attachment_panel.status.connect(ui.statusLabel.setText)

    # --- data in and out ---------------------------------------------------------------------

    @property
    def entry(self) -> JsonObject | None:
        """The entry as the platform last gave it (None: not on the platform yet)."""
        return self.sending.entry

    @property
    def busy(self) -> bool:
        return self.sending.busy

    @property
    def conflict_dialog(self) -> QDialog | None:
        return self.sending.conflict_dialog

    def collect(self) -> JsonObject:
        """The form as a CatalogEntryIn body."""
        return fields.collect(self.ui, self.items())

    def _draft_data(self) -> JsonObject:
        return {
            **self.collect(),
            **fields.hidden_texts(self.ui),
            "_idempotency_key": self.sending.create_key,
        }

    def _fill(self, data: JsonObject) -> None:
        self._filling = True
        try:
            fields.fill(self.ui, data)
            self.item_editor.set_items(list(data.get("data_items") or []))
            if data.get("_idempotency_key"):
                self.sending.create_key = str(data["_idempotency_key"])
        finally:
            self._filling = False
        self._update_visibility()

    def _on_sending_entry_changed(self, entry: JsonObject) -> None:
        self._fill(P.entry_input(entry))
        fields.fill_platform_fields(self.ui, entry)
        self.attachment_panel.entry_id = int(entry["id"])
        self._update_state()
        self._hints_later.push(None)  # excluding the entry itself now

    def _on_sending_entry_learned(self, entry: JsonObject) -> None:
        self.ui.codeEdit.setText(entry.get("resource_code") or "")
        self.attachment_panel.entry_id = int(entry["id"])
        self._update_state()

    def _restore_draft(self) -> None:
        data = self.sending.local_draft()
        if data is not None:
            self._fill(data)
            self.ui.statusLabel.setText(self.tr("已恢复草稿"))

    # --- data items (信息项) -----------------------------------------------------------------

    def items(self) -> list[dict[str, Any]]:
        return self.item_editor.items()

    def add_item(self, name: str = "", data_type: str = DataType.CHAR.value) -> None:
        self.item_editor.append({"name": name, "data_type": data_type})
        self._hints_later.push(None)

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
            self._touched |= SHARE_FIELDS
            self._on_field_edited("share_type")
            self._revalidate()

    def _on_format_class_changed(self) -> None:
        fields.fill_format_types(self.ui)
        self._update_visibility()
        self._on_field_edited("format_type")

    def _update_visibility(self) -> None:
        fields.show_applicable(self.ui, self.errors, P.visibility(self.collect()))

    def field_visible(self, name: str) -> bool:
        """Is the field's row shown (for the share-dependent fields)?"""
        return fields.row_visible(self.ui, name)

    def required_fields(self) -> set[str]:
        """Share-dependent fields that are required now (marked * and checked)."""
        return P.visibility(self.collect()).required

    def _revalidate(self, _value: object = None) -> dict[str, str]:
        errors = P.validate(self.collect())
        if not self._show_all:
            errors = {k: v for k, v in errors.items() if top_field(k) in self._touched}
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

    def _update_state(self, *_args: object) -> None:
        state = form_state(
            self.entry,
            self.context.actor,
            secret=self.ui.stateSecretCheck.isChecked(),
            busy=self.busy,
            queued_submit=self.sending.queued_submit,
        )
        self.ui.formContent.setEnabled(not self.busy)
        fields.show_state(self.ui, state, self._placeholders)
        self.item_editor.set_read_only(state.read_only)
        if hasattr(self, "printing"):
            self.printing.set_available(self.entry is not None)

    def _sheet(self) -> tuple[Sheet, str] | None:
        """The 目录登记表 as the form shows it, with the platform's status and code."""
        if self.entry is None:
            return None
        shown = {**self.entry, **self.collect()}
        return print_entry.entry_sheet(shown, [], clock.today()), print_entry.file_name(shown)

    @property
    def read_only(self) -> bool:
        return bool(self.ui.readOnlyBanner.isVisibleTo(self))

    def _on_autosave_saved(self, at: object) -> None:
        if not self.busy:
            self.ui.statusLabel.setText(self.tr("草稿已自动保存"))

    # --- save and submit (EntrySending) ------------------------------------------------------

    def save(self) -> None:
        self._send(submit=False)

    def submit(self) -> None:
        self._send(submit=True)

    def _send(self, *, submit: bool) -> None:
        if self.busy:
            return
        data = self.collect()
        block = send_block(data, self.entry, submit=submit)
        if block is SendBlock.KEY_ELEMENTS:
            QMessageBox.information(
                self,
                self.tr("关键要素变更"),
                self.tr("已发布目录的关键要素须通过变更报告修改（第十七条）。"),
            )
            self.open_change_report()
        elif block is not None:
            self.show_all_errors()
            if block is SendBlock.INVALID:
                self.ui.statusLabel.setText(self.tr("请先修改标出的问题再提交。"))
        else:
            self.sending.send(data, submit=submit)

    def _on_sending_sent(self, result: JsonObject, submit: bool) -> None:
        self.show_errors({})
        (self.submitted if submit else self.saved).emit(result)

    def _on_sending_queued(self, text: str, _submit: bool) -> None:
        self.queued.emit(text)

    # --- 一数一源 hints (第十八条) and interface documents (第十九条) --------------------------

    @property
    def source_hints(self) -> list[JsonObject]:
        return self.hints.hints

    def _fetch_hints(self, _value: object = None) -> None:
        names = [i["name"] for i in self.items() if i["name"]]
        exclude = None if self.entry is None else int(self.entry["id"])
        self.hints.fetch(names, exclude_entry_id=exclude)

    # --- change report and drafts ------------------------------------------------------------

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


class FormOptions(TypedDict, total=False):
    """Which entry an entry form edits: `entry_id` (None: a new one), its local `draft_key`."""

    entry_id: int | None
    draft_key: str | None


class EntryFormDialog(QDialog):
    """A window holding an EntryForm (non-modal: several entries can be open). Ctrl+S in it
    saves the form's draft; so does Ctrl+S in the main window while it is the form window
    used last (a DraftPage of the shell)."""

    PREFERRED_SIZE = QSize(900, 860)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self, *, context: AppContext, parent: QWidget | None = None, **options: Unpack[FormOptions]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("目录登记"))
        self.form = EntryForm(context=context, parent=self, **options)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.form.close_requested.connect(self.close)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(self.save_draft)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def save_draft(self) -> bool:
        """Ctrl+S: the form's draft to this computer now (False for a read-only entry)."""
        return self.form.save_draft()

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
