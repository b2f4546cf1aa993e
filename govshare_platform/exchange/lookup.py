"""Key lookups (信息查询, 第二十四条): the rows of given keys in a delivery, granted items only.

`delivery_keys` gives each key's byte range in the canonical CSV; the ranges are read from the
blob store (adjacent or close ranges in one read) and each row is parsed with `csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from govshare_core.exchange_schemas import QueryRow
from govshare_platform.exchange.models import Delivery, DeliveryKey
from govshare_platform.exchange.storage import BlobStore

IN_BATCH = 1000
"""Keys per `IN (...)` query."""
MERGE_GAP = 4096
"""Two ranges closer than this are read together (fewer reads on the file store)."""


@dataclass(frozen=True)
class Found:
    rows: list[QueryRow]
    missing: list[str]


def _locate(session: Session, delivery_id: int, keys: Sequence[str]) -> dict[str, tuple[int, int]]:
    where: dict[str, tuple[int, int]] = {}
    for start in range(0, len(keys), IN_BATCH):
        batch = keys[start : start + IN_BATCH]
        query = select(DeliveryKey.key, DeliveryKey.offset, DeliveryKey.length).where(
            DeliveryKey.delivery_id == delivery_id, DeliveryKey.key.in_(batch)
        )
        for key, offset, length in session.execute(query):
            where[key] = (offset, length)
    return where


def _read_rows(
    session: Session, store: BlobStore, blob_key: str, ranges: list[tuple[int, int, str]]
) -> dict[str, bytes]:
    """Each key's row bytes; ranges sorted by offset are grouped when close together."""
    out: dict[str, bytes] = {}
    ranges.sort()
    group: list[tuple[int, int, str]] = []

    def flush() -> None:
        if not group:
            return
        first = group[0][0]
        end = max(o + n for o, n, _ in group)
        data = store.read_range(session, blob_key, first, end - first)
        for offset, length, key in group:
            out[key] = data[offset - first : offset - first + length]
        group.clear()

    for item in ranges:
        if group and item[0] > group[-1][0] + group[-1][1] + MERGE_GAP:
            flush()
        group.append(item)
    flush()
    return out


def lookup(
    session: Session,
    store: BlobStore,
    *,
    delivery: Delivery,
    keys: Sequence[str],
    items: Sequence[str],
) -> Found:
    """The rows of `keys` (first occurrence of a repeated key only) cut to `items`."""
    unique = list(dict.fromkeys(keys))
    where = _locate(session, delivery.id, unique)
    ranges = [(offset, length, key) for key, (offset, length) in where.items()]
    raw = _read_rows(session, store, delivery.blob_key, ranges)
    header = list(delivery.items)
    index = [(name, header.index(name)) for name in items]
    rows = []
    for key in unique:
        if key not in raw:
            continue
        fields = next(csv.reader(io.StringIO(raw[key].decode("utf-8"), newline="")))
        rows.append(QueryRow(key=key, values={name: fields[i] for name, i in index}))
    return Found(rows=rows, missing=[k for k in unique if k not in where])
