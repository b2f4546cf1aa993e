"""签署协议: choose the key (file key or UKey), type its passphrase or PIN, see the stamp the
signature will carry, then sign off the UI thread and send the signed PDF through the session's
sync engine (signing_flow). A wrong passphrase or PIN keeps the dialog open with everything
else as it was; the platform's refusal is shown in words (SigningRefusal)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QDialog, QWidget

from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_desktop.agreements import presenter, signing_flow
from govshare_desktop.agreements.signing_flow import FILE, TOKEN, KeyOption
from govshare_desktop.api import actions
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import english, label
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_desktop.tasks import Task

RETRY_CODES = frozenset({"wrong_passphrase", "wrong_pin", "token_missing"})
"""Signing errors the user fixes in the dialog (type again, plug the UKey in) and retries."""


class SignDialog(QDialog):
    """Sign `agreement` (its current revision, `pdf`) with one of `options`.

    Signals:
        signed(object): the platform accepted the signature (its AgreementOut JSON).
        queued(str): the signature waits in the outbox (offline); what the user was told.
    """

    signed = Signal(object)
    queued = Signal(str)
    PREFERRED_SIZE = QSize(540, 400)

    def __init__(
        self,
        *,
        context: AppContext,
        agreement: Mapping[str, Any],
        pdf: bytes,
        options: Sequence[KeyOption],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.context = context
        self.agreement = dict(agreement)
        self.pdf = pdf
        self.turn = SignTurn(str(agreement["turn"]))
        self.options = {o.kind: o for o in options}
        self.answer: Any = None
        self.signed_file: Path | None = None
        self.busy = False
        self.ui = load_form("sign_dialog.ui", self)
        self.setWindowTitle(self.tr("签署协议"))
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)
        self.ui.summaryLabel.setText(
            self.tr("您将代表%1签署%2。")
            .replace("%1", label(self.turn))
            .replace("%2", presenter.agreement_title(agreement))
        )
        ui = self.ui
        ui.fileRadio.setEnabled(FILE in self.options)
        ui.tokenRadio.setEnabled(TOKEN in self.options)
        (ui.fileRadio if FILE in self.options else ui.tokenRadio).setChecked(True)
        ui.fileRadio.toggled.connect(self._on_source_changed)
        ui.tokenRadio.toggled.connect(self._on_source_changed)
        ui.secretEdit.textChanged.connect(lambda _t: ui.errorLabel.setText(""))
        ui.signButton.clicked.connect(self._on_sign_button_clicked)
        ui.cancelButton.clicked.connect(self.reject)
        self._on_source_changed()
        self.refresh_stamp()

    # --- the form ----------------------------------------------------------------------------

    def chosen(self) -> KeyOption | None:
        kind = TOKEN if self.ui.tokenRadio.isChecked() else FILE
        return self.options.get(kind)

    def _on_source_changed(self, *_args: object) -> None:
        option = self.chosen()
        token = option is not None and option.kind == TOKEN
        self.ui.secretLabel.setText(self.tr("PIN 码：") if token else self.tr("密钥口令："))
        self.ui.certLabel.setText(
            signing_flow.certificate_text(option.certificate if option else None)
        )
        remembered = option.remembered if option is not None else None
        self.ui.secretEdit.setText(remembered or "")
        if remembered:
            self.ui.secretEdit.setToolTip(self.tr("已填入本机记住的口令"))
        self.ui.secretEdit.setFocus()

    def refresh_stamp(self) -> str:
        """The stamp preview at the current minute; returns its text."""
        text = presenter.stamp_preview(self.context.me)
        self.ui.stampLabel.setText(text)
        return text

    @property
    def error_text(self) -> str:
        return str(self.ui.errorLabel.text())

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.ui.signButton, self.ui.keyGroup, self.ui.cancelButton):
            widget.setEnabled(not busy)

    # --- signing -----------------------------------------------------------------------------

    def _on_sign_button_clicked(self) -> None:
        option = self.chosen()
        secret = self.ui.secretEdit.text()
        if option is None:
            self._show_error(self.tr("本机没有可用的签名密钥。"))
            return
        if not secret:
            token = option.kind == TOKEN
            self._show_error(self.tr("请输入 PIN 码。") if token else self.tr("请输入密钥口令。"))
            return
        self._set_busy(True)
        self.ui.errorLabel.setText(self.tr("正在签署……"))
        stamp = self.refresh_stamp()
        agreement_id, revision = int(self.agreement["id"]), int(self.agreement["revision"])
        store = signing_flow.key_store()
        path = signing_flow.signed_path(
            store,
            self.context.profile_name,
            str(self.context.me["user"]["username"]),
            agreement_id,
            revision,
        )
        pdf, turn, source = self.pdf, self.turn, option.source

        def op(_task: Task) -> Path:
            return signing_flow.sign_to_file(
                pdf, turn=turn, source=source, secret=secret, stamp=stamp, path=path
            )

        self.context.run(op, success=self._on_signed_file, failure=self._on_sign_failed)

    def _on_sign_failed(self, exc: Exception) -> None:
        if isinstance(exc, SigningError):
            text = exc.message("en" if english() else "zh")
            if exc.code in RETRY_CODES:
                self.ui.secretEdit.clear()
                self.ui.secretEdit.setFocus()
            self._show_error(text)
            return
        self._show_error(self.tr("签署失败：%1").replace("%1", str(exc)))

    def _on_signed_file(self, path: Path) -> None:
        self.signed_file = path
        self.ui.errorLabel.setText(self.tr("已签署，正在提交共享平台校验……"))
        agreement_id, revision = int(self.agreement["id"]), int(self.agreement["revision"])
        action = actions.upload_signature(
            agreement_id,
            revision,
            path,
            field_name=SIGNATURE_FIELDS[self.turn],
            label=self.tr("签署：%1").replace("%1", presenter.agreement_title(self.agreement)),
        )
        self.context.sync.submit(action, done=self._on_upload_outcome)

    def _on_upload_outcome(self, outcome: Outcome) -> None:
        if outcome.status == OutcomeStatus.SENT:
            self.answer = outcome.result
            self.ui.errorLabel.setText("")
            self._set_busy(False)
            self.signed.emit(outcome.result)
            self.accept()
        elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
            self._set_busy(False)
            self.queued.emit(queued_text(self.context, outcome))
            self.accept()
        else:
            error = outcome.api_error
            text = presenter.refusal_text(error.code if error else None, outcome.message)
            self._show_error(self.tr("共享平台未接受签名：%1").replace("%1", text))
