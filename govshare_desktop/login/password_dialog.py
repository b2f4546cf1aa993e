"""修改密码: the signed-in user's own password (第三十三条 身份认证机制).

Forced (`forced=True`) when the sign-in answers `must_change_password` (a temporary password
set by the security admin, or one older than the policy's `max_age_days`) or any call answers
403 `password_change_required`: nothing else works until the password is changed, and 退出登录
(or closing the dialog) signs out. Otherwise it is the 文件 → 修改密码 action.

The rules (govshare_core.passwords, with the platform's policy from GET
/security/password-policy) are checked live as the new password is typed; the platform checks
them again. POST /auth/password ends the user's other sessions. The passwords are sent at once,
never kept in the outbox.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_core.passwords import PasswordPolicy, password_problems
from govshare_desktop.api import security_paths
from govshare_desktop.api.actions import Action
from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.i18n import message
from govshare_desktop.tasks import Task, run_in_background

ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #5f4b00; background: #fff8e1; border: 1px solid #f0dc9a; padding: 6px;"
OK_STYLE = "color: #0d652d;"


def change_password_action(current: str, new: str) -> Action:
    """POST /auth/password (PasswordChangeIn): sent at once, never queued."""
    body = {"current_password": current, "new_password": new}
    return Action("POST", security_paths.own_password_path(), body)


class ChangePasswordDialog(QDialog):
    """Current password, new password, repeated; the rules shown live.

    Signals:
        changed(): the platform accepted the new password (the dialog then closes).
        sign_out_requested(): forced, and the user chose 退出登录 (or closed the dialog).
        policy_loaded(object): the platform's password policy arrived (its JSON).
    """

    changed = Signal()
    sign_out_requested = Signal()
    policy_loaded = Signal(object)

    PREFERRED_SIZE = QSize(520, 400)

    def __init__(
        self,
        *,
        client: PlatformClient,
        username: str,
        forced: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.client, self.username, self.forced = client, username, forced
        self.policy = PasswordPolicy()
        self._task: Task | None = None
        self.setWindowTitle(self.tr("修改密码") if not forced else self.tr("须修改密码"))
        layout = QVBoxLayout(self)
        self.noteLabel = QLabel(
            self.tr(
                "您正在使用安全管理员设置的临时密码，或密码已超过有效期。"
                "请先设置新密码，再继续使用。"
            )
            if forced
            else self.tr("修改后，您在其他设备上的登录将被结束。")
        )
        self.noteLabel.setObjectName("noteLabel")
        self.noteLabel.setWordWrap(True)
        if forced:
            self.noteLabel.setStyleSheet(NOTE_STYLE)
        layout.addWidget(self.noteLabel)
        form = QFormLayout()
        self.currentEdit = self._password_edit("currentEdit")
        self.newEdit = self._password_edit("newEdit")
        self.repeatEdit = self._password_edit("repeatEdit")
        form.addRow(self.tr("用户名"), QLabel(username))
        form.addRow(self.tr("当前密码"), self.currentEdit)
        form.addRow(self.tr("新密码"), self.newEdit)
        form.addRow(self.tr("再次输入新密码"), self.repeatEdit)
        layout.addLayout(form)
        self.rulesLabel = QLabel()
        self.rulesLabel.setObjectName("rulesLabel")
        self.rulesLabel.setWordWrap(True)
        self.rulesLabel.setStyleSheet("color: palette(dark);")
        layout.addWidget(self.rulesLabel)
        self.problemsLabel = QLabel()
        self.problemsLabel.setObjectName("problemsLabel")
        self.problemsLabel.setWordWrap(True)
        layout.addWidget(self.problemsLabel)
        self.errorLabel = QLabel()
        self.errorLabel.setObjectName("errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.errorLabel)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancelButton = QPushButton(self.tr("退出登录") if forced else self.tr("取消"))
        self.cancelButton.setObjectName("cancelButton")
        self.okButton = QPushButton(self.tr("修改密码"))
        self.okButton.setObjectName("okButton")
        self.okButton.setDefault(True)
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.okButton)
        layout.addLayout(buttons)
        self.cancelButton.clicked.connect(self.reject)
        self.okButton.clicked.connect(self._on_ok)
        for edit in (self.currentEdit, self.newEdit, self.repeatEdit):
            edit.textChanged.connect(self._check)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)
        self._show_rules()
        self._check()
        self._load_policy()

    def _password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    # --- the rules ----------------------------------------------------------------------------

    def _load_policy(self) -> None:
        client = self.client

        def done(row: dict[str, Any]) -> None:
            self.policy = PasswordPolicy(
                min_length=int(row["min_length"]),
                min_classes=int(row["min_classes"]),
                max_age_days=int(row["max_age_days"]),
            )
            self._show_rules()
            self._check()
            self.policy_loaded.emit(row)

        self._task = run_in_background(
            lambda _t: dict(client.get(security_paths.password_policy_path())),
            success=done,
            failure=lambda _exc: None,  # the defaults stand; the platform checks anyway
        )

    def _show_rules(self) -> None:
        self.rulesLabel.setText(
            self.tr(
                "新密码至少 %1 个字符，包含小写字母、大写字母、数字、符号中的至少 %2 类；"
                "首尾不能有空格，不能包含用户名。"
            )
            .replace("%1", str(self.policy.min_length))
            .replace("%2", str(self.policy.min_classes))
        )

    def problems(self) -> list[str]:
        """Why the new password would be refused, as typed (empty: it may be sent)."""
        new, repeat = self.newEdit.text(), self.repeatEdit.text()
        if not new:
            return []
        found = [
            message(p) for p in password_problems(new, username=self.username, policy=self.policy)
        ]
        if new == self.currentEdit.text():
            found.append(self.tr("新密码不能与当前密码相同"))
        if repeat and repeat != new:
            found.append(self.tr("两次输入的新密码不一致"))
        return found

    def _check(self, *_args: Any) -> None:
        problems = self.problems()
        ready = (
            bool(self.currentEdit.text())
            and bool(self.newEdit.text())
            and self.repeatEdit.text() == self.newEdit.text()
            and not problems
        )
        if problems:
            self.problemsLabel.setStyleSheet(ERROR_STYLE)
            self.problemsLabel.setText("\n".join(f"• {p}" for p in problems))
        elif self.newEdit.text() and ready:
            self.problemsLabel.setStyleSheet(OK_STYLE)
            self.problemsLabel.setText(self.tr("✓ 新密码符合要求"))
        else:
            self.problemsLabel.setText("")
        self.okButton.setEnabled(ready and self._task_idle())

    def _task_idle(self) -> bool:
        return not self.property("sending")

    # --- sending ------------------------------------------------------------------------------

    def _on_ok(self) -> None:
        if not self.okButton.isEnabled():
            return
        self.setProperty("sending", True)
        self.okButton.setEnabled(False)
        self.errorLabel.setText(self.tr("正在提交……"))
        action = change_password_action(self.currentEdit.text(), self.newEdit.text())
        client, key = self.client, new_idempotency_key()
        self._task = run_in_background(
            lambda _t: security_paths.send_secret(client, action, key=key),
            success=self._on_changed,
            failure=self._on_failed,
        )

    def _on_changed(self, _answer: Any) -> None:
        self.setProperty("sending", False)
        self.errorLabel.setText("")
        for edit in (self.currentEdit, self.newEdit, self.repeatEdit):
            edit.clear()
        self.changed.emit()
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.setProperty("sending", False)
        if isinstance(exc, ApiError):
            by_field = exc.field_messages()
            fields = [m for m in by_field.values() if m]
            text = "\n".join(fields) if fields else exc.message()
            if "current_password" in by_field:  # wrong: it counts as a failed sign-in
                self.currentEdit.selectAll()
                self.currentEdit.setFocus()
        else:
            text = str(exc)
        self.errorLabel.setText(text)
        self._check()

    @property
    def error_text(self) -> str:
        return str(self.errorLabel.text())

    def reject(self) -> None:
        """Cancel; forced, this signs out (the listener shows the login first, so a window
        always stays open)."""
        if self.forced:
            self.sign_out_requested.emit()
        super().reject()
