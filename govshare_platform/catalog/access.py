"""Who may see and act on a catalog entry (第十四条–第十六条), shared by the catalog routers."""

from __future__ import annotations

from fastapi import Response
from sqlalchemy.orm import joinedload

from govshare_core.schemas import CatalogEntryOut
from govshare_core.vocab import EntryStatus, Role
from govshare_core.workflow import Parties, Refusal, Transition, refusal
from govshare_platform.catalog import service, views
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.deps import Ctx
from govshare_platform.errors import not_found
from govshare_platform.versioning import etag

OVERSEERS = (Role.PLATFORM_ADMIN, Role.SUPERVISOR)


def sees_all(ctx: Ctx) -> bool:
    return ctx.has(*OVERSEERS)


def can_see(ctx: Ctx, entry: CatalogEntry) -> bool:
    """Own department: any state; others: published only; platform admin and supervisor: all."""
    return (
        sees_all(ctx)
        or entry.department_id == ctx.department_id
        or entry.status == EntryStatus.PUBLISHED
    )


def visible_entry(ctx: Ctx, entry_id: int) -> CatalogEntry:
    """The entry, or 404 when it does not exist or the caller may not see it."""
    # its data items in the same statement (the answer shows them; submit validates them)
    entry = ctx.db.get(CatalogEntry, entry_id, options=[joinedload(CatalogEntry.items)])
    if entry is None or not can_see(ctx, entry):
        raise not_found("catalog entry")
    return entry


def require_owner_registrar(ctx: Ctx, entry: CatalogEntry) -> None:
    """403 unless the caller is a registrar of the entry's department."""
    ctx.require(Role.REGISTRAR)
    if entry.department_id != ctx.department_id:
        raise ctx.deny("only the owning department's registrar may do this", entry_id=entry.id)


def parties(entry: CatalogEntry) -> Parties:
    """The entry's side of `govshare_core.workflow.may_take` (its author too: four eyes)."""
    return Parties(
        owner_dept=entry.department_id,
        submitter_id=entry.submitted_by,
        author_id=entry.created_by,
    )


def authorize(ctx: Ctx, transition: Transition, entry: CatalogEntry) -> None:
    """403 (audited) unless the core's rules let the caller take `transition` on `entry`:
    role, party, and 第十五条's four eyes (code `own_submission`)."""
    why = refusal(transition, ctx.actor, parties(entry))
    if why is None:
        return
    problem = ctx.deny(why.label_en, entry_id=entry.id, action=transition.action, refusal=why)
    if why is Refusal.OWN_SUBMISSION:
        problem.code = "own_submission"
    raise problem


def entry_out(ctx: Ctx, entry: CatalogEntry, response: Response | None = None) -> CatalogEntryOut:
    """The entry as returned by the API (with its submitter's name, review deadline and draft
    problems); sets the ETag."""
    out = views.detail(ctx.db, entry, viewer=ctx.user)
    out.problems = [e.as_dict() for e in service.problems(entry)]
    if response is not None:
        response.headers["ETag"] = etag(entry.version)
    return out
