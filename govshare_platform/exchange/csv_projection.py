"""The projected CSV download at C speed (第二十九条: only the granted columns leave the server).

The canonical CSV is cut into byte blocks that end at a row boundary (an even number of quote
characters so far: no quoted field is open). A block without any quote character has no comma,
quote or line break inside a field (the csv module quotes those), so its rows are split with
`str.split` and joined back with `str.join` through `map` — no Python code per row. A block
with quotes goes through `csv.reader`/`csv.writer`. A block where some projected cell starts
with a character a spreadsheet may run (found by substring search in the joined text) is
written cell by cell through `safe_row` (neutralise_cell). The grant is re-checked between
blocks as in `projection`.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import methodcaller
from typing import Any

from govshare_platform.exchange import projection
from govshare_platform.exchange.projection import GrantLost, Progress, Row, column_picker
from govshare_platform.exchange.tabular import RISKY_START, has_risky, safe_row

_split = methodcaller("split", b",")
_PLAIN_RISKY = tuple(c.encode() for c in RISKY_START if c not in "\r\n")
"""A quote-free block has no line break inside a cell: these are the risky first characters."""
_RISKY_MARKS = tuple(sep + c for sep in (b",", b"\n") for c in _PLAIN_RISKY)
"""A cell of joined quote-free text starts at position 0 or after "," or "\n"."""


def byte_blocks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The bytes in blocks that each end with a complete row ("\\n" outside quotes). UTF-8
    never has these ASCII bytes inside a multi-byte character, so bytes are cut safely."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = data.rfind(b"\n") + 1
        while cut and data.count(b'"', 0, cut) % 2:  # a quoted field is still open there
            cut = data.rfind(b"\n", 0, cut - 1) + 1
        carry = data[cut:]
        if cut:
            yield data[:cut]
    if carry:
        yield carry if carry.endswith(b"\n") else carry + b"\n"


def _write(rows: Iterable[Row], risky: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(map(safe_row, rows) if risky else rows)
    return buffer.getvalue().encode("utf-8")


def _block_csv(block: bytes, pick: Callable[[Any], Any], columns: int) -> tuple[bytes, int]:
    """The block's rows projected, as CSV bytes, and how many rows."""
    if b'"' in block or columns == 1:  # one column: an empty cell must be written as ""
        text = block.decode("utf-8")
        rows = list(map(pick, csv.reader(io.StringIO(text, newline=""))))
        return _write(rows, has_risky(rows)), len(rows)
    lines = block.split(b"\n")
    lines.pop()  # the block ends with "\n"
    out = b"\n".join(map(b",".join, map(pick, map(_split, lines)))) + b"\n"
    if out.startswith(_PLAIN_RISKY) or any(mark in out for mark in _RISKY_MARKS):
        text = block.decode("utf-8")
        rows = [pick(line.split(",")) for line in text.split("\n")[:-1]]
        return _write(rows, True), len(rows)
    return out, len(lines)


def projected_csv(
    chunks: Iterable[bytes],
    wanted: Sequence[str],
    *,
    still_granted: Callable[[], bool],
    progress: Progress,
) -> Iterator[bytes]:
    """The canonical CSV cut to `wanted` (header included), UTF-8; GrantLost when a re-check
    fails (every RECHECK_ROWS rows or RECHECK_SECONDS seconds)."""
    blocks = byte_blocks(chunks)
    first = next(blocks, b"")
    line, _, first = first.partition(b"\n")
    header = next(csv.reader([line.decode("utf-8")]), [])
    pick = column_picker(header, wanted)
    yield _write([wanted], True)
    next_check_rows = projection.RECHECK_ROWS
    next_check_at = time.monotonic() + projection.RECHECK_SECONDS
    taken = 0
    for block in chain([first] if first else [], blocks):
        data, count = _block_csv(block, pick, len(wanted))
        taken += count
        if taken >= next_check_rows or time.monotonic() >= next_check_at:
            if not still_granted():
                raise GrantLost()
            next_check_rows = taken + projection.RECHECK_ROWS
            next_check_at = time.monotonic() + projection.RECHECK_SECONDS
        progress.rows += count
        yield data
