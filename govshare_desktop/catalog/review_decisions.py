"""The decisions of 目录审核 on one queue item: 审核通过 (第十五条), 确认发布 (第十六条)
and 应用变更 (第十七条), or 退回 / 驳回 with a reason. Each is confirmed first (it cannot be
undone), then sent through the session's SyncEngine — queued offline, a 412 opening the
compare view.

    decisions = ReviewDecisions(context=context, outcome_label=ui.outcomeLabel, parent=page)
    decisions.approve(item, DEPT_QUEUE)         # the confirmation box; sends on 审核通过
    decisions.ask_return(item, DEPT_QUEUE)      # the reason first
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from govshare_core.validation import validate_reason
from govshare_desktop.api import actions
from govshare_desktop.api.actions import Action
from govshare_desktop.catalog.review_queues import DEPT_QUEUE, REPORT_QUEUE
from govshare_desktop.common.confirm import confirm_decision
from govshare_desktop.common.conflict import open_conflict_dialog
from govshare_desktop.common.outcome import ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Row
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.context import AppContext
from govshare_desktop.sync.engine import Outcome, OutcomeStatus


class ReasonDialog(QDialog):
    """Asks the reason of a return/rejection; OK stays disabled until one is written.

    Signals:
        reason_given(str): the user confirmed with this reason.
    """

    reason_given = Signal(str)

    PREFERRED_SIZE = QSize(460, 240)  # shrunk to the screen (1366×728 at least)

    def __init__(self, *, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(QLabel(prompt))
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("退回原因将告知登记人（必填）"))
        layout.addWidget(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._on_edit_text_changed()
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def _on_edit_text_changed(self) -> None:
        ok = not validate_reason(self.edit.toPlainText())  # ReasonIn (govshare_core.validation)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        self.reason_given.emit(self.edit.toPlainText().strip())
        super().accept()


def verb(action: str) -> str:
    """The decision's name (the confirmation's title and button, the outbox label)."""
    verbs = {
        "dept_approve": QCoreApplication.translate("ReviewPage", "审核通过"),
        "dept_return": QCoreApplication.translate("ReviewPage", "退回目录"),
        "publish": QCoreApplication.translate("ReviewPage", "确认发布"),
        "platform_return": QCoreApplication.translate("ReviewPage", "平台退回"),
        "apply": QCoreApplication.translate("ReviewPage", "应用变更报告"),
        "reject": QCoreApplication.translate("ReviewPage", "驳回变更报告"),
    }
    return verbs.get(action, action)


def effect(action: str) -> str:
    """What the decision does, as the confirmation names it."""
    effects = {
        "dept_approve": QCoreApplication.translate(
            "ReviewPage", "审核通过，报送共享平台确认（第十五条）"
        ),
        "dept_return": QCoreApplication.translate("ReviewPage", "退回登记人修改"),
        "publish": QCoreApplication.translate(
            "ReviewPage", "确认发布到政务信息资源目录并赋信息资源代码（第十六条）"
        ),
        "platform_return": QCoreApplication.translate("ReviewPage", "退回提供部门修改"),
        "apply": QCoreApplication.translate("ReviewPage", "按变更报告调整共享目录（第十七条）"),
        "reject": QCoreApplication.translate("ReviewPage", "驳回变更报告，不调整共享目录"),
    }
    return effects.get(action, action)


def item_name(item: Row) -> str:
    """An entry's name, or the name of a change report's entry."""
    return str(item.get("name") or item.get("entry_name") or "")


def _version(item: Row) -> int | None:
    version = item.get("version")
    return int(version) if version else None


class ReviewDecisions(QObject):
    """Takes the decisions of one review page (see the module docstring).

    Signals:
        sending(): a confirmed decision is on its way (the page's buttons wait).
        decided(str, object): a decision went through ("dept_approve", "publish", "apply", …)
            with the platform's answer (None: queued offline).
        failed(): the platform refused it (the item is shown again).
        status(str): a line for the page's status label.
    """

    sending = Signal()
    decided = Signal(str, object)
    failed = Signal()
    status = Signal(str)

    def __init__(self, *, context: AppContext, outcome_label: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.page = parent
        self.outcome_label = outcome_label
        self.confirm_box: QWidget | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.conflict_dialog: QWidget | None = None

    def approve(self, item: Row, queue: str) -> QWidget:
        """审核通过 / 确认发布 / 应用变更: asks for confirmation first."""
        item_id, version = int(item["id"]), _version(item)
        if queue == REPORT_QUEUE:
            label = _label("apply", item)
            change = actions.change_report_action(item_id, "apply", version=version, label=label)
            return self._confirm("apply", item, change)
        action: actions.EntryAction = "dept-approve" if queue == DEPT_QUEUE else "publish"
        name = action.replace("-", "_")
        change = actions.entry_action(item_id, action, version=version, label=_label(name, item))
        return self._confirm(name, item, change)

    def ask_return(self, item: Row, queue: str) -> ReasonDialog:
        """退回 / 驳回: the reason first, then the confirmation."""
        if queue == REPORT_QUEUE:
            title = QCoreApplication.translate("ReviewPage", "驳回变更报告")
            prompt = QCoreApplication.translate("ReviewPage", "请填写驳回原因：")
        else:
            title = QCoreApplication.translate("ReviewPage", "退回目录")
            prompt = QCoreApplication.translate("ReviewPage", "请填写退回原因：")
        dialog = ReasonDialog(title=title, prompt=prompt, parent=self.page)
        dialog.reason_given.connect(lambda reason: self.return_with(item, queue, reason))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def return_with(self, item: Row, queue: str, reason: str) -> QWidget:
        """退回 / 驳回 with the reason given: confirmed like the other decisions."""
        item_id, version, body = int(item["id"]), _version(item), {"reason": reason}
        if queue == REPORT_QUEUE:
            change = actions.change_report_action(
                item_id, "reject", body, version=version, label=_label("reject", item)
            )
            return self._confirm("reject", item, change, reason)
        action: actions.EntryAction = "dept-return" if queue == DEPT_QUEUE else "platform-return"
        name = action.replace("-", "_")
        change = actions.entry_action(
            item_id, action, body, version=version, label=_label(name, item)
        )
        return self._confirm(name, item, change, reason)

    def _confirm(self, action: str, item: Row, change: Action, reason: str = "") -> QWidget:
        """Name the object and the decision; send only when the user confirms."""
        note = QCoreApplication.translate("ReviewPage", "理由：%1。").replace("%1", reason)
        self.confirm_box = confirm_decision(
            self.page,
            title=verb(action),
            object_name=item_name(item),
            decision=effect(action),
            button=verb(action),
            then=lambda: self._send(action, item_name(item), change),
            note=note if reason else "",
        )
        return self.confirm_box

    def _send(self, action: str, name: str, change: Action) -> None:
        """Send the decision now, or queue it in the outbox when the platform is unreachable."""
        clear_outcome(self.outcome_label)
        self.sending.emit()
        self.status.emit(QCoreApplication.translate("ReviewPage", "正在提交…"))
        self.context.sync.submit(
            change, done=lambda outcome: self._on_outcome(action, outcome, name)
        )

    def _on_outcome(self, action: str, outcome: Outcome, name: str) -> None:
        label = self.outcome_label
        if outcome.status == OutcomeStatus.SENT:
            show_outcome(label, _done_text(action, name, outcome), OK)
            self.status.emit("")
            self.decided.emit(action, outcome.result)
        elif outcome.status == OutcomeStatus.QUEUED:
            text = QCoreApplication.translate("ReviewPage", "“%1”：%2。%3")
            text = text.replace("%1", name).replace("%2", verb(action))
            show_outcome(label, text.replace("%3", outcome.message), QUEUED)
            self.decided.emit(action, None)
        elif outcome.status == OutcomeStatus.CONFLICT and outcome.item is not None:
            text = QCoreApplication.translate(
                "ReviewPage", "该目录已被他人处理或修改，请在对比窗口中选择。"
            )
            show_outcome(label, text, QUEUED)
            self.conflict_dialog = open_conflict_dialog(
                self.context.sync, outcome.item, outcome.server_object, self.page
            )
        else:
            text = QCoreApplication.translate("ReviewPage", "“%1”未能%2：%3")
            text = text.replace("%1", name).replace("%2", verb(action))
            show_outcome(label, text.replace("%3", outcome.message), ERROR)
            self.failed.emit()


def _label(action: str, item: Row) -> str:
    """The outbox label of a decision on `item`."""
    return f"{verb(action)}：{item_name(item)}"


def _done_text(action: str, name: str, outcome: Outcome) -> str:
    """What was done, lasting until the next decision; a publication names the resource code
    the platform assigned (第十六条)."""
    text = QCoreApplication.translate("ReviewPage", "已%1：“%2”。")
    text = text.replace("%1", verb(action)).replace("%2", name)
    result = outcome.result if isinstance(outcome.result, dict) else {}
    if action == "publish" and result.get("resource_code"):
        code = QCoreApplication.translate("ReviewPage", "信息资源代码：%1")
        text += code.replace("%1", str(result["resource_code"]))
    return text
