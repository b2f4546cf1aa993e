"""Catalog import and export without widgets (docs/user-guide.md 导入导出): export the
department's entries to a workbook, write the empty template, read an edited workbook and ask
the platform what importing it would do, and build the one outbox action that applies it.

Every function here runs off the UI thread (`context.run`); the workbook itself is read and
written by the core (`govshare_core.catalog_workbook`), the rules are the core's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from govshare_core.catalog_import import (
    CatalogImportPreviewOut,
    FieldChange,
    ImportAction,
    ImportProblem,
    ImportRowOut,
)
from govshare_core.catalog_layout import ENTRIES_SHEET
from govshare_core.catalog_workbook import ParsedWorkbook, read_workbook, write_workbook
from govshare_core.schemas import DataItem
from govshare_core.vocab import FormatClass, ResourceClass, ShareMode, ShareType, UpdateCycle
from govshare_desktop import i18n
from govshare_desktop.api import actions
from govshare_desktop.api.catalog_import_paths import export_path, import_preview_path
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.tasks import Task

EXPORT_PAGE = 200
_ENUMS: dict[str, Any] = {
    "resource_class": ResourceClass,
    "format_class": FormatClass,
    "share_type": ShareType,
    "share_mode": ShareMode,
    "update_cycle": UpdateCycle,
}


def department_entries(client: PlatformClient, task: Task | None = None) -> list[dict[str, Any]]:
    """Every entry of the signed-in user's department, in full, page by page."""
    entries: list[dict[str, Any]] = []
    while True:
        page = client.get(export_path(), offset=len(entries), limit=EXPORT_PAGE)
        entries += page["items"]
        total = int(page["total"])
        if task is not None:
            task.report(min(99, 100 * len(entries) // max(total, 1)), "")
            if task.cancelled:
                break
        if not page["items"] or len(entries) >= total:
            return entries
    return entries


def export_catalog(
    client: PlatformClient, path: str | os.PathLike[str], task: Task | None = None
) -> int:
    """Write the department's catalog to `path`; the number of entries written."""
    entries = department_entries(client, task)
    write_workbook(path, entries)
    return len(entries)


def write_template(path: str | os.PathLike[str]) -> None:
    """The empty workbook with its drop-downs (下载模板)."""
    write_workbook(path, [])


# --- preview ---------------------------------------------------------------------------------


@dataclass
class PreviewLine:
    """One line of the preview table: where, which entry, what happens, and the details (the
    field diff, or why the row is refused)."""

    sheet: str
    row: int | None
    name: str
    action: ImportAction
    details: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    lines: list[PreviewLine]
    body: dict[str, Any]
    """The CatalogImportIn to apply, with the versions the preview saw."""

    def count(self, action: ImportAction) -> int:
        return sum(1 for line in self.lines if line.action is action)

    @property
    def refused(self) -> int:
        return self.count(ImportAction.REFUSED)

    @property
    def changes(self) -> int:
        return sum(
            self.count(a)
            for a in (ImportAction.CREATE, ImportAction.UPDATE, ImportAction.CHANGE_REPORT)
        )

    @property
    def can_apply(self) -> bool:
        """All or nothing: only a workbook without a refused row, and with something to do."""
        return self.refused == 0 and self.changes > 0


def problem_text(problem: ImportProblem | dict[str, Any]) -> str:
    """「sheet 第N行 column：message」 in the UI language."""
    p = problem if isinstance(problem, ImportProblem) else ImportProblem.model_validate(problem)
    message = p.message_en if i18n.english() else p.message_zh
    where = p.sheet
    if p.row is not None:
        where += QCoreApplication.translate("CatalogWorkbook", " 第%1行").replace("%1", str(p.row))
    if p.column:
        where += f" {p.column}"
    return f"{where}：{message}"


def value_text(name: str, value: Any) -> str:
    """A field's value as the preview shows it: labels for codes, item names for data items."""
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("CatalogWorkbook", "（空）")
    if name in _ENUMS:
        return i18n.label_of(_ENUMS[name], value)
    if name == "data_items":
        names = [DataItem.model_validate(v).name for v in value]
        return "、".join(names)
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("CatalogWorkbook", "是")
            if value
            else QCoreApplication.translate("CatalogWorkbook", "否")
        )
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def change_text(change: FieldChange) -> str:
    label = change.label_en if i18n.english() else change.label_zh
    items_detail = _items_detail(change) if change.field == "data_items" else ""
    before, after = value_text(change.field, change.before), value_text(change.field, change.after)
    mark = "★" if change.key_element else ""
    return f"{mark}{label}：{before} → {after}{items_detail}"


def _items_detail(change: FieldChange) -> str:
    """Which data items a data-item change adds, removes or alters."""
    before = {i["name"]: i for i in change.before or []}
    after = {i["name"]: i for i in change.after or []}
    added = [n for n in after if n not in before]
    removed = [n for n in before if n not in after]
    altered = [n for n in after if n in before and after[n] != before[n]]
    parts = []
    if added:
        parts.append(
            QCoreApplication.translate("CatalogWorkbook", "新增 %1").replace("%1", "、".join(added))
        )
    if removed:
        parts.append(
            QCoreApplication.translate("CatalogWorkbook", "删除 %1").replace(
                "%1", "、".join(removed)
            )
        )
    if altered:
        parts.append(
            QCoreApplication.translate("CatalogWorkbook", "修改 %1").replace(
                "%1", "、".join(altered)
            )
        )
    return f"（{'；'.join(parts)}）" if parts else ""


def _line(row: ImportRowOut) -> PreviewLine:
    details = [problem_text(p) for p in row.problems] or [change_text(c) for c in row.changes]
    if row.action is ImportAction.CREATE:
        details = [QCoreApplication.translate("CatalogWorkbook", "保存为新的草稿")]
    return PreviewLine(ENTRIES_SHEET, row.row, row.name, row.action, details)


def preview_lines(
    parsed: ParsedWorkbook, server: CatalogImportPreviewOut | None
) -> list[PreviewLine]:
    """The preview table: the platform's answer for the rows that were read, the rows that
    could not be read, and the problems of no one row; in workbook order."""
    lines = [_line(row) for row in server.rows] if server is not None else []
    lines += [
        PreviewLine(
            ENTRIES_SHEET,
            r.row,
            r.name,
            ImportAction.REFUSED,
            [problem_text(p) for p in r.problems],
        )
        for r in parsed.refused
    ]
    lines += [
        PreviewLine(p.sheet, p.row, "", ImportAction.REFUSED, [problem_text(p)])
        for p in parsed.problems
    ]
    lines.sort(key=lambda line: (line.sheet != ENTRIES_SHEET, line.row or 0))
    return lines


def apply_body(parsed: ParsedWorkbook, server: CatalogImportPreviewOut | None) -> dict[str, Any]:
    """The rows to apply, each with the version the preview compared against."""
    versions = {row.row: row.version for row in server.rows} if server is not None else {}
    rows = []
    for row in parsed.rows:
        data = row.model_dump(mode="json")
        data["version"] = versions.get(row.row)
        rows.append(data)
    return {"rows": rows}


def preview_workbook(
    client: PlatformClient, path: str | os.PathLike[str], task: Task | None = None
) -> ImportPreview:
    """Read the workbook (the core refuses a hostile file: `WorkbookRefused`) and ask the
    platform what importing it would do."""
    parsed = read_workbook(path)
    if task is not None:
        task.report(40, "")
    server = None
    if parsed.rows:
        body = {"rows": [row.model_dump(mode="json") for row in parsed.rows]}
        answer = client.request("POST", import_preview_path(), json=body).json()
        server = CatalogImportPreviewOut.model_validate(answer)
    return ImportPreview(preview_lines(parsed, server), apply_body(parsed, server))


def apply_action(preview: ImportPreview, label: str) -> actions.Action:
    return actions.import_catalog(preview.body, label=label)


def refused_lines(body: dict[str, Any]) -> list[PreviewLine]:
    """The rows a refused apply names (its problem+json `rows`), as preview lines."""
    lines = []
    for raw in body.get("rows") or []:
        row = ImportRowOut.model_validate(raw)
        lines.append(_line(row))
    return lines
