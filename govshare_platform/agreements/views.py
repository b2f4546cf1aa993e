"""Agreements as the API shows them: the caller's parties' list, one agreement with the actions
the caller may take (`govshare_core.workflow.allowed_actions` plus the filed signer)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from govshare_core.agreement_schemas import AgreementOut, SignatureOut
from govshare_core.agreements import (
    AGREEMENT,
    OPEN_STATES,
    AgreementStatus,
    SignTurn,
    is_expected_signer,
    turn_of,
)
from govshare_core.vocab import ShareMode
from govshare_core.workflow import Actor, Parties, allowed_actions
from govshare_platform.agreements import service
from govshare_platform.agreements.models import Agreement
from govshare_platform.departments.models import Department, User
from govshare_platform.policy.service import Deadlines
from govshare_platform.requests.models import ShareRequest


def parties(agreement: Agreement) -> Parties:
    """The agreement's side of the workflow rules: the consumer owns, the provider provides."""
    return Parties(
        owner_dept=agreement.consumer_department_id,
        provider_dept=agreement.provider_department_id,
    )


def is_visible(agreement: Agreement, *, department_id: int, platform_admin: bool) -> bool:
    """The three parties only: the two departments and the platform admin."""
    return platform_admin or department_id in (
        agreement.consumer_department_id,
        agreement.provider_department_id,
    )


def actions(session: Session, agreement: Agreement, actor: Actor) -> list[str]:
    """What `actor` may do now: the machine's sign/decline, a department's turn only by its
    filed resource admin (备案)."""
    found = allowed_actions(AGREEMENT, agreement.status, actor, parties(agreement))
    turn = turn_of(agreement.status)
    if not found or turn is None or turn is SignTurn.PLATFORM:
        return found
    filed = service.expected_signer(session, agreement)
    if is_expected_signer(turn, user_id=actor.user_id, filed_user_id=filed):
        return found
    return []


def _people(session: Session, ids: set[int]) -> dict[int, tuple[str, int]]:
    """user id → (full name, department id)."""
    rows = session.execute(
        select(User.id, User.full_name, User.department_id).where(User.id.in_(ids))
    )
    return {uid: (name, dept) for uid, name, dept in rows}


def _department_names(session: Session, ids: set[int]) -> dict[int, str]:
    return dict(
        session.execute(select(Department.id, Department.name).where(Department.id.in_(ids))).all()
    )


def to_out(
    session: Session,
    agreement: Agreement,
    request: ShareRequest,
    deadlines: Deadlines,
    *,
    actor: Actor | None = None,
) -> AgreementOut:
    turn = turn_of(agreement.status)
    expected = service.expected_signer(session, agreement) if turn is not None else None
    people = _people(session, {s.signer_id for s in agreement.signatures} | {expected or 0})
    depts = _department_names(
        session,
        {dept for _, dept in people.values()}
        | {agreement.consumer_department_id, agreement.provider_department_id},
    )
    open_ = agreement.status in OPEN_STATES
    return AgreementOut(
        id=agreement.id,
        request_id=agreement.request_id,
        entry_name=request.entry.name,
        resource_code=request.entry.resource_code,
        consumer_department_id=agreement.consumer_department_id,
        consumer_department_name=depts.get(agreement.consumer_department_id, ""),
        provider_department_id=agreement.provider_department_id,
        provider_department_name=depts.get(agreement.provider_department_id, ""),
        data_items=list(request.data_items),
        share_mode=ShareMode(request.share_mode),
        end_date=request.end_date,
        status=AgreementStatus(agreement.status),
        turn=turn,
        expected_signer_id=expected,
        expected_signer_name=people[expected][0] if expected in people else None,
        template_version=agreement.template_version,
        revision=agreement.revision,
        sha256=agreement.sha256,
        draft_sha256=agreement.draft_sha256,
        due=agreement.due if open_ else None,
        due_provisional=agreement.due_provisional if open_ else False,
        working_days_left=deadlines.left(agreement.due) if open_ else None,
        overdue=open_ and deadlines.overdue(agreement.due),
        declined_reason=agreement.declined_reason,
        signatures=[
            SignatureOut(
                turn=SignTurn(s.turn),
                field_name=s.field_name,
                signer_id=s.signer_id,
                signer_name=people.get(s.signer_id, ("", 0))[0],
                department_name=depts.get(people.get(s.signer_id, ("", 0))[1], ""),
                certificate_serial=s.certificate_serial,
                signed_at=s.signed_at,
                revision=s.revision,
                valid=True,  # verified on upload, and every later upload re-validates it
            )
            for s in agreement.signatures
        ],
        actions=actions(session, agreement, actor) if actor is not None else [],
        created_at=agreement.created_at,
        updated_at=agreement.updated_at,
    )


def _party_clause(department_id: int, platform_admin: bool) -> ColumnElement[bool] | None:
    if platform_admin:
        return None
    return or_(
        Agreement.consumer_department_id == department_id,
        Agreement.provider_department_id == department_id,
    )


def list_agreements(
    session: Session,
    *,
    department_id: int,
    platform_admin: bool,
    status: AgreementStatus | None,
    request_id: int | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[Agreement, ShareRequest]], int]:
    """A page of the agreements of the caller's department (all, for the platform admin),
    newest first."""
    query = select(Agreement)
    clause = _party_clause(department_id, platform_admin)
    if clause is not None:
        query = query.where(clause)
    if status is not None:
        query = query.where(Agreement.status == status)
    if request_id is not None:
        query = query.where(Agreement.request_id == request_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(session.scalars(query.order_by(Agreement.id.desc()).offset(offset).limit(limit)))
    requests = {
        r.id: r
        for r in session.scalars(
            select(ShareRequest)
            .where(ShareRequest.id.in_({a.request_id for a in rows}))
            .options(selectinload(ShareRequest.consumer_department))
        )
    }
    return [(a, requests[a.request_id]) for a in rows], total
