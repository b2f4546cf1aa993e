"""The common FormDialog (security, rectification, assessment and usage dialogs): a field's
message under the field with the summary line; a message of no field in the summary line itself;
the introduction hidden until set. Nothing is sent while anything is wrong."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from govshare_desktop.common.form_dialog import FormDialog


class NameDialog(FormDialog):
    def __init__(self, errors: dict[str, str], sent: list[Any]) -> None:
        context: Any = SimpleNamespace()  # sending only: never reached here
        super().__init__(
            context=context, title="名称", send=lambda b, d: sent.append(b), parent=None
        )
        self.nameEdit = QLineEdit()
        self.add_field("name", "名称", self.nameEdit)
        self.wrong = errors

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        return {"name": self.nameEdit.text()}, dict(self.wrong)


def test_field_and_form_messages(qtbot) -> None:  # type: ignore[no-untyped-def]
    sent: list[Any] = []
    dialog = NameDialog({"name": "名称不能为空"}, sent)
    qtbot.addWidget(dialog)
    assert not dialog.intro.isVisibleTo(dialog)
    dialog.set_intro("说明")
    assert dialog.intro.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("name") == "名称不能为空"
    assert dialog.error_text == "请按提示修改标红的项目。"

    dialog.wrong = {"": "没有修改任何内容。"}  # no field to show it at: the summary says it
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.field_message("name") == "" and dialog.error_text == "没有修改任何内容。"

    dialog.wrong = {"": "没有修改任何内容。", "name": "名称不能为空"}
    qtbot.mouseClick(dialog.ui.okButton, Qt.MouseButton.LeftButton)
    assert dialog.error_text == "没有修改任何内容。\n请按提示修改标红的项目。"
    assert sent == []
