"""The base of the security admin's form dialogs: labelled fields, each with the line saying what
is wrong with it (common.forms.FieldErrors), the summary line, 取消 / 确定, and sending
(common.sending_dialog.SendingDialog: through the sync engine, or at once for a password);
and the temporary-password field, checked live against the platform's password policy with
govshare_core.passwords (第三十三条).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_core.passwords import PasswordPolicy
from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send, SendingDialog
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.context import AppContext
from govshare_desktop.security import presenter as P
from govshare_desktop.security.presenter import tr
from govshare_desktop.sync.engine import Outcome
from govshare_desktop.tasks import Task

HINT_STYLE = "color: palette(dark);"


def schema_errors(
    model: type[BaseModel], body: dict[str, Any], texts: dict[str, str]
) -> dict[str, str]:
    """{field: why} of what the platform would refuse in `body` by its shape (the message of
    `texts` for a field named there, else pydantic's)."""
    try:
        model.model_validate(body)
    except ValidationError as exc:
        out: dict[str, str] = {}
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            out.setdefault(field, texts.get(field, str(error["msg"])))
        return out
    return {}


class _Parts:
    """The `ui` a SendingDialog drives: its okButton and errorLabel."""

    def __init__(self, ok: QPushButton, error: QLabel) -> None:
        self.okButton = ok
        self.errorLabel = error


class FormDialog(SendingDialog):
    """Labelled fields, each with its message line, over the summary line and 取消 / 确定."""

    PREFERRED_SIZE = QSize(600, 480)

    def __init__(
        self, *, context: AppContext, title: str, send: Send, parent: QWidget | None
    ) -> None:
        super().__init__(context=context, send=send, parent=parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form, 1)
        error = named(QLabel(), "errorLabel")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c0392b;")
        layout.addWidget(error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = named(QPushButton(tr("取消")), "cancelButton")
        ok = named(QPushButton(tr("确定")), "okButton")
        ok.setDefault(True)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout.addLayout(buttons)
        self.ui = _Parts(ok, error)  # type: ignore[assignment]
        self.errors = FieldErrors(parent=self)
        cancel.clicked.connect(self.reject)
        ok.clicked.connect(self._on_ok)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def add_field(self, path: str, title: str, widget: QWidget) -> QLabel:
        """A row: the field, and under it the line saying what is wrong with it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = named(QLabel(), f"{path}Error")
        column.addWidget(message)
        self.form.addRow(title, box)
        self.errors.bind(path, widget, message)
        return message

    @property
    def error_text(self) -> str:
        return str(self.ui.errorLabel.text())

    def field_message(self, path: str) -> str:
        return self.errors.message_for(path)

    def load(self, op: Callable[[Task], Any], done: Callable[[Any], None]) -> None:
        """Fill the choices in the background (the OK button waits for them)."""
        self.ui.okButton.setEnabled(False)
        self.ui.errorLabel.setText(tr("正在加载……"))

        def loaded(result: Any) -> None:
            self.ui.errorLabel.setText("")
            self.ui.okButton.setEnabled(True)
            done(result)

        def failed(exc: Exception) -> None:
            text = exc.message() if isinstance(exc, ApiError) else str(exc)
            self.ui.errorLabel.setText(tr("加载失败：%1").replace("%1", text))

        self.context.run(op, success=loaded, failure=failed)

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The body, and {field: why} of what is wrong with it."""
        raise NotImplementedError

    def _on_ok(self) -> None:
        body, errors = self.body()
        self.errors.show(errors)
        if errors:
            self.ui.errorLabel.setText(tr("请按提示修改标红的项目。"))
            return
        self._submit(body)

    def _on_send_outcome(self, outcome: Outcome) -> None:
        self.errors.show(outcome.field_messages)  # the platform's own field errors, if any
        super()._on_send_outcome(outcome)


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
