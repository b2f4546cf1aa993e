"""Keys on a PKCS#11 token (UKey, 硬件密钥), through python-pkcs11 and pyHanko.

The key pair is generated ON the token (EC P-256) and never leaves it; the certificate
request is signed by the token (asn1crypto builds the CertificationRequestInfo, the token
signs it). The SHA-256 digest is computed here and the token only does raw ECDSA (CKM_ECDSA):
SoftHSM and many UKeys lack the combined CKM_ECDSA_SHA256. The issued certificate is kept in
the key store beside the token's description (keys.py), not imported onto the token.

A missing module, an absent or removed token → SigningError("token_missing"); a wrong PIN →
SigningError("wrong_pin").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pkcs11
from asn1crypto import csr as asn1_csr
from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
from pkcs11 import exceptions as p11
from pkcs11.util.ec import (
    encode_ec_public_key,
    encode_ecdsa_signature,
    encode_named_curve_parameters,
)
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.signers import Signer

from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.sources import to_asn1

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")

_MISSING = (
    p11.TokenNotPresent,
    p11.TokenNotRecognised,
    p11.DeviceRemoved,
    p11.DeviceError,
    p11.SessionHandleInvalid,
    p11.SessionClosed,
    p11.NoSuchToken,
    p11.SlotIDInvalid,
)
_BAD_PIN = (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange, p11.PinLocked, p11.PinExpired)


def default_module() -> str:
    """SoftHSM2's module where installed (Linux), else "" (the user picks the vendor's)."""
    return str(SOFTHSM_MODULE) if SOFTHSM_MODULE.is_file() else ""


def _lib(module_path: str) -> Any:
    if not module_path or not Path(module_path).is_file():
        raise SigningError("token_missing", module_path or "-")
    try:
        return pkcs11.lib(module_path)
    except (RuntimeError, OSError, p11.PKCS11Error) as exc:
        raise SigningError("token_missing", str(exc) or type(exc).__name__) from exc


def list_tokens(module_path: str) -> list[str]:
    """Labels of the tokens present in the module's slots."""
    try:
        return [token.label for token in _lib(module_path).get_tokens()]
    except _MISSING as exc:
        raise SigningError("token_missing", type(exc).__name__) from exc


@contextmanager
def token_session(module_path: str, token_label: str, pin: str) -> Iterator[Any]:
    """A logged-in read-write session, with PKCS#11 failures turned into SigningError."""
    lib = _lib(module_path)
    try:
        token = lib.get_token(token_label=token_label)
        with token.open(user_pin=pin, rw=True) as session:
            yield session
    except SigningError:
        raise
    except _BAD_PIN as exc:
        raise SigningError("wrong_pin") from exc
    except (*_MISSING, p11.MultipleTokensReturned) as exc:
        raise SigningError("token_missing", token_label) from exc
    except p11.PKCS11Error as exc:
        raise SigningError("token_error", type(exc).__name__) from exc


def generate_token_key(module_path: str, token_label: str, pin: str, key_label: str) -> bytes:
    """Make an EC P-256 key pair on the token; the public key's SubjectPublicKeyInfo (DER)."""
    with token_session(module_path, token_label, pin) as session:
        params = session.create_domain_parameters(
            KeyType.EC,
            {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        public, _private = params.generate_keypair(store=True, label=key_label)
        return bytes(encode_ec_public_key(public))


def token_csr_pem(
    module_path: str, token_label: str, pin: str, key_label: str, *, common_name: str
) -> str:
    """A PKCS#10 request for the token's key, signed on the token."""
    with token_session(module_path, token_label, pin) as session:
        public = session.get_key(ObjectClass.PUBLIC_KEY, KeyType.EC, label=key_label)
        private = session.get_key(ObjectClass.PRIVATE_KEY, KeyType.EC, label=key_label)
        info = asn1_csr.CertificationRequestInfo(
            {
                "version": "v1",
                "subject": asn1_x509.Name.build({"common_name": common_name}),
                "subject_pk_info": asn1_keys.PublicKeyInfo.load(encode_ec_public_key(public)),
                "attributes": [],
            }
        )
        digest = hashlib.sha256(info.dump()).digest()
        raw = private.sign(digest, mechanism=Mechanism.ECDSA)  # hash here: see the docstring
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": encode_ecdsa_signature(raw),
        }
    )
    return pem.armor("CERTIFICATE REQUEST", request.dump()).decode("ascii")


class TokenKeySource:
    """A key on a UKey (the secret is the token's user PIN). The certificate comes from the
    key store (`certificate=`) or, with `cert_label`, from the token itself."""

    def __init__(
        self,
        module_path: str,
        token_label: str,
        key_label: str,
        cert_label: str | None = None,
        *,
        certificate: x509.Certificate | None = None,
        ca_certificate: x509.Certificate | None = None,
    ) -> None:
        self.module_path = module_path
        self.token_label = token_label
        self.key_label = key_label
        self.cert_label = cert_label
        self._certificate = certificate
        self._ca = ca_certificate

    def certificate(self) -> x509.Certificate | None:
        return self._certificate

    def ca_certificate(self) -> x509.Certificate | None:
        return self._ca

    @contextmanager
    def open(self, secret: str) -> Iterator[Signer]:
        _lib(self.module_path)  # a clear token_missing before pyHanko's own errors
        criteria = TokenCriteria(label=self.token_label)
        try:
            session = open_pkcs11_session(
                self.module_path, token_criteria=criteria, user_pin=secret
            )
        except _BAD_PIN as exc:
            raise SigningError("wrong_pin") from exc
        except (p11.PKCS11Error, RuntimeError, OSError) as exc:
            raise SigningError("token_missing", self.token_label) from exc
        try:
            yield PKCS11Signer(
                session,
                key_label=self.key_label,
                cert_label=self.cert_label if self._certificate is None else None,
                signing_cert=to_asn1(self._certificate) if self._certificate else None,
                ca_chain=[to_asn1(self._ca)] if self._ca else None,
                use_raw_mechanism=True,
            )
        except _MISSING as exc:  # removed while signing
            raise SigningError("token_missing", type(exc).__name__) from exc
        except _BAD_PIN as exc:
            raise SigningError("wrong_pin") from exc
        finally:
            try:
                session.close()
            except p11.PKCS11Error:
                pass


def remember_token(
    store: KeyStore,
    profile: str,
    username: str,
    *,
    module_path: str,
    token_label: str,
    key_label: str,
    public_der: bytes,
) -> None:
    """Record that the user's key is `key_label` on this UKey (its certificate is stored with
    `store.store_certificate` once issued)."""
    info = {"module_path": module_path, "token_label": token_label, "key_label": key_label}
    store.set_token_info(profile, username, info, public_der)


def stored_token_source(store: KeyStore, profile: str, username: str) -> TokenKeySource | None:
    """The user's UKey key as a key source, with the certificate kept in the store."""
    info = store.token_info(profile, username)
    if info is None:
        return None
    return TokenKeySource(
        info["module_path"],
        info["token_label"],
        info["key_label"],
        certificate=store.certificate(profile, username),
        ca_certificate=store.ca_certificate(profile, username),
    )
