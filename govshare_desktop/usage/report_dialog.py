"""提出异议… (第二十条): a consumer reports that data it received is wrong — the entry (from my
department's grants), optionally the delivery, the affected keys one per line, the data item,
what it found, and an optional evidence file (≤ MAX_EVIDENCE_BYTES).

The report and its evidence go through the SyncEngine as one create-and-act: offline both wait
in the outbox, the upload's path waiting for the report's id (never sent twice).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from govshare_core.usage import MAX_EVIDENCE_BYTES
from govshare_core.usage_schemas import DiscrepancyIn
from govshare_desktop.api import actions
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.common.form_dialog import schema_errors
from govshare_desktop.context import AppContext
from govshare_desktop.sync.spool import spool
from govshare_desktop.usage import sending
from govshare_desktop.usage.dialogs import FormDialog
from govshare_desktop.usage.presenter import split_keys
from govshare_desktop.usage.widgets import named


def received_entries(client: PlatformClient) -> dict[int, tuple[str, list[str]]]:
    """entry → (name, its data items): the entries my department holds an active grant on, with
    the entry's items (the granted ones when the entry itself cannot be read). Background."""
    grants = sending.all_items(client, actions.grants_path(), side="received", status="active")
    out: dict[int, tuple[str, list[str]]] = {}
    for grant in grants:
        entry = int(grant["entry_id"])
        _name, items = out.setdefault(entry, (str(grant.get("entry_name") or entry), []))
        if grant.get("data_item") and grant["data_item"] not in items:
            items.append(str(grant["data_item"]))
    return out


class ReportDialog(FormDialog):
    """Signals (SendingDialog's): sent(object) — the report (and its evidence) went through;
    queued(str)."""

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("UsagePages", "提出异议"),
            send=self._send_report,
            parent=parent,
        )
        self.setObjectName("reportDialog")
        self.entries: dict[int, tuple[str, list[str]]] = {}
        self.entryCombo = named(QComboBox(), "entryCombo")
        self.deliveryEdit = named(QLineEdit(), "deliveryEdit")
        self.deliveryEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "可选：有误数据所在的交付批次编号")
        )
        self.keysEdit = named(QPlainTextEdit(), "keysEdit")
        self.keysEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "每行一个关键值（如公民身份号码），可选")
        )
        self.keysEdit.setMaximumHeight(80)
        self.itemCombo = named(QComboBox(), "itemCombo")
        self.descriptionEdit = named(QPlainTextEdit(), "descriptionEdit")
        self.descriptionEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "发现的问题：哪些数据有误或不一致，应为何值")
        )
        self.evidenceEdit = named(QLineEdit(), "evidenceEdit")
        self.evidenceEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "可选：证据材料文件")
        )
        browse = named(
            QPushButton(QCoreApplication.translate("UsagePages", "选择…")), "browseButton"
        )
        evidence = QWidget()
        evidence_row = QHBoxLayout(evidence)
        evidence_row.setContentsMargins(0, 0, 0, 0)
        evidence_row.addWidget(self.evidenceEdit, 1)
        evidence_row.addWidget(browse)
        entry = QCoreApplication.translate("UsagePages", "信息资源")
        delivery = QCoreApplication.translate("UsagePages", "交付批次")
        self.add_field("entry_id", entry, self.entryCombo)
        self.add_field("delivery_id", delivery, self.deliveryEdit)
        self.add_field("keys", QCoreApplication.translate("UsagePages", "关键值"), self.keysEdit)
        self.add_field(
            "data_item", QCoreApplication.translate("UsagePages", "信息项"), self.itemCombo
        )
        self.add_field(
            "description",
            QCoreApplication.translate("UsagePages", "异议描述"),
            self.descriptionEdit,
        )
        message = self.add_field(
            "evidence", QCoreApplication.translate("UsagePages", "证据材料"), evidence
        )
        self.errors.bind("evidence", self.evidenceEdit, message)  # the file's box turns red
        browse.clicked.connect(self._on_browse)
        self.entryCombo.currentIndexChanged.connect(self._fill_items)
        client = context.client
        self.load(lambda _t: received_entries(client), self._fill_entries)

    def _fill_entries(self, entries: dict[int, tuple[str, list[str]]]) -> None:
        self.entries = entries
        self.entryCombo.blockSignals(True)
        for entry_id, (name, _items) in entries.items():
            self.entryCombo.addItem(name, entry_id)
        self.entryCombo.blockSignals(False)
        self._fill_items()
        if not entries:
            self.ui.okButton.setEnabled(False)
            self.ui.errorLabel.setText(
                QCoreApplication.translate(
                    "UsagePages", "本部门没有有效的共享授权，无可提出异议的数据。"
                )
            )

    def _fill_items(self, *_args: Any) -> None:
        self.itemCombo.clear()
        self.itemCombo.addItem(QCoreApplication.translate("UsagePages", "（不限信息项）"), None)
        _name, items = self.entries.get(self.entryCombo.currentData(), ("", []))
        for item in items:
            self.itemCombo.addItem(item, item)

    def _on_browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("UsagePages", "选择证据材料")
        )
        if name:
            self.evidenceEdit.setText(name)

    def evidence_file(self) -> Path | None:
        text = self.evidenceEdit.text().strip()
        return Path(text) if text else None

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        entry = self.entryCombo.currentData()
        delivery = self.deliveryEdit.text().strip()
        body = {
            "entry_id": None if entry is None else int(entry),
            "delivery_id": int(delivery) if delivery.isdigit() else None,
            "keys": split_keys(self.keysEdit.toPlainText()),
            "data_item": self.itemCombo.currentData(),
            "description": self.descriptionEdit.toPlainText().strip(),
        }
        errors = schema_errors(DiscrepancyIn, body, {})
        if entry is None:
            errors["entry_id"] = QCoreApplication.translate("UsagePages", "请选择信息资源。")
        if delivery and not delivery.isdigit():
            why = QCoreApplication.translate("UsagePages", "交付批次编号应为数字。")
            errors["delivery_id"] = why
        if not body["description"]:
            why = QCoreApplication.translate("UsagePages", "请填写异议描述。")
            errors["description"] = why
        why = self._evidence_error()
        if why:
            errors["evidence"] = why
        return body, errors

    def _evidence_error(self) -> str:
        """Why the evidence file cannot go (missing, too large), or ""."""
        file = self.evidence_file()
        if file is None:
            return ""
        if not file.is_file():
            return QCoreApplication.translate("UsagePages", "找不到证据材料文件：%1").replace(
                "%1", str(file)
            )
        if file.stat().st_size > MAX_EVIDENCE_BYTES:
            limit = str(MAX_EVIDENCE_BYTES // (1024 * 1024))
            return QCoreApplication.translate("UsagePages", "证据材料不得超过 %1 MB。").replace(
                "%1", limit
            )
        return ""

    def _send_report(self, body: Any, done: Any) -> None:
        label = QCoreApplication.translate("UsagePages", "提出异议：%1").replace(
            "%1", self.entryCombo.currentText()
        )
        create = sending.report(body, label=label)
        file = self.evidence_file()
        if file is None:
            self.context.sync.submit(create, done=done)
            return
        copy = spool(self.context.store, file)  # the outbox deletes what it sends
        follow = lambda ref: sending.evidence(ref, copy, label=label)  # noqa: E731
        self.context.sync.create_and_act(create, follow, done=done)
