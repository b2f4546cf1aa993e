"""The viewer's actions on an agreement (第三十条): 签署 (the sign dialog, or the key setup
when this computer has no usable key), 拒签 (a reason; the request goes back), and the platform
admin's 平台签署. Offered exactly as the platform's `actions` allow; every change goes through
the session's sync engine. Texts: translation context "AgreementsPage"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from govshare_core.agreements import AgreementStatus, SignTurn
from govshare_desktop.agreements import presenter
from govshare_desktop.agreements.sign_dialog import SignDialog
from govshare_desktop.agreements.signing_flow import KeyOption, ready
from govshare_desktop.agreements.viewer import AgreementViewer
from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.sending_dialog import ReasonDialog
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label, label_of
from govshare_desktop.signing.setup_dialog import KeySetupDialog
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus


class AgreementActions(QObject):
    """The action buttons of the viewer (its `ui`) and the dialogs they open.

    Signals:
        done(str, object): an action ("sign", "decline", "platform_sign") and the platform's
            answer (AgreementOut JSON).
        queued(str, str): an action kept in the outbox (offline) and what the user was told.
        opened(object): a dialog (sign, reason, key setup) or a confirmation opened.
        keys_changed(): the key setup dialog closed (a key or certificate may be new).
    """

    done = Signal(str, object)
    queued = Signal(str, str)
    opened = Signal(object)
    keys_changed = Signal()

    def __init__(self, *, context: AppContext, viewer: AgreementViewer, parent: QWidget) -> None:
        super().__init__(parent)
        self.page = parent
        self.context = context
        self.viewer = viewer
        self.agreement: JsonObject | None = None
        self.options: list[KeyOption] = []
        self.active_dialog: QDialog | None = None
        ui = viewer.ui
        ui.signButton.clicked.connect(self._on_sign_button_clicked)
        ui.setupKeyButton.clicked.connect(self._on_setup_key_button_clicked)
        ui.declineButton.clicked.connect(self._on_decline_button_clicked)
        ui.platformSignButton.clicked.connect(self._on_platform_sign_button_clicked)

    def show_for(self, agreement: JsonObject | None, options: Sequence[KeyOption]) -> None:
        """The buttons of what the caller may do now, and a note on whose turn it is."""
        self.agreement, self.options = agreement, list(options)
        shown: set[str] = set()
        turn = presenter.my_turn(agreement)
        if turn is SignTurn.PLATFORM:
            # the platform's key by default; a platform admin's own certificate also serves
            shown.add("platform_sign")
            if ready(self.options):
                shown.add("sign")
        elif turn is not None:
            shown.add("sign" if ready(self.options) else "setup_key")
        if presenter.can(agreement, "decline"):
            shown.add("decline")
        self.viewer.show_actions(shown)
        self.viewer.ui.noteLabel.setText(self._note(agreement, turn, shown))

    def _note(self, agreement: JsonObject | None, turn: SignTurn | None, shown: set[str]) -> str:
        if agreement is None:
            return ""
        if "setup_key" in shown:
            return QCoreApplication.translate(
                "AgreementsPage", "本机还没有可用的签名密钥和证书：请先设置签名密钥，再签署。"
            )
        if turn is SignTurn.PLATFORM:
            return QCoreApplication.translate(
                "AgreementsPage", "平台签署使用共享平台的签名密钥，代表信息化主管部门签署。"
            )
        if turn is not None:
            return QCoreApplication.translate(
                "AgreementsPage", "签署使用本人的签名证书；三方签署后授权生效（第三十条）。"
            )
        waiting = agreement.get("turn")
        if waiting:
            return QCoreApplication.translate("AgreementsPage", "等待%1签署。").replace(
                "%1", label_of(SignTurn, waiting)
            )
        return ""

    # --- sending -----------------------------------------------------------------------------

    def _outcome(self, action: str) -> Done:
        """What to do with the sync engine's outcome of `action`."""
        outcome_label = self.viewer.ui.outcomeLabel

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self._after_done(action, outcome.result)
            elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
                self._after_queued(action, queued_text(self.context, outcome))
            else:
                error = outcome.api_error
                text = presenter.refusal_text(error.code if error else None, outcome.message)
                show_outcome(outcome_label, text, ERROR)

        return done

    def _after_done(self, action: str, answer: Any) -> None:
        agreement = answer if isinstance(answer, dict) else (self.agreement or {})
        texts = {
            "sign": QCoreApplication.translate("AgreementsPage", "已签署"),
            "platform_sign": QCoreApplication.translate("AgreementsPage", "平台已签署"),
            "decline": QCoreApplication.translate("AgreementsPage", "已拒签，申请已退回"),
        }
        text = (
            QCoreApplication.translate("AgreementsPage", "%1：%2，当前状态：%3。")
            .replace(
                "%1", texts.get(action, QCoreApplication.translate("AgreementsPage", "操作已完成"))
            )
            .replace("%2", presenter.agreement_title(agreement))
            .replace("%3", label_of(AgreementStatus, agreement.get("status")))
        )
        show_outcome(self.viewer.ui.outcomeLabel, text, OK)
        self.viewer.show_actions(set())
        for kind in ("agreement", "request", "grant", "inbox"):
            self.context.data_changed.emit(kind)
        self.done.emit(action, answer)

    def _after_queued(self, action: str, text: str) -> None:
        show_outcome(self.viewer.ui.outcomeLabel, text, QUEUED)
        self.viewer.show_actions(set())
        self.queued.emit(action, text)

    # --- the buttons -------------------------------------------------------------------------

    def _on_sign_button_clicked(self) -> None:
        if self.agreement is None:
            return
        clear_outcome(self.viewer.ui.outcomeLabel)
        dialog = SignDialog(
            context=self.context,
            agreement=self.agreement,
            pdf=self.viewer.pdf,
            options=self.options,
            parent=self.page,
        )
        dialog.signed.connect(lambda answer: self._after_done("sign", answer))
        dialog.queued.connect(lambda text: self._after_queued("sign", text))
        self._open(dialog)

    def _on_setup_key_button_clicked(self) -> None:
        dialog = KeySetupDialog(context=self.context, parent=self.page)
        dialog.finished.connect(lambda _result: self.keys_changed.emit())
        self._open(dialog)

    def _on_decline_button_clicked(self) -> None:
        agreement = self.agreement
        if agreement is None:
            return
        clear_outcome(self.viewer.ui.outcomeLabel)
        agreement_id, revision = int(agreement["id"]), int(agreement["revision"])
        title = presenter.agreement_title(agreement)

        def send(body: JsonObject | None, done: Done) -> None:
            reason = str((body or {}).get("reason", ""))
            change = actions.decline_agreement(
                agreement_id,
                reason,
                revision,
                label=QCoreApplication.translate("AgreementsPage", "拒签：%1").replace("%1", title),
            )
            self.context.sync.submit(change, done=done)

        dialog = ReasonDialog(
            context=self.context,
            title=QCoreApplication.translate("AgreementsPage", "拒签协议"),
            prompt=QCoreApplication.translate(
                "AgreementsPage",
                "拒签后本协议终止，共享申请退回信息化主管部门审核环节（第三十条）。请说明拒签理由：",
            ),
            send=send,
            parent=self.page,
        )
        dialog.sent.connect(lambda answer: self._after_done("decline", answer))
        dialog.queued.connect(lambda text: self._after_queued("decline", text))
        self._open(dialog)

    def _on_platform_sign_button_clicked(self) -> None:
        agreement = self.agreement
        if agreement is None:
            return
        clear_outcome(self.viewer.ui.outcomeLabel)
        agreement_id, revision = int(agreement["id"]), int(agreement["revision"])
        title = presenter.agreement_title(agreement)

        def send() -> None:
            show_outcome(
                self.viewer.ui.outcomeLabel,
                QCoreApplication.translate("AgreementsPage", "正在由共享平台签署……"),
                "busy",
            )
            change = actions.platform_sign_agreement(
                agreement_id,
                revision,
                label=QCoreApplication.translate("AgreementsPage", "平台签署：%1").replace(
                    "%1", title
                ),
            )
            self.context.sync.submit(change, done=self._outcome("platform_sign"))

        box = confirm_decision(
            self.page,
            title=QCoreApplication.translate("AgreementsPage", "平台签署"),
            object_name=title,
            decision=QCoreApplication.translate(
                "AgreementsPage", "以共享平台的签名密钥代表%1签署"
            ).replace("%1", label(SignTurn.PLATFORM)),
            button=QCoreApplication.translate("AgreementsPage", "平台签署"),
            then=send,
        )
        self._open(box)

    def _open(self, dialog: QDialog) -> None:
        """Open a dialog window-modal (a confirmation box opens itself)."""
        self.active_dialog = dialog
        if not dialog.isVisible():
            dialog.open()
        self.opened.emit(dialog)
