"""Who may see an agreement (404 otherwise) and take its turn (403, audited), and the problem
answers of refused signatures."""

from __future__ import annotations

from sqlalchemy import select

from govshare_core.agreements import (
    AGREEMENT,
    SigningRefusal,
    SignTurn,
    is_expected_signer,
    turn_of,
)
from govshare_core.vocab import Role
from govshare_core.workflow import Transition, refusal
from govshare_platform.agreements import service
from govshare_platform.agreements.models import Agreement
from govshare_platform.agreements.views import is_visible, parties
from govshare_platform.audit import service as audit
from govshare_platform.deps import Ctx
from govshare_platform.errors import Problem, not_found
from govshare_platform.requests.models import ShareRequest

STATUS: dict[SigningRefusal, int] = {
    SigningRefusal.NOT_AWAITING: 409,
    SigningRefusal.NO_FILED_SIGNER: 409,
    SigningRefusal.NOT_YOUR_TURN: 403,
    SigningRefusal.WRONG_SIGNER: 403,
    SigningRefusal.STALE_REVISION: 412,
}
"""HTTP status of each refusal; the others (the document and its signature) are 422."""


def problem(why: SigningRefusal, detail: str | None = None, **extra: object) -> Problem:
    return Problem(STATUS.get(why, 422), why.value, detail or why.label_en, extra=extra)


def load(ctx: Ctx, agreement_id: int, *, acting: bool = False) -> Agreement:
    """The agreement if the caller is one of its parties; 404 otherwise. When acting, its
    request and then the agreement are locked (the order every request action takes)."""
    agreement = ctx.db.get(Agreement, agreement_id)
    if agreement is None:
        raise not_found("agreement")
    platform_admin = ctx.has(Role.PLATFORM_ADMIN)
    if not is_visible(agreement, department_id=ctx.department_id, platform_admin=platform_admin):
        if acting:
            ctx.deny("not a party to this agreement", agreement_id=agreement_id)
        raise not_found("agreement")
    if acting:
        ctx.db.scalar(
            select(ShareRequest.id).where(ShareRequest.id == agreement.request_id).with_for_update()
        )
        locked = ctx.db.scalar(
            select(Agreement)
            .where(Agreement.id == agreement_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        assert locked is not None
        agreement = locked
    return agreement


def authorize_turn(ctx: Ctx, agreement: Agreement, action: str) -> tuple[SignTurn, Transition]:
    """The turn the caller takes with `action` (sign, decline): 409 when nothing awaits, 403
    when it is not the caller's turn; a department's turn only by its filed resource admin."""
    turn = turn_of(agreement.status)
    if turn is None:
        raise problem(SigningRefusal.NOT_AWAITING, status=agreement.status)
    transition = AGREEMENT.find(action, agreement.status)
    why = refusal(transition, ctx.actor, parties(agreement))
    if why is not None:
        ctx.deny(f"agreement {action}: {why.label_en}", agreement_id=agreement.id, turn=turn)
        raise problem(SigningRefusal.NOT_YOUR_TURN, turn=turn.value)
    if turn is not SignTurn.PLATFORM:
        filed = service.expected_signer(ctx.db, agreement)
        if filed is None:
            raise problem(SigningRefusal.NO_FILED_SIGNER, turn=turn.value)
        if not is_expected_signer(turn, user_id=ctx.user.id, filed_user_id=filed):
            ctx.deny(f"agreement {action}: not the filed signer", agreement_id=agreement.id)
            raise problem(SigningRefusal.WRONG_SIGNER, turn=turn.value)
    return turn, transition


def check_revision(if_match: str | None, agreement: Agreement, *, required: bool) -> None:
    """If-Match names the revision the upload extends: 428 without it, 412 when stale."""
    if if_match is None:
        if required:
            raise Problem(428, "if_match_required", 'send If-Match: W/"<revision>" you signed')
        return
    wanted = if_match.strip().removeprefix("W/").strip('"')
    if wanted not in (str(agreement.revision), "*"):
        raise problem(SigningRefusal.STALE_REVISION, current_revision=agreement.revision)


def refused(ctx: Ctx, agreement: Agreement, why: SigningRefusal, detail: str) -> Problem:
    """Audit a refused upload (in its own transaction) and return the problem to raise."""
    ctx.db.rollback()
    audit.append_standalone(
        ctx.factory,
        actor_id=ctx.user.id,
        actor_name=ctx.user.username,
        department_id=ctx.user.department_id,
        action="agreement_signature_refused",
        outcome="denied",
        client_address=ctx.client,
        object_type="agreement",
        object_id=agreement.id,
        details={"code": why.value, "detail": detail[:500]},
    )
    return problem(why, detail)
