"""KeyStore: the signer's key and certificate on this computer, one per (profile, username).

    <data dir>/signing/<profile>/<username>/key.pem    encrypted PKCS#8 (EC P-256), mode 0600
                                            cert.pem   the certificate the platform CA issued
                                            ca.pem     that CA's certificate (the chain)
                                            token.json a UKey's module and labels (tokens.py)
                                            public.der the key's public half

The key never leaves the computer: the platform only sees the certificate request (PKCS#10)
and the signatures. A key on a UKey stays on the token; its certificate is kept here, beside
the token's description (not imported onto the token: many UKeys are read-only for objects
written by third-party software).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from govshare_core.agreements import CERTIFICATE_RENEWAL_WARNING
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.store.paths import safe_name

MIN_PASSPHRASE_LENGTH = 8
"""The one passphrase rule (the setup dialog and `generate` both use `check_passphrase`)."""

KEY_FILE = "key.pem"
CERT_FILE = "cert.pem"
CA_FILE = "ca.pem"
TOKEN_FILE = "token.json"
PUBLIC_FILE = "public.der"
PublicKey = ec.EllipticCurvePublicKey


def check_passphrase(passphrase: str) -> None:
    """Raise SigningError("weak_passphrase") unless the passphrase follows the rule."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise SigningError("weak_passphrase")


def load_private_key(pem: bytes, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """Decrypt a PKCS#8 key; a wrong passphrase is SigningError("wrong_passphrase")."""
    try:
        key = serialization.load_pem_private_key(pem, passphrase.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise SigningError("wrong_passphrase") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningError("wrong_passphrase", "not an EC key")
    return key


class KeyStore:
    """Keys and certificates under `root` (normally `host.signing_dir()`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, profile: str, username: str) -> Path:
        return self.root / safe_name(profile) / safe_name(username)

    # --- the key -----------------------------------------------------------------------------

    def has_key(self, profile: str, username: str) -> bool:
        """Whether a FILE key is here (a UKey is described by `token_info`)."""
        return (self.folder(profile, username) / KEY_FILE).is_file()

    def kind(self, profile: str, username: str) -> str | None:
        """ "file", "token" or None: the one key of this user on this profile."""
        if self.has_key(profile, username):
            return "file"
        return "token" if self.token_info(profile, username) is not None else None

    def generate(self, profile: str, username: str, passphrase: str) -> None:
        """Make a new EC P-256 key, encrypted with the passphrase; a certificate of an earlier
        key no longer fits it and is dropped."""
        check_passphrase(passphrase)
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        )
        folder = self.folder(profile, username)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_private(folder / KEY_FILE, pem)
        for name in (CERT_FILE, TOKEN_FILE):
            (folder / name).unlink(missing_ok=True)
        self.set_public_key(profile, username, key.public_key())

    def private_key(
        self, profile: str, username: str, passphrase: str
    ) -> ec.EllipticCurvePrivateKey:
        path = self.folder(profile, username) / KEY_FILE
        if not path.is_file():
            raise SigningError("no_key")
        return load_private_key(path.read_bytes(), passphrase)

    def csr_pem(self, profile: str, username: str, passphrase: str, *, common_name: str) -> str:
        """A PKCS#10 request for this key (the platform sets the certificate's real subject)."""
        key = self.private_key(profile, username, passphrase)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        csr = (
            x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
        )
        return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")

    # --- the certificate ---------------------------------------------------------------------

    def store_certificate(self, profile: str, username: str, cert_pem: str, ca_pem: str) -> None:
        """Keep the issued certificate and its CA; refuse one that is not for this key."""
        cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
        x509.load_pem_x509_certificate(ca_pem.encode("ascii"))
        folder = self.folder(profile, username)
        expected = self._public_key_der(profile, username)
        if expected is not None and _public_der(cert) != expected:
            raise SigningError("certificate_mismatch")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        (folder / CERT_FILE).write_text(cert_pem, encoding="ascii")
        (folder / CA_FILE).write_text(ca_pem, encoding="ascii")

    def certificate(self, profile: str, username: str) -> x509.Certificate | None:
        path = self.folder(profile, username) / CERT_FILE
        return x509.load_pem_x509_certificate(path.read_bytes()) if path.is_file() else None

    def ca_certificate(self, profile: str, username: str) -> x509.Certificate | None:
        path = self.folder(profile, username) / CA_FILE
        return x509.load_pem_x509_certificate(path.read_bytes()) if path.is_file() else None

    def needs_renewal(self, profile: str, username: str, *, now: datetime | None = None) -> bool:
        """True when there is no certificate, or it expires within the renewal warning."""
        cert = self.certificate(profile, username)
        if cert is None:
            return True
        moment = now or datetime.now(UTC)
        return cert.not_valid_after_utc - moment <= CERTIFICATE_RENEWAL_WARNING

    def token_info(self, profile: str, username: str) -> dict[str, str] | None:
        """The UKey holding the key: module_path, token_label, key_label (tokens.py)."""
        path = self.folder(profile, username) / TOKEN_FILE
        return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None

    def set_token_info(self, profile: str, username: str, info: dict[str, str], der: bytes) -> None:
        """The key is now on a UKey (public key `der`): the file key and the certificate of
        the previous key go."""
        folder = self.folder(profile, username)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name in (KEY_FILE, CERT_FILE):
            (folder / name).unlink(missing_ok=True)
        (folder / TOKEN_FILE).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        (folder / PUBLIC_FILE).write_bytes(der)

    def set_public_key(self, profile: str, username: str, public_key: PublicKey) -> None:
        """Remember the key's public half: a certificate is only accepted for it."""
        folder = self.folder(profile, username)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        der = public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        (folder / PUBLIC_FILE).write_bytes(der)

    def _public_key_der(self, profile: str, username: str) -> bytes | None:
        path = self.folder(profile, username) / PUBLIC_FILE
        return path.read_bytes() if path.is_file() else None


def _public_der(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write a secret file readable by its owner only (0600 from the start, no window)."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o600)  # the umask cannot widen it, but a pre-existing file may be wider
    os.replace(tmp, path)
