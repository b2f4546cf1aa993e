"""Streaming CSV and XLSX output, every cell formula-neutralised (govshare_core.exchange.
neutralise_cell; OWASP CSV injection). Used by the projected download and the log export.

Rows come in batches and leave as bytes, so nothing is ever whole in memory: CSV is written
batch by batch; XLSX goes through openpyxl's write_only mode into a temporary file, which is
then read back in chunks and removed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, repeat

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from govshare_core.exchange import neutralise_cell

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
READ_CHUNK = 256 * 1024
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters neutralise_cell may act on (a superset of its rule; it decides)."""
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\']")


def safe_row(row: Sequence[str]) -> list[str]:
    """The row with every cell a spreadsheet could run as a formula neutralised (the first
    character is tested here so plain cells cost one set lookup)."""
    return [neutralise_cell(c) if c.startswith(RISKY_START) else c for c in row]


def has_risky(rows: Iterable[Sequence[str]]) -> bool:
    """Whether some cell may need neutralising (C-speed: no Python code per cell)."""
    return any(map(str.startswith, chain.from_iterable(rows), repeat(RISKY_START)))


def csv_batches(
    header: Sequence[str], batches: Iterable[Sequence[Sequence[str]]]
) -> Iterator[bytes]:
    """UTF-8 CSV (lineterminator "\\n"), one bytes chunk per batch of rows; only a batch with a
    risky cell is neutralised cell by cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(header))
    yield buffer.getvalue().encode("utf-8")
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(map(safe_row, batch) if has_risky(batch) else batch)
        yield buffer.getvalue().encode("utf-8")


def _xlsx_row(row: Sequence[str]) -> list[str]:
    """A neutralised row without the control characters XML cannot carry."""
    return [ILLEGAL_CHARACTERS_RE.sub("", c) for c in safe_row(row)]


def xlsx_file(
    header: Sequence[str], batches: Iterable[Sequence[Sequence[str]]], *, title: str = "data"
) -> str:
    """Write the rows to a temporary XLSX file (write_only: rows are not kept); returns its
    path, which the caller streams with `stream_file` (that removes it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_SHEET_UNSAFE.sub("", title)[:31] or "data")
    handle, path = tempfile.mkstemp(prefix="govshare-", suffix=".xlsx")
    os.close(handle)
    try:
        sheet.append(_xlsx_row(header))
        for batch in batches:
            for row in batch:
                sheet.append(_xlsx_row(row))
        workbook.save(path)
    except BaseException:
        # A failing batch (a database error mid-export): still finish the half-written sheet,
        # or its XML stream fails when the garbage collector closes it, and its temporary file
        # stays behind until exit.
        with contextlib.suppress(Exception):
            workbook.save(path)
        os.unlink(path)
        raise
    return path


def stream_file(path: str) -> Iterator[bytes]:
    """The file's bytes in chunks; the file is removed afterwards (or when the stream is
    dropped)."""
    try:
        with open(path, "rb") as f:
            while data := f.read(READ_CHUNK):
                yield data
    finally:
        os.unlink(path)
