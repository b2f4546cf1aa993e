"""sign_agreement: add this party's PAdES signature to an agreement PDF (第三十条).

The platform drafts the agreement with three empty signature fields (SIGNATURE_FIELDS); each
signer fills theirs in turn with an incremental update, so the earlier signatures stay intact.
The visible stamp shows who signed, for which department and when (`stamp_text`), in Chinese.
The CA certificate goes into the signature's certificate set so validators build the chain.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner

from govshare_core import clock
from govshare_core.agreements import stamp_text
from govshare_core.stamp import STAMP_PARAM, stamp_style
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.sources import FileKeySource, KeySource
from govshare_desktop.signing.tokens import TokenKeySource

__all__ = ["FileKeySource", "KeySource", "TokenKeySource", "sign_agreement", "subject_part"]


def sign_agreement(
    pdf: bytes,
    *,
    field_name: str,
    source: KeySource,
    secret: str,
    stamp: str = "",
) -> bytes:
    """The PDF with this party's signature in `field_name` (an incremental update).

    `secret` is the key's passphrase or the UKey's PIN; `stamp` overrides the stamp text
    (default: `stamp_text` from the certificate's CN and O, at the platform's current time,
    govshare_core.clock). Raises SigningError (see errors.py for the codes)."""
    cert = _usable_certificate(source)
    _check_field(pdf, field_name)
    text = stamp or stamp_text(
        name=subject_part(cert, NameOID.COMMON_NAME),
        department=subject_part(cert, NameOID.ORGANIZATION_NAME),
        signed_at=clock.platform_time(),
    )
    meta = PdfSignatureMetadata(
        field_name=field_name, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    style = stamp_style(text, cache_dir=signing_dir() / "fonts")
    with source.open(secret) as signer:
        pdf_signer = PdfSigner(meta, signer, stamp_style=style)
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = pdf_signer.sign_pdf(
            writer, existing_fields_only=True, appearance_text_params={STAMP_PARAM: text}
        )
    return bytes(out.getvalue())


def subject_part(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _usable_certificate(source: KeySource) -> x509.Certificate:
    cert = source.certificate()
    if cert is None:
        raise SigningError("no_certificate")
    now = datetime.now(UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SigningError("certificate_expired")
    return cert


def _check_field(pdf: bytes, field_name: str) -> None:
    """The field must exist, empty (the platform drafted it; no one signed it yet)."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        fields = {name: value for name, value, _ref in enumerate_sig_fields(reader)}
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SigningError("invalid_pdf", str(exc)) from exc
    if field_name not in fields:
        raise SigningError("field_missing", field_name)
    if fields[field_name] is not None:
        raise SigningError("field_already_signed", field_name)
