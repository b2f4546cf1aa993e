"""Dialogs that send a checked body through the session's SyncEngine (queued in the outbox when
offline) and stay open with the platform's message when it refuses, so nothing typed is lost:
`SendingDialog` (the base of the share decision dialogs) and `ReasonDialog` (a free-text reason:
a dispute, 第二十五条; a grant revocation; declining an agreement, 第三十条).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from govshare_core.rules import MIN_REASON_LENGTH
from govshare_core.validation import validate_reason
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import Form, load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import rule_message
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus

Send = Callable[[JsonObject | None, Done], None]
"""Starts sending the checked body through the session's SyncEngine; `done(Outcome)` runs on
the UI thread."""


def reason_error(text: str) -> str:
    """Why a free-text reason is not acceptable (`validate_reason`: at least
    MIN_REASON_LENGTH characters), or ""."""
    errors = validate_reason(text)
    if not errors:
        return ""
    what = QCoreApplication.translate("SharePresenter", "理由")
    return rule_message(errors[0].code, what, n=MIN_REASON_LENGTH)


class SendingDialog(QDialog):
    """Base: send the body in the background; accept on success, show the error otherwise.

    Signals:
        sent(object): the platform's answer (the dialog then closes).
        queued(str): kept in the outbox, sent when the platform is reachable; what to tell
            the user (the dialog then closes).
    """

    sent = Signal(object)
    queued = Signal(str)
    ui: Form

    def __init__(self, *, context: AppContext, send: Send, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self._send = send
        self.answer: Any = None
        self.confirm_box: QMessageBox | None = None
        self._confirmation: tuple[str, str, str] | None = None  # object, decision, button

    def confirm_with(self, *, object_name: str, decision: str, button: str) -> None:
        """Before sending, ask the user to confirm this decision on this object."""
        self._confirmation = (object_name, decision, button)

    def _submit(self, body: dict[str, Any], decision: str = "") -> None:
        if self._confirmation is None:
            self._send_now(body)
            return
        object_name, default_decision, button = self._confirmation
        self.confirm_box = confirm_decision(
            self,
            title=self.windowTitle(),
            object_name=object_name,
            decision=decision or default_decision,
            button=button,
            then=lambda: self._send_now(body),
        )

    def _send_now(self, body: dict[str, Any]) -> None:
        self.ui.okButton.setEnabled(False)
        self.ui.errorLabel.setText(self.tr("正在提交……"))
        self._send(body, self._on_send_outcome)

    def _on_send_outcome(self, outcome: Outcome) -> None:
        status = outcome.status
        if status == OutcomeStatus.SENT:
            self.answer = outcome.result
            self.ui.errorLabel.setText("")
            self.sent.emit(outcome.result)
            self.accept()
        elif status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
            # a conflict waits in the outbox for the user
            self.ui.errorLabel.setText("")
            self.queued.emit(queued_text(self.context, outcome))
            self.accept()
        else:
            self.ui.okButton.setEnabled(True)
            text = str(outcome.message)
            extra = [m for m in outcome.field_messages.values() if m and m not in text]
            if extra:
                text += "\n" + "\n".join(extra)
            self.ui.errorLabel.setText(text)


class ReasonDialog(SendingDialog):
    """Ask for a reason (dispute 第二十五条, grant revocation), then send {"reason": text}."""

    PREFERRED_SIZE = QSize(540, 320)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        context: AppContext,
        title: str,
        prompt: str,
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, send=send, parent=parent)
        self.setObjectName("reasonDialog")
        self.ui = load_form("share_reason_dialog.ui", self)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)
        self.setWindowTitle(title)
        self.ui.promptLabel.setText(prompt)
        self.ui.okButton.clicked.connect(self._on_ok_button_clicked)
        self.ui.cancelButton.clicked.connect(self.reject)

    def set_reason(self, text: str) -> None:
        self.ui.reasonEdit.setPlainText(text)

    @property
    def error_text(self) -> str:
        return str(self.ui.errorLabel.text())

    def _on_ok_button_clicked(self) -> None:
        text = self.ui.reasonEdit.toPlainText()
        error = reason_error(text)
        if error:
            self.ui.errorLabel.setText(error)
            return
        self._submit({"reason": text.strip()})
