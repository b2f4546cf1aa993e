"""The actions on the share request a requests page shows (第二十二条, 第二十五条, 第二十七条,
第三十条): withdraw, dispute, decide and mediate. The three-party agreement (第三十条) is signed on
the 待签协议 page (govshare_desktop.agreements), not here.

Each goes through the session's SyncEngine (kept in the outbox when offline, with If-Match on
the request's version); what cannot be undone is confirmed first. The outcome stays on the
page's action line until the next action. Texts: translation context "RequestsPage".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from govshare_core.separation import SeparationRefusal, decision_refusal
from govshare_core.vocab import RequestStatus
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.uiload import Form
from govshare_desktop.context import AppContext
from govshare_desktop.requests.dialogs import DecisionDialog, ReasonDialog, Send
from govshare_desktop.requests.presenters import (
    action_done_text,
    action_title,
    request_actions,
    request_name,
    request_summary,
)
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus

BUTTONS = ("withdrawButton", "disputeButton", "decideButton", "mediateButton")
CONFIRMED: dict[actions.RequestAction, tuple[object, object, object]] = {
    "withdraw": (
        QT_TRANSLATE_NOOP("RequestsPage", "撤回申请"),
        QT_TRANSLATE_NOOP("RequestsPage", "撤回该共享申请（如需使用须重新申请）"),
        QT_TRANSLATE_NOOP("RequestsPage", "撤回申请"),
    ),
}
"""Actions without a body, confirmed first: (title, decision, button) of the confirmation."""


class RequestActionPanel(QObject):
    """The action buttons of a requests page (its `ui`) and the dialogs they open.

    Signals:
        done(str, object): an action ("withdraw", "decide", ...) and the platform's answer.
        queued(str, str): an action kept in the outbox (offline) and what the user was told.
        opened(object): a dialog (decision, reason) or a confirmation opened.
    """

    done = Signal(str, object)
    queued = Signal(str, str)
    opened = Signal(object)

    def __init__(self, *, context: AppContext, ui: Form, parent: QWidget) -> None:
        super().__init__(parent)
        self.page = parent
        self.context = context
        self.ui = ui
        self.detail: JsonObject | None = None
        self.names: Mapping[int, str] = {}
        self.confirm_box: QWidget | None = None
        ui.withdrawButton.clicked.connect(lambda: self._confirm("withdraw"))
        ui.disputeButton.clicked.connect(self._on_dispute_button_clicked)
        ui.decideButton.clicked.connect(self._on_decide_button_clicked)
        ui.mediateButton.clicked.connect(self._on_mediate_button_clicked)

    def show_for(self, detail: JsonObject | None, names: Mapping[int, str]) -> None:
        """Show the buttons of the actions the user may take on `detail` (none for None)."""
        self.detail, self.names = detail, names
        allowed = request_actions(detail, self.context.actor) if detail else []
        ui = self.ui
        ui.withdrawButton.setVisible("withdraw" in allowed)
        ui.disputeButton.setVisible("dispute" in allowed)
        ui.decideButton.setVisible(
            any(a in allowed for a in ("provider_approve", "platform_approve"))
        )
        why = self._decision_refusal() if "provider_approve" in allowed else None
        ui.decideButton.setEnabled(why is None)
        ui.decideButton.setToolTip("" if why is None else i18n.label(why))
        ui.mediateButton.setVisible("mediate_uphold" in allowed)

    def _decision_refusal(self) -> SeparationRefusal | None:
        """第二十八条: the provider's decision is its filed (备案) resource admin's alone — the
        core's rule the platform enforces; /me says whether the user is the one on file."""
        actor = self.context.actor
        filed = bool(self.context.me.get("filed_resource_admin"))
        return decision_refusal(actor.user_id, actor.user_id if filed else None)

    # --- sending -----------------------------------------------------------------------------

    def _send(self, action: actions.RequestAction) -> Send:
        """A `send` for the current request's `action` endpoint (with If-Match on its version):
        through the session's SyncEngine, so offline it waits in the outbox."""
        assert self.detail is not None
        request_id, version = int(self.detail["id"]), int(self.detail["version"])
        title = action_title(action, self.detail)

        def send(payload: JsonObject | None, done: Done) -> None:
            change = actions.request_action(
                request_id, action, payload or None, version=version, label=title
            )
            self.context.sync.submit(change, done=done)

        return send

    def _after_action(self, action: str, answer: Any) -> None:
        """Done: the outcome (the request and its new state) stays until the next action."""
        detail = answer if isinstance(answer, dict) else (self.detail or {})
        show_outcome(self.ui.actionStatusLabel, action_done_text(action, detail), OK)
        for kind in ("request", "inbox", "grant"):
            self.context.data_changed.emit(kind)
        self.done.emit(action, answer)

    def _after_queued(self, action: str, text: str) -> None:
        """Kept in the outbox: say so; the buttons stay off until the platform has it."""
        show_outcome(self.ui.actionStatusLabel, text, QUEUED)
        for name in BUTTONS:
            getattr(self.ui, name).setVisible(False)
        self.queued.emit(action, text)

    def _run(self, action: actions.RequestAction) -> None:
        """An action without a body (withdraw), confirmed already."""
        send = self._send(action)
        label = self.ui.actionStatusLabel
        clear_outcome(label)
        label.setText(QCoreApplication.translate("RequestsPage", "正在提交……"))
        label.show()

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self._after_action(action, outcome.result)
            elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
                self._after_queued(action, queued_text(self.context, outcome))
            else:
                show_outcome(label, outcome.message, ERROR)

        send(None, done)  # no body: the action path says it all

    def _open(self, dialog: ReasonDialog | DecisionDialog, action: str) -> None:
        dialog.sent.connect(lambda answer: self._after_action(action, answer))
        dialog.queued.connect(lambda text: self._after_queued(action, text))
        dialog.open()
        self.opened.emit(dialog)

    def _confirm(self, action: actions.RequestAction) -> None:
        title, decision, button = (
            QCoreApplication.translate("RequestsPage", str(text)) for text in CONFIRMED[action]
        )
        box = confirm_decision(
            self.page,
            title=title,
            object_name=request_name(self.detail or {}),
            decision=decision,
            button=button,
            then=lambda: self._run(action),
        )
        self.confirm_box = box
        self.opened.emit(box)

    # --- the buttons -------------------------------------------------------------------------

    def _on_dispute_button_clicked(self) -> None:
        dialog = ReasonDialog(
            context=self.context,
            title=QCoreApplication.translate("RequestsPage", "提出异议"),
            prompt=QCoreApplication.translate(
                "RequestsPage",
                "对拒绝决定有异议的，可提请信息化主管部门协调（第二十五条）。请说明理由：",
            ),
            send=self._send("dispute"),
            parent=self.page,
        )
        self._open(dialog, "dispute")

    def _on_decide_button_clicked(self) -> None:
        assert self.detail is not None
        action: actions.RequestAction = (
            "provider-decision"
            if self.detail.get("status") == RequestStatus.SUBMITTED
            else "platform-decision"
        )
        self._open(self._decision_dialog(action), "decide")

    def _on_mediate_button_clicked(self) -> None:
        self._open(self._decision_dialog("mediate", mediation=True), "mediate")

    def _decision_dialog(
        self, action: actions.RequestAction, *, mediation: bool = False
    ) -> DecisionDialog:
        detail = self.detail or {}
        return DecisionDialog(
            context=self.context,
            summary=request_summary(detail, self.names),
            send=self._send(action),
            mediation=mediation,
            object_name=request_name(detail),
            parent=self.page,
        )
