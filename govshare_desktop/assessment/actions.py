"""The assessment page's changes: 新建考核, 重新计算 / 发布 (confirmed first), 调整分数, 提交申辩.

Every change is an `Action` handed to the session's SyncEngine (sent at once online, kept in the
outbox offline), with If-Match on the round's version read when it is sent. When the platform
refuses because the round moved on — 412 (someone recomputed, adjusted or published it in the
meantime) or 409 (no longer a draft, a round of that period exists) — the user is told so, the
stale change is not kept for a later replay (it was made against figures that no longer hold),
the page reloads, and an open dialog stays open with what was typed, to try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from govshare_core import clock
from govshare_desktop.api.actions import Action
from govshare_desktop.assessment import presenter as P
from govshare_desktop.assessment import sending
from govshare_desktop.assessment.dialogs import AdjustDialog, ExplainDialog, NewRoundDialog
from govshare_desktop.assessment.presenter import tr
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.conflict import ConflictDialog
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.outcome import BUSY, ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.sending_dialog import Send, SendingDialog
from govshare_desktop.sync.conflict import Resolution
from govshare_desktop.sync.engine import Done, Outcome, OutcomeStatus

if TYPE_CHECKING:
    from govshare_desktop.assessment.page import AssessmentPage

STALE = (409, 412)
"""The round moved on: tell the user and reload (the change is not kept)."""


class RoundActions:
    def __init__(self, page: AssessmentPage) -> None:
        self.page = page
        self.context = page.context
        self.active_dialog: Any = None

    # --- sending ----------------------------------------------------------------------------

    def _checked(self, action: str, done: Done, department_id: int | None = None) -> Done:
        """`done` after turning a 412/409 into a refusal the user reads, and reloading."""

        def finish(outcome: Outcome) -> None:
            error = outcome.api_error
            if outcome.status == OutcomeStatus.CONFLICT or (
                outcome.status == OutcomeStatus.FAILED
                and error is not None
                and error.status in STALE
            ):
                text = self._stale(outcome)
                self.page.after_change(department_id)
                self.page.action_refused.emit(action, text)
                outcome = Outcome(OutcomeStatus.FAILED, message=text, error=outcome.error)
            done(outcome)

        return finish

    def _stale(self, outcome: Outcome) -> str:
        if outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            item = outcome.item
            self.context.sync.resolve_conflict(item, Resolution.THEIRS, server_object={})
            for widget in QApplication.topLevelWidgets():  # the shell's compare view of it
                if isinstance(widget, ConflictDialog) and (
                    widget.presenter.item.idempotency_key == item.idempotency_key
                ):
                    widget.reject()
            return P.conflict_text()
        return P.refused_text(outcome.message)

    def _sender(
        self, action: str, build: Callable[[Any], Action], department: int | None = None
    ) -> Send:
        def send(body: Any, done: Done) -> None:
            change = build(body)
            self.context.sync.submit(change, done=self._checked(action, done, department))

        return send

    def _open(self, dialog: SendingDialog, action: str, department_id: int | None = None) -> None:
        clear_outcome(self.page.outcomeLabel)
        dialog.sent.connect(lambda answer: self.after_action(action, answer, department_id))
        dialog.queued.connect(lambda text: self.after_queued(action, text))
        self.active_dialog = dialog
        dialog.open()
        self.page.dialog_opened.emit(dialog)

    def after_action(self, action: str, answer: Any, department_id: int | None = None) -> None:
        row = answer if action in ("open", "recompute", "publish") else self.page.round
        name = str(self.page.scorecard.result.get("department_name") or "")
        show_outcome(self.page.outcomeLabel, P.done_text(action, row or {}, name), OK)
        if action == "open" and isinstance(answer, dict) and "id" in answer:
            self.page.reload()
            self.page.open_round(int(answer["id"]))
        else:
            self.page.after_change(department_id)
        self.page.action_done.emit(action, answer)
        self.context.data_changed.emit("inbox")

    def after_queued(self, action: str, text: str) -> None:
        show_outcome(self.page.outcomeLabel, text, QUEUED)
        for button in (self.page.recomputeButton, self.page.publishButton):
            button.setVisible(False)  # until the platform has it
        self.page.action_queued.emit(action, text)

    # --- the actions ------------------------------------------------------------------------

    def start_new(self) -> None:
        def build(body: Any) -> Action:
            label = f"{P.action_text('open')}：{body['period']}"
            return sending.open_round(body["period"], body.get("title"), label=label)

        dialog = NewRoundDialog(
            context=self.context,
            send=self._sender("open", build),
            today=clock.today(),
            parent=self.page,
        )
        self._open(dialog, "open")

    def confirm(self, action: str) -> None:
        """重新计算 / 发布: confirmed, then sent with If-Match on the round's version."""
        row = self.page.round
        if row is None:
            return
        clear_outcome(self.page.outcomeLabel)
        title = P.action_text(action)
        box = confirm_decision(
            self.page,
            title=title,
            object_name=P.round_title(row),
            decision=tr(str(P.CONFIRM[action])),
            button=title,
            then=lambda: self.send_now(action),
        )
        self.active_dialog = box
        self.page.dialog_opened.emit(box)

    def send_now(self, action: str) -> None:
        row = self.page.round
        if row is None:
            return
        show_outcome(
            self.page.outcomeLabel, QCoreApplication.translate("AssessmentPage", "正在提交……"), BUSY
        )
        label = f"{P.action_text(action)}：{P.round_title(row)}"

        def done(outcome: Outcome) -> None:
            if outcome.status == OutcomeStatus.SENT:
                self.after_action(action, outcome.result)
            elif outcome.status == OutcomeStatus.QUEUED:
                self.after_queued(action, queued_text(self.context, outcome))
            else:
                show_outcome(self.page.outcomeLabel, str(outcome.message), ERROR)

        change = sending.round_action(row, action, label=label)  # type: ignore[arg-type]
        self.context.sync.submit(change, done=self._checked(action, done))

    def start_adjust(self) -> None:
        result, department_id = self.page.scorecard.result, self.page.scorecard.department_id
        if self.page.round is None or department_id is None:
            return
        name = str(result.get("department_name") or "")

        def build(body: Any) -> Action:
            assert self.page.round is not None  # the round as it is now: its version
            return sending.adjust(
                self.page.round,
                department_id,
                body["score"],
                body["reason"],
                label=f"{P.action_text('adjust')}：{name}",
            )

        dialog = AdjustDialog(
            context=self.context,
            result=result,
            send=self._sender("adjust", build, department_id),
            parent=self.page,
        )
        self._open(dialog, "adjust", department_id)

    def start_explain(self) -> None:
        result, department_id = self.page.scorecard.result, self.page.scorecard.department_id
        if self.page.round is None or department_id is None:
            return
        name = str(result.get("department_name") or "")

        def build(body: Any) -> Action:
            assert self.page.round is not None
            return sending.explain(
                self.page.round,
                department_id,
                body["text"],
                label=f"{P.action_text('explain')}：{name}",
            )

        dialog = ExplainDialog(
            context=self.context,
            result=result,
            send=self._sender("explain", build, department_id),
            parent=self.page,
        )
        self._open(dialog, "explain", department_id)
