"""Helpers of the delivery tests (第二十三条): an entry with a key column, files to deliver."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from govshare_core.vocab import Role
from govshare_platform.exchange.models import BlobChunk, Delivery, DeliveryKey, ExchangeLog
from tests.platform.catalog_helpers import publish_entry
from tests.platform.conftest import World

EXCHANGE = "/api/v1/exchange"

PEOPLE_ITEMS: list[dict[str, Any]] = [
    {"name": "姓名", "data_type": "C", "length": 50},
    {"name": "公民身份号码", "data_type": "C", "length": 18, "key": True},
    {"name": "出生日期", "data_type": "D"},
    {"name": "月收入", "data_type": "N", "length": 12},
    {"name": "备注", "data_type": "C", "length": 200},
]
HEADER = [item["name"] for item in PEOPLE_ITEMS]


def publish_people(world: World, dept: str = "A", **overrides: Any) -> dict[str, Any]:
    """A published 数据交换 entry of `dept` with 公民身份号码 as its key column."""
    fields: dict[str, Any] = {
        "data_items": PEOPLE_ITEMS,
        "share_mode": "exchange",
        "update_cycle": "monthly",
        **overrides,
    }
    return publish_entry(world, dept, **fields)


def person(n: int) -> list[str]:
    return [f"张{n}", f"11010119900101{n % 10000:04d}", "1990-01-01", str(3000 + n), "无"]


def csv_bytes(
    rows: list[list[str]], *, header: list[str] | None = None, encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header if header is not None else HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def people_csv(count: int, **kw: Any) -> bytes:
    return csv_bytes([person(n) for n in range(count)], **kw)


def deliver(
    world: World,
    entry_id: int,
    data: bytes,
    *,
    dept: str = "A",
    role: Role = Role.REGISTRAR,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    return world.client.post(
        f"{EXCHANGE}/entries/{entry_id}/deliveries",
        content=data,
        params=params or {},
        headers=world.h(dept, role, **(headers or {})),
    )


def counts(world: World) -> dict[str, int]:
    with world.session() as s:
        return {
            "deliveries": s.scalar(select(func.count()).select_from(Delivery)) or 0,
            "keys": s.scalar(select(func.count()).select_from(DeliveryKey)) or 0,
            "chunks": s.scalar(select(func.count()).select_from(BlobChunk)) or 0,
            "log": s.scalar(select(func.count()).select_from(ExchangeLog)) or 0,
        }


def stored_files(root: Path | None) -> list[Path]:
    if root is None or not root.exists():
        return []
    return [p for p in root.rglob("*") if p.is_file()]
