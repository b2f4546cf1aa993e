"""Certificate requests made the way a signer's machine makes them (a key and a CSR)."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from govshare_core.vocab import Role
from tests.platform.conftest import World

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def make_csr(
    key: PrivateKey | None = None, *, cn: str = "whoever I claim to be"
) -> tuple[PrivateKey, str]:
    """A key (EC P-256 unless given) and its CSR in PEM; the subject is the requester's claim."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
        .sign(key, hashes.SHA256())
    )
    return key, csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def request_certificate(
    world: World, dept: str, role: Role, *, for_role: Role | None = None, csr_pem: str | None = None
) -> Any:
    """POST /certificates as the (dept, role) user, for `for_role` (default: their own role)."""
    body = {"csr_pem": csr_pem or make_csr()[1], "role": (for_role or role).value}
    return world.client.post("/api/v1/certificates", json=body, headers=world.h(dept, role))


def certificate_of(response: Any) -> x509.Certificate:
    return x509.load_pem_x509_certificate(response.json()["certificate_pem"].encode())
