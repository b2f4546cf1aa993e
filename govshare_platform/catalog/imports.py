"""Catalog import (docs/design.md §"Catalog import and export"): which entry each workbook row
names, and what importing it does (the core's `catalog_import.plan_row`), against the database.

Keyword-only functions taking the session; no permission checks, no HTTP (imports_api.py holds
them). Rows only ever name entries of `department_id`: an id or a resource code of another
department's entry is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.catalog_import import (
    CatalogImportIn,
    Existing,
    ImportAction,
    ImportRowIn,
    ImportRowOut,
    RowPlan,
    duplicate_problems,
    import_problem,
    plan_row,
)
from govshare_core.vocab import EntryStatus
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.catalog.service import entry_data

_CHUNK = 500


@dataclass
class Planned:
    row: ImportRowIn
    entry: CatalogEntry | None
    plan: RowPlan
    missing: bool = False
    """The row names an entry that is not one of the department's."""


def _chunks(values: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _entries(
    session: Session, department_id: int, rows: Sequence[ImportRowIn]
) -> tuple[dict[int, CatalogEntry], dict[str, CatalogEntry]]:
    ids = sorted({r.entry_id for r in rows if r.entry_id})
    codes = sorted({r.resource_code for r in rows if r.resource_code and not r.entry_id})
    by_id: dict[int, CatalogEntry] = {}
    by_code: dict[str, CatalogEntry] = {}
    mine = CatalogEntry.department_id == department_id
    for chunk in _chunks(ids):
        for entry in session.scalars(select(CatalogEntry).where(mine, CatalogEntry.id.in_(chunk))):
            by_id[entry.id] = entry
    for chunk in _chunks(codes):
        query = select(CatalogEntry).where(mine, CatalogEntry.resource_code.in_(chunk))
        for entry in session.scalars(query):
            by_code[entry.resource_code or ""] = entry
    return by_id, by_code


def plan(
    session: Session, *, department_id: int, body: CatalogImportIn, today: date
) -> list[Planned]:
    """Every row with the entry it names and what importing it does."""
    by_id, by_code = _entries(session, department_id, body.rows)
    duplicates = duplicate_problems(body.rows)
    planned = []
    for row in body.rows:
        entry = by_id.get(row.entry_id) if row.entry_id else by_code.get(row.resource_code or "")
        named = row.entry_id or row.resource_code
        if named and entry is None:
            problem = import_problem("unknown_entry", row=row.row, value=named)
            planned.append(Planned(row, None, RowPlan(ImportAction.REFUSED, [], [problem]), True))
            continue
        existing = None
        if entry is not None:
            existing = Existing(
                entry.id, EntryStatus(entry.status), entry.version, entry_data(entry)
            )
        result = plan_row(row, existing, today=today)
        if row.row in duplicates:
            result = RowPlan(
                ImportAction.REFUSED, result.changes, duplicates[row.row] + result.problems
            )
        planned.append(Planned(row, entry, result))
    return planned


def row_out(p: Planned, *, change_report_id: int | None = None) -> ImportRowOut:
    entry = p.entry
    return ImportRowOut(
        row=p.row.row,
        key=p.row.key,
        name=p.row.entry.name,
        entry_id=entry.id if entry is not None else None,
        status=EntryStatus(entry.status) if entry is not None else None,
        version=entry.version if entry is not None else None,
        action=p.plan.action,
        changes=p.plan.changes,
        problems=p.plan.problems,
        change_report_id=change_report_id,
    )
