"""通知设置: which kinds of 待办 (to-do) raise a desktop notification (kept per user and
platform profile in the offline store)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.home import presenter as home

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class NotificationSettingsDialog(QDialog):
    """A checkable list of the to-do kinds the user can be given.

    Signals:
        chosen(dict): kind → whether it notifies, on 确定.
    """

    chosen = Signal(object)
    PREFERRED_SIZE = QSize(460, 500)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        enabled: dict[str, bool],
        label: Callable[[str], str] = home.kind_text,
        parent: QWidget | None = None,
    ) -> None:
        """`enabled`: the kinds to list, in order, and whether each notifies now."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("通知设置"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "有新的待办事项时，程序在系统托盘（没有系统托盘时在窗口底部的状态栏）显示通知；"
                "同一事项只通知一次。请选择要通知的事项类型："
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("kindList")
        for kind, on in enabled.items():
            item = QListWidgetItem(label(kind))
            item.setData(KIND_ROLE, kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.all_button = QPushButton(self.tr("全部通知"))
        self.all_button.setObjectName("allButton")
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button = QPushButton(self.tr("全部不通知"))
        self.none_button.setObjectName("noneButton")
        self.none_button.clicked.connect(lambda: self._check_all(False))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("确定"))
        ok.setObjectName("okButton")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def choices(self) -> dict[str, bool]:
        """Kind → whether it is checked."""
        found: dict[str, bool] = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            found[str(item.data(KIND_ROLE))] = item.checkState() == Qt.CheckState.Checked
        return found

    def set_checked(self, kind: str, on: bool) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KIND_ROLE) == kind:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _check_all(self, on: bool) -> None:
        for kind in self.choices():
            self.set_checked(kind, on)

    def accept(self) -> None:
        self.chosen.emit(self.choices())
        super().accept()
