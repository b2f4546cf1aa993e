"""What the platform CA's certificates and CRL contain (the X.509 profile), without any storage.

Keys: the CA and the platform signer use EC P-256 by default (RSA 3072 on request). Both are the
128-bit security level; P-256 ECDSA with SHA-256 is verified by pyHanko, by NSS (poppler's
`pdfsig`, Firefox, Thunderbird) and by Adobe Acrobat/Reader, and its keys are made in
microseconds, where RSA 3072 takes about half a second. Signers may bring RSA ≥ 2048 or EC
P-256/P-384 keys (a UKey often holds RSA 2048).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
KeyType = Literal["ec-p256", "rsa-3072"]
KEY_TYPES: tuple[KeyType, ...] = ("ec-p256", "rsa-3072")

CA_VALIDITY = timedelta(days=3650)
PLATFORM_SIGNER_VALIDITY = timedelta(days=365)
CRL_VALIDITY = timedelta(days=1)
BACKDATE = timedelta(minutes=5)
"""Certificates start a little in the past: clocks of signers' machines drift."""

MIN_RSA_BITS = 2048
EC_CURVES = ("secp256r1", "secp384r1")

# Extended key usages for signing documents. NSS (pdfsig) verifies a PDF signer as an e-mail
# signer, so when EKU is present it must list emailProtection; Adobe accepts emailProtection or
# its own Authentic Documents OID; RFC 9336 names id-kp-documentSigning for exactly this use.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
ADOBE_AUTHENTIC_DOCUMENTS = ObjectIdentifier("1.2.840.113583.1.1.5")
SIGNER_EKU = (ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING, ADOBE_AUTHENTIC_DOCUMENTS)


class WeakKey(ValueError):
    """A public key the platform does not certify (type or size)."""


def new_key(key_type: KeyType = "ec-p256") -> SigningKey:
    if key_type == "rsa-3072":
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return ec.generate_private_key(ec.SECP256R1())


def check_public_key(key: object) -> None:
    """Raise WeakKey unless `key` is RSA ≥ 2048 bits or EC on P-256/P-384."""
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise WeakKey(f"RSA key of {key.key_size} bits; at least {MIN_RSA_BITS} are required")
        return
    if isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.name not in EC_CURVES:
            raise WeakKey(f"EC curve {key.curve.name}; P-256 or P-384 is required")
        return
    raise WeakKey(f"{type(key).__name__} keys are not accepted; use RSA or EC")


def _name(*parts: tuple[ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


def signer_subject(
    *, full_name: str, username: str, organization: str, credit_code: str, role: str
) -> x509.Name:
    """The subject of a person's signer certificate (`govshare_core.agreements.SUBJECT_FIELDS`)."""
    return _name(
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.ORGANIZATION_IDENTIFIER, credit_code),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, role),
        (NameOID.COMMON_NAME, full_name),
        (NameOID.USER_ID, username),
    )


def organization_subject(*, common_name: str, organization: str, credit_code: str) -> x509.Name:
    """The subject of the CA or the platform signer: an organisation, no person."""
    return _name(
        (NameOID.ORGANIZATION_NAME, organization),
        (NameOID.ORGANIZATION_IDENTIFIER, credit_code),
        (NameOID.COMMON_NAME, common_name),
    )


def ca_certificate(key: SigningKey, subject: x509.Name, *, now: datetime) -> x509.Certificate:
    """A self-signed root: CA, path length 0, may sign certificates and CRLs only."""
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def signer_certificate(
    *,
    ca_cert: x509.Certificate,
    ca_key: SigningKey,
    public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey,
    subject: x509.Name,
    not_before: datetime,
    validity: timedelta,
    crl_url: str | None = None,
) -> x509.Certificate:
    """An end-entity certificate for signing documents, issued by the CA."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before - BACKDATE)
        .not_valid_after(not_before + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage(list(SIGNER_EKU)), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(_authority_key_id(ca_cert), critical=False)
    )
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return builder.sign(ca_key, hashes.SHA256())


def crl(
    *,
    ca_cert: x509.Certificate,
    ca_key: SigningKey,
    revoked: list[tuple[int, datetime]],
    now: datetime,
) -> x509.CertificateRevocationList:
    """A CRL of (serial, revocation time) valid for `CRL_VALIDITY`; its number is the time."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - BACKDATE)
        .next_update(now + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(_authority_key_id(ca_cert), critical=False)
    )
    for serial, at in revoked:
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(at)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(ca_key, hashes.SHA256())


def _authority_key_id(ca_cert: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
