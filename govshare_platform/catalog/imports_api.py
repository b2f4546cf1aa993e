"""Catalog import and export (docs/design.md §"Catalog import and export").

- `GET  /catalog/export`: the caller's department's entries in full (with data items), paged,
  for the workbook the desktop writes;
- `POST /catalog/imports/preview`: what importing the parsed workbook would do, row by row
  (nothing is written);
- `POST /catalog/imports` (Idempotency-Key): apply it, all rows or none, in one transaction,
  through the same service functions as a single create (第十四条), PUT, and change report
  (第十七条), each audited as such.

Registrars only, and only their own department's entries: a row naming another department's
entry is "not found" (404 on apply).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from govshare_core.catalog_import import (
    CatalogImportIn,
    CatalogImportPreviewOut,
    CatalogImportResultOut,
    ImportAction,
    change_description,
    counts,
)
from govshare_core.schemas import CatalogEntryIn, CatalogEntryOut, ChangeReportIn, Page
from govshare_core.validation import FieldError
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.catalog import imports, search, service
from govshare_platform.catalog.models import CatalogEntry, ChangeReport
from govshare_platform.deps import Ctx, IdempotencyKey, ReadCtx, WriteCtx
from govshare_platform.errors import Problem
from govshare_platform.idempotency import service as idem

router = APIRouter()

OBJECT = "catalog_entry"
MAX_EXPORT_LIMIT = 200


@router.get("/export", response_model=Page)
def export_entries(
    ctx: ReadCtx,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_LIMIT)] = 100,
) -> Page:
    """The caller's department's entries in full, oldest first (the workbook's order)."""
    mine = CatalogEntry.department_id == ctx.department_id
    total = ctx.db.scalar(select(func.count()).select_from(CatalogEntry).where(mine)) or 0
    rows = ctx.db.scalars(
        select(CatalogEntry).where(mine).order_by(CatalogEntry.id).offset(offset).limit(limit)
    )
    items = [CatalogEntryOut.model_validate(entry) for entry in rows]
    return Page(items=items, total=total, offset=offset, limit=limit)


@router.post("/imports/preview", response_model=CatalogImportPreviewOut)
def preview_import(body: CatalogImportIn, ctx: ReadCtx) -> CatalogImportPreviewOut:
    """Row by row: 新增, 修改, 报送变更, 无变化 or 拒绝 with the sheet, row, column and reason."""
    ctx.require(Role.REGISTRAR)
    planned = imports.plan(ctx.db, department_id=ctx.department_id, body=body, today=clock.today())
    rows = [imports.row_out(p) for p in planned]
    return CatalogImportPreviewOut(rows=rows, counts=counts(rows))


def _refuse(planned: list[imports.Planned]) -> None:
    """Nothing is applied when any row is refused: 404 if a row names an entry that is not the
    department's, else 422 with every refused row."""
    bad = [imports.row_out(p).model_dump(mode="json") for p in planned if p.plan.problems]
    if not bad:
        return
    if any(p.missing for p in planned):
        raise Problem(
            404,
            "import_entry_not_found",
            "a row names no entry of your department",
            extra={"rows": bad},
        )
    raise Problem(
        422,
        "import_refused",
        "rows of the workbook are refused; nothing was applied",
        extra={"rows": bad},
    )


def _row_failed(p: imports.Planned, problem: Problem) -> Problem:
    """A service refusal while applying, named by its row (the transaction is rolled back)."""
    row = imports.row_out(p).model_dump(mode="json")
    errors: list[FieldError | None] = list(problem.errors) or [None]
    row["problems"] = [
        {
            "sheet": "信息资源",
            "row": p.row.row,
            "column": None,
            "field": e.field if e else None,
            "code": e.code if e else problem.code,
            "message_zh": e.message_zh if e else problem.detail,
            "message_en": e.message_en if e else problem.detail,
        }
        for e in errors
    ]
    return Problem(
        422, "import_refused", f"row {p.row.row}: {problem.detail}", extra={"rows": [row]}
    )


@dataclass
class _Applied:
    """What one row did (audited once every row is in and the entries have their ids)."""

    planned: imports.Planned
    created: bool = False
    changed: list[str] | None = None
    report: ChangeReport | None = None


def _apply_row(ctx: Ctx, p: imports.Planned) -> _Applied:
    """One row through the single-entry service functions; indexing waits for the batch."""
    row, action = p.row, p.plan.action
    if action is ImportAction.CREATE:
        p.entry = service.create_entry(
            ctx.db,
            data=row.entry,
            department_id=ctx.department_id,
            user_id=ctx.user.id,
            index=False,
        )
        return _Applied(p, created=True)
    entry = p.entry
    assert entry is not None
    if action is ImportAction.UPDATE:
        return _Applied(
            p, changed=service.update_entry(ctx.db, entry=entry, data=row.entry, index=False)
        )
    # a published entry: plain fields edited at once, key elements reported (第十七条)
    done = _Applied(p)
    if p.plan.plain_changes:
        data = CatalogEntryIn.model_validate({**service.entry_data(entry), **p.plan.plain_changes})
        done.changed = service.update_entry(ctx.db, entry=entry, data=data, index=False)
    report_in = ChangeReportIn(
        effective_date=row.effective_date or clock.today(),
        description=row.description or change_description(p.plan.changes),
        changes=p.plan.key_changes,
    )
    done.report = service.create_change_report(
        ctx.db, entry=entry, data=report_in, user_id=ctx.user.id
    )
    return done


def _audit(ctx: Ctx, done: _Applied) -> None:
    """The events a single create, PUT or change report would have written."""
    entry, row = done.planned.entry, done.planned.row.row
    assert entry is not None
    if done.created:
        ctx.audit(
            "catalog_entry_create",
            object_type=OBJECT,
            object_id=entry.id,
            details={"import_row": row},
        )
    if done.changed is not None:
        ctx.audit(
            "catalog_entry_update",
            object_type=OBJECT,
            object_id=entry.id,
            details={"fields": done.changed, "import_row": row},
        )
    if done.report is not None:
        ctx.audit(
            "change_report_create",
            object_type="change_report",
            object_id=done.report.id,
            details={
                "entry_id": entry.id,
                "fields": sorted(done.report.changes),
                "late": done.report.late,
                "import_row": row,
            },
        )


@router.post("/imports", status_code=201, response_model=CatalogImportResultOut)
def apply_import(
    body: CatalogImportIn, request: Request, ctx: WriteCtx, key: IdempotencyKey = None
) -> object:
    """All or nothing: any refused row (or a service refusal while applying) → nothing applied.
    A retry with the same Idempotency-Key answers the first result and writes nothing."""
    ctx.require(Role.REGISTRAR)

    def produce() -> CatalogImportResultOut:
        planned = imports.plan(
            ctx.db, department_id=ctx.department_id, body=body, today=clock.today()
        )
        _refuse(planned)
        applied: list[_Applied] = []
        for p in planned:
            if p.plan.action in (ImportAction.UNCHANGED, ImportAction.REFUSED):
                continue
            try:
                applied.append(_apply_row(ctx, p))
            except Problem as exc:
                raise _row_failed(p, exc) from exc
        ctx.db.flush()  # one flush: the new entries get their ids, items go in batches
        touched = [d.planned.entry for d in applied if d.created or d.changed is not None]
        search.index_entries(ctx.db, [e for e in touched if e is not None])
        for done in applied:
            _audit(ctx, done)
        reports = {id(d.planned): d.report.id for d in applied if d.report is not None}
        rows = [imports.row_out(p, change_report_id=reports.get(id(p))) for p in planned]
        result = CatalogImportResultOut(
            rows=rows,
            counts=counts(rows),
            created=[d.planned.entry.id for d in applied if d.created and d.planned.entry],
            updated=[
                d.planned.entry.id for d in applied if d.changed is not None and d.planned.entry
            ],
            change_reports=list(reports.values()),
        )
        ctx.audit(
            "catalog_import",
            object_type=OBJECT,
            details={
                "rows": len(planned),
                "created": len(result.created),
                "updated": len(result.updated),
                "change_reports": len(result.change_reports),
            },
        )
        return result

    return idem.run(ctx.db, ctx.user.id, key, path=request.url.path, body=body, produce=produce)
