"""Paths of the catalog import and export endpoints (govshare_platform/catalog/imports_api.py)
and the schemas their answers are checked against; the apply is an `Action` the sync engine
sends with one idempotency key (docs/design.md §"Catalog import and export")."""

from __future__ import annotations

from pydantic import BaseModel

from govshare_core.catalog_import import CatalogImportPreviewOut, CatalogImportResultOut
from govshare_core.schemas import CatalogEntryOut

API_PREFIX = "/api/v1"  # the same prefix as api/actions.py (which imports this module)
EXPORT = f"{API_PREFIX}/catalog/export"
IMPORTS = f"{API_PREFIX}/catalog/imports"
PREVIEW = f"{IMPORTS}/preview"


def export_path() -> str:
    """GET, paged: the department's entries in full (with data items), oldest first."""
    return EXPORT


def imports_path() -> str:
    """POST CatalogImportIn with an Idempotency-Key: apply a workbook, all rows or none."""
    return IMPORTS


def import_preview_path() -> str:
    """POST CatalogImportIn: what importing it would do, row by row (writes nothing)."""
    return PREVIEW


PAGE_ITEMS: dict[str, type[BaseModel]] = {EXPORT: CatalogEntryOut}


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    if method == "POST" and path == IMPORTS:
        return CatalogImportResultOut
    if method == "POST" and path == PREVIEW:
        return CatalogImportPreviewOut
    return None
