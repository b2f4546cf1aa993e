"""The catalog entry form (ui/entry_form.ui): the 13 core elements, inline validation, 一数一源
hints, interface documents, autosaved drafts, save/submit online or queued offline.

    dialog = open_entry_form(context, entry_id=None, parent=window)
"""

from __future__ import annotations

import importlib
import mimetypes
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from govshare_core.vocab import (
    DataType,
    EntryStatus,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.items_table import ItemTable, row_errors
from govshare_desktop.common.autosave import AutosaveController
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.offline import engine_for, outcome_status
from govshare_desktop.common.paged_model import Debouncer
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext

DRAFT_KIND = "entry"
ENTRIES = "/api/v1/catalog/entries"
# Share-dependent rows of shareLayout (第五条, 第十三条).
ROW_CONDITIONS, ROW_SCOPE, ROW_LEGAL = 1, 2, 3


def _created_ref(key: str) -> str:
    """The outbox placeholder for the id a queued create will get (sync.replay)."""
    try:
        replay = importlib.import_module("govshare_desktop.sync.replay")
        return str(replay.created_ref(key))
    except (ImportError, AttributeError):
        return "{created:" + key + "}"


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
        sync: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._sync = sync
        self._queued_create: Any = None  # the outbox item of a queued create (no id yet)
        self._queued_submit = False
        self.conflict_dialog: QDialog | None = None
        self.ui = load_form("entry_form.ui", self)
        self.entry: dict[str, Any] | None = None
        self.attachments: list[dict[str, Any]] = []
        self.source_hints: list[dict[str, Any]] = []
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
        self._setup_widgets()
        self._bind_errors()
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
        ui = self.ui
        for combo, enum in (
            (ui.resourceClassCombo, ResourceClass),
            (ui.formatClassCombo, FormatClass),
            (ui.shareTypeCombo, ShareType),
            (ui.shareModeCombo, ShareMode),
            (ui.updateCycleCombo, UpdateCycle),
        ):
            for member in enum:
                combo.addItem(P.label(member), member.value)
        self.item_editor = ItemTable(ui.itemsTable, parent=self)
        self.ui.returnReasonLabel.hide()
        self.ui.sourceHintLabel.hide()

    def _bind_errors(self) -> None:
        ui, bind = self.ui, self.errors.bind
        bind("class_item", ui.classItemEdit, ui.classItemError)
        bind("class_catalog", ui.classCatalogEdit, ui.classCatalogError)
        bind("class_detail", ui.classDetailEdit, ui.classDetailError)
        bind("name", ui.nameEdit, ui.nameError)
        bind("summary", ui.summaryEdit, ui.summaryError)
        bind("format_type", ui.formatTypeCombo, ui.formatTypeError)
        bind("data_items", ui.itemsTable, ui.itemsError)
        bind("share_conditions", ui.shareConditionsEdit, ui.shareConditionsError)
        bind("share_scope", ui.shareScopeEdit, ui.shareScopeError)
        bind("legal_basis", ui.legalBasisEdit, ui.legalBasisError)
        bind("open_to_public", ui.openCheck, ui.openError)
        bind("related_codes", ui.relatedCodesEdit, ui.relatedCodesError)
        bind("involves_state_secret", ui.stateSecretCheck, ui.stateSecretError)

    def _connect(self) -> None:
        ui = self.ui
        edits: list[tuple[QObject, str, str]] = [
            (ui.classItemEdit, "textChanged", "class_item"),
            (ui.classCatalogEdit, "textChanged", "class_catalog"),
            (ui.classDetailEdit, "textChanged", "class_detail"),
            (ui.nameEdit, "textChanged", "name"),
            (ui.summaryEdit, "textChanged", "summary"),
            (ui.formatTypeEdit, "textChanged", "format_type"),
            (ui.formatTypeCombo, "currentIndexChanged", "format_type"),
            (ui.shareConditionsEdit, "textChanged", "share_conditions"),
            (ui.shareScopeEdit, "textChanged", "share_scope"),
            (ui.legalBasisEdit, "textChanged", "legal_basis"),
            (ui.shareModeCombo, "currentIndexChanged", "share_mode"),
            (ui.openCheck, "toggled", "open_to_public"),
            (ui.openConditionsEdit, "textChanged", "open_conditions"),
            (ui.updateCycleCombo, "currentIndexChanged", "update_cycle"),
            (ui.relatedCodesEdit, "textChanged", "related_codes"),
            (ui.stateSecretCheck, "toggled", "involves_state_secret"),
            (ui.resourceClassCombo, "currentIndexChanged", "resource_class"),
        ]
        for widget, signal, name in edits:
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

    # --- data in and out ---------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        """The form as a CatalogEntryIn body."""
        ui = self.ui
        self_describing = ui.formatClassCombo.currentData() == FormatClass.SELF_DESCRIBING
        fmt = ui.formatTypeEdit.text() if self_describing else ui.formatTypeCombo.currentText()
        share = ui.shareTypeCombo.currentData()
        return {
            "resource_class": ui.resourceClassCombo.currentData(),
            "class_item": ui.classItemEdit.text().strip(),
            "class_catalog": ui.classCatalogEdit.text().strip(),
            "class_detail": ui.classDetailEdit.text().strip() or None,
            "name": ui.nameEdit.text().strip(),
            "summary": ui.summaryEdit.toPlainText().strip(),
            "format_class": ui.formatClassCombo.currentData(),
            "format_type": fmt.strip(),
            "data_items": self.items(),
            "share_type": share,
            "share_conditions": _text_or_none(ui.shareConditionsEdit.toPlainText())
            if share == ShareType.CONDITIONAL
            else None,
            "share_scope": _text_or_none(ui.shareScopeEdit.text())
            if share == ShareType.CONDITIONAL
            else None,
            "legal_basis": _text_or_none(ui.legalBasisEdit.toPlainText())
            if share == ShareType.NOT_SHARED
            else None,
            "share_mode": ui.shareModeCombo.currentData(),
            "open_to_public": ui.openCheck.isChecked(),
            "open_conditions": _text_or_none(ui.openConditionsEdit.text())
            if ui.openCheck.isChecked()
            else None,
            "update_cycle": ui.updateCycleCombo.currentData(),
            "related_codes": P.split_items(ui.relatedCodesEdit.text()),
            "involves_state_secret": ui.stateSecretCheck.isChecked(),
        }

    def _draft_data(self) -> dict[str, Any]:
        data = self.collect()
        data["_idempotency_key"] = self._idem_key
        # keep the hidden conditional texts too: switching the share type back loses nothing
        data["_share_conditions"] = self.ui.shareConditionsEdit.toPlainText()
        data["_share_scope"] = self.ui.shareScopeEdit.text()
        data["_legal_basis"] = self.ui.legalBasisEdit.toPlainText()
        return data

    def _fill(self, data: dict[str, Any]) -> None:
        self._filling = True
        try:
            ui = self.ui
            _select(ui.resourceClassCombo, data.get("resource_class"))
            ui.classItemEdit.setText(data.get("class_item") or "")
            ui.classCatalogEdit.setText(data.get("class_catalog") or "")
            ui.classDetailEdit.setText(data.get("class_detail") or "")
            ui.nameEdit.setText(data.get("name") or "")
            ui.summaryEdit.setPlainText(data.get("summary") or "")
            _select(ui.formatClassCombo, data.get("format_class"))
            self._fill_format_types()
            fmt = data.get("format_type") or ""
            ui.formatTypeEdit.setText(fmt)
            index = ui.formatTypeCombo.findText(fmt)
            ui.formatTypeCombo.setCurrentIndex(index)
            self.set_items(list(data.get("data_items") or []))
            _select(ui.shareTypeCombo, data.get("share_type"))
            ui.shareConditionsEdit.setPlainText(
                data.get("share_conditions") or data.get("_share_conditions") or ""
            )
            ui.shareScopeEdit.setText(data.get("share_scope") or data.get("_share_scope") or "")
            ui.legalBasisEdit.setPlainText(
                data.get("legal_basis") or data.get("_legal_basis") or ""
            )
            _select(ui.shareModeCombo, data.get("share_mode"))
            ui.openCheck.setChecked(bool(data.get("open_to_public")))
            ui.openConditionsEdit.setText(data.get("open_conditions") or "")
            _select(ui.updateCycleCombo, data.get("update_cycle"))
            ui.relatedCodesEdit.setText("，".join(data.get("related_codes") or []))
            ui.stateSecretCheck.setChecked(bool(data.get("involves_state_secret")))
            if data.get("_idempotency_key"):
                self._idem_key = str(data["_idempotency_key"])
        finally:
            self._filling = False
        self._update_visibility()

    def _fill_server(self, entry: dict[str, Any]) -> None:
        self.entry = entry
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
        self._fill_format_types()
        self._update_visibility()
        self._on_field_edited("format_type")

    def _fill_format_types(self) -> None:
        combo = self.ui.formatTypeCombo
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(list(P.format_types(self.ui.formatClassCombo.currentData() or "")))
        combo.setCurrentIndex(combo.findText(current))
        combo.blockSignals(False)

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
        can_edit = P.editable(self.entry)
        secret = ui.stateSecretCheck.isChecked()
        published = status == EntryStatus.PUBLISHED
        locked = self._queued_submit  # a submit waits in the outbox: nothing more to edit
        ui.formContent.setEnabled(can_edit and not self.busy and not locked)
        ui.saveButton.setEnabled(can_edit and not secret and not self.busy and not locked)
        ui.submitButton.setVisible(status in (EntryStatus.DRAFT, EntryStatus.RETURNED))
        ui.submitButton.setEnabled(not secret and not self.busy and not locked)
        ui.changeReportButton.setVisible(published)
        ui.stateSecretCheck.setEnabled(not published)
        ui.titleLabel.setText(
            self.tr("新建目录")
            if self.entry is None
            else self.tr("目录登记 — %1").replace("%1", P.status_label(str(status)))
        )
        if secret:  # 第六条: not registered on the platform at all
            ui.statusLabel.setText(self.tr("涉及国家秘密的资源不得在共享平台登记。"))

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

        def op(_task: object) -> tuple[dict[str, Any], list[dict[str, Any]]]:
            entry = client.entry(entry_id)
            files = list(client.get(f"{ENTRIES}/{entry_id}/attachments"))
            return entry, files

        self._set_busy(True, self.tr("正在加载…"))
        self.context.run(op, success=self._on_loaded, failure=self._on_load_failed)

    def _on_loaded(self, result: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
        entry, files = result
        self._fill_server(entry)
        self._set_attachments(files)
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

    # --- save and submit ---------------------------------------------------------------------

    def save(self) -> None:
        self._send(submit=False)

    def submit(self) -> None:
        self._send(submit=True)

    def _send(self, *, submit: bool) -> None:
        if self.busy:
            return
        data = self.collect()
        errors = P.validate(data)
        if "involves_state_secret" in errors:
            self.show_all_errors()
            return
        if submit and errors:
            self.show_all_errors()
            self.ui.statusLabel.setText(self.tr("请先修改标出的问题再提交。"))
            return
        blocking = {k: v for k, v in errors.items() if _pydantic_error(k, data)}
        if blocking:
            self.show_all_errors()
            return
        entry = self.entry
        if entry is not None and entry.get("status") == EntryStatus.PUBLISHED:
            if P.key_element_changes(P.entry_input(entry), data):
                QMessageBox.information(
                    self,
                    self.tr("关键要素变更"),
                    self.tr("已发布目录的关键要素须通过变更报告修改（第十七条）。"),
                )
                self.open_change_report()
                return
        self.autosave.save_now()
        engine = self.engine
        if engine is not None:
            self._send_via(engine, data, submit)
            return
        client, key = self.context.client, self._idem_key
        entry_id = None if entry is None else int(entry["id"])
        version = None if entry is None else int(entry["version"])

        def op(_task: object) -> dict[str, Any]:
            if entry_id is None:
                result = client.create_entry(data, key=key)
            else:
                assert version is not None
                result = client.update_entry(entry_id, data, version=version)
            if submit:
                result = client.entry_action(
                    int(result["id"]), "submit", version=int(result["version"])
                )
            return result

        self._set_busy(True, self.tr("正在提交…") if submit else self.tr("正在保存…"))
        self.context.run(
            op,
            success=lambda r: self._on_sent(r, submit),
            failure=lambda e: self._on_send_failed(e, data, submit),
        )

    # --- through the SyncEngine (offline outbox, conflicts) ----------------------------------

    @property
    def engine(self) -> Any:
        """The session's SyncEngine, or None (then the form calls the platform directly)."""
        return engine_for(self.context, self, self._sync)

    def _connect_engine(self, engine: Any) -> None:
        if getattr(self, "_engine_connected", None) is not engine:
            engine.item_sent.connect(self._on_engine_item_sent)
            self._engine_connected = engine

    def _send_via(self, engine: Any, data: dict[str, Any], submit: bool) -> None:
        """Create/update (and submit) now, or queue it in the outbox with its idempotency key."""
        self._connect_engine(engine)
        name = data.get("name") or self.tr("未命名目录")
        draft = (DRAFT_KIND, self._draft_key)
        self._set_busy(True, self.tr("正在提交…") if submit else self.tr("正在保存…"))

        def done(outcome: Any) -> None:
            self._on_outcome(outcome, data, submit)

        if self.entry is None and self._queued_create is not None:
            self._update_queued_create(engine, data, submit, name)
        elif self.entry is None and submit:
            label = self.tr("新建并提交目录：%1").replace("%1", name)
            engine.create_and_act(ENTRIES, data, "submit", label=label, draft=draft, done=done)
        elif self.entry is None:
            label = self.tr("新建目录：%1").replace("%1", name)
            engine.submit_or_queue("POST", ENTRIES, data, label=label, draft=draft, done=done)
        else:
            entry_id, version = int(self.entry["id"]), int(self.entry["version"])

            def then_submit(outcome: Any) -> None:
                if outcome_status(outcome) not in ("sent", "queued"):
                    self._on_outcome(outcome, data, submit)
                    return
                sent = outcome_status(outcome) == "sent"
                if sent:
                    self._fill_server(outcome.result)
                engine.submit_or_queue(
                    "POST",
                    f"{ENTRIES}/{entry_id}/submit",
                    None,
                    if_match=int(outcome.result["version"]) if sent else None,
                    label=self.tr("提交目录：%1").replace("%1", name),
                    draft=draft,
                    done=done,
                )

            engine.submit_or_queue(
                "PUT",
                f"{ENTRIES}/{entry_id}",
                data,
                if_match=version,
                label=self.tr("修改目录：%1").replace("%1", name),
                draft=None if submit else draft,
                done=then_submit if submit else done,
            )

    def _update_queued_create(
        self, engine: Any, data: dict[str, Any], submit: bool, name: str
    ) -> None:
        """A create is still queued: rewrite its body in place (same key), queue the submit."""
        store, seq = self.context.store, int(self._queued_create.seq)
        ref = _created_ref(str(self._queued_create.idempotency_key))

        def op(_task: object) -> bool:
            item = store.item(seq)
            if item is None or item.state != "pending":
                return False
            store.update_item(seq, body=data)
            return True

        def updated(still_queued: bool) -> None:
            if not still_queued:  # sent meanwhile: item_sent gives the id; save again then
                self._set_busy(False, self.tr("排队的新建已发送，正在同步，请稍后再保存。"))
                return
            if submit:
                engine.submit_or_queue(
                    "POST",
                    f"{ENTRIES}/{ref}/submit",
                    None,
                    label=self.tr("提交目录：%1").replace("%1", name),
                    draft=(DRAFT_KIND, self._draft_key),
                    done=lambda o: self._on_outcome(o, data, submit),
                )
                return
            self._show_queued(self.tr("修改已合并到待发送的新建操作中。"), submit)

        self.context.run(op, success=updated, failure=self._on_failed)

    def _on_outcome(self, outcome: Any, data: dict[str, Any], submit: bool) -> None:
        status = outcome_status(outcome)
        if status == "sent":
            self._queued_create = None
            self._on_sent(outcome.result, submit)
            return
        self._set_busy(False)
        if status == "queued":
            if self.entry is None and not submit:
                self._queued_create = outcome.item
            self._show_queued(outcome.message, submit)
        elif status == "conflict":
            self.ui.statusLabel.setText(
                self.tr("该目录已被他人修改：请在对比窗口中选择保留哪些内容。")
            )
            self.open_conflict(outcome.item, outcome.server_object)
        else:
            exc = outcome.error
            if isinstance(exc, ApiError) and exc.status == 422:
                self.show_errors(exc.field_messages(P.language()))
            self.ui.statusLabel.setText(outcome.message or _message(exc or Exception()))

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

    def open_conflict(self, item: Any, server_object: Any) -> QDialog | None:
        """412: show the compare view (keep mine / take theirs / per field); the engine applies
        the choice and replays."""
        from govshare_desktop.common.conflict import open_conflict_dialog

        engine = self.engine
        if engine is None or item is None:
            return None
        dialog = open_conflict_dialog(engine, item, server_object, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self._on_conflict_dialog_resolved)
        self.conflict_dialog = dialog
        return dialog

    def _on_conflict_dialog_resolved(self, _item: Any, resolution: str, _body: Any) -> None:
        if resolution == "theirs" and self.entry is not None:
            self.ui.statusLabel.setText(self.tr("已采用服务器上的内容，正在重新加载…"))
            self.load(int(self.entry["id"]))
        else:
            self.ui.statusLabel.setText(self.tr("已按您的选择重新排队，将自动同步。"))

    def _on_engine_item_sent(self, item: Any, result: Any) -> None:
        """A queued action of this form got through: learn the entry's id and version."""
        if not isinstance(result, dict) or "id" not in result:
            return
        ours = self._queued_create is not None and (
            item.idempotency_key == self._queued_create.idempotency_key
        )
        mine = self.entry is not None and int(self.entry["id"]) == int(result["id"])
        if ours or mine or (item.draft_key == self._draft_key and self.entry is None):
            self._queued_create = None
            self.entry = {**(self.entry or {}), **result}
            self.autosave.set_server(int(result["id"]), int(result["version"]))
            self.ui.codeEdit.setText(result.get("resource_code") or "")
            self.ui.statusLabel.setText(self.tr("排队的操作已发送到共享平台。"))
            self._update_state()

    def _on_sent(self, result: dict[str, Any], submit: bool) -> None:
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
        self.context.data_changed.emit("entry")
        (self.submitted if submit else self.saved).emit(result)

    def _on_send_failed(self, exc: Exception, data: dict[str, Any], submit: bool) -> None:
        self._set_busy(False)
        if isinstance(exc, ApiError) and exc.is_network:
            self._queue(data, submit)
            return
        if isinstance(exc, ApiError) and exc.status == 422:
            self.show_errors(exc.field_messages(P.language()))
            self.ui.statusLabel.setText(exc.message())
            return
        if isinstance(exc, ApiError) and exc.status == 412:
            self.ui.statusLabel.setText(exc.message())
            self._on_conflict(data)
            return
        self.ui.statusLabel.setText(_message(exc))

    def _queue(self, data: dict[str, Any], submit: bool) -> None:
        """Offline: queue the create/update and the submit; they replay in order (outbox)."""
        store, key = self.context.store, self._idem_key
        draft = (DRAFT_KIND, self._draft_key)
        queued_keys = {i.idempotency_key for i in store.outbox(states=("pending",))}
        name = data.get("name") or self.tr("未命名目录")
        if self.entry is None:
            path_id = _created_ref(key)
            if key in queued_keys:
                item = next(i for i in store.outbox() if i.idempotency_key == key)
                store.update_item(item.seq, body=data)
            else:
                store.enqueue(
                    method="POST",
                    path=ENTRIES,
                    body=data,
                    label=self.tr("新建目录：%1").replace("%1", name),
                    draft=draft,
                    idempotency_key=key,
                )
            version = None
        else:
            path_id = str(self.entry["id"])
            version = int(self.entry["version"])
            store.enqueue(
                method="PUT",
                path=f"{ENTRIES}/{path_id}",
                body=data,
                if_match=version,
                label=self.tr("修改目录：%1").replace("%1", name),
                draft=draft,
            )
        if submit:
            store.enqueue(
                method="POST",
                path=f"{ENTRIES}/{path_id}/submit",
                label=self.tr("提交目录：%1").replace("%1", name),
                draft=draft,
            )
        self.context.outbox_changed.emit(store.pending_count())
        text = (
            self.tr("共享平台暂时无法连接：提交已排队，恢复连接后自动发送。")
            if submit
            else self.tr("共享平台暂时无法连接：保存已排队，恢复连接后自动发送。")
        )
        self.ui.statusLabel.setText(text)
        self.queued.emit(text)

    def _on_conflict(self, mine: dict[str, Any]) -> None:
        """412: someone changed the entry; keep the user's text and offer the compare view."""
        self.autosave.touch()
        self.autosave.save_now()
        try:
            conflict = importlib.import_module("govshare_desktop.common.conflict")
        except ImportError:
            conflict = None
        opener = getattr(conflict, "resolve_entry_conflict", None) if conflict else None
        if opener is not None and self.entry is not None:
            opener(self.context, entry_id=int(self.entry["id"]), mine=mine, parent=self)
            return
        QMessageBox.warning(
            self,
            self.tr("版本冲突"),
            self.tr("该目录已被他人修改。您的内容已保留在本地草稿中，请刷新后核对再保存。"),
        )

    # --- 一数一源 hints (第十八条) -----------------------------------------------------------

    def _fetch_hints(self, _value: object = None) -> None:
        names = [i["name"] for i in self.items() if i["name"]]
        if not names:
            self._show_hints([])
            return
        client = self.context.client
        params: dict[str, Any] = {"item": names[:100]}
        if self.entry is not None:
            params["exclude_entry_id"] = self.entry["id"]

        def op(_task: object) -> list[dict[str, Any]]:
            return list(client.get("/api/v1/catalog/source-hints", **params))

        self.context.run(op, success=self._show_hints, failure=lambda _e: None)

    def _show_hints(self, hints: list[dict[str, Any]]) -> None:
        self.source_hints = hints
        self.item_editor.highlight_names(n for h in hints for n in h.get("matching_items", []))
        label = self.ui.sourceHintLabel
        if not hints:
            label.hide()
            return
        lines = [
            self.tr("%1《%2》%3：%4")
            .replace("%1", h["department_name"])
            .replace("%2", h["entry_name"])
            .replace("%3", f"（{h['resource_code']}）" if h.get("resource_code") else "")
            .replace("%4", "、".join(h["matching_items"]))
            for h in hints
        ]
        head = self.tr("一数一源提示（第十八条）：已有部门提供：")
        label.setText(f"<b>{_esc(head)}</b><br>" + "<br>".join(_esc(t) for t in lines))
        label.setStyleSheet("background: #e8f0fe; border: 1px solid #aecbfa; padding: 6px;")
        label.show()

    # --- attachments (第十九条) --------------------------------------------------------------

    def _set_attachments(self, files: list[dict[str, Any]]) -> None:
        self.attachments = files
        lst = self.ui.attachmentsList
        lst.clear()
        for f in files:
            item = QListWidgetItem(f"{f['filename']}  ({_size(int(f['size']))})")
            item.setData(Qt.ItemDataRole.UserRole, f["id"])
            lst.addItem(item)

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
        entry_id, client = int(self.entry["id"]), self.context.client
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def op(_task: object) -> list[dict[str, Any]]:
            client.request(
                "POST",
                f"{ENTRIES}/{entry_id}/attachments",
                params={"filename": path.name},
                content=path.read_bytes(),
                content_type=ctype,
                idempotency_key=new_idempotency_key(),
            )
            return list(client.get(f"{ENTRIES}/{entry_id}/attachments"))

        self.ui.statusLabel.setText(self.tr("正在上传…"))
        self.context.run(op, success=self._on_attachments_changed, failure=self._on_failed)

    def _on_remove_attachment_clicked(self) -> None:
        item = self.ui.attachmentsList.currentItem()
        if item is not None and self.entry is not None:
            self.remove_attachment(int(item.data(Qt.ItemDataRole.UserRole)))

    def remove_attachment(self, attachment_id: int) -> None:
        assert self.entry is not None
        entry_id, client = int(self.entry["id"]), self.context.client

        def op(_task: object) -> list[dict[str, Any]]:
            client.delete(f"/api/v1/catalog/attachments/{attachment_id}")
            return list(client.get(f"{ENTRIES}/{entry_id}/attachments"))

        self.context.run(op, success=self._on_attachments_changed, failure=self._on_failed)

    def _on_attachments_changed(self, files: list[dict[str, Any]]) -> None:
        self._set_attachments(files)
        self.ui.statusLabel.setText(self.tr("接口文档已更新。"))

    def _on_failed(self, exc: Exception) -> None:
        self.ui.statusLabel.setText(_message(exc))

    # --- change report -----------------------------------------------------------------------

    def open_change_report(self) -> QDialog | None:
        if self.entry is None:
            return None
        from govshare_desktop.catalog.change_report import ChangeReportDialog

        changes = P.key_element_changes(P.entry_input(self.entry), self.collect())
        dialog = ChangeReportDialog(
            context=self.context, entry=self.entry, changes=changes, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def flush(self) -> None:
        """Write any unsaved edit now (on close)."""
        if self.autosave._enabled:
            self.autosave.flush()


class EntryFormDialog(QDialog):
    """A window holding an EntryForm (non-modal: several entries can be open)."""

    def __init__(
        self,
        *,
        context: AppContext,
        entry_id: int | None = None,
        draft_key: str | None = None,
        sync: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("目录登记"))
        self.form = EntryForm(
            context=context, entry_id=entry_id, draft_key=draft_key, sync=sync, parent=self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.form.close_requested.connect(self.close)
        self.resize(900, 860)

    def closeEvent(self, event: Any) -> None:
        self.form.flush()
        super().closeEvent(event)


def open_entry_form(
    context: AppContext,
    entry_id: int | None = None,
    parent: QWidget | None = None,
    *,
    draft_key: str | None = None,
    show: bool = True,
    sync: Any = None,
) -> EntryFormDialog:
    """Open the entry form (new when `entry_id` is None) in its own window."""
    dialog = EntryFormDialog(
        context=context,
        entry_id=entry_id,
        draft_key=draft_key,
        sync=engine_for(context, parent, sync),
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if show:
        dialog.show()
    return dialog


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _text_or_none(text: str) -> str | None:
    return text.strip() or None


def _top(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _pydantic_error(path: str, data: dict[str, Any]) -> bool:
    """True for errors the platform would refuse even for a draft (shape, not rules)."""
    from pydantic import ValidationError

    from govshare_core.schemas import CatalogEntryIn

    try:
        CatalogEntryIn.model_validate(data)
    except ValidationError:
        return True
    return False


def _message(exc: Exception) -> str:
    if isinstance(exc, ApiError):
        return exc.message()
    return QCoreApplication.translate("EntryForm", "操作失败：%1").replace("%1", str(exc))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


__all__ = ["EntryForm", "EntryFormDialog", "QLineEdit", "open_entry_form"]
