"""The signer's side of a signature, without widgets: which keys this computer holds for the
user (a file key, a UKey), the background operation that signs and keeps the signed file, and
the upload Action handed to the sync engine.

The signed PDF is written under the user's signing folder (host.signing_dir) before it is
sent: the outbox refers to it by path, so a signature made offline waits there until the
platform is reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from PySide6.QtCore import QCoreApplication

from govshare_core import clock
from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_desktop.credentials import PassphraseVault
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.signer import sign_agreement
from govshare_desktop.signing.sources import FileKeySource, KeySource
from govshare_desktop.signing.tokens import stored_token_source

FILE, TOKEN = "file", "token"
SIGNED_FOLDER = "signed"


@dataclass(frozen=True)
class KeyOption:
    """A key the user may sign with: a file key or a UKey, and its certificate (if issued)."""

    kind: str  # FILE or TOKEN
    source: KeySource
    remembered: str | None = None  # the file key's passphrase, kept in the keyring (记住口令)

    @property
    def certificate(self) -> x509.Certificate | None:
        return self.source.certificate()

    @property
    def ready(self) -> bool:
        """A certificate was issued for it and is valid now."""
        cert = self.certificate
        now = datetime.now(UTC)
        return cert is not None and cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def key_store() -> KeyStore:
    return KeyStore(signing_dir())


def key_options(
    profile: str,
    username: str,
    *,
    store: KeyStore | None = None,
    vault: PassphraseVault | None = None,
) -> list[KeyOption]:
    """The keys this computer holds for the user on this platform profile: a file key (with
    its passphrase when the user had it remembered) and/or a UKey described in the key store.
    Reads files and the keyring: call it in the background pool."""
    store = store or key_store()
    options = []
    if store.has_key(profile, username):
        remembered = vault.load(profile, username) if vault is not None else None
        file_key = FileKeySource(profile, username, store=store)
        options.append(KeyOption(FILE, file_key, remembered or None))
    ukey = stored_token_source(store, profile, username)
    if ukey is not None:
        options.append(KeyOption(TOKEN, ukey))
    return options


def ready(options: list[KeyOption]) -> bool:
    return any(o.ready for o in options)


def certificate_text(cert: x509.Certificate | None) -> str:
    """证书：<CN>（<O>），有效期至 <date>; or that none was issued yet."""
    if cert is None:
        return QCoreApplication.translate(
            "SignDialog", "尚未取得证书，请先设置签名密钥并申请证书。"
        )

    def part(oid: x509.ObjectIdentifier) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    until = clock.platform_time(cert.not_valid_after_utc).strftime("%Y-%m-%d")
    return (
        QCoreApplication.translate("SignDialog", "证书：%1（%2），有效期至 %3")
        .replace("%1", part(NameOID.COMMON_NAME))
        .replace("%2", part(NameOID.ORGANIZATION_NAME))
        .replace("%3", until)
    )


def signed_path(
    store: KeyStore, profile: str, username: str, agreement_id: int, revision: int
) -> Path:
    """Where the user's signature on `revision` of the agreement is kept until it is sent."""
    folder = store.folder(profile, username) / SIGNED_FOLDER
    return folder / f"agreement-{agreement_id}-r{revision}-signed.pdf"


def sign_to_file(
    pdf: bytes, *, turn: SignTurn, source: KeySource, secret: str, stamp: str, path: Path
) -> Path:
    """Sign the PDF in `turn`'s field and write the result to `path` (background pool);
    raises SigningError (wrong_passphrase, wrong_pin, token_missing, ...)."""
    signed = sign_agreement(
        pdf, field_name=SIGNATURE_FIELDS[turn], source=source, secret=secret, stamp=stamp
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_suffix(".partial")
    partial.write_bytes(signed)
    partial.replace(path)
    return path
