"""The demo's agreements signed for real (第三十条): each demo resource admin gets a key made
here and a certificate from the platform (POST /certificates), signs the current revision with
pyHanko and a visible stamp, and uploads it; the platform admin has the platform sign last.

The keys live only in this process: on the desktop, users make their own.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from govshare_core import clock
from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn, stamp_text
from govshare_core.stamp import STAMP_PARAM, stamp_style
from govshare_core.vocab import Role
from govshare_platform.demo.data import DEPARTMENT_BY_KEY, account

Call = Callable[..., object]
TURN_STEPS = {
    "sign_consumer": SignTurn.CONSUMER,
    "sign_provider": SignTurn.PROVIDER,
    "sign_platform": SignTurn.PLATFORM,
}


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass
class _Key:
    signer: SimpleSigner
    name: str
    department: str


@dataclass
class DemoSigners:
    """One key and certificate per demo resource admin, made on first use.

    `json(who, method, path, body)` and `raw(who, method, path, data, headers)` are the demo
    API client's calls (as `who`)."""

    json: Call
    raw: Call
    _keys: dict[str, _Key] = field(default_factory=dict)

    def _key(self, dept: str) -> tuple[str, _Key]:
        acc = account(dept, Role.RESOURCE_ADMIN)
        if acc.username not in self._keys:
            key = ec.generate_private_key(ec.SECP256R1())
            csr = (
                x509.CertificateSigningRequestBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, acc.username)]))
                .sign(key, hashes.SHA256())
            )
            body = {
                "csr_pem": csr.public_bytes(serialization.Encoding.PEM).decode(),
                "role": Role.RESOURCE_ADMIN.value,
            }
            out: dict = self.json(acc.username, "POST", "/certificates", body)  # type: ignore[assignment]
            cert = x509.load_pem_x509_certificate(out["certificate_pem"].encode())
            ca = x509.load_pem_x509_certificate(out["ca_pem"].encode())
            der = key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            signer = SimpleSigner(
                signing_cert=_asn1(cert),
                signing_key=asn1_keys.PrivateKeyInfo.load(der),
                cert_registry=SimpleCertificateStore.from_certs([_asn1(ca)]),
            )
            self._keys[acc.username] = _Key(signer, acc.full_name, DEPARTMENT_BY_KEY[dept].name)
        return acc.username, self._keys[acc.username]

    def sign(self, request_id: int, turn: SignTurn, dept: str, platform_admin: str) -> None:
        """Sign `turn` of the request's open agreement (`dept`: the department signing)."""
        who = (
            platform_admin
            if turn is SignTurn.PLATFORM
            else account(dept, Role.RESOURCE_ADMIN).username
        )
        page: dict = self.json(who, "GET", f"/agreements?request_id={request_id}")  # type: ignore[assignment]
        agreement = next(a for a in page["items"] if a["turn"] == turn.value)
        path = f"/agreements/{agreement['id']}"
        if turn is SignTurn.PLATFORM:
            self.json(who, "POST", f"{path}/platform-signature")
            return
        username, key = self._key(dept)
        current: bytes = self.raw(username, "GET", f"{path}/pdf")  # type: ignore[assignment]
        text = stamp_text(name=key.name, department=key.department, signed_at=clock.platform_time())
        meta = PdfSignatureMetadata(
            field_name=SIGNATURE_FIELDS[turn],
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(current), strict=False)
        signed = PdfSigner(meta, key.signer, stamp_style=stamp_style(text)).sign_pdf(
            writer, existing_fields_only=True, appearance_text_params={STAMP_PARAM: text}
        )
        headers = {
            "Content-Type": "application/pdf",
            "If-Match": f'W/"{agreement["revision"]}"',
        }
        self.raw(username, "POST", f"{path}/signatures", signed.getvalue(), headers)
