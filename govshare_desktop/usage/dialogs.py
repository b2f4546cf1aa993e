"""The usage pages' form dialogs: 新建询问… (a provider asks a consumer department how granted
data is used, 第二十二条) and 更正… (the provider names the corrected delivery, 第二十条).

Each is a common.form_dialog.FormDialog: it fills its choices in the background, checks its
body against the core's schema before sending (what is wrong said under the field), and sends
through the session's SyncEngine (queued offline, the platform's refusal shown in the dialog,
nothing typed lost). 提出异议… is in report_dialog.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from govshare_core.usage import MAX_INQUIRY_WORKING_DAYS
from govshare_core.usage_schemas import DiscrepancyActionIn, InquiryIn
from govshare_desktop.api import actions
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.form_dialog import FormDialog as BaseFormDialog
from govshare_desktop.common.form_dialog import schema_errors
from govshare_desktop.common.sending_dialog import Send
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import time_text
from govshare_desktop.tasks import Task
from govshare_desktop.usage import sending
from govshare_desktop.usage.widgets import named


def _moment(value: Any) -> datetime | None:
    """An API timestamp (UTC when naive), comparable."""
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


class FormDialog(BaseFormDialog):
    """The usage pages' dialogs: the common form dialog (fields, each with its message line,
    the summary line, 取消 / 确定, the loading line)."""

    PREFERRED_SIZE = QSize(620, 460)


# --- 新建询问 ---------------------------------------------------------------------------------


def granted_pairs(grants: list[dict[str, Any]]) -> dict[tuple[int, int], dict[str, Any]]:
    """(entry, consumer department) → one of its active grants: whom a provider may ask."""
    out: dict[tuple[int, int], dict[str, Any]] = {}
    for grant in grants:
        if grant.get("status") == "active":
            out.setdefault((int(grant["entry_id"]), int(grant["consumer_department_id"])), grant)
    return out


class InquiryDialog(FormDialog):
    """新建询问: one of my entries, a department holding a grant on it, the question, and an
    optional deadline in working days (第二十二条)."""

    def __init__(self, *, context: AppContext, send: Send, parent: QWidget | None = None) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("UsagePages", "新建询问"),
            send=send,
            parent=parent,
        )
        self.setObjectName("inquiryDialog")
        self.pairs: dict[tuple[int, int], dict[str, Any]] = {}
        self.entryCombo = named(QComboBox(), "entryCombo")
        self.departmentCombo = named(QComboBox(), "departmentCombo")
        self.questionEdit = named(QPlainTextEdit(), "questionEdit")
        self.questionEdit.setPlaceholderText(
            QCoreApplication.translate(
                "UsagePages", "例如：请说明获取的数据用于哪些业务、使用范围及安全措施"
            )
        )
        self.dueSpin = named(QSpinBox(), "dueSpin")
        self.dueSpin.setRange(0, MAX_INQUIRY_WORKING_DAYS)
        self.dueSpin.setSpecialValueText(QCoreApplication.translate("UsagePages", "不设期限"))
        self.dueSpin.setSuffix(QCoreApplication.translate("UsagePages", " 个工作日"))
        entry = QCoreApplication.translate("UsagePages", "信息资源")
        department = QCoreApplication.translate("UsagePages", "使用部门")
        self.add_field("entry_id", entry, self.entryCombo)
        self.add_field("consumer_department_id", department, self.departmentCombo)
        self.add_field(
            "question", QCoreApplication.translate("UsagePages", "询问内容"), self.questionEdit
        )
        self.add_field(
            "due_working_days", QCoreApplication.translate("UsagePages", "答复期限"), self.dueSpin
        )
        self.entryCombo.currentIndexChanged.connect(self._fill_departments)
        client = context.client
        self.load(
            lambda _t: sending.all_items(
                client, actions.grants_path(), side="given", status="active"
            ),
            self._fill_entries,
        )

    def _fill_entries(self, grants: list[dict[str, Any]]) -> None:
        self.pairs = granted_pairs(grants)
        seen: dict[int, str] = {}
        for (entry_id, _dept), grant in self.pairs.items():
            seen.setdefault(entry_id, str(grant.get("entry_name") or entry_id))
        self.entryCombo.blockSignals(True)
        for entry_id, name in seen.items():
            self.entryCombo.addItem(name, entry_id)
        self.entryCombo.blockSignals(False)
        self._fill_departments()
        if not seen:
            self.ui.okButton.setEnabled(False)
            self.ui.errorLabel.setText(
                QCoreApplication.translate(
                    "UsagePages", "本部门的信息资源还没有有效授权，无可询问的使用部门。"
                )
            )

    def _fill_departments(self, *_args: Any) -> None:
        entry_id = self.entryCombo.currentData()
        self.departmentCombo.clear()
        for (entry, dept), grant in self.pairs.items():
            if entry == entry_id:
                self.departmentCombo.addItem(
                    str(grant.get("consumer_department_name") or dept), dept
                )

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        entry, department = self.entryCombo.currentData(), self.departmentCombo.currentData()
        body = {
            "entry_id": None if entry is None else int(entry),
            "consumer_department_id": None if department is None else int(department),
            "question": self.questionEdit.toPlainText().strip(),
            "due_working_days": self.dueSpin.value() or None,
        }
        errors = schema_errors(InquiryIn, body, {})
        pick = QCoreApplication.translate("UsagePages", "请选择信息资源和使用部门。")
        if entry is None:
            errors["entry_id"] = pick
        elif department is None:
            errors["consumer_department_id"] = pick
        if not body["question"]:
            errors["question"] = QCoreApplication.translate("UsagePages", "请填写询问内容。")
        return body, errors


# --- 更正 -----------------------------------------------------------------------------------


class CorrectDialog(FormDialog):
    """更正: the delivery of the entry made after the report that corrects it (第二十条); picked
    from the entry's deliveries, or its number typed when the list cannot be read."""

    def __init__(
        self,
        *,
        context: AppContext,
        discrepancy: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("UsagePages", "更正"),
            send=send,
            parent=parent,
        )
        self.setObjectName("correctDialog")
        self.discrepancy = discrepancy
        self.deliveryCombo = named(QComboBox(), "deliveryCombo")
        self.deliveryEdit = named(QLineEdit(), "deliveryEdit")
        self.deliveryEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "或输入交付批次编号")
        )
        self.noteEdit = named(QPlainTextEdit(), "noteEdit")
        self.noteEdit.setPlaceholderText(
            QCoreApplication.translate("UsagePages", "更正说明（可选）")
        )
        self.form.addRow(
            _wrapped(
                QLabel(
                    QCoreApplication.translate(
                        "UsagePages", "请选择报告异议之后交付的更正数据（第二十条）。"
                    )
                )
            )
        )
        self.form.addRow(QCoreApplication.translate("UsagePages", "更正交付"), self.deliveryCombo)
        self.add_field("delivery_id", "", self.deliveryEdit)
        self.add_field("reason", QCoreApplication.translate("UsagePages", "说明"), self.noteEdit)
        client, entry_id = context.client, int(discrepancy["entry_id"])
        self.load(lambda _t: self._later(sending.deliveries(client, entry_id)), self._fill)

    def _later(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The deliveries made after the report (the platform checks it again)."""
        reported = _moment(self.discrepancy.get("reported_at"))
        return [
            r
            for r in rows
            if reported is None or (_moment(r.get("delivered_at")) or reported) > reported
        ]

    def load(self, op: Callable[[Task], Any], done: Callable[[Any], None]) -> None:
        def failed_soft(exc: Exception) -> None:
            self.ui.okButton.setEnabled(True)  # the number can still be typed
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            self.ui.errorLabel.setText(
                QCoreApplication.translate("UsagePages", "无法读取交付记录：%1").replace("%1", text)
            )

        self.ui.okButton.setEnabled(False)

        def loaded(result: Any) -> None:
            self.ui.okButton.setEnabled(True)
            done(result)

        self.context.run(op, success=loaded, failure=failed_soft)

    def _fill(self, rows: list[dict[str, Any]]) -> None:
        self.ui.errorLabel.setText("")
        for row in rows:
            when = time_text(row.get("delivered_at"))
            text = (
                QCoreApplication.translate("UsagePages", "#%1  %2  %3 行")
                .replace("%1", str(row["id"]))
                .replace("%2", when)
            )
            self.deliveryCombo.addItem(text.replace("%3", str(row.get("rows", ""))), row["id"])
        if not rows:
            self.deliveryCombo.addItem(
                QCoreApplication.translate("UsagePages", "（报告之后尚无交付）"), None
            )

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        typed = self.deliveryEdit.text().strip()
        if typed and not typed.isdigit():
            why = QCoreApplication.translate("UsagePages", "交付批次编号应为数字。")
            return {}, {"delivery_id": why}
        delivery = int(typed) if typed else self.deliveryCombo.currentData()
        if delivery is None:
            why = QCoreApplication.translate("UsagePages", "请选择或输入更正数据的交付批次。")
            return {}, {"delivery_id": why}
        body = {"delivery_id": int(delivery), "reason": self.noteEdit.toPlainText().strip() or None}
        return body, schema_errors(DiscrepancyActionIn, body, {})
