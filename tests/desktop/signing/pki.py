"""A test CA (cryptography) issuing signer certificates like the platform's, and agreement PDFs
drafted like the platform's (reportlab text + three empty pyHanko signature fields)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from govshare_core.agreements import SIGNATURE_FIELDS, SIGNING_ORDER
from govshare_core.resources import CJK_FONT


@dataclass
class SigningCA:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> str:
        return self.cert.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def issue(
        self,
        csr_pem: str,
        *,
        name: str = "张三",
        department: str = "市数据局",
        days: int = 365,
        start: datetime | None = None,
    ) -> str:
        """Issue a signer certificate for the request's key with a platform-like subject."""
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii"))
        assert csr.is_signature_valid
        begin = start or datetime.now(UTC) - timedelta(minutes=5)
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, department),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "resource_admin"),
            ]
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.cert.subject)
            .public_key(csr.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(begin)
            .not_valid_after(begin + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def make_ca() -> SigningCA:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "GovShare Test CA")])
    now = datetime.now(UTC) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return SigningCA(key, cert)


def draft_pdf() -> bytes:
    """A one-page agreement with the three empty signature fields, like the platform's draft."""
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("WQY", 14)
    page.drawString(72, 780, "三方数据保密协议（测试）")
    page.setFont("WQY", 10)
    page.drawString(72, 750, "依据第三十条，信息使用部门、信息提供部门、信息化主管部门签署本协议。")
    page.showPage()
    page.save()
    writer = IncrementalPdfFileWriter(BytesIO(buffer.getvalue()))
    for n, turn in enumerate(SIGNING_ORDER):
        box = (72 + n * 165, 120, 72 + n * 165 + 155, 200)
        append_signature_field(writer, SigFieldSpec(SIGNATURE_FIELDS[turn], box=box, on_page=0))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
