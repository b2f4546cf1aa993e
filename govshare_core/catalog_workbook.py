"""A department's catalog as an XLSX workbook, and back (layout: govshare_core.catalog_layout).

    write_workbook(path, entries)     # entries: CatalogEntryOut JSON; [] gives the empty template
    parsed = read_workbook(path)      # check_xlsx first; rows to send, rows refused and why

Writing: every text cell goes through `spreadsheet.safe_cell` (formula injection), the code
columns get drop-down lists (DataValidation) referring to the hidden, protected 代码表 sheet,
classification digits are text cells. Reading (openpyxl read-only, XML through defusedxml):
each 信息资源 row with its 信息项 rows becomes an `ImportRowIn`, or is refused with the sheet,
row, column and a Chinese message; the rules themselves (validate_entry) are checked by
`catalog_import.plan_row` — the same on the desktop and the platform.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from govshare_core.catalog_import import (
    MAX_IMPORT_ROWS,
    ImportProblem,
    ImportRowIn,
    import_problem,
)
from govshare_core.catalog_layout import (
    CODE_LISTS,
    CODES_SHEET,
    ENTRIES_SHEET,
    ENTRY_COLUMNS,
    ITEM_COLUMNS,
    ITEMS_SHEET,
    NO,
    YES,
    Column,
    code_labels,
    column_of,
)
from govshare_core.schemas import CatalogEntryIn
from govshare_core.spreadsheet import (
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    Cell,
    check_xlsx,
    refused,
    safe_cell,
    save_whole,
    unneutralised,
)
from govshare_core.vocab import EntryStatus

HEADER_FILL = PatternFill("solid", fgColor="E8EDF3")
READ_ONLY_FILL = PatternFill("solid", fgColor="F2F2F2")
VALIDATION_ROWS = 5000
"""Rows below the header the drop-downs cover (plus the rows written)."""
_CODE_SPLIT = re.compile(r"[;；,，、\s]+")


# --- writing -------------------------------------------------------------------------------------


def _enum_label(codes: type[StrEnum] | str | None, value: Any) -> Cell:
    if value is None or value == "":
        return None
    if codes == "bool":
        return YES if value else NO
    if isinstance(codes, type):
        try:
            return str(getattr(codes(value), "label_zh"))  # noqa: B009 (all _Labelled)
        except ValueError:
            return str(value)
    return str(value)


def _entry_row(key: int, entry: dict[str, Any]) -> list[Cell]:
    values = dict(entry)
    values.update(
        key=str(key),
        entry_id=entry.get("id"),
        status=_status_label(entry.get("status")),
        department=entry.get("department_name"),
        related_codes="；".join(entry.get("related_codes") or []),
        effective_date=None,
        description=None,
    )
    return [_cell(column, values.get(column.field or "")) for column in ENTRY_COLUMNS]


def _status_label(status: Any) -> str | None:
    return EntryStatus(status).label_zh if status else None


def _item_rows(key: int, entry: dict[str, Any]) -> Iterator[list[Cell]]:
    for item in entry.get("data_items") or []:
        values = dict(item, key=str(key), key_item=bool(item.get("key")))
        yield [_cell(column, values.get(column.field or "")) for column in ITEM_COLUMNS]


def _cell(column: Column, value: Any) -> Cell:
    if column.kind in ("enum", "bool"):
        return _enum_label(column.codes, value)
    if column.kind == "int":
        return int(value) if value not in (None, "") else None
    if value is None:
        return None
    return safe_cell(str(value))


def _fill_sheet(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[list[Cell]]) -> None:
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append(row)
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        head = sheet.cell(row=1, column=index)
        head.font, head.fill = bold, HEADER_FILL
        head.alignment = Alignment(vertical="center", wrap_text=True)
        if not column.read:
            head.fill = READ_ONLY_FILL
        if column.kind in ("digits", "text", "codes"):
            for line in range(2, len(rows) + 2):
                sheet.cell(row=line, column=index).number_format = "@"
    sheet.freeze_panes = "B2"


def _code_sheet(workbook: Workbook) -> dict[str, str]:
    """The hidden, protected 代码表 sheet; returns each code list's range for DataValidation."""
    sheet = workbook.create_sheet(CODES_SHEET)
    ranges: dict[str, str] = {}
    for index, (title, codes) in enumerate(CODE_LISTS, start=1):
        letter = get_column_letter(index)
        labels = code_labels(codes)
        sheet.cell(row=1, column=index, value=title).font = Font(bold=True)
        for line, label in enumerate(labels, start=2):
            sheet.cell(row=line, column=index, value=label)
        sheet.column_dimensions[letter].width = 18
        key = "bool" if codes == "bool" else getattr(codes, "__name__", title)
        ranges[key] = f"'{CODES_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return ranges


def _drop_downs(
    sheet: Worksheet, columns: Sequence[Column], ranges: dict[str, str], rows: int
) -> None:
    last = rows + VALIDATION_ROWS + 1
    for index, column in enumerate(columns, start=1):
        if column.codes is None:
            continue
        key = "bool" if column.codes == "bool" else getattr(column.codes, "__name__", "")
        validation = DataValidation(
            type="list",
            formula1=ranges[key],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="取值无效",
            error="请从下拉列表中选择",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def write_workbook(path: str | os.PathLike[str], entries: Sequence[dict[str, Any]]) -> None:
    """Write the entries (CatalogEntryOut JSON, with data items) as the catalog workbook; no
    entries: the empty template. Written to a temporary file first, so it is whole or absent."""
    workbook = Workbook()
    entries_sheet = workbook.active
    assert entries_sheet is not None
    entries_sheet.title = ENTRIES_SHEET
    items_sheet = workbook.create_sheet(ITEMS_SHEET)
    entry_rows = [_entry_row(n, e) for n, e in enumerate(entries, start=1)]
    item_rows = [row for n, e in enumerate(entries, start=1) for row in _item_rows(n, e)]
    _fill_sheet(entries_sheet, ENTRY_COLUMNS, entry_rows)
    _fill_sheet(items_sheet, ITEM_COLUMNS, item_rows)
    ranges = _code_sheet(workbook)
    _drop_downs(entries_sheet, ENTRY_COLUMNS, ranges, len(entry_rows))
    _drop_downs(items_sheet, ITEM_COLUMNS, ranges, len(item_rows))
    save_whole(workbook, path)


# --- reading -------------------------------------------------------------------------------------


@dataclass
class RefusedRow:
    """A 信息资源 row that could not even be read as an entry."""

    row: int
    key: str
    name: str
    problems: list[ImportProblem]


@dataclass
class ParsedWorkbook:
    rows: list[ImportRowIn] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    """Problems of no one row (an item naming a missing 序号)."""

    @property
    def ok(self) -> bool:
        return not self.refused and not self.problems


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = unneutralised(str(value).strip())
    return text or None


class _CellError(Exception):
    def __init__(self, code: str, value: Any = "") -> None:
        super().__init__(code)
        self.code, self.value = code, value


def _lookup(codes: type[StrEnum], text: str) -> str:
    for member in codes:
        if text in (member.value, getattr(member, "label_zh"), getattr(member, "label_en")):  # noqa: B009
            return member.value
    raise _CellError("bad_value", text)


def _yes_no(text: str | None) -> bool:
    if text is None:
        return False
    if text.lower() in (YES, "true", "1", "y", "yes"):
        return True
    if text.lower() in (NO, "false", "0", "n", "no"):
        return False
    raise _CellError("bad_value", text)


def _value(column: Column, raw: Any) -> Any:
    """A cell as the entry field's value; _CellError when it is not one."""
    if column.kind == "digits" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return str(int(raw)).zfill(column.digits or 0)
    text = _text(raw)
    if column.kind == "bool":
        return _yes_no(text)
    if text is None:
        return None
    if column.kind == "enum" and isinstance(column.codes, type):
        return _lookup(column.codes, text)
    if column.kind == "int":
        if not re.fullmatch(r"\d{1,9}", text):
            raise _CellError("bad_number", text)
        return int(text)
    if column.kind == "date":
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise _CellError("bad_date", text) from None
    if column.kind == "codes":
        return [c for c in _CODE_SPLIT.split(text) if c]
    return text


def _sheet_rows(
    workbook: Any, title: str, columns: Sequence[Column]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {header: raw value}) of a sheet's non-empty rows; the header row checked."""
    if title not in workbook.sheetnames:
        raise refused("missing_sheet", title)
    sheet = workbook[title]
    rows = sheet.iter_rows(values_only=True, max_col=MAX_SHEET_COLUMNS)
    header = [(_text(v) or "") for v in next(rows, ())]
    wanted = [c.header for c in columns if c.read]
    if any(h not in header for h in wanted if h in _REQUIRED_HEADERS):
        raise refused("missing_column", title)
    positions = {h: header.index(h) for h in wanted if h in header}
    for number, values in enumerate(rows, start=2):
        if number > MAX_SHEET_ROWS:
            raise refused("sheet_too_big", title)
        if not any(v is not None and str(v).strip() for v in values):
            continue
        yield number, {h: values[i] if i < len(values) else None for h, i in positions.items()}


_REQUIRED_HEADERS = frozenset(
    {"序号", "信息资源名称", "信息项名称", "共享类型", "共享方式", "更新周期", "数据类型"}
)


def _read_cells(
    sheet: str, number: int, cells: dict[str, Any], columns: Sequence[Column]
) -> tuple[dict[str, Any], list[ImportProblem]]:
    values: dict[str, Any] = {}
    problems = []
    for column in columns:
        if not column.read or column.field is None:
            continue
        try:
            values[column.field] = _value(column, cells.get(column.header))
        except _CellError as exc:
            problems.append(
                import_problem(
                    exc.code, sheet=sheet, row=number, column=column.header, value=exc.value
                )
            )
            continue
        if column.required and values[column.field] in (None, ""):
            problems.append(
                import_problem(
                    "required", sheet=sheet, row=number, column=column.header, value=column.header
                )
            )
    return values, problems


def _pydantic_problems(
    exc: ValidationError, number: int, item_rows: list[int]
) -> list[ImportProblem]:
    problems = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        sheet, row, name = ENTRIES_SHEET, number, loc[0] if loc else ""
        if name == "data_items" and len(loc) > 1 and loc[1].isdigit():
            index = int(loc[1])
            sheet, row = ITEMS_SHEET, item_rows[index] if index < len(item_rows) else number
            name = loc[2] if len(loc) > 2 else "name"
        column = column_of(sheet, name)
        kind = error["type"]
        if kind == "missing" or (kind == "string_too_short" and error.get("input") == ""):
            problem = import_problem(
                "required", sheet=sheet, row=row, column=column, value=column or name
            )
        elif kind in ("string_too_long", "too_long"):
            limit = (error.get("ctx") or {}).get("max_length", "")
            problem = import_problem(
                "too_long",
                sheet=sheet,
                row=row,
                column=column,
                value=f"最多{limit}" if limit else "",
            )
        else:
            problem = import_problem(
                "bad_value",
                sheet=sheet,
                row=row,
                column=column,
                value=str(error.get("input", ""))[:50],
            )
        problem.field = ".".join(loc)
        problems.append(problem)
    return problems


def _items_by_key(
    workbook: Any,
) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[ImportProblem]]:
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    problems: list[ImportProblem] = []
    for number, cells in _sheet_rows(workbook, ITEMS_SHEET, ITEM_COLUMNS):
        values, errors = _read_cells(ITEMS_SHEET, number, cells, ITEM_COLUMNS)
        problems += errors
        key = str(values.get("key") or "")
        if key:
            found.setdefault(key, []).append((number, values))
    return found, problems


def _item(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": values.get("name") or "",
        "data_type": values.get("data_type"),
        "length": values.get("length"),
        "share_type": values.get("share_type"),
        "description": values.get("description"),
        "key": bool(values.get("key_item")),
    }


_BOOKKEEPING = ("key", "entry_id", "resource_code", "effective_date", "description")


def _parse_entry(
    number: int, values: dict[str, Any], items: list[tuple[int, dict[str, Any]]]
) -> ImportRowIn | list[ImportProblem]:
    data = {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    data["data_items"] = [_item(v) for _, v in items]
    data.setdefault("related_codes", None)
    if data["related_codes"] is None:
        data["related_codes"] = []
    item_rows = [n for n, _ in items]
    try:
        entry = CatalogEntryIn.model_validate(data)
        return ImportRowIn(
            row=number,
            key=str(values["key"]),
            entry_id=values.get("entry_id"),
            resource_code=values.get("resource_code"),
            entry=entry,
            item_rows=item_rows,
            effective_date=values.get("effective_date"),
            description=values.get("description"),
        )
    except ValidationError as exc:
        return _pydantic_problems(exc, number, item_rows)


def read_workbook(path: str | os.PathLike[str]) -> ParsedWorkbook:
    """The workbook's rows (see the module). Raises `spreadsheet.WorkbookRefused` for a file
    that must not or cannot be read."""
    check_xlsx(Path(path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise refused("damaged") from None
    try:
        return _parse(workbook)
    except (KeyError, TypeError, ValueError, AttributeError, EOFError):
        raise refused("damaged") from None
    finally:
        workbook.close()


def _parse(workbook: Any) -> ParsedWorkbook:
    items, item_problems = _items_by_key(workbook)
    parsed = ParsedWorkbook()
    bad_item_rows = {p.row for p in item_problems}
    keys: set[str] = set()
    for number, cells in _sheet_rows(workbook, ENTRIES_SHEET, ENTRY_COLUMNS):
        if len(parsed.rows) + len(parsed.refused) >= MAX_IMPORT_ROWS:
            raise refused("sheet_too_big", ENTRIES_SHEET)
        values, problems = _read_cells(ENTRIES_SHEET, number, cells, ENTRY_COLUMNS)
        key = str(values.get("key") or "")
        keys.add(key)
        own_items = items.get(key, []) if key else []
        problems += [p for p in item_problems if p.row in {n for n, _ in own_items}]
        name = str(values.get("name") or "")
        if not problems:
            result = _parse_entry(number, values, own_items)
            if isinstance(result, ImportRowIn):
                parsed.rows.append(result)
                continue
            problems = result
        parsed.refused.append(RefusedRow(number, key, name, problems))
    for key, rows in items.items():
        if key not in keys:
            parsed.problems += [
                import_problem("orphan_item", sheet=ITEMS_SHEET, row=n, column="序号", value=key)
                for n, _ in rows
            ]
    parsed.problems += [
        p for p in item_problems if p.row in bad_item_rows and not _owned(p, items, keys)
    ]
    return parsed


def _owned(
    problem: ImportProblem, items: dict[str, list[tuple[int, dict[str, Any]]]], keys: set[str]
) -> bool:
    return any(problem.row in {n for n, _ in rows} for key, rows in items.items() if key in keys)
