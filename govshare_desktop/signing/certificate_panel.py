"""CertificatePanel: the 签名证书 section of the settings — the signer certificate on this
computer (subject, serial, expiry, status) with 生成密钥/申请证书 and 续期 (renewal).

On showing, it asks the platform for the user's certificates in the background and keeps one
issued meanwhile (a request queued offline), so nothing waits for the user to come back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govshare_core import clock
from govshare_desktop.api.errors import ApiError
from govshare_desktop.context import AppContext
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.certificates import CertStatus, adopt_issued, summary
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.setup_dialog import KeySetupDialog
from govshare_desktop.tasks import Task, run_in_background

STATUS_COLOURS = {
    CertStatus.VALID: "#1b7f3b",
    CertStatus.RENEW: "#a15c00",
    CertStatus.EXPIRED: "#b3261e",
    CertStatus.NONE: "#555555",
}


class CertificatePanel(QGroupBox):
    """The signed-in user's signing certificate, and the buttons to get or renew one.

    Signals:
        changed(): a certificate was stored (the panel shows it already).
    """

    changed = Signal()

    def __init__(
        self, *, context: AppContext, store: KeyStore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("签名证书"))
        self.context = context
        self.store = store or KeyStore(signing_dir())
        self._task: Task | None = None
        self.subjectLabel = QLabel()
        self.serialLabel = QLabel()
        self.expiryLabel = QLabel()
        self.statusLabel = QLabel()
        for label in (self.subjectLabel, self.serialLabel):
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("持有人"), self.subjectLabel)
        form.addRow(self.tr("序列号"), self.serialLabel)
        form.addRow(self.tr("有效期至"), self.expiryLabel)
        form.addRow(self.tr("状态"), self.statusLabel)
        self.setupButton = QPushButton(self.tr("生成密钥/申请证书"))
        self.renewButton = QPushButton(self.tr("续期"))
        self.setupButton.clicked.connect(self._on_setup_clicked)
        self.renewButton.clicked.connect(self._on_setup_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.setupButton)
        buttons.addWidget(self.renewButton)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def _user(self) -> tuple[str, str]:
        return self.context.profile_name, str(self.context.me["user"]["username"])

    def refresh(self) -> None:
        """Show what is stored on this computer now."""
        profile, username = self._user
        info = summary(self.store.certificate(profile, username))
        has_key = self.store.kind(profile, username) is not None
        texts = {
            CertStatus.NONE: self.tr("尚未取得证书") if has_key else self.tr("尚未生成密钥"),
            CertStatus.VALID: self.tr("有效"),
            CertStatus.RENEW: self.tr("即将过期，请续期"),
            CertStatus.EXPIRED: self.tr("已过期，请续期"),
        }
        none = info.status == CertStatus.NONE
        self.subjectLabel.setText("—" if none else info.subject)
        self.serialLabel.setText("—" if none else info.serial)
        self.expiryLabel.setText(
            "—" if none else f"{clock.platform_time(info.not_after):%Y-%m-%d %H:%M}"
        )
        self.statusLabel.setText(texts[info.status])
        self.statusLabel.setStyleSheet(f"color: {STATUS_COLOURS[info.status]};")
        self.setupButton.setVisible(none)
        self.renewButton.setVisible(not none)
        self.renewButton.setDefault(info.status in (CertStatus.RENEW, CertStatus.EXPIRED))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fetch_issued()

    def fetch_issued(self) -> None:
        """Ask the platform for the user's certificates and keep one issued meanwhile."""
        if self._task is not None:
            return
        client, store, (profile, username) = self.context.client, self.store, self._user

        def op(_task: Task) -> bool:
            try:
                issued: list[Any] = client.certificates()
            except ApiError:
                return False  # offline or no certificates service: show what is here
            return adopt_issued(store, profile, username, issued)

        self._task = run_in_background(op, success=self._on_fetched, failure=self._on_fetch_failed)

    def _on_fetched(self, adopted: bool) -> None:
        self._task = None
        if adopted:
            self.refresh()
            self.changed.emit()

    def _on_fetch_failed(self, _exc: Exception) -> None:
        self._task = None

    def _on_setup_clicked(self) -> None:
        dialog = KeySetupDialog(context=self.context, store=self.store, parent=self)
        dialog.certificate_stored.connect(self._on_dialog_certificate_stored)
        dialog.exec()
        self.refresh()

    def _on_dialog_certificate_stored(self) -> None:
        self.refresh()
        self.changed.emit()
