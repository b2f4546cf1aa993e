"""Local file work of the exchange pages (no Qt): the pre-check of a file's header before it is
uploaded, reading keys from a file, and writing a table (a checker's report, a query result) to
CSV or XLSX with every cell neutralised against formula injection.

The pre-check only catches an obviously wrong file early (wrong columns, wrong encoding); the
platform still checks the header and every row (第二十三条).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from govshare_core.exchange import DeliveryFormat, DeliveryProblem, check_header, neutralise_cell
from govshare_core.schemas import DataItem

HEADER_BYTES = 1024 * 1024
"""At most this much of a CSV file is read for its header line."""


@dataclass(frozen=True)
class PreCheck:
    """What the local pre-check found: the header's problems (problem, column name), or the
    whole file's (a problem with an empty column name)."""

    problems: list[tuple[DeliveryProblem, str]]

    @property
    def ok(self) -> bool:
        return not self.problems


def format_of(path: Path) -> DeliveryFormat | None:
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".txt":
        return DeliveryFormat.CSV
    if suffix == ".xlsx":
        return DeliveryFormat.XLSX
    return None


def read_header(path: Path, fmt: str, encoding: str = "utf-8") -> list[str] | DeliveryProblem:
    """The file's first row, or the problem that stops reading it."""
    if path.stat().st_size == 0:
        return DeliveryProblem.EMPTY_FILE
    if fmt == DeliveryFormat.XLSX:
        return _xlsx_header(path)
    with path.open("rb") as f:
        head = f.read(HEADER_BYTES)
    line = head.split(b"\n", 1)[0]
    try:
        text = line.decode(encoding)
    except UnicodeDecodeError:
        return DeliveryProblem.BAD_ENCODING
    return next(csv.reader([text.lstrip("\ufeff").rstrip("\r")]), [])


def _xlsx_header(path: Path) -> list[str] | DeliveryProblem:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return DeliveryProblem.NOT_A_SPREADSHEET
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        first = next(sheet.iter_rows(max_row=1, values_only=True), None) if sheet else None
    finally:
        workbook.close()
    if first is None:
        return DeliveryProblem.NO_ROWS
    return ["" if v is None else str(v) for v in first]


def pre_check(path: Path, fmt: str, encoding: str, items: Sequence[dict[str, Any]]) -> PreCheck:
    """Check the file's header against the entry's data items (core check_header)."""
    header = read_header(path, fmt, encoding)
    if isinstance(header, DeliveryProblem):
        return PreCheck([(header, "")])
    data_items = [DataItem.model_validate(i) for i in items]
    return PreCheck(check_header(header, data_items).problems)


def read_keys(path: Path) -> list[str]:
    """Keys from a text or CSV file: the first column of every line (UTF-8, else GB18030)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return [row[0] for row in csv.reader(text.splitlines()) if row]


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a table as CSV (UTF-8 with BOM, for spreadsheet programs) or XLSX (by the suffix),
    every cell neutralised (govshare_core.exchange.neutralise_cell); the rows written."""
    cells = ([neutralise_cell("" if v is None else str(v)) for v in row] for row in rows)
    count = 0
    if path.suffix.lower() == ".xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([neutralise_cell(h) for h in header])
        for row in cells:
            sheet.append(row)
            count += 1
        workbook.save(path)
        return count
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([neutralise_cell(h) for h in header])
        for row in cells:
            writer.writerow(row)
            count += 1
    return count
