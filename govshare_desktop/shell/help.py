"""帮助: the user guide (package data, Markdown shown in a QTextBrowser) and the about box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop import __version__, host
from govshare_desktop.common.sizing import available_geometry, fitted_size

GUIDE_SIZE = QSize(860, 680)


def user_guide_path() -> Path:
    """The user guide shipped with the client (docs/user-guide.md, copied as package data)."""
    return host.PACKAGE_DIR / "resources" / "help" / "user-guide.md"


def user_guide_text() -> str:
    path = user_guide_path()
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return QCoreApplication.translate("UserGuide", "# 用户指南\n\n找不到用户指南文件：%1").replace(
        "%1", str(path)
    )


class UserGuideDialog(QDialog):
    """The user guide (帮助 → 用户指南, F1), non-modal, sized to fit a 1366×768 screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideDialog")
        self.setWindowTitle(self.tr("GovShare 用户指南"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(user_guide_text())
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumSize(480, 360)
        self.resize(fitted_size(GUIDE_SIZE, available_geometry(parent)))


def about_text() -> str:
    return (
        QCoreApplication.translate(
            "MainWindow",
            "<h3>GovShare 政务信息资源共享</h3><p>版本 %1</p>"
            "<p>依据《南通市政务信息资源共享管理办法》的政务信息资源目录编制、"
            "共享申请与授权管理客户端。</p>",
        )
    ).replace("%1", __version__)


def about_box(parent: QWidget, icon: QIcon) -> QMessageBox:
    """The about box (帮助 → 关于), not yet shown."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "关于 GovShare"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(48, 48))
    return box
