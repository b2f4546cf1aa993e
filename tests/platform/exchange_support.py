"""Helpers for the consumer-side exchange tests (no tests of its own): an entry of department A,
grants to department B through the real request API, and a delivery written straight into the
blob store and the tables (the canonical CSV and its key index), fast enough for 200,000 rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.exchange.models import Delivery, DeliveryKey
from govshare_platform.exchange.storage import blob_store
from govshare_platform.grants.models import Grant
from tests.platform.conftest import World
from tests.platform.requests_support import act, create, make_entry, ok

ITEMS = ("身份证号", "姓名", "住址", "电话")
"""The test entry's data items; the first is the key (关键信息项, key_item's fallback)."""
FORMULA = "=cmd|' /C calc'!A0"


def exchange_entry(world: World, dept: str = "A", items: Sequence[str] = ITEMS) -> int:
    """A published, unconditionally shared entry (a request is granted on submission)."""
    return make_entry(
        world, dept=dept, share_type="unconditional", items=[(n, None) for n in items]
    )


def grant(
    world: World,
    entry_id: int,
    items: Sequence[str],
    *,
    mode: str = "exchange",
    days: int = 30,
    consumer: str = "B",
) -> list[int]:
    """The consumer department's active grants on `items` in `mode` (ids)."""
    end = clock.today() + timedelta(days=days)
    kw = {"items": list(items), "share_mode": mode, "end_date": str(end)}
    rid = create(world, entry_id, consumer, **kw)["id"]
    request = ok(act(world, rid, "submit", consumer, Role.APPLICANT))
    assert request["status"] == "active", request
    with world.session() as s:
        return [g.id for g in s.query(Grant).filter(Grant.request_id == request["id"])]


def person(n: int) -> list[str]:
    return [f"32060019900101{n:04d}", f"姓名{n}", f"南通市崇川区{n}号", f"1390000{n:04d}"]


def deliver(
    world: World,
    entry_id: int,
    rows: Iterable[Sequence[str]],
    *,
    items: Sequence[str] = ITEMS,
    dept: str = "A",
) -> int:
    """A delivery of `rows` (first column = key), stored as the canonical CSV; its id."""
    settings = world.app.state.settings
    with world.session() as s:
        writer = blob_store(settings.storage_dir).writer(s)
        text = io.StringIO()
        out = csv.writer(text, lineterminator="\n")
        out.writerow(items)
        offset = len(text.getvalue().encode())
        writer.write(text.getvalue().encode())
        keys: list[dict[str, Any]] = []
        count = 0
        for row in rows:
            text.seek(0)
            text.truncate()
            out.writerow(row)
            data = text.getvalue().encode()
            writer.write(data)
            keys.append({"key": row[0], "offset": offset, "length": len(data)})
            offset += len(data)
            count += 1
        size = writer.finish()
        delivery = Delivery(
            entry_id=entry_id,
            department_id=world.depts[dept],
            format="csv",
            encoding="utf-8",
            filename="test.csv",
            rows=count,
            bytes=size,
            sha256="0" * 64,
            items=list(items),
            key_item=items[0],
            blob_key=writer.key,
            stored_bytes=size,
            delivered_by=world.uid(dept, Role.REGISTRAR),
            due=None,
            on_time=True,
            report={"rows_checked": count, "problem_count": 0, "problems": []},
        )
        s.add(delivery)
        s.flush()
        s.execute(
            insert(DeliveryKey),
            [{"delivery_id": delivery.id, **k} for k in keys],
        )
        s.commit()
        return delivery.id


def csv_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
