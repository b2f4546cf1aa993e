"""Catalog API: entries, their review, the share catalog, 一数一源 hints (第十三条–第十九条).

Change reports and attachments have routers of their own, included here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import select

from govshare_core.schemas import (
    CatalogEntryIn,
    CatalogEntryOut,
    EntrySnapshotOut,
    FacetCount,
    FieldDiff,
    Page,
    ReasonIn,
    ShareCatalogFacets,
    SourceHint,
)
from govshare_core.vocab import EntryStatus as Status
from govshare_core.vocab import ResourceClass, Role, ShareMode, ShareType, UpdateCycle
from govshare_core.workflow import CATALOG_ENTRY
from govshare_platform.audit.service import append_standalone
from govshare_platform.catalog import (
    attachments_api,
    imports_api,
    reports_api,
    search,
    service,
    views,
)
from govshare_platform.catalog.access import authorize as authorize_transition
from govshare_platform.catalog.access import (
    entry_out,
    require_owner_registrar,
    sees_all,
    visible_entry,
)
from govshare_platform.catalog.models import EntrySnapshot
from govshare_platform.deps import Ctx, IdempotencyKey, IfMatch, ReadCtx, WriteCtx, sort_query
from govshare_platform.idempotency import service as idem
from govshare_platform.versioning import check_if_match

router = APIRouter(prefix="/catalog", tags=["catalog"])
router.include_router(reports_api.router)
router.include_router(attachments_api.router)
router.include_router(imports_api.router)

OBJECT = "catalog_entry"
MAX_LIMIT = 200


def entry_filters(
    department_id: int | None = None,
    resource_class: ResourceClass | None = None,
    share_type: ShareType | None = None,
    share_mode: ShareMode | None = None,
    update_cycle: UpdateCycle | None = None,
    status: Status | None = None,
) -> search.EntryFilters:
    return search.EntryFilters(
        department_id, resource_class, share_type, share_mode, update_cycle, status
    )


Filters = Annotated[search.EntryFilters, Depends(entry_filters)]
Q = Annotated[str | None, Query(max_length=200, description="Chinese full text")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


def _page(ctx: Ctx, hits: search.Hits, offset: int, limit: int) -> Page:
    return Page(
        items=views.summaries(ctx.db, hits.ids),
        total=hits.total,
        total_is_estimate=hits.total_is_estimate,
        offset=offset,
        limit=limit,
    )


@router.get("/entries", response_model=Page)
def list_entries(
    ctx: ReadCtx,
    filters: Filters,
    q: Q = None,
    offset: Offset = 0,
    limit: Limit = 50,
    sort: str | None = sort_query(search.ENTRY_SORT),
) -> Page:
    """Entries the caller may manage: their department's in any state (all for overseers);
    newest first unless `sort` names a key."""
    order = search.ENTRY_SORT.parse(sort)
    scope = search.Scope() if sees_all(ctx) else search.Scope(department_id=ctx.department_id)
    hits = search.find(
        ctx.db, q=q, filters=filters, scope=scope, offset=offset, limit=limit, sort=order
    )
    return _page(ctx, hits, offset, limit)


SHARE_CATALOG_ORDERS = ("relevance", "newest")
"""`sort` values of the share catalog besides ENTRY_SORT's keys."""
ShareCatalogSort = Annotated[
    str | None,
    Query(
        description=(
            "`relevance` (the default with `q`: name matches first, govshare_core.search_rank), "
            "`newest` (the default without `q`), or one of the list keys: "
            + search.ENTRY_SORT.description()
        ),
        json_schema_extra={"enum": [*SHARE_CATALOG_ORDERS, *search.ENTRY_SORT.values()]},
    ),
]


def _audit_search(ctx: Ctx, action: str, details: dict[str, Any]) -> None:
    """Audit a share-catalog search after its read (the read's connection freed first)."""
    who = {
        "actor_id": ctx.user.id,
        "actor_name": ctx.user.username,
        "department_id": ctx.department_id,
    }
    ctx.db.close()  # end the read and free its connection before the short audit write
    append_standalone(ctx.factory, **who, action=action, client_address=ctx.client, details=details)


@router.get("/share-catalog", response_model=Page)
def share_catalog(
    ctx: ReadCtx,
    filters: Filters,
    q: Q = None,
    offset: Offset = 0,
    limit: Limit = 50,
    sort: ShareCatalogSort = None,
) -> Page:
    """共享目录: every published entry, for every signed-in user. 不予共享 entries are listed too
    (`share_type` not_shared): a request for one needs a legal basis (第五条, 第二十五条).
    Ordered by relevance with `q` (tiers: the whole query in the name, all its bigrams in the
    name, elsewhere; newest first within a tier), else newest first, unless `sort` says."""
    wanted = (sort or "").strip() or ("relevance" if q and q.strip() else "newest")
    order = None if wanted in SHARE_CATALOG_ORDERS else search.ENTRY_SORT.parse(wanted)
    hits = search.find(
        ctx.db,
        q=q,
        filters=filters,
        scope=search.Scope(share_catalog=True),
        offset=offset,
        limit=limit,
        sort=order,
        relevance=wanted == "relevance",
    )
    page = _page(ctx, hits, offset, limit)
    if q or filters.given():
        details = {"q": q, "filters": filters.given(), "results": hits.total}
        _audit_search(ctx, "share_catalog_search", details)
    return page


@router.get("/share-catalog/facets", response_model=ShareCatalogFacets)
def share_catalog_facets(ctx: ReadCtx, filters: Filters, q: Q = None) -> ShareCatalogFacets:
    """Facet counts of the share catalog for the same `q` and filters as GET /share-catalog:
    per department, resource class, share type (不予共享 included), share mode and update
    cycle. Each dimension's counts leave out its own filter. Counted over at most
    `limit` + 1 matches (search.FACET_CAP): `exact` False means lower bounds. For every
    signed-in user, like the list; loaded beside it, so the list never waits for the counts.
    Not audited: the list request with the same `q` is."""
    found = search.facets(ctx.db, q=q, filters=filters, scope=search.Scope(share_catalog=True))
    lists = {
        dim: [
            FacetCount(value=value, count=count)
            for value, count in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
        ]
        for dim, counts in found.counts.items()
    }
    return ShareCatalogFacets(**lists, exact=found.exact, limit=search.FACET_CAP)


@router.get("/source-hints", response_model=list[SourceHint])
def source_hints(
    ctx: ReadCtx,
    item: Annotated[list[str], Query(min_length=1, max_length=100)],
    exclude_entry_id: int | None = None,
) -> list[dict[str, Any]]:
    """一数一源 (第十八条): other departments' published entries already providing these items."""
    return service.source_hints(
        ctx.db, items=item, department_id=ctx.department_id, exclude_entry_id=exclude_entry_id
    )


@router.post("/entries", status_code=201, response_model=CatalogEntryOut)
def create_entry(
    body: CatalogEntryIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """Register a draft in the caller's department (第十四条); 涉及国家秘密 is refused (第六条)."""
    ctx.require(Role.REGISTRAR)
    service.refuse_state_secret(body)

    def produce() -> CatalogEntryOut:
        entry = service.create_entry(
            ctx.db, data=body, department_id=ctx.department_id, user_id=ctx.user.id
        )
        ctx.audit("catalog_entry_create", object_type=OBJECT, object_id=entry.id)
        return entry_out(ctx, entry)

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)


@router.get("/entries/{entry_id}", response_model=CatalogEntryOut)
def get_entry(entry_id: int, ctx: ReadCtx, response: Response) -> CatalogEntryOut:
    return entry_out(ctx, visible_entry(ctx, entry_id), response)


@router.put("/entries/{entry_id}", response_model=CatalogEntryOut)
def update_entry(
    entry_id: int, body: CatalogEntryIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> CatalogEntryOut:
    """Edit a draft/returned entry, or a published entry's non-key fields (第十七条)."""
    entry = visible_entry(ctx, entry_id)
    require_owner_registrar(ctx, entry)
    check_if_match(if_match, entry.version)
    changed = service.update_entry(ctx.db, entry=entry, data=body)
    ctx.audit(
        "catalog_entry_update", object_type=OBJECT, object_id=entry.id, details={"fields": changed}
    )
    ctx.db.commit()
    return entry_out(ctx, entry, response)


@router.delete("/entries/{entry_id}", status_code=204)
def delete_entry(entry_id: int, ctx: WriteCtx, if_match: IfMatch = None) -> Response:
    entry = visible_entry(ctx, entry_id)
    require_owner_registrar(ctx, entry)
    check_if_match(if_match, entry.version, required=False)
    service.delete_entry(ctx.db, entry=entry)
    ctx.audit("catalog_entry_delete", object_type=OBJECT, object_id=entry_id)
    ctx.db.commit()
    return Response(status_code=204)


def _act(
    ctx: Ctx,
    entry_id: int,
    action: str,
    response: Response,
    *,
    reason: str | None = None,
    if_match: str | None = None,
) -> CatalogEntryOut:
    entry = visible_entry(ctx, entry_id)
    check_if_match(if_match, entry.version, required=False)
    transition = CATALOG_ENTRY.find(action, entry.status)
    authorize_transition(ctx, transition, entry)
    before = entry.status
    service.apply_transition(
        ctx.db, entry=entry, transition=transition, actor_id=ctx.user.id, reason=reason
    )
    details: dict[str, Any] = {"from": before, "to": entry.status}
    if reason:
        details["reason"] = reason
    if entry.resource_code and action == "publish":
        details["resource_code"] = entry.resource_code
    ctx.audit(f"catalog_entry_{action}", object_type=OBJECT, object_id=entry.id, details=details)
    ctx.db.commit()
    return entry_out(ctx, entry, response)


@router.post("/entries/{entry_id}/submit", response_model=CatalogEntryOut)
def submit(entry_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None) -> object:
    """Submit for the department's review (第十四条); the entry must pass validate_entry."""
    return _act(ctx, entry_id, "submit", response, if_match=if_match)


@router.post("/entries/{entry_id}/recall", response_model=CatalogEntryOut)
def recall(entry_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None) -> object:
    return _act(ctx, entry_id, "recall", response, if_match=if_match)


@router.post("/entries/{entry_id}/dept-approve", response_model=CatalogEntryOut)
def dept_approve(
    entry_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> object:
    """Department review (第十五条): never by the submitter."""
    return _act(ctx, entry_id, "dept_approve", response, if_match=if_match)


@router.post("/entries/{entry_id}/dept-return", response_model=CatalogEntryOut)
def dept_return(
    entry_id: int, body: ReasonIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> object:
    return _act(ctx, entry_id, "dept_return", response, reason=body.reason, if_match=if_match)


@router.post("/entries/{entry_id}/publish", response_model=CatalogEntryOut)
def publish(entry_id: int, ctx: WriteCtx, response: Response, if_match: IfMatch = None) -> object:
    """Platform confirmation (第十六条; 第十三条 核定 for 不予共享): assigns the resource code."""
    return _act(ctx, entry_id, "publish", response, if_match=if_match)


@router.post("/entries/{entry_id}/platform-return", response_model=CatalogEntryOut)
def platform_return(
    entry_id: int, body: ReasonIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> object:
    return _act(ctx, entry_id, "platform_return", response, reason=body.reason, if_match=if_match)


@router.post("/entries/{entry_id}/withdraw", response_model=CatalogEntryOut)
def withdraw(
    entry_id: int, body: ReasonIn, ctx: WriteCtx, response: Response, if_match: IfMatch = None
) -> object:
    """Withdraw a published entry; its resource code is never issued again."""
    return _act(ctx, entry_id, "withdraw", response, reason=body.reason, if_match=if_match)


@router.get("/entries/{entry_id}/snapshots", response_model=list[EntrySnapshotOut])
def list_snapshots(entry_id: int, ctx: ReadCtx) -> list[EntrySnapshot]:
    visible_entry(ctx, entry_id)
    return list(
        ctx.db.scalars(
            select(EntrySnapshot)
            .where(EntrySnapshot.entry_id == entry_id)
            .order_by(EntrySnapshot.id.desc())
            .limit(100)
        )
    )


@router.get("/entries/{entry_id}/diff", response_model=list[FieldDiff])
def entry_diff(entry_id: int, ctx: ReadCtx) -> list[dict[str, Any]]:
    """Field-by-field differences from the last published snapshot (reviewers' side-by-side)."""
    return service.diff(ctx.db, entry=visible_entry(ctx, entry_id))
