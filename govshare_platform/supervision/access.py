"""Who may see a rectification order (404 otherwise) and take its actions (403, audited): the
supervisors and the ordered department's users see it; the actions are exactly the core's
RECTIFICATION table (govshare_core.workflow.refusal)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select

from govshare_core.assessment import MAX_EVIDENCE_BYTES
from govshare_core.workflow import Transition, refusal
from govshare_platform.deps import Ctx
from govshare_platform.errors import Problem, not_found
from govshare_platform.supervision.models import Rectification
from govshare_platform.supervision.service import parties
from govshare_platform.supervision.views import is_visible

NAME = "rectification"


def load(ctx: Ctx, order_id: int, *, acting: bool = False) -> Rectification:
    """The order if the caller may see it; 404 otherwise. When acting, the row is locked so that
    concurrent steps queue (the loser sees the winner's version), and an attempt on another
    department's order is audited before answering 404."""
    query = select(Rectification).where(Rectification.id == order_id)
    if acting:
        query = query.with_for_update(of=Rectification).execution_options(populate_existing=True)
    order = ctx.db.scalar(query)
    if order is None:
        raise not_found(NAME)
    if not is_visible(order, ctx.actor):
        if acting:
            ctx.deny(f"not this department's {NAME}", object_id=order_id)
        raise not_found(NAME)
    return order


def authorize(ctx: Ctx, order: Rectification, transition: Transition) -> None:
    """403 (audited) unless the core's rules let the caller take `transition`."""
    why = refusal(transition, ctx.actor, parties(order))
    if why is not None:
        raise ctx.deny(
            f"{transition.action}: {why.label_en}",
            object_id=order.id,
            action=transition.action,
            refusal=why,
        )


def too_large() -> Problem:
    return Problem(413, "payload_too_large", f"the evidence exceeds {MAX_EVIDENCE_BYTES} bytes")


async def evidence_body(request: Request) -> bytes:
    """The raw uploaded evidence, read with a limit: 413 as soon as it exceeds
    MAX_EVIDENCE_BYTES (govshare_core.assessment; never read further)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_EVIDENCE_BYTES:
        raise too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_EVIDENCE_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)
