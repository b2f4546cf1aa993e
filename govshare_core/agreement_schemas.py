"""API schemas of the agreements (第三十条) and the signer certificates, shared by both programs.

The PDF itself travels as `application/pdf` bytes, never inside JSON:
- GET  /api/v1/agreements                          → Page of AgreementOut (the caller's parties)
- GET  /api/v1/agreements/{id}                     → AgreementOut (ETag: W/"<revision>")
- GET  /api/v1/agreements/{id}/pdf                 → the current revision (the three parties only)
- POST /api/v1/agreements/{id}/signatures          → upload the signed PDF (body: the PDF,
                                                      If-Match: W/"<revision>" it extends)
- POST /api/v1/agreements/{id}/platform-signature  → the platform admin's turn (platform key)
- POST /api/v1/agreements/{id}/decline             → ReasonIn; the request goes back
- GET/POST /api/v1/agreement-templates             → versioned template (platform admin)
- POST /api/v1/certificates                        → CertificateRequestIn → CertificateOut
- GET  /api/v1/certificates?mine=true              → list of CertificateOut
- POST /api/v1/certificates/{serial}/revoke        → ReasonIn
- GET  /api/v1/pki/ca.pem, /api/v1/pki/crl         → the CA certificate and CRL (no sign-in)
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from govshare_core.agreements import AgreementStatus, SignTurn
from govshare_core.schemas import OutSchema, Schema
from govshare_core.vocab import Role, ShareMode


class SignatureOut(OutSchema):
    """One signature of an agreement, as the platform verified it on upload."""

    turn: SignTurn
    field_name: str
    signer_id: int
    signer_name: str
    department_name: str
    certificate_serial: str
    signed_at: datetime
    revision: int = Field(description="the revision this signature produced (1 = first signed)")
    valid: bool = Field(description="still valid on the latest revision")
    problem: str | None = Field(default=None, description="why not valid, when not")


class AgreementOut(OutSchema):
    id: int
    request_id: int
    entry_name: str
    resource_code: str | None
    consumer_department_id: int
    consumer_department_name: str
    provider_department_id: int
    provider_department_name: str
    data_items: list[str]
    share_mode: ShareMode
    end_date: date
    status: AgreementStatus
    turn: SignTurn | None = Field(description="whose signature it waits for")
    expected_signer_id: int | None = Field(
        default=None, description="the filed resource admin whose turn it is (department turns)"
    )
    expected_signer_name: str | None = None
    template_version: int
    revision: int = Field(description="0 = the draft; +1 per accepted signature")
    sha256: str = Field(description="SHA-256 of the current revision's bytes")
    draft_sha256: str
    due: date | None = Field(default=None, description="signing deadline of the current turn")
    due_provisional: bool = False
    working_days_left: int | None = None
    overdue: bool = False
    declined_reason: str | None = None
    signatures: list[SignatureOut] = []
    actions: list[str] = Field(default=[], description="what the caller may do: sign, decline")
    created_at: datetime
    updated_at: datetime


class AgreementTemplateIn(Schema):
    """A new version of the agreement template; placeholders are `{name}` (see the docs)."""

    title: str = Field(min_length=2, max_length=100)
    body: str = Field(min_length=20, max_length=20000)
    note: str | None = Field(default=None, max_length=500)


class AgreementTemplateOut(OutSchema):
    version: int
    title: str
    body: str
    note: str | None
    created_by: int | None
    created_at: datetime
    current: bool


class CertificateRequestIn(Schema):
    """A PKCS#10 certificate request (PEM) made on the signer's machine, for one role."""

    csr_pem: str = Field(min_length=100, max_length=20000)
    role: Role


class CertificateOut(OutSchema):
    serial: str = Field(description="hexadecimal")
    user_id: int
    department_id: int
    role: Role
    subject: str
    not_before: datetime
    not_after: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None
    certificate_pem: str
    ca_pem: str = Field(description="the issuing CA certificate, to build the chain")
