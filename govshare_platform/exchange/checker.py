"""The delivery checker (第二十三条): a file's header and every row against the entry's data items.

Rows come in as lists of text cells (from `readers`); the checker strips them, checks each cell
with the core's rules (`govshare_core.exchange.cell_checker`), the key column for presence and
uniqueness (`keyset`, in bounded memory), and writes every good row in the canonical form (UTF-8
CSV, the entry's item order, the `csv` default dialect with "\\n" line ends) to a sink, with the
byte range of each key's row.
It keeps the first MAX_REPORT_PROBLEMS problems but checks every row, so the counts are exact.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from govshare_core.exchange import (
    MAX_REPORT_PROBLEMS,
    DeliveryProblem,
    cell_checker,
    check_header,
    key_item,
)
from govshare_core.exchange_schemas import DeliveryReport, ProblemOut
from govshare_core.schemas import DataItem
from govshare_platform.exchange.keyset import UniqueKeys

MEMO_SIZE = 20_000
MAX_KEY_LENGTH = 200
"""A key is indexed (delivery_keys.key, String(200)): longer keys are refused as too long."""
VALUE_SHOWN = 100


@dataclass
class ReportBuilder:
    """Exact counts, the first MAX_REPORT_PROBLEMS problems."""

    rows_checked: int = 0
    problem_count: int = 0
    problems: list[ProblemOut] = field(default_factory=list)

    def add(
        self,
        code: DeliveryProblem,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_REPORT_PROBLEMS:
            shown = value[:VALUE_SHOWN] if value is not None else None
            self.problems.append(ProblemOut(row=row, column=column, code=code, value=shown))

    @property
    def first_code(self) -> str | None:
        return str(self.problems[0].code) if self.problems else None

    def report(self) -> DeliveryReport:
        return DeliveryReport(
            rows_checked=self.rows_checked,
            problem_count=self.problem_count,
            problems=sorted(self.problems, key=lambda p: -1 if p.row is None else p.row),
            truncated=self.problem_count > len(self.problems),
        )


class _Memo(dict[str, DeliveryProblem | None]):
    """One column's check (`govshare_core.exchange.cell_checker`, a pure function) memoised:
    repeated values (dates, codes, flags) are checked once, up to MEMO_SIZE distinct values."""

    def __init__(self, check: Callable[[str], DeliveryProblem | None]) -> None:
        super().__init__()
        self.check = check

    def __missing__(self, value: str) -> DeliveryProblem | None:
        problem = self.check(value)
        if len(self) < MEMO_SIZE:
            self[value] = problem
        return problem


class _LineSink:
    """Where csv.writer puts one row: kept as the last line written."""

    line = ""

    def write(self, text: str) -> int:
        self.line = text
        return len(text)


KeySink = Callable[[str, int, int], None]
"""Receives (key, offset, length) of each canonical row."""


class RowChecker:
    """Checks one file's rows; writes the canonical CSV through `write` and keys to `on_key`.

    Writing stops at the first problem (the delivery will be refused) but checking goes on."""

    def __init__(
        self,
        items: Sequence[DataItem],
        report: ReportBuilder,
        write: Callable[[bytes], object],
        on_key: KeySink,
        *,
        pad_short: bool = False,
        keys: UniqueKeys | None = None,
    ) -> None:
        key = key_item(items)
        if key is None:
            raise ValueError("an entry without data items takes no delivery")
        self.items = list(items)
        self.key_name = key.name
        self.report = report
        self._write = write
        self._on_key = on_key
        self._columns: list[int] = []
        self._key_pos = self.items.index(key)
        self._width = 0
        self._keys = keys if keys is not None else UniqueKeys()
        self._finished = False
        self._sink = _LineSink()
        self._csv = csv.writer(self._sink, lineterminator="\n")
        self._offset = 0
        self._buffer: list[bytes] = []
        self._buffered = 0
        self.header_ok = False
        self._pad_short = pad_short  # spreadsheets leave trailing empty cells out
        self._names = [item.name for item in self.items]
        self._memos = [_Memo(cell_checker(item, is_key=item is key)) for item in self.items]

    # --- header -------------------------------------------------------------------------------

    def header(self, cells: Sequence[str]) -> bool:
        """Check the header; on success write the canonical header. False when it is wrong."""
        cells = _trim_trailing_empty(cells)
        checked = check_header(cells, self.items)
        for code, name in checked.problems:
            self.report.add(code, column=name)
        if checked.problems:
            return False
        self._columns = [checked.columns[item.name] for item in self.items]
        self._width = len(cells)
        self._emit([item.name for item in self.items])
        self.header_ok = True
        return True

    # --- rows ---------------------------------------------------------------------------------

    def row(self, number: int, cells: Sequence[str]) -> None:
        """Check data row `number` (from 1) and, while the file is clean, write it."""
        self.report.rows_checked += 1
        if len(cells) != self._width:
            fitted = _fit(cells, self._width, self._pad_short)
            if fitted is None:
                self.report.add(DeliveryProblem.WRONG_FIELD_COUNT, row=number)
                return
            cells = fitted
        before = self.report.problem_count
        values = [cells[i].strip() for i in self._columns]
        for name, memo, value in zip(self._names, self._memos, values):  # noqa: B905 - same length
            problem = memo[value]
            if problem is not None:
                self.report.add(problem, row=number, column=name, value=value)
        key = values[self._key_pos]
        if key:
            if len(key) > MAX_KEY_LENGTH:
                self.report.add(
                    DeliveryProblem.TOO_LONG, row=number, column=self.key_name, value=key
                )
            else:
                self._repeats(self._keys.add(key, number))
        if self.report.problem_count == before and self.report.problem_count == 0:
            offset, length = self._emit(values)
            self._on_key(key, offset, length)

    def _repeats(self, found: list[tuple[int, str]]) -> None:
        for row, key in found:
            self.report.add(DeliveryProblem.KEY_DUPLICATE, row=row, column=self.key_name, value=key)

    def finish(self) -> None:
        """After the last row (or a stop): the last keys checked, the canonical CSV flushed."""
        if self._finished:
            return
        self._finished = True
        self._repeats(self._keys.flush())
        self._keys.close()
        self.flush()

    def _emit(self, values: list[str]) -> tuple[int, int]:
        self._csv.writerow(values)
        data = self._sink.line.encode("utf-8")
        offset = self._offset
        self._offset += len(data)
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= 1 << 20:
            self.flush()
        return offset, len(data)

    def flush(self) -> None:
        if self._buffer:
            self._write(b"".join(self._buffer))
            self._buffer.clear()
            self._buffered = 0

    @property
    def stored_bytes(self) -> int:
        return self._offset


def _trim_trailing_empty(cells: Sequence[str]) -> list[str]:
    out = list(cells)
    while out and not out[-1].strip():
        out.pop()
    return out


def _fit(cells: Sequence[str], width: int, pad_short: bool) -> list[str] | None:
    """A row of another width made to fit when only empty cells differ (spreadsheets pad or
    trim trailing empty cells); None when it really has another field count."""
    if len(cells) > width:
        return list(cells[:width]) if not any(c.strip() for c in cells[width:]) else None
    return [*cells, *([""] * (width - len(cells)))] if pad_short else None
