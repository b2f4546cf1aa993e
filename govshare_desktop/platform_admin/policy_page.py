"""平台策略: the platform admin's policy values (GET/PATCH /api/v1/policy) — the review and signing
time limits, the change-report window, the log retention (at least 5 years, 第二十六条) — each
checked against the platform's own bounds (govshare_core.schemas.PolicyIn) with its message
beside the field. Saving sends only the changed values, with If-Match on the policy's version,
through the sync engine; when someone else changed the policy meanwhile (412) the compare view
shows both and the admin chooses. The assessment weights and grade bands (第三十四条) are
edited in `assessment_policy.AssessmentPolicyBox`; the session limits (server settings) are
shown read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from govshare_core.schemas import PolicyIn
from govshare_desktop.api.actions import Action, policy_path
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common import policy as cached_policy
from govshare_desktop.common.conflict import conflict_label, open_conflict_dialog
from govshare_desktop.common.forms import mark
from govshare_desktop.common.outcome import BUSY, ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import module_tr
from govshare_desktop.platform_admin.assessment_policy import AssessmentPolicyBox
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

ERROR_COLOUR = "#b3261e"


def tr(text: str) -> str:
    return module_tr("PlatformAdminPages", text)


def bounds(name: str) -> tuple[int, int]:
    """The platform's bounds of an editable value (PolicyIn's ge/le): one source of truth."""
    low, high = 0, 10_000
    for meta in PolicyIn.model_fields[name].metadata:
        # pydantic keeps Field(ge=..., le=...) as annotated_types' Ge/Le objects
        if getattr(meta, "ge", None) is not None:
            low = int(meta.ge)
        elif getattr(meta, "le", None) is not None:
            high = int(meta.le)
    return low, high


def fields() -> list[tuple[str, str, str, str]]:
    """(name, label, unit, what it is for) of the editable values, in form order; the labels are
    the core's POLICY_FIELD_LABELS, as in the compare view of a 412."""
    days, years = tr("个工作日"), tr("年")
    return [
        (name, conflict_label(name), unit, purpose)
        for name, unit, purpose in (
            ("review_working_days", days, tr("提供部门答复共享申请（第二十七条）")),
            ("entry_review_working_days", days, tr("每一级审核目录条目")),
            ("change_report_days", tr("天"), tr("核心要素变更后报告（第十七条）")),
            ("agreement_signing_working_days", days, tr("各方签署三方保密协议（第三十条）")),
            (
                "discrepancy_response_working_days",
                days,
                tr("提供部门核实更正或说明（第二十条）"),
            ),
            ("log_retention_years", years, tr("审计与访问日志至少保存 5 年（第二十六条）")),
        )
    ]


def range_message(name: str, value: int) -> str:
    """The field's message when `value` is out of the platform's bounds ("" when fine)."""
    low, high = bounds(name)
    if low <= value <= high:
        return ""
    if name == "log_retention_years" and value < low:
        return tr("日志至少保存 %1 年（第二十六条）。").replace("%1", str(low))
    return tr("应在 %1 至 %2 之间。").replace("%1", str(low)).replace("%2", str(high))


class PolicyPage(QWidget):
    """Signals:
    loaded(object): the platform's policy (PolicyOut as a dict), shown.
    saved(object): the platform accepted a change (its answer).
    conflict(object): a 412: the compare view opened (the ConflictDialog).
    """

    loaded = Signal(object)
    saved = Signal(object)
    conflict = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyPage")
        self.context = context
        self.server: dict[str, Any] = {}
        self.conflict_open = False  # a 412's compare view decides; reload after it
        self.spins: dict[str, QSpinBox] = {}
        self.messages: dict[str, QLabel] = {}
        self._build()
        self.saveButton.clicked.connect(self.save)
        self.revertButton.clicked.connect(self._on_revert_button_clicked)
        self.context.data_changed.connect(self._on_data_changed)
        self.reload()

    # --- widgets -----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        limits = QGroupBox(tr("办理时限与日志保存"), body)
        grid = QGridLayout(limits)
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(3, 1)
        for n, (name, label, unit, purpose) in enumerate(fields()):
            spin = QSpinBox(limits)
            spin.setObjectName(f"{name}Spin")
            spin.setRange(0, 9999)
            spin.setSuffix(f" {unit}")
            spin.setMinimumWidth(130)
            low, high = bounds(name)
            spin.setToolTip(tr("允许范围：%1–%2").replace("%1", str(low)).replace("%2", str(high)))
            message = QLabel(limits)
            message.setObjectName(f"{name}Message")
            message.setStyleSheet(f"color:{ERROR_COLOUR}")
            hint = QLabel(purpose, limits)
            hint.setStyleSheet("color:#666")
            grid.addWidget(QLabel(label, limits), n, 0)
            grid.addWidget(spin, n, 1)
            grid.addWidget(hint, n, 2)
            grid.addWidget(message, n, 3)
            spin.valueChanged.connect(lambda _v, n=name: self._on_value_changed(n))
            self.spins[name] = spin
            self.messages[name] = message
        layout.addWidget(limits)

        self.assessmentBox = AssessmentPolicyBox(body)
        self.assessmentBox.changed.connect(self._update_buttons)
        layout.addWidget(self.assessmentBox)

        session = QGroupBox(tr("会话（服务器配置，只读）"), body)
        session_form = QFormLayout(session)
        self.tokenLabel = QLabel("—", session)
        self.idleLabel = QLabel("—", session)
        session_form.addRow(tr("登录有效期"), self.tokenLabel)
        session_form.addRow(tr("空闲超时"), self.idleLabel)
        layout.addWidget(session)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        bar = QHBoxLayout()
        self.versionLabel = QLabel(self)
        self.versionLabel.setObjectName("versionLabel")
        self.revertButton = QPushButton(tr("还原"), self)
        self.revertButton.setObjectName("revertButton")
        self.saveButton = QPushButton(tr("保存"), self)
        self.saveButton.setObjectName("saveButton")
        self.saveButton.setDefault(True)
        bar.addWidget(self.versionLabel, 1)
        bar.addWidget(self.revertButton)
        bar.addWidget(self.saveButton)
        outer.addLayout(bar)
        self.outcomeLabel = QLabel(self)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        outer.addWidget(self.outcomeLabel)
        clear_outcome(self.outcomeLabel)
        self._update_buttons()

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        client = self.context.client

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            show_outcome(self.outcomeLabel, tr("无法读取平台策略：%1").replace("%1", text), ERROR)

        self.context.run(lambda _t: dict(client.policy()), success=self.show_policy, failure=failed)

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage)."""
        self.reload()

    def _on_data_changed(self, kind: str) -> None:
        if kind in ("other", "policy") and (self.conflict_open or not self.changes()):
            self.conflict_open = False  # the compare view decided (or a replay went through)
            self.reload()  # never over the admin's own unsaved edits otherwise

    def show_policy(self, policy: dict[str, Any]) -> None:
        self.server = dict(policy)
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(int(policy.get(name) or 0))
            spin.blockSignals(False)
            self._check(name)
        self.versionLabel.setText(tr("策略版本 %1").replace("%1", str(policy.get("version", "—"))))
        self.assessmentBox.show_policy(policy)
        self.tokenLabel.setText(
            tr("%1 分钟").replace("%1", str(policy.get("token_ttl_minutes", "—")))
        )
        self.idleLabel.setText(
            tr("%1 分钟").replace("%1", str(policy.get("idle_timeout_minutes", "—")))
        )
        self._update_buttons()
        self.loaded.emit(self.server)

    # --- editing -----------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The values the admin changed (what a save sends; a changed weight or bound sends its
        whole mapping)."""
        changed: dict[str, Any] = {
            name: spin.value()
            for name, spin in self.spins.items()
            if self.server and spin.value() != int(self.server.get(name) or 0)
        }
        changed.update(self.assessmentBox.changes(self.server))
        return changed

    def problems(self) -> dict[str, str]:
        found = {
            name: text
            for name, spin in self.spins.items()
            if (text := range_message(name, spin.value()))
        }
        found.update(self.assessmentBox.problems())
        return found

    def _check(self, name: str) -> None:
        text = range_message(name, self.spins[name].value())
        self.messages[name].setText(text)
        mark(self.spins[name], bool(text))

    def _on_value_changed(self, name: str) -> None:
        self._check(name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        changed = bool(self.changes())
        self.saveButton.setEnabled(changed and not self.problems())
        self.revertButton.setEnabled(changed)

    def _on_revert_button_clicked(self) -> None:
        if self.server:
            self.show_policy(self.server)
            clear_outcome(self.outcomeLabel)

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        changes = self.changes()
        if not changes or self.problems() or not self.server:
            return False
        action = Action(
            "PATCH",
            policy_path(),
            dict(changes),
            if_match=int(self.server["version"]),
            label=tr("修改平台策略"),
        )
        self.saveButton.setEnabled(False)
        show_outcome(self.outcomeLabel, tr("正在保存……"), BUSY)
        self.context.sync.submit(action, done=self._on_saved)
        return True

    def _on_saved(self, outcome: Outcome) -> None:
        if outcome.status == OutcomeStatus.SENT and isinstance(outcome.result, dict):
            self.show_policy(outcome.result)
            show_outcome(self.outcomeLabel, tr("已保存平台策略。"), OK)
            cached_policy.load_in_background(self.context)  # deadlines use the new values
            self.saved.emit(outcome.result)
            return
        self._update_buttons()
        if outcome.status == OutcomeStatus.QUEUED:
            show_outcome(self.outcomeLabel, str(outcome.message), QUEUED)
        elif outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            server = outcome.server_object or {}
            show_outcome(
                self.outcomeLabel,
                tr("平台策略已被他人修改（当前版本 %1）：请在对比窗口中选择保留哪些值。").replace(
                    "%1", str(server.get("version", "—"))
                ),
                ERROR,
            )
            self.conflict_open = True
            window = self.window() if self.isVisible() else self
            dialog = open_conflict_dialog(self.context.sync, outcome.item, server, window)
            self.conflict.emit(dialog)
        else:
            self.assessmentBox.show_errors(outcome.field_messages)
            for name, text in outcome.field_messages.items():
                key = name.split(".")[-1]
                if key in self.messages and text:
                    self.messages[key].setText(text)
                    mark(self.spins[key], True)
            show_outcome(self.outcomeLabel, str(outcome.message), ERROR)
        self.saveButton.setEnabled(bool(self.changes()) and not self.problems())
