"""Decision and mediation dialogs (ui/decision_dialog.ui); the reason dialog (disputes, grant
revocations) is common/sending_dialog.py's, re-exported here for the share pages.

Each dialog checks its input with the presenters, then hands it to its `send` (which sends it
off the UI thread through the session's SyncEngine, queued in the outbox when offline). It stays
open with the platform's message if the platform refuses, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from govshare_desktop.common.sending_dialog import ReasonDialog, Send, SendingDialog
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.requests.presenters import (
    decision_body,
    mediation_body,
    rejection_grounds,
)

__all__ = ["DecisionDialog", "ReasonDialog", "Send"]


class DecisionDialog(SendingDialog):
    """Approve, or reject on a legal ground chosen from the list (第二十二条); or, with
    `mediation`, uphold or overturn a disputed rejection (第二十五条)."""

    PREFERRED_SIZE = QSize(580, 460)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        context: AppContext,
        summary: str,
        send: Send,
        mediation: bool = False,
        object_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context=context, send=send, parent=parent)
        self.setObjectName("decisionDialog")
        self.mediation = mediation
        self.object_name = object_name or summary
        self.ui = load_form("decision_dialog.ui", self)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)
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
            self.ui.groundCombo.currentIndexChanged.connect(self._clear_error)
        self.ui.rejectRadio.toggled.connect(self._clear_error)
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
        self._clear_error()

    def _clear_error(self, *_args: object) -> None:
        """A changed choice makes the last complaint (e.g. 拒绝须选择法定事由) obsolete."""
        self.ui.errorLabel.setText("")

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
        self.confirm_with(
            object_name=self.object_name, decision=self._decision_text(), button=self._button()
        )
        self._submit(body)

    def _decision_text(self) -> str:
        """The decision in words, for the confirmation (第二十二条, 第二十五条)."""
        approve = self._choice()
        if self.mediation:
            return (
                self.tr("撤销提供方的拒绝，转共享平台审核（第二十五条）")
                if approve
                else self.tr("维持提供方的拒绝（第二十五条）")
            )
        if approve:
            return self.tr("同意共享")
        return self.tr("拒绝共享，法定事由：%1").replace(
            "%1", str(self.ui.groundCombo.currentText())
        )

    def _button(self) -> str:
        approve = self._choice()
        if self.mediation:
            return self.tr("撤销拒绝") if approve else self.tr("维持拒绝")
        return self.tr("同意") if approve else self.tr("拒绝")
