"""The login dialog: profile, username, password, remember me; demo accounts in demo mode.

The dialog displays and forwards; `LoginPresenter` signs in. In re-login mode (the session
expired under an open main window) the profile and username are fixed, so the open session and
its drafts stay with the same user.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QTreeWidgetItem, QWidget

from govshare_core.vocab import Role
from govshare_desktop import i18n
from govshare_desktop.common import sizing
from govshare_desktop.common.uiload import load_form
from govshare_desktop.login.presenter import LoginPresenter, SignedIn, profile_label
from govshare_desktop.login.settings_dialog import SettingsDialog
from govshare_desktop.profiles import Profile, ProfileStore

ERROR_STYLE = "color: #b3261e; background: #fdecea; border: 1px solid #f4c7c3; padding: 6px;"
NOTE_STYLE = "color: #5f4b00; background: #fff8e1; border: 1px solid #f0dc9a; padding: 6px;"
DEMO_WIDTH, DEMO_HEIGHT = 1000, 520
"""The dialog's size with the demo accounts beside the form (shrunk to fit the screen)."""
FAILURE_STYLE = (
    "#startFailureFrame { background: #fdecea; border: 1px solid #f4c7c3; }"
    "#startFailureTitle, #startFailureLabel { color: #b3261e; }"
    "#detailsButton { border: none; padding: 2px; }"
)


class LoginDialog(QDialog):
    """Sign in to a platform profile.

    Signals:
        signed_in(object): a `SignedIn` (the dialog then accepts).
        retry_requested(): 重试 after the embedded platform failed to start.
    """

    signed_in = Signal(object)
    retry_requested = Signal()

    def __init__(
        self,
        *,
        presenter: LoginPresenter,
        relogin: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.profiles: ProfileStore = presenter.profiles
        self.relogin = relogin
        self._platform_ready = True
        self.setWindowTitle(self.tr("登录 GovShare") if relogin is None else self.tr("重新登录"))
        self.ui = load_form("login_dialog.ui", self)
        self._style()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登录"))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("退出") if relogin is None else self.tr("取消"))
        self.ui.buttonBox.accepted.connect(self._on_login_clicked)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.manageProfilesButton.clicked.connect(self._on_manage_clicked)
        self.ui.profileCombo.currentIndexChanged.connect(self._on_profile_changed)
        self.ui.demoTree.itemClicked.connect(self._on_demo_clicked)
        self.ui.demoTree.itemDoubleClicked.connect(self._on_demo_double_clicked)
        self.ui.detailsButton.toggled.connect(self._on_details_toggled)
        self.ui.retryButton.clicked.connect(self._on_retry_clicked)
        presenter.busy_changed.connect(self._on_presenter_busy_changed)
        presenter.failed.connect(self._on_presenter_failed)
        presenter.signed_in.connect(self._on_presenter_signed_in)
        presenter.keyring_checked.connect(self._on_presenter_keyring_checked)
        self.reload_profiles()
        if relogin is not None:
            self._lock_to(*relogin)
        if presenter.keyring_ok is not None:
            self._on_presenter_keyring_checked(presenter.keyring_ok)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    # --- appearance ------------------------------------------------------------------------

    def _style(self) -> None:
        title = QFont(self.font())
        title.setPointSizeF(title.pointSizeF() * 1.5)
        title.setBold(True)
        self.ui.titleLabel.setFont(title)
        self.ui.subtitleLabel.setStyleSheet("color: palette(mid);")
        self.ui.errorLabel.setStyleSheet(ERROR_STYLE)
        self.ui.keyringNote.setStyleSheet(NOTE_STYLE)
        self.ui.statusLabel.setStyleSheet("color: palette(dark);")
        self.ui.startFailureFrame.setStyleSheet(FAILURE_STYLE)
        bold = QFont(self.font())
        bold.setBold(True)
        self.ui.startFailureTitle.setFont(bold)
        self.ui.loginColumn.setStretch(0, 0)
        self.setMinimumWidth(460)

    # --- profiles ---------------------------------------------------------------------------

    def reload_profiles(self, select: str | None = None) -> None:
        combo = self.ui.profileCombo
        wanted = select or combo.currentData() or self.profiles.last_profile
        combo.blockSignals(True)
        combo.clear()
        for p in self.profiles.profiles():
            combo.addItem(profile_label(p.name), p.name)
            combo.setItemData(combo.count() - 1, p.url, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        combo.blockSignals(False)
        self._on_profile_changed()

    def current_profile(self) -> Profile | None:
        name = self.ui.profileCombo.currentData()
        return self.profiles.get(str(name)) if name else None

    def _on_profile_changed(self, *_: Any) -> None:
        profile = self.current_profile()
        if profile is not None and self.relogin is None and not self.ui.usernameEdit.text():
            self.ui.usernameEdit.setText(self.profiles.last_user(profile.name))
        self._update_enabled()

    def _on_manage_clicked(self) -> None:
        dialog = SettingsDialog(profiles=self.profiles, show_language=False, parent=self)
        dialog.profiles_changed.connect(lambda: self.reload_profiles())
        dialog.exec()

    def _lock_to(self, profile: str, username: str) -> None:
        self.ui.profileCombo.setCurrentIndex(max(0, self.ui.profileCombo.findData(profile)))
        self.ui.usernameEdit.setText(username)
        for w in (self.ui.profileCombo, self.ui.manageProfilesButton, self.ui.usernameEdit):
            w.setEnabled(False)
        self.show_error(self.tr("登录已过期，请重新输入密码。已打开的页面和草稿都会保留。"))
        self.ui.passwordEdit.setFocus()

    # --- state ------------------------------------------------------------------------------

    def set_platform_status(self, text: str, *, ready: bool, busy: bool = False) -> None:
        """Progress of the embedded platform's start; login is enabled when `ready`."""
        self._platform_ready = ready
        self.ui.startFailureFrame.setVisible(False)
        self.ui.statusLabel.setText(text)
        self.ui.progressBar.setVisible(busy)
        self._update_enabled()

    def show_start_failure(self, detail: str, log_file: Path | None = None) -> None:
        """The embedded platform did not start: say so, what to do, where the log is; the
        detail (the error) behind 详细信息, and 重试. Login stays disabled."""
        self._platform_ready = False
        self.ui.statusLabel.setText("")
        self.ui.progressBar.setVisible(False)
        if log_file is not None:
            folder = QUrl.fromLocalFile(str(log_file.parent)).toString()
            link = f'<a href="{html.escape(folder)}">{html.escape(str(log_file))}</a>'
            advice = html.escape(
                self.tr("请点击“重试”。如果仍然失败，请把日志文件发给技术支持人员。")
            )
            advice += "<br>" + html.escape(self.tr("日志文件：%1")).replace("%1", link)
        else:
            advice = html.escape(
                self.tr("请点击“重试”。如果仍然失败，请把详细信息发给技术支持人员。")
            )
        self.ui.startFailureLabel.setText(advice)
        self.ui.detailEdit.setPlainText(detail)
        self.ui.startFailureFrame.setVisible(True)
        self._update_enabled()
        self.ui.retryButton.setFocus()
        self._fit_height()

    def _on_details_toggled(self, shown: bool) -> None:
        self.ui.detailsButton.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.ui.detailEdit.setVisible(shown)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow or shrink to what the (word-wrapped) content needs at the current width."""
        # a child was just shown or hidden: drop the sizes the layouts cached on the way up
        for widget in (self.ui.startFailureFrame, self.ui.widget):
            widget.updateGeometry()
        for inner in self.findChildren(QLayout):
            inner.invalidate()
        layout = self.layout()
        assert layout is not None  # load_form gave the dialog one
        layout.activate()
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        self.resize(self.width(), max(height, layout.totalMinimumSize().height()))
        self.fit_to_screen()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Keep the whole dialog, buttons included, on the screen (1366×768 at least)."""
        sizing.clamp_to(self, available or sizing.available_geometry(self))

    def _on_retry_clicked(self) -> None:
        self.ui.startFailureFrame.setVisible(False)
        self._fit_height()
        self.retry_requested.emit()

    def set_demo_accounts(self, accounts: list[dict[str, Any]]) -> None:
        tree = self.ui.demoTree
        tree.clear()
        for acc in accounts:
            roles = "、".join(i18n.label(Role(r)) for r in acc.get("roles", []))
            item = QTreeWidgetItem(
                [str(acc["username"]), str(acc["full_name"]), str(acc["department"]), roles]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, acc)
            item.setToolTip(0, str(acc.get("description_zh", "")))
            tree.addTopLevelItem(item)
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
        self.ui.demoGroup.setTitle(self.tr("演示账号（%1 个）").replace("%1", str(len(accounts))))
        self.ui.demoGroup.setVisible(bool(accounts))
        if accounts:
            self.ui.demoHint.setText(
                self.tr("单击账号填入用户名和密码，双击直接登录。演示账号的密码都是 %1。").replace(
                    "%1", str(accounts[0].get("password", ""))
                )
            )
        if accounts:  # room for the accounts' columns, as far as the screen allows
            self.resize(max(self.width(), DEMO_WIDTH), max(self.height(), DEMO_HEIGHT))
            self.fit_to_screen()

    def show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    def _update_enabled(self) -> None:
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(
            self._platform_ready and not self.presenter.busy and self.current_profile() is not None
        )

    # --- actions ----------------------------------------------------------------------------

    def _on_login_clicked(self) -> None:
        profile = self.current_profile()
        if profile is None or not self._platform_ready:
            return
        self.show_error("")
        self.presenter.login(
            profile,
            self.ui.usernameEdit.text(),
            self.ui.passwordEdit.text(),
            remember=self.ui.rememberCheck.isChecked() and self.ui.rememberCheck.isEnabled(),
        )

    def _on_demo_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        acc = item.data(0, Qt.ItemDataRole.UserRole)
        if self.relogin is None and acc:
            self.ui.usernameEdit.setText(str(acc["username"]))
            self.ui.passwordEdit.setText(str(acc["password"]))

    def _on_demo_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        self._on_demo_clicked(item, column)
        self._on_login_clicked()

    def _on_presenter_busy_changed(self, busy: bool) -> None:
        if busy:
            self.ui.statusLabel.setText(self.tr("正在登录…"))
        elif self._platform_ready:
            self.ui.statusLabel.setText("")
        self.ui.progressBar.setVisible(busy)
        self._update_enabled()

    def _on_presenter_failed(self, message: str) -> None:
        self.show_error(message)
        self.ui.passwordEdit.selectAll()
        self.ui.passwordEdit.setFocus()

    def _on_presenter_signed_in(self, result: SignedIn) -> None:
        if (
            self.relogin is not None
            and (
                result.profile.name,
                result.username,
            )
            != self.relogin
        ):
            return
        self.ui.passwordEdit.clear()
        self.show_error("")
        self.signed_in.emit(result)
        self.accept()

    def _on_presenter_keyring_checked(self, ok: bool) -> None:
        self.ui.keyringNote.setVisible(not ok)
        self.ui.rememberCheck.setEnabled(ok)
        if not ok:
            self.ui.rememberCheck.setChecked(False)
