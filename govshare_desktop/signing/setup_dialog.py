"""KeySetupDialog: the guided first-time key setup (and renewal) — 生成密钥 → 申请证书 → 完成.

A file key (口令 twice, optionally remembered in the keyring) or a key on a UKey (PKCS#11
module, token, PIN); then a certificate request for one of the signer roles the user holds,
sent through the session's sync engine like every change. The key work runs in the background
pool; each failure is shown next to its field, and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit, QWidget

from govshare_core import clock
from govshare_core.agreement_schemas import CertificateOut
from govshare_core.agreements import SIGNER_ROLES
from govshare_core.vocab import Role
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.credentials import PassphraseVault
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.certificates import summary
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import MIN_PASSPHRASE_LENGTH, KeyStore
from govshare_desktop.signing.setup_steps import (
    FILE,
    TOKEN,
    KeyChoice,
    certificate_request,
    generate_key,
)
from govshare_desktop.signing.tokens import default_module, list_tokens
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_desktop.tasks import Task, run_in_background

GENERATE, REQUEST, DONE = 1, 2, 3


class KeySetupDialog(QDialog):
    """Key and certificate setup for the signed-in user.

    Signals:
        certificate_stored(): a new certificate is kept on this computer.
    """

    certificate_stored = Signal()

    def __init__(
        self,
        *,
        context: AppContext,
        store: KeyStore | None = None,
        vault: PassphraseVault | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置签名密钥"))
        self.context = context
        self.store = store or KeyStore(signing_dir())
        self.vault = vault if vault is not None else PassphraseVault()
        self.ui = load_form("key_setup_dialog.ui", self)
        self._task: Task | None = None
        self._fill_roles()
        self.ui.passphraseEdit.setPlaceholderText(
            self.tr("至少 %1 个字符").replace("%1", str(MIN_PASSPHRASE_LENGTH))
        )
        self.ui.moduleEdit.setText(default_module())
        self.ui.fileRadio.toggled.connect(self._on_file_radio_toggled)
        self.ui.moduleBrowseButton.clicked.connect(self._on_module_browse_clicked)
        self.ui.findTokensButton.clicked.connect(self._on_find_tokens_clicked)
        self.ui.generateButton.clicked.connect(self._on_generate_clicked)
        self.ui.requestButton.clicked.connect(self._on_request_clicked)
        self.ui.finishButton.clicked.connect(self.accept)
        self.ui.cancelButton.clicked.connect(self.reject)
        self._restore_existing()
        self.resize(600, 480)

    # --- state -------------------------------------------------------------------------------

    @property
    def _user(self) -> tuple[str, str]:
        return self.context.profile_name, str(self.context.me["user"]["username"])

    def _fill_roles(self) -> None:
        held = [r for r in Role if r in SIGNER_ROLES and r.value in self.context.roles]
        for role in held:
            self.ui.roleCombo.addItem(i18n.label(role), role.value)
        if not held:
            self._error(self.tr("您没有可签署协议的角色（信息资源管理员或平台管理员）。"))
            self.ui.generateButton.setEnabled(False)

    def _restore_existing(self) -> None:
        """A key already here (renewal): the certificate can be requested at once."""
        profile, username = self._user
        kind = self.store.kind(profile, username)
        if kind == TOKEN:
            info = self.store.token_info(profile, username) or {}
            self.ui.tokenRadio.setChecked(True)
            self.ui.moduleEdit.setText(info.get("module_path", ""))
            self.ui.tokenCombo.setEditText(info.get("token_label", ""))
        if kind is not None:
            self.ui.againEdit.setEnabled(False)
            self._set_step(REQUEST)
            self.ui.statusLabel.setText(
                self.tr("本机已有签名密钥：输入口令或 PIN 后可直接申请（续期）证书。")
            )
            return
        self._set_step(GENERATE)

    def _set_step(self, step: int) -> None:
        self._step = step
        names = [self.tr("① 生成密钥"), self.tr("② 申请证书"), self.tr("③ 完成")]
        parts = [f"<b>{n}</b>" if i + 1 == step else n for i, n in enumerate(names)]
        self.ui.stepsLabel.setText(" → ".join(parts))
        self.ui.requestButton.setEnabled(step >= REQUEST and step != DONE)
        self.ui.finishButton.setEnabled(step == DONE)
        self.ui.finishButton.setDefault(step == DONE)
        self.ui.generateButton.setEnabled(step != DONE and self.ui.roleCombo.count() > 0)

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.ui.generateButton, self.ui.requestButton, self.ui.kindGroup):
            widget.setEnabled(not busy)
        if busy:
            self.ui.statusLabel.setText(text)
        else:
            self._set_step(self._step)

    def choice(self) -> KeyChoice:
        profile, username = self._user
        user = self.context.me["user"]
        return KeyChoice(
            profile=profile,
            username=username,
            full_name=str(user.get("full_name") or username),
            kind=FILE if self.ui.fileRadio.isChecked() else TOKEN,
            passphrase=self.ui.passphraseEdit.text(),
            again=self.ui.againEdit.text(),
            remember=self.ui.rememberCheck.isChecked(),
            module_path=self.ui.moduleEdit.text().strip(),
            token_label=self.ui.tokenCombo.currentText().strip(),
            pin=self.ui.pinEdit.text(),
        )

    # --- errors ------------------------------------------------------------------------------

    def _error(self, text: str, field: QWidget | None = None) -> None:
        self.ui.errorLabel.setText(text)
        if field is not None:
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()

    def _field_of(self, code: str) -> QWidget | None:
        fields = {
            "weak_passphrase": self.ui.passphraseEdit,
            "wrong_passphrase": self.ui.passphraseEdit,
            "passphrase_mismatch": self.ui.againEdit,
            "wrong_pin": self.ui.pinEdit,
            "pin_required": self.ui.pinEdit,
            "token_missing": self.ui.moduleEdit,
        }
        return fields.get(code)

    def _on_failed(self, exc: Exception) -> None:
        self._task = None
        self._busy(False)
        self.ui.statusLabel.setText("")
        if isinstance(exc, SigningError):
            text = exc.message("en" if i18n.english() else "zh")
            self._error(text, self._field_of(exc.code))
        else:
            self._error(self.tr("操作失败：%1").replace("%1", str(exc)))

    # --- steps -------------------------------------------------------------------------------

    def _on_generate_clicked(self) -> None:
        self._error("")
        choice, store, vault = self.choice(), self.store, self.vault
        self._busy(True, self.tr("正在生成密钥……"))
        self._task = run_in_background(
            lambda _task: generate_key(store, choice, vault),
            success=self._on_generated,
            failure=self._on_failed,
        )

    def _on_generated(self, _result: object) -> None:
        self._task = None
        self._step = REQUEST
        self._busy(False)
        self.ui.statusLabel.setText(self.tr("密钥已生成。下一步：申请证书。"))
        self.ui.requestButton.setFocus()

    def _on_request_clicked(self) -> None:
        self._error("")
        choice, store = self.choice(), self.store
        self._busy(True, self.tr("正在生成证书申请……"))
        self._task = run_in_background(
            lambda _task: certificate_request(store, choice),
            success=self._on_csr_made,
            failure=self._on_failed,
        )

    def _on_csr_made(self, csr_pem: str) -> None:
        self._task = None
        self.ui.statusLabel.setText(self.tr("正在向共享平台申请证书……"))
        role = str(self.ui.roleCombo.currentData())
        label = self.tr("申请签名证书")
        action = actions.request_certificate(csr_pem, role, label=label)
        self.context.sync.submit(action, done=self._on_certificate_outcome)

    def _on_certificate_outcome(self, outcome: Outcome) -> None:
        self._busy(False)
        if outcome.status == OutcomeStatus.QUEUED:
            self.ui.statusLabel.setText(
                self.tr("当前离线：证书申请已保存，联网后自动提交，证书签发后将自动保存到本机。")
            )
            self._set_step(DONE)
            return
        if outcome.status != OutcomeStatus.SENT or outcome.result is None:
            self.ui.statusLabel.setText("")
            self._error(outcome.message or self.tr("证书申请失败。"), self.ui.roleCombo)
            return
        cert = CertificateOut.model_validate(outcome.result)
        profile, username = self._user
        try:
            self.store.store_certificate(profile, username, cert.certificate_pem, cert.ca_pem)
        except SigningError as exc:
            self._on_failed(exc)
            return
        info = summary(self.store.certificate(profile, username))
        self.ui.statusLabel.setText(
            self.tr("证书已签发并保存：%1，有效期至 %2。")
            .replace("%1", info.subject)
            .replace("%2", f"{clock.platform_time(info.not_after):%Y-%m-%d}")
        )
        self._set_step(DONE)
        self.certificate_stored.emit()

    # --- the UKey fields -----------------------------------------------------------------------

    def _on_file_radio_toggled(self, checked: bool) -> None:
        self.ui.kindStack.setCurrentIndex(0 if checked else 1)
        self._error("")

    def _on_module_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择 UKey 驱动模块"),
            self.ui.moduleEdit.text(),
            self.tr("PKCS#11 模块 (*.so *.dll *.dylib);;所有文件 (*)"),
        )
        if path:
            self.ui.moduleEdit.setText(path)

    def _on_find_tokens_clicked(self) -> None:
        module = self.ui.moduleEdit.text().strip()
        self._error("")
        self._busy(True, self.tr("正在查找 UKey……"))
        self._task = run_in_background(
            lambda _task: list_tokens(module), success=self._on_tokens, failure=self._on_failed
        )

    def _on_tokens(self, labels: list[str]) -> None:
        self._task = None
        self._busy(False)
        self.ui.tokenCombo.clear()
        self.ui.tokenCombo.addItems(labels)
        self.ui.statusLabel.setText(
            self.tr("找到 %1 个 UKey。").replace("%1", str(len(labels)))
            if labels
            else self.tr("未找到 UKey，请插入后重试。")
        )
