"""Reading a delivered file as rows of text cells, never whole in memory (第二十三条).

- CSV: the byte chunks decoded incrementally in the declared encoding, split into physical
  lines, parsed by `csv.reader`. A byte sequence the encoding cannot decode stops the reading
  with `bad_encoding` and the line it is on.
- XLSX: the spooled file's zip directory checked first (`zip_bomb`, `not_a_spreadsheet`), then
  the first sheet read row by row by openpyxl in read-only mode (its XML parsed by defusedxml).
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from govshare_core.exchange import MAX_XLSX_EXPANSION, DeliveryProblem
from govshare_core.spreadsheet import ZipLimits, zip_bomb

MAX_LINE_CHARS = 4 * 1024 * 1024
"""A physical line longer than this is refused (a file without line ends is not a table)."""


class FileProblem(Exception):
    """A problem that stops the reading of the whole file."""

    def __init__(self, code: DeliveryProblem, *, row: int | None = None, value: str | None = None):
        super().__init__(str(code))
        self.code = code
        self.row = row
        self.value = value


# --- CSV ---------------------------------------------------------------------------------------


def _lines(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    """Physical lines ("\\n" kept) of the decoded chunks; FileProblem(bad_encoding) on bad bytes."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pending = ""
    count = 0
    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            line = count + pending.count("\n") + chunk[: max(exc.start, 0)].count(b"\n")
            bad = exc.object[exc.start : exc.end]
            raise FileProblem(
                DeliveryProblem.BAD_ENCODING, row=line, value=f"line {line + 1}: {bad!r}"
            ) from None
        if "\n" not in text:
            pending += text
            if len(pending) > MAX_LINE_CHARS:
                raise FileProblem(DeliveryProblem.WRONG_FIELD_COUNT, row=count)
            continue
        parts = (pending + text).split("\n")
        pending = parts.pop()
        count += len(parts)
        for part in parts:
            yield part + "\n"
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise FileProblem(
            DeliveryProblem.BAD_ENCODING, row=count, value=f"line {count + 1}: truncated"
        ) from None
    if pending:
        yield pending


def csv_rows(chunks: Iterable[bytes], encoding: str) -> Iterator[list[str]]:
    """The CSV's records (a quoted field may span lines); blank lines skipped."""
    reader = csv.reader(_lines(chunks, encoding))
    try:
        for record in reader:
            if record and (len(record) > 1 or record[0].strip()):
                yield record
    except csv.Error as exc:
        raise FileProblem(
            DeliveryProblem.WRONG_FIELD_COUNT, row=max(reader.line_num - 1, 0), value=str(exc)
        ) from None


# --- XLSX --------------------------------------------------------------------------------------


def check_zip(path: Path, max_bytes: int) -> None:
    """Refuse a file that is no zip, or whose parts would expand too far (a zip bomb: the core's
    check, the parts at most `max_bytes` in all and MAX_XLSX_EXPANSION times their size each)."""
    if not zipfile.is_zipfile(path):
        raise FileProblem(DeliveryProblem.NOT_A_SPREADSHEET)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(DeliveryProblem.NOT_A_SPREADSHEET) from None
    bomb = zip_bomb(infos, ZipLimits(max_bytes=max_bytes, max_ratio=MAX_XLSX_EXPANSION))
    if bomb is not None:
        raise FileProblem(DeliveryProblem.ZIP_BOMB, value=bomb)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as delivery text: dates in ISO form, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def xlsx_rows(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text cells (entirely empty rows skipped)."""
    from openpyxl import load_workbook  # heavy; only for XLSX deliveries

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise FileProblem(DeliveryProblem.NOT_A_SPREADSHEET) from None
    try:
        if not workbook.worksheets:
            raise FileProblem(DeliveryProblem.NOT_A_SPREADSHEET)
        sheet = workbook.worksheets[0]
        try:
            for values in sheet.iter_rows(values_only=True):
                cells = [cell_text(v) for v in values]
                if any(c.strip() for c in cells):
                    yield cells
        except FileProblem:
            raise
        except Exception:
            raise FileProblem(DeliveryProblem.NOT_A_SPREADSHEET) from None
    finally:
        workbook.close()
