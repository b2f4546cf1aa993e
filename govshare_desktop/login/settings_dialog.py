"""The settings dialog: UI language (applies on restart), platform profiles and, when signed
in, the signing certificate (签名证书, signing/certificate_panel.py).

It lives with the login because both the login dialog (平台配置, profiles only) and the shell's
settings action open it; the shell may import a feature, a feature never the shell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QListWidgetItem, QWidget

from govshare_desktop import i18n
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.login.presenter import profile_label
from govshare_desktop.profiles import Profile, ProfileStore
from govshare_desktop.signing.certificate_panel import CertificatePanel

LANGUAGE_KEY = "ui/language"


def saved_language(settings: QSettings) -> str:
    return i18n.normalize(str(settings.value(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)))


def check_profile(name: str, url: str, ca_bundle: str) -> str | None:
    """Why a profile cannot be saved (translated), or None when it can."""

    if not name.strip():
        return QCoreApplication.translate("SettingsDialog", "请填写平台名称。")
    if not url.strip().startswith(("http://", "https://")):
        return QCoreApplication.translate(
            "SettingsDialog", "平台地址须以 http:// 或 https:// 开头。"
        )
    if ca_bundle.strip() and not Path(ca_bundle.strip()).is_file():
        return QCoreApplication.translate("SettingsDialog", "找不到 CA 证书文件：%1").replace(
            "%1", ca_bundle.strip()
        )
    return None


class SettingsDialog(QDialog):
    """Language and platform profiles.

    Signals:
        profiles_changed(): a profile was added, changed or removed.
    """

    profiles_changed = Signal()

    def __init__(
        self,
        *,
        profiles: ProfileStore,
        show_language: bool = True,
        context: AppContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置") if show_language else self.tr("平台配置"))
        self.profiles = profiles
        self.ui = load_form("settings_dialog.ui", self)
        self.ui.languageGroup.setVisible(show_language)
        self.ui.languageCombo.addItem("中文（简体）", "zh_CN")
        self.ui.languageCombo.addItem("English", "en")
        current = saved_language(profiles.settings)
        self.ui.languageCombo.setCurrentIndex(max(0, self.ui.languageCombo.findData(current)))
        self.ui.profileError.setStyleSheet("color: #b3261e;")
        self.ui.profileList.currentItemChanged.connect(self._on_list_current_changed)
        self.ui.addButton.clicked.connect(self._on_add_clicked)
        self.ui.removeButton.clicked.connect(self._on_remove_clicked)
        self.ui.saveButton.clicked.connect(self._on_save_clicked)
        self.ui.caBrowseButton.clicked.connect(self._on_browse_clicked)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("确定"))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self._editing: str | None = None
        self._reload()
        # signed in: the 签名证书 section (signing/certificate_panel.py) above the buttons
        self.certificates: CertificatePanel | None = None
        if context is not None:
            self.certificates = CertificatePanel(context=context, parent=self.ui.widget)
            layout = self.ui.mainLayout
            layout.insertWidget(layout.indexOf(self.ui.buttonBox), self.certificates)
        extra = 190 if context is not None else 0
        self.resize(680, (440 if show_language else 320) + extra)

    def _reload(self, select: str | None = None) -> None:
        lst = self.ui.profileList
        lst.clear()
        for p in self.profiles.profiles():
            item = QListWidgetItem(profile_label(p.name))
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            lst.addItem(item)
            if p.name == select:
                lst.setCurrentItem(item)
        if lst.currentItem() is None and lst.count():
            lst.setCurrentRow(0)

    def _on_list_current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        name = current.data(Qt.ItemDataRole.UserRole) if current else None
        profile = self.profiles.get(str(name)) if name else None
        self._editing = profile.name if profile else None
        self.ui.nameEdit.setText(profile.name if profile else "")
        self.ui.urlEdit.setText(profile.url if profile else "")
        self.ui.caEdit.setText(profile.ca_bundle if profile else "")
        self.ui.profileError.hide()

    def _on_add_clicked(self) -> None:
        self.ui.profileList.clearSelection()
        self._editing = None
        for edit in (self.ui.nameEdit, self.ui.urlEdit, self.ui.caEdit):
            edit.clear()
        self.ui.nameEdit.setFocus()

    def _on_remove_clicked(self) -> None:
        if self._editing:
            self.profiles.remove(self._editing)
            self._editing = None
            self._reload()
            self.profiles_changed.emit()

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择 CA 证书"), "", self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)")
        )
        if path:
            self.ui.caEdit.setText(path)

    def _on_save_clicked(self) -> None:
        name = self.ui.nameEdit.text().strip()
        url = self.ui.urlEdit.text().strip()
        ca = self.ui.caEdit.text().strip()
        problem = check_profile(name, url, ca)
        self.ui.profileError.setText(problem or "")
        self.ui.profileError.setVisible(problem is not None)
        if problem:
            return
        self.profiles.upsert(Profile(name, url, ca), old_name=self._editing)
        self._reload(select=name)
        self.profiles_changed.emit()

    def selected_language(self) -> str:
        return str(self.ui.languageCombo.currentData())

    def accept(self) -> None:
        if self.ui.languageGroup.isVisible():
            self.profiles.settings.setValue(LANGUAGE_KEY, self.selected_language())
            self.profiles.settings.sync()
        super().accept()
