"""The entry form's fields (ui/entry_form.ui) as data: which widget holds which element of
CatalogEntryIn, reading them (`collect`), writing them (`fill`), their combo choices, their
error labels, and the signals that mean "edited".

Functions of the loaded `Form`; the entry form (entry_form.py) decides when to call them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox

from govshare_core.vocab import FormatClass, ResourceClass, ShareMode, ShareType, UpdateCycle
from govshare_desktop import i18n
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.catalog import presenter as P
from govshare_desktop.catalog.form_state import FormState
from govshare_desktop.common.forms import FieldErrors, legible_when_disabled
from govshare_desktop.common.uiload import Form

# (widget, its "edited" signal, the field it edits)
EDITS = (
    ("classItemEdit", "textChanged", "class_item"),
    ("classCatalogEdit", "textChanged", "class_catalog"),
    ("classDetailEdit", "textChanged", "class_detail"),
    ("nameEdit", "textChanged", "name"),
    ("summaryEdit", "textChanged", "summary"),
    ("formatTypeEdit", "textChanged", "format_type"),
    ("formatTypeCombo", "currentIndexChanged", "format_type"),
    ("shareConditionsEdit", "textChanged", "share_conditions"),
    ("shareScopeEdit", "textChanged", "share_scope"),
    ("legalBasisEdit", "textChanged", "legal_basis"),
    ("shareModeCombo", "currentIndexChanged", "share_mode"),
    ("interfaceEndpointEdit", "textChanged", "interface_endpoint"),
    ("openCheck", "toggled", "open_to_public"),
    ("openConditionsEdit", "textChanged", "open_conditions"),
    ("updateCycleCombo", "currentIndexChanged", "update_cycle"),
    ("relatedCodesEdit", "textChanged", "related_codes"),
    ("stateSecretCheck", "toggled", "involves_state_secret"),
    ("resourceClassCombo", "currentIndexChanged", "resource_class"),
)
# field → (input widget, error label) for inline errors
ERROR_LABELS = {
    "class_item": ("classItemEdit", "classItemError"),
    "class_catalog": ("classCatalogEdit", "classCatalogError"),
    "class_detail": ("classDetailEdit", "classDetailError"),
    "name": ("nameEdit", "nameError"),
    "summary": ("summaryEdit", "summaryError"),
    "format_type": ("formatTypeCombo", "formatTypeError"),
    "data_items": ("itemsTable", "itemsError"),
    "share_conditions": ("shareConditionsEdit", "shareConditionsError"),
    "share_scope": ("shareScopeEdit", "shareScopeError"),
    "legal_basis": ("legalBasisEdit", "legalBasisError"),
    "interface_endpoint": ("interfaceEndpointEdit", "interfaceEndpointError"),
    "open_to_public": ("openCheck", "openError"),
    "related_codes": ("relatedCodesEdit", "relatedCodesError"),
    "involves_state_secret": ("stateSecretCheck", "stateSecretError"),
}


def edit_signals(ui: Form) -> list[tuple[QObject, str, str]]:
    """(widget, signal name, field) of every edit the form reacts to."""
    return [(getattr(ui, widget), signal, field) for widget, signal, field in EDITS]


def fill_choices(ui: Form) -> None:
    """The vocab choices of the combos, labelled in the UI language."""
    for combo, enum in (
        (ui.resourceClassCombo, ResourceClass),
        (ui.formatClassCombo, FormatClass),
        (ui.shareTypeCombo, ShareType),
        (ui.shareModeCombo, ShareMode),
        (ui.updateCycleCombo, UpdateCycle),
    ):
        for member in enum:
            combo.addItem(i18n.label(member), member.value)


def bind_errors(ui: Form, errors: FieldErrors) -> None:
    for field, (widget, label) in ERROR_LABELS.items():
        errors.bind(field, getattr(ui, widget), getattr(ui, label))


def fill_format_types(ui: Form) -> None:
    """The format types of the chosen format class (the current one kept when it fits)."""
    combo = ui.formatTypeCombo
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for value in P.format_types(ui.formatClassCombo.currentData() or ""):
        combo.addItem(P.format_type_label(value), value)  # the value stays the stored code
    combo.setCurrentIndex(combo.findData(current))
    combo.blockSignals(False)


def collect(ui: Form, items: list[JsonObject]) -> JsonObject:
    """The fields as a CatalogEntryIn body (share-dependent texts only where they apply)."""
    self_describing = ui.formatClassCombo.currentData() == FormatClass.SELF_DESCRIBING
    fmt = ui.formatTypeEdit.text() if self_describing else ui.formatTypeCombo.currentData() or ""
    share = ui.shareTypeCombo.currentData()
    conditional, not_shared = share == ShareType.CONDITIONAL, share == ShareType.NOT_SHARED
    is_open = ui.openCheck.isChecked()
    interface = ui.shareModeCombo.currentData() == ShareMode.INTERFACE
    return {
        "resource_class": ui.resourceClassCombo.currentData(),
        "class_item": ui.classItemEdit.text().strip(),
        "class_catalog": ui.classCatalogEdit.text().strip(),
        "class_detail": ui.classDetailEdit.text().strip() or None,
        "name": ui.nameEdit.text().strip(),
        "summary": ui.summaryEdit.toPlainText().strip(),
        "format_class": ui.formatClassCombo.currentData(),
        "format_type": fmt.strip(),
        "data_items": items,
        "share_type": share,
        "share_conditions": _only(conditional, ui.shareConditionsEdit.toPlainText()),
        "share_scope": _only(conditional, ui.shareScopeEdit.text()),
        "legal_basis": _only(not_shared, ui.legalBasisEdit.toPlainText()),
        "share_mode": ui.shareModeCombo.currentData(),
        "open_to_public": is_open,
        "open_conditions": _only(is_open, ui.openConditionsEdit.text()),
        "update_cycle": ui.updateCycleCombo.currentData(),
        "related_codes": P.split_items(ui.relatedCodesEdit.text()),
        "involves_state_secret": ui.stateSecretCheck.isChecked(),
        "interface_endpoint": _only(interface, ui.interfaceEndpointEdit.text()),
    }


def hidden_texts(ui: Form) -> JsonObject:
    """The conditional texts, kept in the draft even while hidden: switching the share type
    back loses nothing."""
    return {
        "_share_conditions": ui.shareConditionsEdit.toPlainText(),
        "_share_scope": ui.shareScopeEdit.text(),
        "_legal_basis": ui.legalBasisEdit.toPlainText(),
        "_interface_endpoint": ui.interfaceEndpointEdit.text(),
    }


def fill(ui: Form, data: JsonObject) -> None:
    """Show an entry body (or a draft) in the fields; the data items are the caller's."""
    select(ui.resourceClassCombo, data.get("resource_class"))
    ui.classItemEdit.setText(data.get("class_item") or "")
    ui.classCatalogEdit.setText(data.get("class_catalog") or "")
    ui.classDetailEdit.setText(data.get("class_detail") or "")
    ui.nameEdit.setText(data.get("name") or "")
    ui.summaryEdit.setPlainText(data.get("summary") or "")
    select(ui.formatClassCombo, data.get("format_class"))
    fill_format_types(ui)
    fmt = data.get("format_type") or ""
    ui.formatTypeEdit.setText(fmt)
    ui.formatTypeCombo.setCurrentIndex(ui.formatTypeCombo.findData(fmt))
    select(ui.shareTypeCombo, data.get("share_type"))
    ui.shareConditionsEdit.setPlainText(_either(data, "share_conditions"))
    ui.shareScopeEdit.setText(_either(data, "share_scope"))
    ui.legalBasisEdit.setPlainText(_either(data, "legal_basis"))
    select(ui.shareModeCombo, data.get("share_mode"))
    ui.interfaceEndpointEdit.setText(_either(data, "interface_endpoint"))
    ui.openCheck.setChecked(bool(data.get("open_to_public")))
    ui.openConditionsEdit.setText(data.get("open_conditions") or "")
    select(ui.updateCycleCombo, data.get("update_cycle"))
    ui.relatedCodesEdit.setText("，".join(data.get("related_codes") or []))
    ui.stateSecretCheck.setChecked(bool(data.get("involves_state_secret")))


def fill_platform_fields(ui: Form, entry: JsonObject) -> None:
    """What the platform keeps of an entry: its code, publication, provider and the reason it
    was returned."""
    ui.codeEdit.setText(entry.get("resource_code") or "")
    ui.publishedEdit.setText(str(entry.get("published_on") or ""))
    ui.providerEdit.setText(str(entry.get("department_name") or ""))
    ui.providerCodeEdit.setText(str(entry.get("provider_code") or ""))
    reason = P.return_reason(entry)
    if reason is not None:
        text = QCoreApplication.translate("EntryForm", "退回原因：%1")
        ui.returnReasonLabel.setText(text.replace("%1", reason))
    ui.returnReasonLabel.setVisible(reason is not None)


def select(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _either(data: JsonObject, field: str) -> str:
    return str(data.get(field) or data.get(f"_{field}") or "")


def _only(applies: bool, text: str) -> str | None:
    return (text.strip() or None) if applies else None


# --- share-dependent rows (第五条, 第十三条) ---------------------------------------------------

SHARE_ROWS = {"share_conditions": 1, "share_scope": 2, "legal_basis": 3, "interface_endpoint": 5}
"""Rows of shareLayout shown only for some share types (and modes: 接口服务, 第十九条)."""


def show_applicable(ui: Form, errors: FieldErrors, vis: P.Visibility) -> None:
    """Show the fields that apply to the entry as filled in (`P.visibility`)."""
    layout = ui.shareLayout
    layout.setRowVisible(SHARE_ROWS["share_conditions"], vis.conditions)
    layout.setRowVisible(SHARE_ROWS["share_scope"], vis.conditions)
    layout.setRowVisible(SHARE_ROWS["legal_basis"], vis.legal_basis)
    layout.setRowVisible(SHARE_ROWS["interface_endpoint"], vis.interface_endpoint)
    ui.openConditionsEdit.setVisible(vis.open_conditions)
    ui.formatTypeCombo.setVisible(not vis.format_free_text)
    ui.formatTypeEdit.setVisible(vis.format_free_text)
    widget = ui.formatTypeEdit if vis.format_free_text else ui.formatTypeCombo
    errors.bind("format_type", widget, ui.formatTypeError)
    ui.attachmentsGroup.setVisible(vis.attachments)


def row_visible(ui: Form, field: str) -> bool:
    """Is the share-dependent field's row shown?"""
    return bool(ui.shareLayout.isRowVisible(SHARE_ROWS[field]))


# --- read-only display (a submitted entry, 第十五条) ---------------------------------------------

TEXT_INPUTS = (
    "classItemEdit",
    "classCatalogEdit",
    "classDetailEdit",
    "nameEdit",
    "summaryEdit",
    "formatTypeEdit",
    "shareConditionsEdit",
    "shareScopeEdit",
    "legalBasisEdit",
    "interfaceEndpointEdit",
    "openConditionsEdit",
    "relatedCodesEdit",
)
CHOICE_INPUTS = (
    "resourceClassCombo",
    "formatClassCombo",
    "formatTypeCombo",
    "shareTypeCombo",
    "shareModeCombo",
    "updateCycleCombo",
    "openCheck",
    "stateSecretCheck",
)
EDIT_BUTTONS = (
    "addItemButton",
    "removeItemButton",
    "upItemButton",
    "downItemButton",
    "addAttachmentButton",
    "removeAttachmentButton",
)


def show_state(ui: Form, state: FormState, placeholders: dict[str, str]) -> None:
    """The read-only banner, the buttons and the title for the entry's state (`form_state`);
    the data-item table is the caller's."""
    set_read_only(ui, state.read_only, placeholders)
    ui.readOnlyBanner.setVisible(state.read_only)
    ui.readOnlyBanner.setText(state.banner)
    ui.saveButton.setVisible(state.save_visible)
    ui.saveButton.setEnabled(state.save_enabled)
    ui.submitButton.setVisible(state.submit_visible)
    ui.submitButton.setEnabled(state.submit_enabled)
    ui.changeReportButton.setVisible(state.change_report_visible)
    if not state.read_only:
        ui.stateSecretCheck.setEnabled(state.secret_enabled)
    ui.titleLabel.setText(state.title)
    if state.warning:
        ui.statusLabel.setText(state.warning)


def set_read_only(ui: Form, read_only: bool, placeholders: dict[str, str]) -> None:
    """Show the fields read-only but legible: text inputs read-only (normal text colour, no
    placeholder that could pass for a value), choices disabled in the normal text colour, the
    editing buttons hidden. `placeholders` keeps the texts to restore when editable again."""
    for name in TEXT_INPUTS:
        widget = getattr(ui, name)
        if not placeholders.get(name):
            placeholders[name] = widget.placeholderText()
        widget.setReadOnly(read_only)
        widget.setPlaceholderText("" if read_only else placeholders[name])
    for name in CHOICE_INPUTS:
        getattr(ui, name).setEnabled(not read_only)
    for name in EDIT_BUTTONS:
        getattr(ui, name).setVisible(not read_only)
    legible_when_disabled(ui.formContent, read_only)
    for name in (*TEXT_INPUTS, "codeEdit", "publishedEdit", "providerEdit", "providerCodeEdit"):
        widget = getattr(ui, name)
        palette = widget.palette()
        base = READ_ONLY_BASE if widget.isReadOnly() else QApplication.palette(widget).base()
        palette.setBrush(QPalette.ColorRole.Base, base)
        widget.setPalette(palette)


READ_ONLY_BASE = QColor("#f1f3f4")
"""Read-only text looks read-only (a grey field), in the normal text colour."""
