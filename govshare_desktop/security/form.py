"""The security admin's form parts: the temporary-password field, checked live against the
platform's password policy with govshare_core.passwords (第三十三条), and the confirmation of a
change that can be undone. The dialogs are common.form_dialog.FormDialog's.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_core.passwords import PasswordPolicy
from govshare_desktop.common.object_list_page import named
from govshare_desktop.security import presenter as P
from govshare_desktop.security.presenter import tr

HINT_STYLE = "color: palette(dark);"


def generated_password(policy: PasswordPolicy) -> str:
    """A random temporary password the policy accepts (all four classes, no long runs)."""
    length = max(policy.min_length, 14)
    alphabet = string.ascii_letters + string.digits + "!@#%^*-_=+"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if not P.password_messages(candidate, username=None, policy=policy) and all(
            any(c in group for c in candidate)
            for group in (
                string.ascii_lowercase,
                string.ascii_uppercase,
                string.digits,
                "!@#%^*-_=+",
            )
        ):
            return candidate


class PasswordField(QWidget):
    """A temporary password: the edit, 随机生成, and the policy's rules under it; `problems()`
    says (live, as typed) why the platform would refuse it.

    Signals:
        changed(): the text, the username or the policy changed (the problems may differ).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = PasswordPolicy()
        self.username: str | None = None
        self.edit = named(QLineEdit(), "passwordEdit")
        self.edit.setPlaceholderText(tr("由安全管理员设定的临时密码，用户首次登录时须修改"))
        self.generateButton = named(QPushButton(tr("随机生成")), "generateButton")
        self.rulesLabel = named(QLabel(P.policy_rule_text(self.policy)), "passwordRulesLabel")
        self.rulesLabel.setWordWrap(True)
        self.rulesLabel.setStyleSheet(HINT_STYLE)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.generateButton)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.rulesLabel)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.generateButton.clicked.connect(self._on_generate)

    def set_policy(self, policy: PasswordPolicy) -> None:
        self.policy = policy
        self.rulesLabel.setText(P.policy_rule_text(policy))
        self.changed.emit()

    def set_username(self, username: str | None) -> None:
        self.username = username or None
        self.changed.emit()

    def text(self) -> str:
        return str(self.edit.text())

    def problems(self) -> list[str]:
        return P.password_messages(self.text(), username=self.username, policy=self.policy)

    def _on_generate(self) -> None:
        self.edit.setText(generated_password(self.policy))


def confirm_box(
    parent: QWidget, *, title: str, text: str, button: str, then: Callable[[], None]
) -> QMessageBox:
    """A window-modal confirmation saying what the change does (these can be undone: not
    common.confirm's "cannot be undone"); `then()` when the user presses `button` (the
    default is 取消)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmDecisionBox")
    yes = box.addButton(button, QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmButton")
    no = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("cancelButton")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda clicked: then() if clicked is yes else None)
    box.open()
    return box
