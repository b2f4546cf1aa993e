"""Signer certificates: issue from a CSR, list, revoke, publish the CRL, and check a certificate
found in a signed agreement (第三十条). Every issue and revocation is audited.

The platform decides a certificate's subject from its own records (the CSR proves only that the
requester holds the key). Issuing a new certificate for the same user and role does not revoke
the older one: a renewal overlaps the old certificate until it expires or is revoked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from govshare_core.agreement_schemas import CertificateOut
from govshare_core.agreements import CERTIFICATE_VALIDITY, SIGNER_ROLES, SigningRefusal
from govshare_core.validation import FieldError
from govshare_core.vocab import Role
from govshare_platform.audit import service as audit
from govshare_platform.db import utcnow
from govshare_platform.departments.models import User
from govshare_platform.errors import Problem, conflict, forbidden, invalid
from govshare_platform.pki import profile
from govshare_platform.pki.authority import PlatformCA
from govshare_platform.pki.models import SignerCertificate

OBJECT = "signer_certificate"
_NAMES = {NameOID.ORGANIZATION_IDENTIFIER: "organizationIdentifier"}

_CSR_ERRORS = {
    "csr_not_pem": ("证书请求不是有效的 PEM 格式 PKCS#10", "the request is not a PEM PKCS#10 CSR"),
    "csr_bad_signature": (
        "证书请求的签名无效（请求与密钥不符）",
        "the request's signature does not verify against its key",
    ),
    "csr_weak_key": (
        "密钥不符合要求：需 RSA 2048 位以上，或 EC P-256/P-384",
        "the key is not accepted: RSA of 2048 bits or more, or EC P-256/P-384, is required",
    ),
}


def serial_hex(serial: int) -> str:
    """A serial number as the platform writes it: lowercase hexadecimal."""
    return format(serial, "x")


def rfc4514(name: x509.Name) -> str:
    return name.rfc4514_string(_NAMES)


def _csr_problem(code: str, why: str) -> Problem:
    zh, en = _CSR_ERRORS[code]
    return invalid([FieldError("csr_pem", code, zh, f"{en}: {why}")], "bad certificate request")


def parse_csr(
    csr_pem: str,
) -> tuple[x509.CertificateSigningRequest, rsa.RSAPublicKey | ec.EllipticCurvePublicKey]:
    """The CSR and its public key; 422 (field `csr_pem`) unless PEM, self-signed and strong."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem.strip().encode("ascii"))
        key = csr.public_key()
    except (ValueError, UnicodeEncodeError) as exc:
        raise _csr_problem("csr_not_pem", str(exc)) from exc
    try:
        profile.check_public_key(key)
    except profile.WeakKey as exc:
        raise _csr_problem("csr_weak_key", str(exc)) from exc
    assert isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey)  # check_public_key
    if not csr.is_signature_valid:
        raise _csr_problem("csr_bad_signature", "invalid self-signature")
    return csr, key


def issue(
    session: Session,
    ca: PlatformCA,
    *,
    csr_pem: str,
    user: User,
    role: Role,
    crl_url: str | None = None,
    now: datetime | None = None,
    validity: timedelta = CERTIFICATE_VALIDITY,
    client_address: str | None = None,
) -> SignerCertificate:
    """Certify the CSR's key for `user` acting as `role` (a signer role they hold); audited."""
    if role not in SIGNER_ROLES:
        raise invalid(
            [
                FieldError(
                    "role",
                    "role_not_signer",
                    "该角色不签署协议，无需证书",
                    "this role signs no agreements and gets no certificate",
                )
            ]
        )
    if not user.active or not user.has_role(role):
        raise forbidden("you do not hold this role")
    _csr, key = parse_csr(csr_pem)
    dept = user.department
    subject = profile.signer_subject(
        full_name=user.full_name,
        username=user.username,
        organization=dept.name,
        credit_code=dept.credit_code,
        role=role.value,
    )
    now = now or utcnow()
    cert = profile.signer_certificate(
        ca_cert=ca.ca_cert,
        ca_key=ca.ca_key,
        public_key=key,
        subject=subject,
        not_before=now,
        validity=validity,
        crl_url=crl_url,
    )
    record = SignerCertificate(
        serial=serial_hex(cert.serial_number),
        user_id=user.id,
        department_id=dept.id,
        role=role.value,
        subject=rfc4514(subject),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    )
    session.add(record)
    session.flush()
    audit.append(
        session,
        action="certificate_issue",
        actor_id=user.id,
        actor_name=user.username,
        department_id=dept.id,
        object_type=OBJECT,
        object_id=record.serial,
        details={"role": role.value, "subject": record.subject, "not_after": record.not_after},
        client_address=client_address,
    )
    return record


def find_by_serial(session: Session, serial: str) -> SignerCertificate | None:
    """The certificate with `serial` (hexadecimal, any case, leading zeros ignored)."""
    try:
        value = int(serial, 16)
    except ValueError:
        return None
    if value < 0:
        return None
    return session.scalar(
        select(SignerCertificate).where(SignerCertificate.serial == serial_hex(value))
    )


def is_revoked(session: Session, serial: str, *, at: datetime | None = None) -> bool:
    """Whether the certificate was revoked (by `at`, default: by now)."""
    record = find_by_serial(session, serial)
    if record is None or record.revoked_at is None:
        return False
    return at is None or record.revoked_at <= at


def revoke(
    session: Session,
    *,
    record: SignerCertificate,
    actor: User,
    reason: str,
    now: datetime | None = None,
    client_address: str | None = None,
) -> SignerCertificate:
    """Revoke once: 409 `certificate_already_revoked` otherwise, also when a concurrent
    revocation committed first (the update only matches a row still unrevoked)."""
    now = now or utcnow()
    done = session.execute(
        update(SignerCertificate)
        .where(SignerCertificate.id == record.id, SignerCertificate.revoked_at.is_(None))
        .values(revoked_at=now, revoked_by=actor.id, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict("certificate_already_revoked", "the certificate is already revoked")
    session.refresh(record)
    audit.append(
        session,
        action="certificate_revoke",
        actor_id=actor.id,
        actor_name=actor.username,
        department_id=actor.department_id,
        object_type=OBJECT,
        object_id=record.serial,
        details={"owner_id": record.user_id, "role": record.role, "reason": reason},
        client_address=client_address,
    )
    return record


def list_certificates(
    session: Session, *, user_id: int | None, offset: int = 0, limit: int = 100
) -> list[SignerCertificate]:
    """Certificates of `user_id` (None: everyone's), newest first."""
    query = select(SignerCertificate)
    if user_id is not None:
        query = query.where(SignerCertificate.user_id == user_id)
    query = query.order_by(SignerCertificate.created_at.desc(), SignerCertificate.id.desc())
    return list(session.scalars(query.offset(offset).limit(limit)))


def crl_der(session: Session, ca: PlatformCA, *, now: datetime | None = None) -> bytes:
    """The current CRL (DER), signed by the CA, listing every revoked serial."""
    rows = session.execute(
        select(SignerCertificate.serial, SignerCertificate.revoked_at)
        .where(SignerCertificate.revoked_at.is_not(None))
        .order_by(SignerCertificate.revoked_at)
    ).all()
    revoked = [(int(serial, 16), at) for serial, at in rows if at is not None]
    crl = profile.crl(ca_cert=ca.ca_cert, ca_key=ca.ca_key, revoked=revoked, now=now or utcnow())
    return crl.public_bytes(serialization.Encoding.DER)


def check_signer_certificate(
    session: Session, ca: PlatformCA, cert: x509.Certificate, *, at: datetime
) -> tuple[SignerCertificate | None, SigningRefusal | None]:
    """Whether `cert` may sign at `at`: (its record, None) when it may; (None, refusal) when not:
    CERT_UNTRUSTED (not issued by this CA, or not on record), CERT_REVOKED, CERT_EXPIRED.
    (None, None) is the platform's own signing certificate (`PlatformCA.signer_cert`)."""
    der = cert.public_bytes(serialization.Encoding.DER)
    if der == ca.signer_cert.public_bytes(serialization.Encoding.DER):
        return None, _expiry_refusal(cert.not_valid_before_utc, cert.not_valid_after_utc, at)
    if not _issued_by(cert, ca.ca_cert):
        return None, SigningRefusal.CERT_UNTRUSTED
    record = find_by_serial(session, serial_hex(cert.serial_number))
    if record is None or _der(record.certificate_pem) != der:
        return None, SigningRefusal.CERT_UNTRUSTED
    if record.revoked_at is not None and record.revoked_at <= at:
        return None, SigningRefusal.CERT_REVOKED
    refusal = _expiry_refusal(record.not_before, record.not_after, at)
    return (None, refusal) if refusal else (record, None)


def _expiry_refusal(
    not_before: datetime, not_after: datetime, at: datetime
) -> SigningRefusal | None:
    return None if not_before <= at <= not_after else SigningRefusal.CERT_EXPIRED


def _der(pem: str) -> bytes:
    cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
    return cert.public_bytes(serialization.Encoding.DER)


def _issued_by(cert: x509.Certificate, ca_cert: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def to_out(record: SignerCertificate, ca: PlatformCA) -> CertificateOut:
    return CertificateOut(
        serial=record.serial,
        user_id=record.user_id,
        department_id=record.department_id,
        role=Role(record.role),
        subject=record.subject,
        not_before=record.not_before,
        not_after=record.not_after,
        revoked_at=record.revoked_at,
        revoked_reason=record.revoked_reason,
        certificate_pem=record.certificate_pem,
        ca_pem=ca.ca_pem,
    )
