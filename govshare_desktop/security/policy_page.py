"""密码策略 (the security admin, 第三十三条 身份认证机制): the shortest password, how many character
classes it needs, after how many days it must be changed (0: never); the lockout settings
(failed sign-ins before a lockout, its minutes: server settings) shown read-only.

保存 sends the changed values through the sync engine with If-Match on the policy's own
`version`; when another admin saved meanwhile (412) the stale change is dropped and the policy
shown afresh. Every new password is then checked against it, on the platform and, live, in the
desktop's password fields (govshare_core.passwords).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from govshare_core.passwords import PASSWORD_MAX_LENGTH
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import BUSY, ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.context import AppContext
from govshare_desktop.security import presenter as P
from govshare_desktop.security import sending
from govshare_desktop.security.presenter import tr
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

FIELDS = ("min_length", "min_classes", "max_age_days")


class PasswordPolicyPage(QWidget):
    """Signals:
    loaded(object): the policy shown (its JSON).
    saved(object): the platform's answer to 保存.
    """

    loaded = Signal(object)
    saved = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordPolicyPage")
        self.context = context
        self.policy: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        box = QGroupBox(tr("密码规则"))
        form = QFormLayout(box)
        self.minLengthSpin = named(QSpinBox(), "minLengthSpin")
        self.minLengthSpin.setRange(8, 64)
        self.minLengthSpin.setSuffix(tr(" 个字符"))
        self.minClassesSpin = named(QSpinBox(), "minClassesSpin")
        self.minClassesSpin.setRange(1, 4)
        self.minClassesSpin.setSuffix(tr(" 类"))
        self.maxAgeSpin = named(QSpinBox(), "maxAgeSpin")
        self.maxAgeSpin.setRange(0, 3650)
        self.maxAgeSpin.setSuffix(tr(" 天"))
        self.maxAgeSpin.setSpecialValueText(tr("永不过期"))
        for spin in (self.minLengthSpin, self.minClassesSpin, self.maxAgeSpin):
            spin.setMinimumWidth(140)
            spin.setMaximumWidth(200)
        form.addRow(tr("最短长度"), self.minLengthSpin)
        form.addRow(tr("至少包含的字符类别"), self.minClassesSpin)
        form.addRow("", _hint(tr("四类：小写字母、大写字母、数字、符号。")))
        form.addRow(tr("密码有效期"), self.maxAgeSpin)
        form.addRow(
            "",
            _hint(
                tr("超过有效期的密码须在下次登录时修改；0 表示永不过期。最长 %1 个字符。").replace(
                    "%1", str(PASSWORD_MAX_LENGTH)
                )
            ),
        )
        layout.addWidget(box)
        lockout = QGroupBox(tr("登录失败锁定（服务器配置，只读）"))
        rows = QFormLayout(lockout)
        self.thresholdLabel = named(QLabel("—"), "thresholdLabel")
        self.lockoutLabel = named(QLabel("—"), "lockoutMinutesLabel")
        rows.addRow(tr("连续失败次数"), self.thresholdLabel)
        rows.addRow(tr("锁定时长"), self.lockoutLabel)
        layout.addWidget(lockout)
        self.ruleLabel = named(_hint(""), "ruleLabel")
        layout.addWidget(self.ruleLabel)
        buttons = QHBoxLayout()
        self.reloadButton = named(QPushButton(tr("刷新")), "refreshButton")
        self.saveButton = named(QPushButton(tr("保存")), "saveButton")
        self.saveButton.setEnabled(False)
        buttons.addStretch(1)
        buttons.addWidget(self.reloadButton)
        buttons.addWidget(self.saveButton)
        layout.addLayout(buttons)
        self.outcomeLabel = named(QLabel(), "outcomeLabel")
        clear_outcome(self.outcomeLabel)
        layout.addWidget(self.outcomeLabel)
        layout.addStretch(1)
        self.reloadButton.clicked.connect(self.refresh)
        self.saveButton.clicked.connect(self.save)
        for spin in (self.minLengthSpin, self.minClassesSpin, self.maxAgeSpin):
            spin.valueChanged.connect(self._on_edited)
        self.refresh()

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        client = self.context.client

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            show_outcome(self.outcomeLabel, tr("加载失败：%1").replace("%1", text), ERROR)

        self.context.run(
            lambda _t: sending.password_policy(client), success=self.show_policy, failure=failed
        )

    def show_policy(self, policy: dict[str, Any]) -> None:
        self.policy = policy
        for spin in (self.minLengthSpin, self.minClassesSpin, self.maxAgeSpin):
            spin.blockSignals(True)
        self.minLengthSpin.setValue(int(policy["min_length"]))
        self.minClassesSpin.setValue(int(policy["min_classes"]))
        self.maxAgeSpin.setValue(int(policy["max_age_days"]))
        for spin in (self.minLengthSpin, self.minClassesSpin, self.maxAgeSpin):
            spin.blockSignals(False)
        self.thresholdLabel.setText(tr("%1 次").replace("%1", str(policy["lockout_threshold"])))
        self.lockoutLabel.setText(tr("%1 分钟").replace("%1", str(policy["lockout_minutes"])))
        self._on_edited()
        self.loaded.emit(policy)

    def changes(self) -> dict[str, int]:
        """The values that differ from the policy shown."""
        if self.policy is None:
            return {}
        values = {
            "min_length": self.minLengthSpin.value(),
            "min_classes": self.minClassesSpin.value(),
            "max_age_days": self.maxAgeSpin.value(),
        }
        return {k: v for k, v in values.items() if v != int(self.policy[k])}

    def _on_edited(self, *_args: Any) -> None:
        self.saveButton.setEnabled(bool(self.changes()))
        self.ruleLabel.setText(P.policy_rule_text(P.policy_of(self._values())))

    def _values(self) -> dict[str, int]:
        return {
            "min_length": self.minLengthSpin.value(),
            "min_classes": self.minClassesSpin.value(),
            "max_age_days": self.maxAgeSpin.value(),
        }

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        body = self.changes()
        if not body or self.policy is None:
            return
        self.saveButton.setEnabled(False)
        show_outcome(self.outcomeLabel, tr("正在提交……"), BUSY)
        change = sending.update_password_policy(
            body, version=int(self.policy["version"]), label=tr("修改密码策略")
        )
        self.context.sync.submit(change, done=self._on_outcome)

    def _on_outcome(self, outcome: Outcome) -> None:
        error = outcome.api_error
        if outcome.status == OutcomeStatus.SENT and isinstance(outcome.result, dict):
            self.show_policy(outcome.result)
            show_outcome(
                self.outcomeLabel, tr("密码策略已保存，此后设置的新密码按新规则检查。"), OK
            )
            self.saved.emit(outcome.result)
            self.context.data_changed.emit("password_policy")
        elif outcome.status == OutcomeStatus.CONFLICT or (
            error is not None and error.status == 412
        ):
            if outcome.item is not None:  # another admin saved meanwhile: theirs stands
                self.context.sync.resolve_conflict(outcome.item, Resolution.THEIRS)
            show_outcome(
                self.outcomeLabel,
                tr("密码策略已被他人修改，已重新加载最新内容，请核对后再保存。"),
                ERROR,
            )
            self.refresh()
        elif outcome.status == OutcomeStatus.QUEUED:
            show_outcome(self.outcomeLabel, queued_text(self.context, outcome), QUEUED)
        else:
            show_outcome(self.outcomeLabel, str(outcome.message), ERROR)
            self._on_edited()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(dark);")
    return label
