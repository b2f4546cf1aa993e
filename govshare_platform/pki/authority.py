"""The CA's files: create them once (`govshare-platform ca init`) and load them at startup.

A CA directory holds four PEM files; the keys are encrypted PKCS#8 under one passphrase
(GOVSHARE_CA_PASSPHRASE). Keys live only there, never in the database:

    ca.pem  ca.key.pem            the root CA (10 years)
    platform.pem  platform.key.pem  the platform's signing certificate (1 year), issued by it

Instead of `ca.pem` + `ca.key.pem` the CA's key and certificate may come from a PKCS#12 file
(GOVSHARE_CA_P12, same passphrase), e.g. one kept by an existing CA tool; the platform signer
still lives in the directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from govshare_platform.db import utcnow
from govshare_platform.pki import profile
from govshare_platform.pki.profile import SigningKey
from govshare_platform.settings import Settings

CA_CERT = "ca.pem"
CA_KEY = "ca.key.pem"
SIGNER_CERT = "platform.pem"
SIGNER_KEY = "platform.key.pem"
FILES = (CA_CERT, CA_KEY, SIGNER_CERT, SIGNER_KEY)


class CAError(RuntimeError):
    """The CA cannot be created or loaded (files missing, wrong passphrase, already exists)."""


@dataclass(frozen=True)
class PlatformCA:
    """The platform CA's key and certificate, and the platform's own signing key and certificate
    (信息化主管部门's signature on the agreements, 第三十条)."""

    ca_cert: x509.Certificate
    ca_key: SigningKey
    signer_cert: x509.Certificate
    signer_key: SigningKey

    @property
    def ca_pem(self) -> str:
        return self.ca_cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def create_ca(
    directory: Path,
    *,
    organization: str,
    passphrase: bytes,
    credit_code: str = "",
    operator: str | None = None,
    key_type: profile.KeyType = "ec-p256",
    now: datetime | None = None,
) -> PlatformCA:
    """Create a root CA and the platform signer in `directory`; refuse if any file exists there."""
    if not passphrase:
        raise CAError("a passphrase is required to encrypt the CA's keys")
    existing = [name for name in FILES if (directory / name).exists()]
    if existing:
        raise CAError(f"{directory} already holds a CA ({', '.join(existing)}); not overwriting")
    now = now or utcnow()
    ca_key = profile.new_key(key_type)
    ca_subject = profile.organization_subject(
        common_name=f"{organization} GovShare CA",
        organization=organization,
        credit_code=credit_code,
    )
    ca_cert = profile.ca_certificate(ca_key, ca_subject, now=now)
    signer_key = profile.new_key(key_type)
    signer_cert = profile.signer_certificate(
        ca_cert=ca_cert,
        ca_key=ca_key,
        public_key=signer_key.public_key(),
        subject=profile.organization_subject(
            common_name=operator or organization, organization=organization, credit_code=credit_code
        ),
        not_before=now,
        validity=profile.PLATFORM_SIGNER_VALIDITY,
    )
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / CA_KEY, _key_pem(ca_key, passphrase), secret=True)
    _write(directory / SIGNER_KEY, _key_pem(signer_key, passphrase), secret=True)
    _write(directory / CA_CERT, ca_cert.public_bytes(serialization.Encoding.PEM))
    _write(directory / SIGNER_CERT, signer_cert.public_bytes(serialization.Encoding.PEM))
    return PlatformCA(ca_cert, ca_key, signer_cert, signer_key)


def export_p12(ca: PlatformCA, path: Path, *, passphrase: bytes) -> None:
    """Write the CA's key and certificate as an encrypted PKCS#12 file (for GOVSHARE_CA_P12)."""
    data = pkcs12.serialize_key_and_certificates(
        b"GovShare CA",
        ca.ca_key,
        ca.ca_cert,
        None,
        serialization.BestAvailableEncryption(passphrase),
    )
    _write(path, data, secret=True)


def load_ca(settings: Settings) -> PlatformCA | None:
    """The CA configured in `settings`, or None when none is (the platform runs without one)."""
    if settings.ca_dir is None:
        if settings.ca_p12 is not None:
            raise CAError("GOVSHARE_CA_P12 needs GOVSHARE_CA_DIR for the platform signer")
        return None
    if settings.ca_passphrase is None:
        raise CAError("the CA is configured but GOVSHARE_CA_PASSPHRASE is not set")
    return load_ca_files(
        settings.ca_dir,
        passphrase=settings.ca_passphrase.get_secret_value().encode(),
        p12=settings.ca_p12,
    )


def load_ca_files(directory: Path, *, passphrase: bytes, p12: Path | None = None) -> PlatformCA:
    """Read the CA from `directory` (its key and certificate from `p12` when given)."""
    if p12 is not None:
        ca_key, ca_cert = _read_p12(p12, passphrase)
    else:
        ca_cert = _read_cert(directory / CA_CERT)
        ca_key = _read_key(directory / CA_KEY, passphrase)
    signer_cert = _read_cert(directory / SIGNER_CERT)
    signer_key = _read_key(directory / SIGNER_KEY, passphrase)
    if signer_cert.issuer != ca_cert.subject:
        raise CAError(f"{directory / SIGNER_CERT} was not issued by the configured CA")
    return PlatformCA(ca_cert, ca_key, signer_cert, signer_key)


def _key_pem(key: SigningKey, passphrase: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )


def _write(path: Path, data: bytes, *, secret: bool = False) -> None:
    """Create `path` (never overwrite); a key file readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if secret else 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _read_cert(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise CAError(f"cannot read the certificate {path}: {exc}") from exc


def _read_key(path: Path, passphrase: bytes) -> SigningKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CAError(f"cannot read the key {path}: {exc}") from exc
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except (ValueError, TypeError) as exc:
        raise CAError(f"cannot read the key {path} (wrong passphrase?): {exc}") from exc
    return _signing_key(key, path)


def _read_p12(path: Path, passphrase: bytes) -> tuple[SigningKey, x509.Certificate]:
    try:
        bundle = pkcs12.load_pkcs12(path.read_bytes(), passphrase)
    except (OSError, ValueError) as exc:
        raise CAError(f"cannot read {path} (wrong passphrase?): {exc}") from exc
    if bundle.key is None or bundle.cert is None:
        raise CAError(f"{path} holds no key and certificate")
    return _signing_key(bundle.key, path), bundle.cert.certificate


def _signing_key(key: object, path: Path) -> SigningKey:
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CAError(f"{path}: only RSA and EC keys are supported")
    return key
