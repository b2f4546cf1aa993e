"""The 整改 page's form dialogs: 下发整改通知 (the supervisor, 第三十六条), 提交整改情况 (the
department's resource admin: the measures and an optional evidence file) and 退回 (the
supervisor: what is missing, optionally a new due date).

Each checks its body against the core's schema before sending and shows, under the field, which
field is wrong and why (common.forms.FieldErrors); it sends through the session's SyncEngine
(`SendingDialog`: queued offline, the platform's refusal shown in the dialog, nothing typed
lost). The withdraw reason is common.sending_dialog.ReasonDialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from govshare_core.assessment import (
    DEFAULT_RECTIFICATION_WORKING_DAYS,
    MAX_EVIDENCE_BYTES,
    MAX_RECTIFICATION_WORKING_DAYS,
    Article36Item,
)
from govshare_core.assessment_schemas import RectificationActionIn, RectificationIn
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common import policy
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label
from govshare_desktop.rectification import sending
from govshare_desktop.rectification.form import MIN_TEXT, FormDialog, field_errors, wrapped
from govshare_desktop.rectification.presenter import (
    due_preview,
    item_full,
    item_short,
    object_name,
    size_text,
)
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_desktop.sync.spool import spool
from govshare_desktop.tasks import Task

WARNING_STYLE = "color: #b06000;"
"""The provisional due date's warning."""

# --- 下发整改通知 --------------------------------------------------------------------------------


class IssueDialog(FormDialog):
    """The department (from the departments list), the item of 第三十六条 (its full text shown),
    the facts, and the due in working days with the date it gives (provisional for a year
    without an official holiday schedule, such as 2027)."""

    def __init__(
        self, *, context: AppContext, send: Send, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("RectificationPage", "下发整改通知"),
            send=send,
            parent=parent,
        )
        self.setObjectName("issueDialog")
        self.today = today
        self.calendar = policy.calendar(context)
        self.departmentCombo = named(QComboBox(), "departmentCombo")
        self.itemCombo = named(QComboBox(), "itemCombo")
        self.itemCombo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.itemCombo.addItem(QCoreApplication.translate("RectificationPage", "（请选择）"), None)
        for item in Article36Item:
            self.itemCombo.addItem(f"{item_short(item)}  {_tail(item)}", item.value)
            self.itemCombo.setItemData(
                self.itemCombo.count() - 1, label(item), Qt.ItemDataRole.ToolTipRole
            )
        self.itemText = named(QLabel(), "itemTextLabel")
        self.itemText.setWordWrap(True)
        self.factsEdit = named(QPlainTextEdit(), "factsEdit")
        self.factsEdit.setPlaceholderText(
            QCoreApplication.translate(
                "RectificationPage",
                "写明发现的问题、时间、涉及的信息资源等，例如：2026年第三季度未按要求更新……",
            )
        )
        self.dueSpin = named(QSpinBox(), "dueSpin")
        self.dueSpin.setRange(1, MAX_RECTIFICATION_WORKING_DAYS)
        self.dueSpin.setValue(DEFAULT_RECTIFICATION_WORKING_DAYS)
        self.dueSpin.setSuffix(QCoreApplication.translate("RectificationPage", " 个工作日"))
        self.dueLabel = named(QLabel(), "dueLabel")
        self.dueLabel.setWordWrap(True)
        self.add_field(
            "department_id",
            QCoreApplication.translate("RectificationPage", "整改部门"),
            self.departmentCombo,
        )
        self.add_field(
            "article_item",
            QCoreApplication.translate("RectificationPage", "违反条项"),
            self.itemCombo,
        )
        self.form.addRow("", self.itemText)
        self.add_field(
            "facts", QCoreApplication.translate("RectificationPage", "问题事实"), self.factsEdit
        )
        self.add_field(
            "due_working_days",
            QCoreApplication.translate("RectificationPage", "整改期限"),
            self.dueSpin,
        )
        self.form.addRow("", self.dueLabel)
        self.itemCombo.currentIndexChanged.connect(self._show_item)
        self.dueSpin.valueChanged.connect(self._show_due)
        self._show_item()
        self._show_due()
        client = context.client
        self.load(lambda _t: sending.departments(client), self._fill_departments)

    def _fill_departments(self, rows: list[dict[str, Any]]) -> None:
        self.departmentCombo.addItem(
            QCoreApplication.translate("RectificationPage", "（请选择）"), None
        )
        for row in rows:
            self.departmentCombo.addItem(str(row["name"]), int(row["id"]))

    def _show_item(self, *_args: Any) -> None:
        code = self.itemCombo.currentData()
        self.itemText.setText(item_full(code) if code else "")
        self.itemText.setVisible(bool(code))

    def _show_due(self, *_args: Any) -> None:
        preview = due_preview(self.today, self.dueSpin.value(), self.calendar)
        self.dueLabel.setText(preview.text())
        self.dueLabel.setStyleSheet(WARNING_STYLE if preview.provisional else "")
        self.provisional = preview.provisional

    def select_department(self, department_id: int) -> None:
        self.departmentCombo.setCurrentIndex(max(self.departmentCombo.findData(department_id), 0))

    def select_item(self, item: Article36Item) -> None:
        self.itemCombo.setCurrentIndex(self.itemCombo.findData(item.value))

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body = {
            "department_id": self.departmentCombo.currentData(),
            "article_item": self.itemCombo.currentData(),
            "facts": self.factsEdit.toPlainText().strip(),
            "due_working_days": self.dueSpin.value(),
        }
        return body, field_errors(RectificationIn, body)


def _tail(item: Article36Item) -> str:
    """The start of the item's text, for the picker (the whole text is under it)."""
    text = label(item).split("：", 1)[-1].split(": ", 1)[-1]
    return text if len(text) <= 18 else text[:17] + "…"


# --- 提交整改情况 --------------------------------------------------------------------------------


class AnswerDialog(FormDialog):
    """The measures taken, and optionally an evidence file (≤ MAX_EVIDENCE_BYTES; a copy is sent,
    never the user's file). Online with nothing queued the file goes first, block by block
    under a progress bar, then the answer through the sync engine; offline both wait in the
    outbox, in order."""

    PREFERRED_SIZE = QSize(620, 440)

    def __init__(
        self,
        *,
        context: AppContext,
        order: dict[str, Any],
        version: Callable[[], int],
        wrap: Callable[[Callable[[Outcome], None]], Callable[[Outcome], None]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("RectificationPage", "提交整改情况"),
            send=self._no_send,
            parent=parent,
        )
        self.setObjectName("answerDialog")
        self.order, self.version_of = order, version  # the order's version when sending
        self._wrap = wrap or (lambda d: d)
        self.form.addRow(wrapped(QLabel(object_name(order))))
        self.measuresEdit = named(QPlainTextEdit(), "measuresEdit")
        self.measuresEdit.setPlaceholderText(
            QCoreApplication.translate(
                "RectificationPage", "写明已采取的整改措施、完成情况和长效机制"
            )
        )
        self.evidenceEdit = named(QLineEdit(), "evidenceEdit")
        self.evidenceEdit.setPlaceholderText(
            QCoreApplication.translate(
                "RectificationPage", "可选：整改证明材料（不超过 %1 MB）"
            ).replace("%1", str(MAX_EVIDENCE_BYTES // (1024 * 1024)))
        )
        browse = named(
            QPushButton(QCoreApplication.translate("RectificationPage", "选择…")), "browseButton"
        )
        browse.clicked.connect(self._on_browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.evidenceEdit, 1)
        line.addWidget(browse)
        self.add_field(
            "reason", QCoreApplication.translate("RectificationPage", "整改措施"), self.measuresEdit
        )
        message = self.add_field(
            "evidence", QCoreApplication.translate("RectificationPage", "证据材料"), row
        )
        self.errors.bind("evidence", self.evidenceEdit, message)
        self.progressBar = named(QProgressBar(), "progressBar")
        self.progressBar.setVisible(False)
        self.uploaded_percent: list[int] = []  # what the progress bar showed (tests)
        self.progressLabel = named(QLabel(), "progressLabel")
        self.progressLabel.setVisible(False)
        self.extra.addWidget(self.progressLabel)
        self.extra.addWidget(self.progressBar)
        if order.get("evidence_filename"):
            self.keepLabel = named(
                QLabel(
                    QCoreApplication.translate(
                        "RectificationPage", "已上传：%1（%2）；不选择新文件则保留。"
                    )
                    .replace("%1", str(order["evidence_filename"]))
                    .replace("%2", size_text(order.get("evidence_size")))
                ),
                "keepEvidenceLabel",
            )
            self.form.addRow("", self.keepLabel)

    def _no_send(self, _body: Any, _done: Any) -> None:  # replaced by send_body
        raise AssertionError("AnswerDialog sends itself")

    def _on_browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("RectificationPage", "选择整改证明材料")
        )
        if name:
            self.evidenceEdit.setText(name)

    def evidence_file(self) -> Path | None:
        text = self.evidenceEdit.text().strip()
        return Path(text) if text else None

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body = {"reason": self.measuresEdit.toPlainText().strip()}
        errors = field_errors(RectificationActionIn, body)
        if len(body["reason"]) < MIN_TEXT:
            errors["reason"] = QCoreApplication.translate(
                "RectificationPage", "请填写整改措施，至少 %1 个字。"
            ).replace("%1", str(MIN_TEXT))
        file = self.evidence_file()
        if file is not None:
            if not file.is_file():
                errors["evidence"] = QCoreApplication.translate(
                    "RectificationPage", "找不到该文件：%1"
                ).replace("%1", str(file))
            elif file.stat().st_size > MAX_EVIDENCE_BYTES:
                limit = str(MAX_EVIDENCE_BYTES // (1024 * 1024))
                errors["evidence"] = QCoreApplication.translate(
                    "RectificationPage", "证据材料不能超过 %1 MB。"
                ).replace("%1", limit)
            elif file.stat().st_size == 0:
                errors["evidence"] = QCoreApplication.translate(
                    "RectificationPage", "证据材料是空文件。"
                )
        return body, errors

    def send_body(self, body: dict[str, Any]) -> None:
        self.ui.okButton.setEnabled(False)
        self.ui.errorLabel.setText(QCoreApplication.translate("RectificationPage", "正在提交……"))
        file = self.evidence_file()
        if file is None:
            self._send_answer(body, self.version_of())
            return
        copy = spool(self.context.store, file)
        self.progressLabel.setText(
            QCoreApplication.translate("RectificationPage", "正在上传证据材料：%1（%2）……")
            .replace("%1", file.name)
            .replace("%2", size_text(copy.stat().st_size))
        )
        self.progressLabel.setVisible(True)
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        self.progressBar.setVisible(True)
        if self.context.online and self.context.store.pending_count() == 0:
            self._upload_now(body, copy)
        else:
            self._queue_both(body, copy)

    def _send_answer(self, body: dict[str, Any], version: int) -> None:
        label = QCoreApplication.translate("RectificationPage", "提交整改情况：%1").replace(
            "%1", object_name(self.order)
        )
        change = sending.act(int(self.order["id"]), "answer", body, version=version, label=label)
        self.context.sync.submit(change, done=self._wrap(self._on_send_outcome))

    def _upload_now(self, body: dict[str, Any], copy: Path) -> None:
        """Online with nothing queued: the file now, with its progress; then the answer
        against the version the upload made. Unreachable meanwhile: both wait in the outbox."""
        client, order_id, version = self.context.client, int(self.order["id"]), self.version_of()

        def op(task: Task) -> dict[str, Any]:
            def progress(done: int, total: int) -> None:
                task.report(int(done * 100 / max(total, 1)), "")

            return sending.upload_evidence(
                client, order_id, copy, version=version, progress=progress
            )

        def uploaded(order: dict[str, Any]) -> None:
            copy.unlink(missing_ok=True)
            self.progressBar.setValue(100)
            self._send_answer(body, int(order["version"]))

        def failed(exc: Exception) -> None:
            if isinstance(exc, ApiError) and exc.is_network:
                self._queue_both(body, copy)
                return
            copy.unlink(missing_ok=True)
            message = exc.message() if isinstance(exc, ApiError) else str(exc)
            fields = exc.field_messages() if isinstance(exc, ApiError) else {}
            outcome = Outcome(
                OutcomeStatus.FAILED, message=message, error=exc, field_messages=fields
            )
            self._wrap(self._on_send_outcome)(outcome)

        self.context.run(op, success=uploaded, failure=failed, progress=self._on_progress)

    def _on_progress(self, percent: int, _text: str) -> None:
        self.progressBar.setValue(percent)
        self.uploaded_percent.append(percent)

    def _queue_both(self, body: dict[str, Any], copy: Path) -> None:
        """The file, then the answer, through the outbox in order (the upload moves the order's
        version on by one, so the answer's If-Match is the next version)."""
        order_id, name = int(self.order["id"]), object_name(self.order)
        version = self.version_of()
        self.progressBar.setRange(0, 0)  # busy: the outbox reports no bytes
        upload = sending.evidence(
            order_id,
            copy,
            version=version,
            label=QCoreApplication.translate("RectificationPage", "上传证据材料：%1").replace(
                "%1", name
            ),
        )
        label = QCoreApplication.translate("RectificationPage", "提交整改情况：%1").replace(
            "%1", name
        )
        answer = sending.act(order_id, "answer", body, version=version + 1, label=label)
        done = self._wrap(self._on_send_outcome)
        self.context.sync.create_and_act(upload, lambda _ref: answer, done=done)

    def _on_send_outcome(self, outcome: Outcome) -> None:
        self.progressBar.setRange(0, 100)
        self.progressBar.setVisible(False)
        self.progressLabel.setVisible(False)
        super()._on_send_outcome(outcome)


# --- 退回 ---------------------------------------------------------------------------------------


class ReturnDialog(FormDialog):
    """What is missing (the reason), and optionally a new due in working days."""

    PREFERRED_SIZE = QSize(560, 380)

    def __init__(
        self,
        *,
        context: AppContext,
        order: dict[str, Any],
        send: Send,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            context=context,
            title=QCoreApplication.translate("RectificationPage", "退回"),
            send=send,
            parent=parent,
        )
        self.setObjectName("returnDialog")
        self.today, self.calendar = today, policy.calendar(context)
        self.form.addRow(wrapped(QLabel(object_name(order))))
        self.reasonEdit = named(QPlainTextEdit(), "reasonEdit")
        self.reasonEdit.setPlaceholderText(
            QCoreApplication.translate(
                "RectificationPage", "请说明整改措施不到位之处和需要补充的内容"
            )
        )
        self.newDueCheck = named(
            QCheckBox(QCoreApplication.translate("RectificationPage", "重新确定整改期限")),
            "newDueCheck",
        )
        self.dueSpin = named(QSpinBox(), "dueSpin")
        self.dueSpin.setRange(1, MAX_RECTIFICATION_WORKING_DAYS)
        self.dueSpin.setValue(DEFAULT_RECTIFICATION_WORKING_DAYS)
        self.dueSpin.setSuffix(QCoreApplication.translate("RectificationPage", " 个工作日"))
        self.dueSpin.setEnabled(False)
        self.dueLabel = named(
            QLabel(
                QCoreApplication.translate("RectificationPage", "不重新确定的，原整改期限不变。")
            ),
            "dueLabel",
        )
        self.dueLabel.setWordWrap(True)
        self.add_field(
            "reason", QCoreApplication.translate("RectificationPage", "退回理由"), self.reasonEdit
        )
        self.form.addRow("", self.newDueCheck)
        self.add_field(
            "due_working_days",
            QCoreApplication.translate("RectificationPage", "新的期限"),
            self.dueSpin,
        )
        self.form.addRow("", self.dueLabel)
        self.newDueCheck.toggled.connect(self._on_new_due)
        self.dueSpin.valueChanged.connect(self._on_new_due)

    def _on_new_due(self, *_args: Any) -> None:
        on = self.newDueCheck.isChecked()
        self.dueSpin.setEnabled(on)
        if not on:
            self.dueLabel.setText(
                QCoreApplication.translate("RectificationPage", "不重新确定的，原整改期限不变。")
            )
            self.dueLabel.setStyleSheet("")
            return
        preview = due_preview(self.today, self.dueSpin.value(), self.calendar)
        self.dueLabel.setText(preview.text())
        self.dueLabel.setStyleSheet(WARNING_STYLE if preview.provisional else "")

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body: dict[str, Any] = {"reason": self.reasonEdit.toPlainText().strip()}
        if self.newDueCheck.isChecked():
            body["due_working_days"] = self.dueSpin.value()
        errors = field_errors(RectificationActionIn, body)
        if len(body["reason"]) < MIN_TEXT:
            errors["reason"] = QCoreApplication.translate(
                "RectificationPage", "请填写退回理由，至少 %1 个字。"
            ).replace("%1", str(MIN_TEXT))
        return body, errors
