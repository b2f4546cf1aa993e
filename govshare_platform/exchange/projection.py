"""Server-side projection of a delivery to the granted data items (第二十九条: the ungranted
columns never leave the server).

The canonical CSV (govshare_platform.exchange.models) is read from the blob store chunk by chunk,
parsed with `csv.reader`, cut to the wanted columns and handed on in batches (the XLSX download;
the CSV download takes the faster path of `csv_projection`); the grant is
re-checked every RECHECK_ROWS rows or RECHECK_SECONDS seconds, and a lost grant stops the
stream with `GrantLost` (第二十二条: access stops when the grant is revoked or expires).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

RECHECK_ROWS = 50_000
"""Rows between two grant re-checks during a download (tests make it small)."""
RECHECK_SECONDS = 2.0
"""Seconds between two grant re-checks during a download."""
BATCH_ROWS = 2_000
"""Rows per batch handed to the writer (one output chunk each)."""


Row = Sequence[str]


class GrantLost(Exception):
    """The grant was revoked or expired mid-download: the stream is cut."""


class _ChunkReader(io.RawIOBase):
    """A readable raw stream over an iterator of bytes chunks."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def csv_rows(chunks: Iterable[bytes]) -> Iterator[list[str]]:
    """Rows of a UTF-8 CSV given as bytes chunks (quoted newlines included)."""
    text = io.TextIOWrapper(
        io.BufferedReader(_ChunkReader(chunks), buffer_size=256 * 1024),
        encoding="utf-8",
        newline="",
    )
    return csv.reader(text)


@dataclass
class Progress:
    """What a stream has sent so far (for the exchange log)."""

    rows: int = 0
    bytes: int = 0


def column_picker(header: Sequence[str], wanted: Sequence[str]) -> Callable[[list[str]], Row]:
    """A function cutting a row of `header` to the `wanted` columns, in `wanted`'s order (an
    itemgetter: the projection runs in C)."""
    index = [list(header).index(name) for name in wanted]
    if len(index) == 1:
        only = index[0]
        return lambda row: (row[only],)
    return itemgetter(*index)


def projected_batches(
    rows: Iterator[list[str]],
    pick: Callable[[list[str]], Row],
    *,
    still_granted: Callable[[], bool],
    progress: Progress,
) -> Iterator[list[Row]]:
    """Batches of projected rows; `still_granted` is asked every RECHECK_ROWS rows or
    RECHECK_SECONDS seconds, and False raises GrantLost before the next batch leaves."""
    taken = 0
    next_check_rows = RECHECK_ROWS
    next_check_at = time.monotonic() + RECHECK_SECONDS
    while True:
        size = max(1, min(BATCH_ROWS, next_check_rows - taken))
        batch = list(map(pick, islice(rows, size)))
        if not batch:
            return
        taken += len(batch)
        if taken >= next_check_rows or time.monotonic() >= next_check_at:
            if not still_granted():
                raise GrantLost()
            next_check_rows = taken + RECHECK_ROWS
            next_check_at = time.monotonic() + RECHECK_SECONDS
        progress.rows += len(batch)
        yield batch
