"""The CA as pyHanko sees it: trust roots to validate with, the platform's own signer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    NO_REVOCATION,
    REQUIRE_REVINFO,
    CertRevTrustPolicy,
)
from pyhanko_certvalidator.registry import SimpleCertificateStore

from govshare_platform.pki.authority import PlatformCA


def as_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    """A cryptography certificate as the asn1crypto object pyHanko works with."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def from_asn1(cert: asn1_x509.Certificate) -> x509.Certificate:
    """A pyHanko (asn1crypto) certificate, e.g. `EmbeddedPdfSignature.signer_cert`, as the
    cryptography object `service.check_signer_certificate` takes."""
    return x509.load_der_x509_certificate(cert.dump())


def trust_roots(ca: PlatformCA) -> list[asn1_x509.Certificate]:
    """The roots a validator of the agreements' signatures trusts: the platform CA."""
    return [as_asn1(ca.ca_cert)]


def validation_context(
    ca: PlatformCA, *, crls: Iterable[bytes] = (), moment: datetime | None = None
) -> ValidationContext:
    """A context trusting the CA only, no fetching. With CRLs (`service.crl_der`) every signer
    certificate must be covered by one, whether or not it names a CRL distribution point (the
    default policy checks only certificates that declare one); without, none is checked."""
    crl_list = list(crls)
    policy = REQUIRE_REVINFO if crl_list else NO_REVOCATION
    return ValidationContext(
        trust_roots=trust_roots(ca),
        crls=crl_list,
        allow_fetching=False,
        revinfo_policy=CertRevTrustPolicy(policy),
        moment=moment,
    )


def platform_signer(ca: PlatformCA) -> SimpleSigner:
    """The platform's own signer (信息化主管部门's turn, 第三十条), its chain up to the CA."""
    key_der = ca.signer_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SimpleSigner(
        signing_cert=as_asn1(ca.signer_cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([as_asn1(ca.ca_cert)]),
    )
