"""Checking and recording a turn's signature (第三十条): the upload of a department or platform
admin, or the platform's own signature made here with the platform key."""

from __future__ import annotations

import io
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from sqlalchemy.orm import Session

from govshare_core import clock
from govshare_core.agreements import (
    SIGNATURE_FIELDS,
    TURN_ROLE,
    SigningRefusal,
    SignTurn,
    stamp_text,
)
from govshare_core.stamp import STAMP_PARAM, stamp_style
from govshare_platform.agreements import service
from govshare_platform.agreements.models import Agreement
from govshare_platform.agreements.verify import Expectation, Verified, verify_upload
from govshare_platform.db import utcnow
from govshare_platform.pki.authority import PlatformCA
from govshare_platform.pki.models import SignerCertificate
from govshare_platform.pki.service import check_signer_certificate, serial_hex
from govshare_platform.pki.signing import platform_signer, trust_roots


def _expectation(
    session: Session,
    ca: PlatformCA,
    agreement: Agreement,
    turn: SignTurn,
    *,
    signer_id: int | None,
) -> Expectation[SignerCertificate]:
    """What this turn's signature must be: by `signer_id`'s certificate for the turn's role and
    department; `signer_id` None: the platform's own signing certificate."""
    at = utcnow()
    department = service.turn_department(agreement, turn)

    def check(
        cert: asn1_x509.Certificate,
    ) -> tuple[SignerCertificate | None, SigningRefusal | None]:
        return check_signer_certificate(
            session, ca, x509.load_der_x509_certificate(cert.dump()), at=at
        )

    def is_signer(record: SignerCertificate | None) -> bool:
        if record is None:  # the platform's own certificate signs the platform's turn only
            return signer_id is None and turn is SignTurn.PLATFORM
        return (
            record.user_id == signer_id
            and record.role == TURN_ROLE[turn]
            and (department is None or record.department_id == department)
        )

    return Expectation(turn, trust_roots(ca), check, is_signer)


def verify_turn(
    session: Session,
    ca: PlatformCA,
    agreement: Agreement,
    turn: SignTurn,
    upload: bytes,
    *,
    signer_id: int | None,
) -> Verified[SignerCertificate]:
    """Verify `upload` as `turn`'s signature on the current revision (raises `Refused`)."""
    return verify_upload(
        upload,
        current=agreement.pdf,
        archived=service.archived_revisions(session, agreement),
        expect=_expectation(session, ca, agreement, turn, signer_id=signer_id),
    )


def certificate_serial(verified: Verified[SignerCertificate]) -> str:
    return serial_hex(int(verified.certificate.serial_number))


def sign_as_platform(ca: PlatformCA, pdf: bytes, *, department: str, signed_at: datetime) -> bytes:
    """The platform's signature in its field, with a visible stamp (信息化主管部门, 第三十条)."""
    common_name = ca.signer_cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    name = str(common_name[0].value) if common_name else department
    text = stamp_text(name=name, department=department, signed_at=clock.platform_time(signed_at))
    meta = PdfSignatureMetadata(
        field_name=SIGNATURE_FIELDS[SignTurn.PLATFORM],
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    signer = PdfSigner(meta, platform_signer(ca), stamp_style=stamp_style(text))
    out = signer.sign_pdf(
        writer, existing_fields_only=True, appearance_text_params={STAMP_PARAM: text}
    )
    return out.getvalue()
