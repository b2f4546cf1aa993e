"""Decision, mediation and reason dialogs (ui/decision_dialog.ui, ui/share_reason_dialog.ui).

Each dialog checks its input with the presenters, then hands it to its `send` (which sends it
off the UI thread through the session's SyncEngine, queued in the outbox when offline). It stays
open with the platform's message if the platform refuses, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from govshare_desktop.common.offline import outcome_status, queued_text
from govshare_desktop.common.uiload import Form, load_form
from govshare_desktop.context import AppContext
from govshare_desktop.requests.presenters import (
    decision_body,
    mediation_body,
    reason_error,
    rejection_grounds,
)

Done = Callable[[Any], None]
Send = Callable[[dict[str, Any], Done], None]
"""Starts sending the checked body; calls `done(Outcome)` (sync.engine.Outcome) on the UI thread
(common.offline.send_action)."""


class _SendingDialog(QDialog):
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

    def _submit(self, body: dict[str, Any]) -> None:
        self.ui.okButton.setEnabled(False)
        self.ui.errorLabel.setText(self.tr("正在提交……"))
        self._send(body, self._on_send_outcome)

    def _on_send_outcome(self, outcome: Any) -> None:
        status = outcome_status(outcome)
        if status == "sent":
            self.answer = outcome.result
            self.ui.errorLabel.setText("")
            self.sent.emit(outcome.result)
            self.accept()
        elif status in ("queued", "conflict"):  # a conflict waits in the outbox for the user
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


class DecisionDialog(_SendingDialog):
    """Approve, or reject on a legal ground chosen from the list (第二十二条); or, with
    `mediation`, uphold or overturn a disputed rejection (第二十五条)."""

    def __init__(
        self,
        *,
        context: AppContext,
        summary: str,
        send: Send,
        mediation: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, send=send, parent=parent)
        self.setObjectName("decisionDialog")
        self.mediation = mediation
        self.ui = load_form("decision_dialog.ui", self)
        self.resize(580, 460)
        self.ui.summaryLabel.setText(summary)
        if mediation:
            self.setWindowTitle(self.tr("争议协调（第二十五条）"))
            self.ui.choiceGroup.setTitle(self.tr("协调结果"))
            self.ui.approveRadio.setText(self.tr("撤销拒绝，转平台审核"))
            self.ui.rejectRadio.setText(self.tr("维持拒绝"))
            self.ui.groundLabel.hide()
            self.ui.groundCombo.hide()
            self.ui.commentLabel.setText(self.tr("协调意见："))
        else:
            self.setWindowTitle(self.tr("审核共享申请"))
            self.ui.groundCombo.addItem(self.tr("（请选择拒绝的法定事由）"), "")
            for code, text in rejection_grounds():
                self.ui.groundCombo.addItem(text, code)
            self.ui.approveRadio.toggled.connect(self._on_approve_radio_toggled)
            self._on_approve_radio_toggled(False)
        self.ui.okButton.clicked.connect(self._on_ok_button_clicked)
        self.ui.cancelButton.clicked.connect(self.reject)

    def choose(self, *, approve: bool, ground: str | None = None, comment: str = "") -> None:
        """Fill the dialog (as a user would): approve/reject (uphold/overturn), ground, comment."""
        (self.ui.approveRadio if approve else self.ui.rejectRadio).setChecked(True)
        if ground is not None:
            self.ui.groundCombo.setCurrentIndex(max(self.ui.groundCombo.findData(ground), 0))
        self.ui.commentEdit.setPlainText(comment)

    @property
    def error_text(self) -> str:
        return str(self.ui.errorLabel.text())

    def _choice(self) -> bool | None:
        if self.ui.approveRadio.isChecked():
            return True
        if self.ui.rejectRadio.isChecked():
            return False
        return None

    def _on_approve_radio_toggled(self, approved: bool) -> None:
        self.ui.groundCombo.setEnabled(not approved)
        self.ui.groundLabel.setEnabled(not approved)

    def _on_ok_button_clicked(self) -> None:
        comment = self.ui.commentEdit.toPlainText()
        if self.mediation:
            body, error = mediation_body(overturn=self._choice(), comment=comment)
        else:
            ground = str(self.ui.groundCombo.currentData() or "")
            body, error = decision_body(approve=self._choice(), ground=ground, comment=comment)
        if body is None:
            self.ui.errorLabel.setText(error)
            return
        self._submit(body)


class ReasonDialog(_SendingDialog):
    """Ask for a reason (dispute 第二十五条, grant revocation), then send {"reason": text}."""

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
        self.resize(540, 320)
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
