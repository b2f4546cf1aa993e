"""The agreement workflow (第三十条): draft on the platform's approval, record each verified
signature, decline, cancel; the third signature activates the request and its grants.

Every step here runs inside the caller's transaction; nothing commits.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from govshare_core.agreement_schemas import AgreementTemplateIn
from govshare_core.agreements import (
    AGREEMENT,
    OPEN_STATES,
    SIGNATURE_FIELDS,
    AgreementStatus,
    SignTurn,
    turn_of,
)
from govshare_core.validation import FieldError
from govshare_core.workdays import Deadline, review_deadline
from govshare_core.workflow import SHARE_REQUEST, Transition
from govshare_platform.agreements.drafting import draft_pdf
from govshare_platform.agreements.models import (
    Agreement,
    AgreementRevision,
    AgreementSignature,
    AgreementTemplate,
)
from govshare_platform.agreements.template import PLACEHOLDERS, unknown_placeholders
from govshare_platform.departments.models import ResourceAdminFiling
from govshare_platform.errors import Problem, invalid
from govshare_platform.grants import service as grants
from govshare_platform.policy.service import get_calendar, get_policy
from govshare_platform.requests.models import ShareRequest


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the template ---------------------------------------------------------------------------------


def current_template(session: Session) -> AgreementTemplate:
    """The highest template version (version 1 is built in by the migration)."""
    template = session.scalar(
        select(AgreementTemplate).order_by(AgreementTemplate.version.desc()).limit(1)
    )
    if template is None:
        raise Problem(409, "no_agreement_template", "no agreement template exists")
    return template


def add_template(
    session: Session, *, data: AgreementTemplateIn, actor_id: int
) -> AgreementTemplate:
    """A new current version; 422 naming any placeholder the platform does not fill."""
    errors = [
        FieldError(
            name,
            "unknown_placeholder",
            f"模板中的占位符 {{{bad}}} 未定义，可用：{', '.join(PLACEHOLDERS)}",
            f"unknown placeholder {{{bad}}}; known: {', '.join(PLACEHOLDERS)}",
        )
        for name in ("title", "body")
        for bad in unknown_placeholders(getattr(data, name))
    ]
    if errors:
        raise invalid(errors, "the template uses unknown placeholders")
    latest = session.scalar(select(func.max(AgreementTemplate.version))) or 0
    template = AgreementTemplate(
        version=latest + 1, title=data.title, body=data.body, note=data.note, created_by=actor_id
    )
    session.add(template)
    session.flush()
    return template


# --- who signs ------------------------------------------------------------------------------------


def filed_signer(session: Session, department_id: int) -> int | None:
    """The department's active filed resource admin (备案, 第二十八条), who signs for it."""
    return session.scalar(
        select(ResourceAdminFiling.user_id)
        .where(ResourceAdminFiling.department_id == department_id, ResourceAdminFiling.active)
        .order_by(ResourceAdminFiling.id.desc())
        .limit(1)
    )


def turn_department(agreement: Agreement, turn: SignTurn) -> int | None:
    """The department signing `turn` (None: the platform's turn)."""
    if turn is SignTurn.CONSUMER:
        return agreement.consumer_department_id
    if turn is SignTurn.PROVIDER:
        return agreement.provider_department_id
    return None


def expected_signer(session: Session, agreement: Agreement) -> int | None:
    """The filed resource admin whose turn it is (None on the platform's turn or when closed)."""
    turn = turn_of(agreement.status)
    dept = turn_department(agreement, turn) if turn is not None else None
    return filed_signer(session, dept) if dept is not None else None


# --- lifecycle ------------------------------------------------------------------------------------


def signing_deadline(session: Session, today: date) -> Deadline:
    """Working days for the next signature (policy agreement_signing_working_days)."""
    days = get_policy(session).agreement_signing_working_days
    return review_deadline(today, days, calendar=get_calendar(session))


def _start_turn(session: Session, agreement: Agreement, today: date) -> None:
    if agreement.status in OPEN_STATES:
        deadline = signing_deadline(session, today)
        agreement.due, agreement.due_provisional = deadline.due, deadline.provisional
    else:
        agreement.due, agreement.due_provisional = None, False


def _archive(session: Session, agreement: Agreement, pdf: bytes) -> str:
    digest = sha256(pdf)
    session.add(
        AgreementRevision(
            agreement_id=agreement.id, revision=agreement.revision, sha256=digest, pdf=pdf
        )
    )
    agreement.pdf, agreement.sha256 = pdf, digest
    return digest


def open_agreement(session: Session, request_id: int, *, lock: bool = False) -> Agreement | None:
    query = select(Agreement).where(
        Agreement.request_id == request_id, Agreement.status.in_([str(s) for s in OPEN_STATES])
    )
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def draft_for_request(session: Session, *, request: ShareRequest, today: date) -> Agreement:
    """Draft the request's agreement from the current template (revision 0), awaiting the
    consumer's signature."""
    template = current_template(session)
    pdf = draft_pdf(session, request=request, template=template)
    digest = sha256(pdf)
    agreement = Agreement(
        request_id=request.id,
        consumer_department_id=request.consumer_department_id,
        provider_department_id=request.provider_department_id,
        status=AGREEMENT.initial,
        template_version=template.version,
        revision=0,
        draft_sha256=digest,
        sha256=digest,
        pdf=pdf,
    )
    _start_turn(session, agreement, today)
    session.add(agreement)
    session.flush()
    _archive(session, agreement, pdf)
    session.flush()
    return agreement


def cancel_for_request(
    session: Session, *, request: ShareRequest, actor_id: int | None
) -> Agreement | None:
    """The request was withdrawn: its open agreement is cancelled (kept, with its history)."""
    agreement = open_agreement(session, request.id, lock=True)
    if agreement is None:
        return None
    agreement.status = AGREEMENT.find("cancel", agreement.status).target
    agreement.due, agreement.due_provisional = None, False
    session.flush()
    return agreement


def record_signature(
    session: Session,
    *,
    agreement: Agreement,
    request: ShareRequest,
    pdf: bytes,
    signer_id: int,
    certificate_serial: str,
    today: date,
) -> AgreementSignature:
    """Store a verified signature as the next revision and move on; after the third, activate
    the request and create its grants (第二十九条, 第三十条)."""
    turn = turn_of(agreement.status)
    if turn is None:
        raise Problem(409, "agreement_not_awaiting_signature", "not awaiting a signature")
    agreement.status = AGREEMENT.find("sign", agreement.status).target
    agreement.revision += 1
    digest = _archive(session, agreement, pdf)
    signature = AgreementSignature(
        turn=turn,
        field_name=SIGNATURE_FIELDS[turn],
        signer_id=signer_id,
        certificate_serial=certificate_serial,
        revision=agreement.revision,
        sha256=digest,
    )
    agreement.signatures.append(signature)
    _start_turn(session, agreement, today)
    if agreement.status == AgreementStatus.COMPLETED:
        step = SHARE_REQUEST.find("agreement_completed", request.status)
        request.move(step, actor_id=None, comment=None)
        session.flush()
        grants.create_for_request(session, request=request, today=today)
    session.flush()
    return signature


def decline(
    session: Session,
    *,
    agreement: Agreement,
    request: ShareRequest,
    transition: Transition,
    actor_id: int,
    reason: str,
    today: date,
) -> None:
    """A party declines to sign: the agreement closes and the request goes back to the
    platform's decision with the reason; the platform's review clock starts again."""
    agreement.status = transition.target
    agreement.declined_reason, agreement.declined_by = reason, actor_id
    _start_turn(session, agreement, today)
    step = SHARE_REQUEST.find("agreement_declined", request.status)
    request.move(step, actor_id=actor_id, comment=reason)
    days = get_policy(session).review_working_days
    deadline = review_deadline(today, days, calendar=get_calendar(session))
    request.review_due, request.review_due_provisional = deadline.due, deadline.provisional
    request.escalated = False
    session.flush()


def archived_revisions(session: Session, agreement: Agreement) -> list[bytes]:
    """The bytes of the earlier revisions (to tell a stale upload from a modified one)."""
    rows = session.scalars(
        select(AgreementRevision.pdf)
        .where(
            AgreementRevision.agreement_id == agreement.id,
            AgreementRevision.revision < agreement.revision,
        )
        .order_by(AgreementRevision.revision.desc())
    )
    return list(rows)


def request_of(session: Session, agreement: Agreement, *, lock: bool = False) -> ShareRequest:
    """The agreement's share request (locked when the caller will move it)."""
    query = select(ShareRequest).where(ShareRequest.id == agreement.request_id)
    if lock:
        query = query.options(lazyload(ShareRequest.entry)).with_for_update()
    request = session.scalar(query)
    if request is None:  # a foreign key guarantees it; a clear error if it ever breaks
        raise Problem(409, "agreement_without_request", "the agreement's request is missing")
    return request
