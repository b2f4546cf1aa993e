"""Agreement endpoints (三方数据保密协议, 第三十条): list, detail, the PDF, signing in turn,
the platform's signature, declining. The PDF travels as application/pdf, never in JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm.exc import StaleDataError

from govshare_core.agreement_schemas import AgreementOut
from govshare_core.agreements import AgreementStatus, SigningRefusal, SignTurn
from govshare_core.schemas import Page, ReasonIn
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.agreements import access, service, signing, views
from govshare_platform.agreements.access import problem, refused
from govshare_platform.agreements.drafting import platform_department
from govshare_platform.agreements.models import Agreement, AgreementRevision
from govshare_platform.agreements.verify import Refused
from govshare_platform.db import utcnow
from govshare_platform.deps import Ctx, IfMatch, ReadCtx, WriteCtx
from govshare_platform.errors import Problem, not_found
from govshare_platform.pki.api import platform_ca
from govshare_platform.pki.authority import PlatformCA
from govshare_platform.policy.service import deadlines

router = APIRouter(tags=["agreements"])
MAX_PDF_BYTES = 20 * 1024 * 1024
PDF = "application/pdf"
OBJECT = "agreement"


def revision_tag(agreement: Agreement) -> str:
    return f'W/"{agreement.revision}"'


def _out(ctx: Ctx, agreement: Agreement, response: Response | None = None) -> AgreementOut:
    if response is not None:
        response.headers["ETag"] = revision_tag(agreement)
    request = service.request_of(ctx.db, agreement)
    return views.to_out(
        ctx.db, agreement, request, deadlines(ctx.db, clock.today()), actor=ctx.actor
    )


async def pdf_body(request: Request) -> bytes:
    """The uploaded PDF: application/pdf, at most MAX_PDF_BYTES (413 beyond, read no further)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != PDF:
        raise Problem(415, "unsupported_media_type", "send the signed PDF as application/pdf")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_PDF_BYTES:
        raise Problem(413, "payload_too_large", f"the PDF exceeds {MAX_PDF_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_PDF_BYTES:
            raise Problem(413, "payload_too_large", f"the PDF exceeds {MAX_PDF_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


PdfBody = Annotated[bytes, Depends(pdf_body)]
CA = Annotated[PlatformCA, Depends(platform_ca)]


@router.get("/agreements", response_model=Page)
def list_agreements(
    ctx: ReadCtx,
    status: AgreementStatus | None = None,
    request_id: int | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
) -> Page:
    """Agreements of the caller's department as consumer or provider (the platform admin: all),
    newest first."""
    rows, total = views.list_agreements(
        ctx.db,
        department_id=ctx.department_id,
        platform_admin=ctx.has(Role.PLATFORM_ADMIN),
        status=status,
        request_id=request_id,
        offset=offset,
        limit=limit,
    )
    clock_ = deadlines(ctx.db, clock.today())
    items = [views.to_out(ctx.db, a, r, clock_, actor=ctx.actor) for a, r in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/agreements/{agreement_id}", response_model=AgreementOut)
def get_agreement(agreement_id: int, ctx: ReadCtx, response: Response) -> AgreementOut:
    """One agreement with its signatures and what the caller may do (ETag: its revision)."""
    return _out(ctx, access.load(ctx, agreement_id), response)


@router.get("/agreements/{agreement_id}/pdf", response_class=Response)
def get_pdf(agreement_id: int, ctx: ReadCtx, revision: int | None = Query(None, ge=0)) -> Response:
    """The current revision's PDF (or an archived `revision`); the three parties only."""
    agreement = access.load(ctx, agreement_id)
    if revision is None or revision == agreement.revision:
        data, number = agreement.pdf, agreement.revision
    else:
        row = ctx.db.get(AgreementRevision, (agreement.id, revision))
        if row is None:
            raise not_found("agreement revision")
        data, number = row.pdf, revision
    name = f"agreement-{agreement.request_id}-r{number}.pdf"
    return Response(
        data,
        media_type=PDF,
        headers={
            "ETag": f'W/"{number}"',
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": service.sha256(data),
        },
    )


def _accept(
    ctx: Ctx, ca: PlatformCA, agreement: Agreement, turn: SignTurn, upload: bytes, *, own: bool
) -> None:
    """Verify `upload` as `turn`'s signature; store it, move on, audit and commit in one
    transaction; a refusal writes nothing (but its audit event)."""
    signer_id = None if own else ctx.user.id
    try:
        verified = signing.verify_turn(ctx.db, ca, agreement, turn, upload, signer_id=signer_id)
    except Refused as exc:
        raise refused(ctx, agreement, exc.refusal, exc.detail) from exc
    request = service.request_of(ctx.db, agreement)
    serial = signing.certificate_serial(verified)
    service.record_signature(
        ctx.db,
        agreement=agreement,
        request=request,
        pdf=upload,
        signer_id=ctx.user.id,
        certificate_serial=serial,
        today=clock.today(),
    )
    ctx.audit(
        "agreement_sign",
        object_type=OBJECT,
        object_id=agreement.id,
        details={
            "turn": turn.value,
            "revision": agreement.revision,
            "sha256": agreement.sha256,
            "certificate": serial,
            "status": agreement.status,
            "request_id": request.id,
            "request_status": request.status,
        },
    )
    try:
        ctx.db.commit()
    except StaleDataError as exc:  # a concurrent signature won the race
        ctx.db.rollback()
        raise problem(SigningRefusal.STALE_REVISION) from exc


@router.post("/agreements/{agreement_id}/signatures", response_model=AgreementOut)
def upload_signature(
    agreement_id: int,
    ctx: WriteCtx,
    ca: CA,
    body: PdfBody,
    response: Response,
    if_match: IfMatch = None,
) -> AgreementOut:
    """Upload the PDF signed by the caller in their field (an incremental update of the
    revision named by If-Match); verified before anything is stored."""
    agreement = access.load(ctx, agreement_id, acting=True)
    # stale first: a party that lost a race learns the agreement moved on, not "not your turn"
    access.check_revision(if_match, agreement, required=True)
    turn, _ = access.authorize_turn(ctx, agreement, "sign")
    _accept(ctx, ca, agreement, turn, body, own=False)
    return _out(ctx, agreement, response)


@router.post("/agreements/{agreement_id}/platform-signature", response_model=AgreementOut)
def platform_signature(
    agreement_id: int, ctx: WriteCtx, ca: CA, response: Response, if_match: IfMatch = None
) -> AgreementOut:
    """The platform admin has the platform sign its turn with the platform key (信息化主管部门);
    the result passes the same verification as any upload."""
    ctx.require(Role.PLATFORM_ADMIN)
    agreement = access.load(ctx, agreement_id, acting=True)
    turn, _ = access.authorize_turn(ctx, agreement, "sign")
    access.check_revision(if_match, agreement, required=False)
    if turn is not SignTurn.PLATFORM:
        raise problem(SigningRefusal.NOT_YOUR_TURN, turn=turn.value)
    signed = signing.sign_as_platform(
        ca, agreement.pdf, department=platform_department(ctx.db).name, signed_at=utcnow()
    )
    _accept(ctx, ca, agreement, turn, signed, own=True)
    return _out(ctx, agreement, response)


@router.post("/agreements/{agreement_id}/decline", response_model=AgreementOut)
def decline_agreement(
    agreement_id: int, body: ReasonIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> AgreementOut:
    """The party whose turn it is declines to sign; the request goes back to the platform's
    decision (provider_approved) with the reason."""
    agreement = access.load(ctx, agreement_id, acting=True)
    turn, transition = access.authorize_turn(ctx, agreement, "decline")
    access.check_revision(if_match, agreement, required=False)
    request = service.request_of(ctx.db, agreement)
    service.decline(
        ctx.db,
        agreement=agreement,
        request=request,
        transition=transition,
        actor_id=ctx.user.id,
        reason=body.reason,
        today=clock.today(),
    )
    ctx.audit(
        "agreement_decline",
        object_type=OBJECT,
        object_id=agreement.id,
        details={"turn": turn.value, "reason": body.reason, "request_id": request.id},
    )
    ctx.db.commit()
    return _out(ctx, agreement, response)
