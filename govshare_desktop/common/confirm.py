"""Confirming a decision that cannot be undone (approve, reject, publish, withdraw, revoke,
mediate), or one that deletes or withdraws something that can be entered again (`final=False`):
a window-modal QMessageBox naming the object and the decision; nothing is sent until the user
presses the decision's own button (the default button is 取消).

    box = confirm_decision(self, title="确认发布", object_name="户籍人口信息",
                           decision="确认发布到共享目录", button="确认发布", then=self._send)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def decision_text(object_name: str, decision: str, note: str = "", *, final: bool = True) -> str:
    """ "对“<object>”作出决定：<decision>。<note>此操作提交后不能撤销，确定继续吗？" in the UI
    language; a decision that can be made again (`final=False`: withdrawing a confirmation,
    deleting an override) is not said to be irreversible."""
    text = (
        QCoreApplication.translate("Confirm", "对“%1”作出决定：%2。")
        .replace("%1", object_name)
        .replace("%2", decision)
    )
    if final:
        tail = QCoreApplication.translate("Confirm", "此操作提交后不能撤销，确定继续吗？")
    else:
        tail = QCoreApplication.translate("Confirm", "确定继续吗？")
    return f"{text}{note}\n\n{tail}"


def confirm_decision(
    parent: QWidget,
    *,
    title: str,
    object_name: str,
    decision: str,
    button: str,
    then: Callable[[], None],
    note: str = "",
    final: bool = True,
) -> QMessageBox:
    """Open the confirmation (not blocking); `then()` runs when the user confirms."""
    text = decision_text(object_name, decision, note, final=final)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmDecisionBox")
    yes = box.addButton(button, QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("confirmButton")
    no = box.addButton(
        QCoreApplication.translate("Confirm", "取消"), QMessageBox.ButtonRole.RejectRole
    )
    no.setObjectName("cancelButton")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda clicked: then() if clicked is yes else None)
    box.open()
    return box
