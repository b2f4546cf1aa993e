"""Verifying a signed upload of an agreement (第三十条) before anything is stored.

The upload must be the current revision, byte for byte, followed by one incremental update that
fills this turn's signature field and changes nothing else (pyHanko's difference analysis); the
new signature must validate and chain to the configured trust roots; its certificate must be one
the platform issued, valid and unrevoked, to the person expected to sign this turn; and every
earlier signature must still validate. Each failure has its `SigningRefusal` code.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    ModificationLevel,
    SuspiciousModification,
)
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from govshare_core.agreements import SIGNATURE_FIELDS, SigningRefusal, SignTurn

log = logging.getLogger("govshare.platform.agreements")
R = TypeVar("R")
ALLOWED_CHANGES = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


class Refused(Exception):
    """The upload is refused; nothing was stored."""

    def __init__(self, refusal: SigningRefusal, detail: str | None = None) -> None:
        super().__init__(detail or refusal.label_en)
        self.refusal = refusal
        self.detail = detail or refusal.label_en


@dataclass(frozen=True)
class Verified(Generic[R]):
    """An accepted signature: its field, certificate (and the platform's record of it)."""

    field_name: str
    certificate: asn1_x509.Certificate
    record: R | None
    reported_at: datetime | None


@dataclass(frozen=True)
class Expectation(Generic[R]):
    """What this turn expects of the new signature, and how to judge its certificate.

    `check_certificate` answers the platform's record of a certificate or why it is refused
    (issuer, validity at signing, revocation; no record and no refusal: the platform's own
    signing certificate); `is_signer` whether that record is the one expected to sign `turn`."""

    turn: SignTurn
    trust_roots: Sequence[asn1_x509.Certificate]
    check_certificate: Callable[[asn1_x509.Certificate], tuple[R | None, SigningRefusal | None]]
    is_signer: Callable[[R | None], bool]


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # untrusted input: any parse failure means "not a PDF"
        raise Refused(SigningRefusal.NOT_A_PDF, f"cannot read the PDF: {exc}") from exc


def check_extends(upload: bytes, *, current: bytes, archived: Sequence[bytes]) -> None:
    """The upload must start with the current revision (an incremental update of it)."""
    if len(upload) > len(current) and upload.startswith(current):
        return
    if upload == current:
        raise Refused(SigningRefusal.NO_NEW_SIGNATURE, "the upload is the current revision")
    if any(upload.startswith(old) for old in archived):
        raise Refused(SigningRefusal.STALE_REVISION)
    raise Refused(
        SigningRefusal.MODIFIED, "the upload does not start with the current revision's bytes"
    )


def _context(roots: Sequence[asn1_x509.Certificate]) -> ValidationContext:
    # revocation is the platform's own record (check_certificate); nothing is fetched
    return ValidationContext(
        trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail"
    )


def _validate(
    sig: EmbeddedPdfSignature, roots: Sequence[asn1_x509.Certificate]
) -> PdfSignatureStatus | None:
    try:
        return validate_pdf_signature(sig, _context(roots), skip_diff=True)
    except (SignatureValidationError, ValueError, KeyError) as exc:
        log.info("signature %s does not validate: %s", sig.field_name, exc)
        return None


def _signatures(reader: PdfFileReader) -> list[EmbeddedPdfSignature]:
    try:
        return list(reader.embedded_signatures)
    except Exception as exc:  # a malformed signature dictionary
        raise Refused(SigningRefusal.NOT_A_PDF, f"cannot read the signatures: {exc}") from exc


def _new_signature(
    sigs: list[EmbeddedPdfSignature], base: int, turn: SignTurn
) -> EmbeddedPdfSignature:
    new = [s for s in sigs if s.signed_revision > base]
    if not new:
        raise Refused(SigningRefusal.NO_NEW_SIGNATURE)
    if len(new) > 1:
        raise Refused(SigningRefusal.MODIFIED, "the upload adds more than one signature")
    if new[0].field_name != SIGNATURE_FIELDS[turn]:
        raise Refused(
            SigningRefusal.WRONG_FIELD,
            f"signed {new[0].field_name!r}; this turn signs {SIGNATURE_FIELDS[turn]!r}",
        )
    return new[0]


def _check_changes(reader: PdfFileReader, base: int) -> None:
    """Nothing but filling the signature field since the current revision (difference analysis)."""
    try:
        result = DEFAULT_DIFF_POLICY.review_file(reader, base)
    except Exception as exc:  # a document pyHanko cannot compare is not accepted
        raise Refused(SigningRefusal.MODIFIED, f"cannot compare the revisions: {exc}") from exc
    if isinstance(result, SuspiciousModification):
        raise Refused(SigningRefusal.MODIFIED, str(result))
    if result.modification_level not in ALLOWED_CHANGES:
        raise Refused(
            SigningRefusal.MODIFIED, f"modification level {result.modification_level.name}"
        )


def _check_certificate(status: PdfSignatureStatus, expect: Expectation[R]) -> R | None:
    record, refusal = expect.check_certificate(status.signing_cert)
    if refusal is not None:
        raise Refused(refusal)
    if not status.trusted:
        raise Refused(SigningRefusal.CERT_UNTRUSTED)
    if not expect.is_signer(record):
        raise Refused(SigningRefusal.WRONG_SIGNER)
    return record


def verify_upload(
    upload: bytes, *, current: bytes, archived: Sequence[bytes], expect: Expectation[R]
) -> Verified[R]:
    """Check `upload` as this turn's signature on `current`; raises Refused, or returns what
    was verified. `archived`: the earlier revisions' bytes (to tell a stale upload)."""
    if not upload.startswith(b"%PDF-"):
        raise Refused(SigningRefusal.NOT_A_PDF)
    check_extends(upload, current=current, archived=archived)
    base = _reader(current).xrefs.total_revisions - 1
    reader = _reader(upload)
    if reader.xrefs.total_revisions <= base + 1:
        raise Refused(SigningRefusal.NO_NEW_SIGNATURE)
    sigs = _signatures(reader)
    new = _new_signature(sigs, base, expect.turn)
    status = _validate(new, expect.trust_roots)
    if status is None or not (status.intact and status.valid):
        raise Refused(SigningRefusal.SIGNATURE_INVALID)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise Refused(SigningRefusal.MODIFIED, "the file was changed after it was signed")
    record = _check_certificate(status, expect)
    _check_changes(reader, base)
    for earlier in sigs:
        if earlier is new:
            continue
        checked = _validate(earlier, expect.trust_roots)
        if checked is None or not (checked.intact and checked.valid):
            raise Refused(
                SigningRefusal.EARLIER_BROKEN, f"{earlier.field_name} no longer validates"
            )
    return Verified(new.field_name, status.signing_cert, record, status.signer_reported_dt)
