"""Signer certificates and the CA's public files (第三十条 agreements are signed with them).

A signer asks for a certificate for a role they hold, with a CSR made on their own machine
(the key never reaches the platform). The security admin (安全保密管理员, 三员分立) manages
credentials: sees and may revoke every certificate; others see and revoke their own only.
The CA certificate and the CRL are public: anyone verifies a signed agreement.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from govshare_core.agreement_schemas import CertificateOut, CertificateRequestIn
from govshare_core.agreements import SIGNER_ROLES
from govshare_core.schemas import ReasonIn
from govshare_core.vocab import Role
from govshare_platform.deps import Ctx, IdempotencyKey, ReadCtx, WriteCtx, read_session
from govshare_platform.errors import Problem, not_found
from govshare_platform.idempotency import service as idem
from govshare_platform.pki import service
from govshare_platform.pki.authority import PlatformCA
from govshare_platform.pki.models import SignerCertificate

router = APIRouter(tags=["certificates"])
CRL_PATH = "/pki/crl"
PKIX_CRL = "application/pkix-crl"
PEM_CHAIN = "application/pem-certificate-chain"


def platform_ca(request: Request) -> PlatformCA:
    """The CA loaded at startup; 503 `ca_not_configured` when the platform runs without one."""
    ca: PlatformCA | None = getattr(request.app.state, "ca", None)
    if ca is None:
        raise Problem(
            503, "ca_not_configured", "the platform has no certification authority configured"
        )
    return ca


def crl_url(ctx: Ctx, request: Request) -> str | None:
    """Where certificates say the CRL is: under the platform's public URL, if one is set."""
    base = ctx.settings.public_url
    path = request.app.url_path_for("certificate_revocation_list")
    return f"{base.rstrip('/')}{path}" if base else None


@router.post("/certificates", status_code=201, response_model=CertificateOut)
def request_certificate(
    body: CertificateRequestIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """Certify the caller's key for one signer role they hold (resource admin, platform admin)."""
    ca = platform_ca(request)
    if body.role in SIGNER_ROLES and not ctx.has(body.role):
        raise ctx.deny("you do not hold this role", role=body.role.value)

    def produce() -> CertificateOut:
        record = service.issue(
            ctx.db,
            ca,
            csr_pem=body.csr_pem,
            user=ctx.user,
            role=body.role,
            crl_url=crl_url(ctx, request),
            client_address=ctx.client,
        )
        return service.to_out(record, ca)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/certificates", response_model=list[CertificateOut])
def list_certificates(
    request: Request,
    ctx: ReadCtx,
    mine: bool = Query(True, description="false: everyone's (the security admin only)"),
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=500),
) -> list[CertificateOut]:
    """The caller's certificates, newest first; with mine=false the security admin sees all
    (for anyone else mine=false still lists their own)."""
    ca = platform_ca(request)
    everyone = not mine and ctx.has(Role.SECURITY_ADMIN)
    rows = service.list_certificates(
        ctx.db, user_id=None if everyone else ctx.user.id, offset=offset, limit=limit
    )
    return [service.to_out(r, ca) for r in rows]


@router.post("/certificates/{serial}/revoke", response_model=CertificateOut)
def revoke_certificate(
    serial: str, body: ReasonIn, request: Request, ctx: WriteCtx
) -> CertificateOut:
    """Revoke a certificate (its owner or the security admin); 409 when already revoked."""
    ca = platform_ca(request)
    record = _load_for_revoke(ctx, serial)
    revoked = service.revoke(
        ctx.db, record=record, actor=ctx.user, reason=body.reason, client_address=ctx.client
    )
    ctx.db.commit()
    return service.to_out(revoked, ca)


def _load_for_revoke(ctx: Ctx, serial: str) -> SignerCertificate:
    """The certificate if the caller owns it or is the security admin; 404 (audited) otherwise,
    so its existence is not revealed."""
    record = service.find_by_serial(ctx.db, serial[:64])
    if record is None:
        raise not_found("certificate")
    if record.user_id != ctx.user.id and not ctx.has(Role.SECURITY_ADMIN):
        ctx.deny("not your certificate", serial=record.serial)
        raise not_found("certificate")
    return record


@router.get("/pki/ca.pem", response_class=Response)
def ca_certificate(request: Request) -> Response:
    """The CA certificate (PEM); no sign-in."""
    return Response(platform_ca(request).ca_pem, media_type=PEM_CHAIN)


@router.get(CRL_PATH, response_class=Response)
def certificate_revocation_list(
    request: Request, session: Session = Depends(read_session)
) -> Response:
    """The current CRL (DER, application/pkix-crl), valid for a day; no sign-in."""
    der = service.crl_der(session, platform_ca(request))
    return Response(der, media_type=PKIX_CRL, headers={"Cache-Control": "max-age=300"})
