"""inspect_pdf: what each signature of an agreement PDF says, checked with pyHanko.

Used by the signatures panel and to verify any agreement PDF from disk; it reads the whole
document and validates the certificates, so callers run it off the UI thread. Trust is
checked against the platform CA (`ca_pem`); without it no signature counts as trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from govshare_desktop.signing.errors import SigningError

# problem code → (Chinese, English)
PROBLEMS = {
    "broken": ("签名后文件内容被改动，签名已失效", "The document changed after signing"),
    "invalid": ("签名值无法校验", "The signature value does not verify"),
    "untrusted": (
        "签名证书不是由平台认证机构签发的，或证书已过期",
        "The certificate was not issued by the platform CA, or it expired",
    ),
    "no_ca": ("未取得平台根证书，无法确认证书可信", "No platform CA certificate to check trust"),
    "modified": (
        "签名后文件有签名以外的改动",
        "The document was changed in ways other than later signatures",
    ),
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of the document, as validated on this computer."""

    field_name: str
    signer_name: str  # the certificate's CN
    department: str  # the certificate's O
    signed_at: datetime | None  # the signer's claimed time (signed attribute)
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the certificate chains to the platform CA and is valid
    valid: bool  # intact, the signature verifies, and trusted
    modification: str  # pyHanko's ModificationLevel name of what came after
    problem: str | None = None  # why not, in Chinese
    problem_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.valid and self.problem is None


def inspect_pdf(pdf: bytes, ca_pem: bytes | None) -> list[SignatureCheck]:
    """Every filled signature field of the PDF, in document order."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SigningError("invalid_pdf", str(exc)) from exc
    context = _context(ca_pem)
    return [
        _check(sig.field_name, validate_pdf_signature(sig, context), ca_pem) for sig in signatures
    ]


def _context(ca_pem: bytes | None) -> ValidationContext:
    roots = []
    if ca_pem:
        for _kind, _headers, der in asn1_pem.unarmor(ca_pem, multiple=True):
            roots.append(asn1_x509.Certificate.load(der))
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _check(field_name: str, status: PdfSignatureStatus, ca_pem: bytes | None) -> SignatureCheck:
    subject = status.signing_cert.subject.native
    level = status.modification_level
    code = _problem(status, level, ca_pem)
    return SignatureCheck(
        field_name=field_name,
        signer_name=str(subject.get("common_name", "")),
        department=str(subject.get("organization_name", "")),
        signed_at=status.signer_reported_dt,
        intact=status.intact,
        trusted=status.trusted,
        valid=status.intact and status.valid and status.trusted,
        modification=level.name if level is not None else "OTHER",
        problem=PROBLEMS[code][0] if code else None,
        problem_code=code,
    )


def _problem(
    status: PdfSignatureStatus, level: ModificationLevel | None, ca_pem: bytes | None
) -> str | None:
    if not status.intact:
        return "broken"
    if not status.valid:
        return "invalid"
    if not status.trusted:
        return "untrusted" if ca_pem else "no_ca"
    if level is None or level > ModificationLevel.FORM_FILLING:
        return "modified"
    return None
