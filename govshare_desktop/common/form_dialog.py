"""The base of the desks' small form dialogs (安全管理, 整改, 考核评估, 数据使用, …): an optional
introduction (`set_intro`), labelled fields, each with the line saying what is wrong with it
(common.forms.FieldErrors), the summary line (a message of no field, e.g. errors[""], shows
there), room for a page's own widgets (`extra`), 取消 / 确定, and sending
(common.sending_dialog.SendingDialog: through the session's SyncEngine, or at once where a
subclass says so).

    class NewThingDialog(FormDialog):
        def __init__(self, ...):
            super().__init__(context=context, title=..., send=send, parent=parent)
            self.add_field("name", self.tr("名称"), self.nameEdit)

        def body(self):
            body = {"name": self.nameEdit.text().strip()}
            return body, schema_errors(ThingIn, body, {"name": ...})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop.api.errors import ApiError
from govshare_desktop.common.forms import FieldErrors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send, SendingDialog
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import module_tr
from govshare_desktop.sync.engine import Outcome
from govshare_desktop.tasks import Task

CONTEXT = "FormDialog"


def tr(text: str) -> str:
    return module_tr(CONTEXT, text)


def schema_errors(
    model: type[BaseModel], body: dict[str, Any], texts: dict[str, str]
) -> dict[str, str]:
    """{field: why} of what the platform would refuse in `body` by its shape (the schema the
    platform checks it with): the message of `texts` for a field named there, else pydantic's."""
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
    """The introduction (hidden until set), labelled fields, each with its message line, over the
    summary line, the `extra` layout and 取消 / 确定. Subclasses add their fields (`add_field`)
    and say the body (`body`)."""

    PREFERRED_SIZE = QSize(600, 480)

    def __init__(
        self, *, context: AppContext, title: str, send: Send, parent: QWidget | None
    ) -> None:
        super().__init__(context=context, send=send, parent=parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.intro = named(QLabel(), "introLabel")
        self.intro.setWordWrap(True)
        self.intro.setVisible(False)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form, 1)
        error = named(QLabel(), "errorLabel")
        error.setWordWrap(True)
        error.setStyleSheet("color: #c0392b;")
        layout.addWidget(error)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
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

    def set_intro(self, text: str) -> None:
        """The line above the fields (hidden while empty)."""
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

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
            lines = list(self.errors.unbound)  # no field to show them at: said here
            if self.errors.shown:
                lines.append(tr("请按提示修改标红的项目。"))
            self.ui.errorLabel.setText("\n".join(lines))
            return
        self.send_body(body)

    def send_body(self, body: dict[str, Any]) -> None:
        """Send a checked body (a subclass may ask first)."""
        self._submit(body)

    def _on_send_outcome(self, outcome: Outcome) -> None:
        self.errors.show(outcome.field_messages)  # the platform's own field errors, if any
        super()._on_send_outcome(outcome)
