"""Where a signature's key lives: a passphrase-protected file (`FileKeySource`) or a UKey
(`tokens.TokenKeySource`). Both give the certificates and open a pyHanko signer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from govshare_desktop.host import signing_dir
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import KeyStore


class KeySource(Protocol):
    """A signing key with its certificate and the issuing CA's."""

    def certificate(self) -> x509.Certificate | None: ...

    def ca_certificate(self) -> x509.Certificate | None: ...

    def open(self, secret: str) -> AbstractContextManager[Signer]:
        """A pyHanko signer for the time of one signature (a UKey session stays open)."""
        ...


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def cert_store(*certs: x509.Certificate | None) -> SimpleCertificateStore:
    return SimpleCertificateStore.from_certs([to_asn1(c) for c in certs if c is not None])


class FileKeySource:
    """The signer's file key in the key store (the secret is the key's passphrase)."""

    def __init__(self, profile: str, username: str, *, store: KeyStore | None = None) -> None:
        self.profile = profile
        self.username = username
        self.store = store or KeyStore(signing_dir())

    def certificate(self) -> x509.Certificate | None:
        return self.store.certificate(self.profile, self.username)

    def ca_certificate(self) -> x509.Certificate | None:
        return self.store.ca_certificate(self.profile, self.username)

    @contextmanager
    def open(self, secret: str) -> Iterator[Signer]:
        cert = self.certificate()
        if cert is None:
            raise SigningError("no_certificate")
        key = self.store.private_key(self.profile, self.username, secret)
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        yield SimpleSigner(
            signing_cert=to_asn1(cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=cert_store(self.ca_certificate()),
        )
