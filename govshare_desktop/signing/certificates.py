"""The user's certificates as the settings and the setup dialog show them (no Qt).

`adopt_issued` stores a certificate the platform issued while the dialog was closed (a request
queued offline and sent later): the newest unrevoked one for this computer's key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from govshare_core.agreements import CERTIFICATE_RENEWAL_WARNING
from govshare_desktop.signing.keys import PUBLIC_FILE, KeyStore


class CertStatus:
    NONE = "none"
    VALID = "valid"
    RENEW = "renew"  # valid, but within the renewal warning
    EXPIRED = "expired"


@dataclass(frozen=True)
class CertificateSummary:
    subject: str  # "CN，O" as people read it
    serial: str  # hexadecimal, as the platform lists it
    not_after: datetime
    status: str  # a CertStatus value


def summary(cert: x509.Certificate | None, *, now: datetime | None = None) -> CertificateSummary:
    if cert is None:
        return CertificateSummary("", "", datetime.min.replace(tzinfo=UTC), CertStatus.NONE)
    moment = now or datetime.now(UTC)
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        status = CertStatus.EXPIRED
    elif cert.not_valid_after_utc - moment <= CERTIFICATE_RENEWAL_WARNING:
        status = CertStatus.RENEW
    else:
        status = CertStatus.VALID
    parts = [_part(cert, NameOID.COMMON_NAME), _part(cert, NameOID.ORGANIZATION_NAME)]
    subject = "，".join(p for p in parts if p)
    return CertificateSummary(subject, f"{cert.serial_number:x}", cert.not_valid_after_utc, status)


def adopt_issued(store: KeyStore, profile: str, username: str, issued: list[Any]) -> bool:
    """Store the newest unrevoked certificate (CertificateOut dicts) that fits the local key
    and is newer than the one kept; True when one was stored."""
    current = store.certificate(profile, username)
    for item in sorted(issued, key=lambda c: str(c["not_before"]), reverse=True):
        if item.get("revoked_at"):
            continue
        cert = x509.load_pem_x509_certificate(str(item["certificate_pem"]).encode("ascii"))
        if current is not None and cert.serial_number == current.serial_number:
            return False
        if _fits(store, profile, username, cert):
            store.store_certificate(profile, username, item["certificate_pem"], item["ca_pem"])
            return True
    return False


def _fits(store: KeyStore, profile: str, username: str, cert: x509.Certificate) -> bool:
    path = store.folder(profile, username) / PUBLIC_FILE
    if not path.is_file():
        return False
    der = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return der == path.read_bytes()


def _part(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
