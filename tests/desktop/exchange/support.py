"""Helpers for the exchange page tests (no tests here): a published entry of department A with a
key data item, a grant of department B made over HTTP as the real roles would, deliveries made
over HTTP, and CSV files to deliver."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from govshare_core.vocab import Role
from govshare_desktop.api import exchange_paths
from govshare_desktop.api.client import new_idempotency_key
from govshare_platform import clock
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import api, publish_entry, submitted_request

WAIT = 15000
ITEMS = [
    {"name": "公民身份号码", "data_type": "C", "length": 18, "key": True},
    {"name": "姓名", "data_type": "C", "length": 50},
    {"name": "户籍地址", "data_type": "C", "length": 200},
    {"name": "出生日期", "data_type": "D"},
]
HEADER = [i["name"] for i in ITEMS]


def people(n: int, start: int = 0) -> list[list[str]]:
    """`n` rows of realistic people, keys 320601199001010000 + i."""
    return [
        [str(320601199001010000 + i), f"张{i}", f"南通市崇川区人民路{i}号", "1990-01-01"]
        for i in range(start, start + n)
    ]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    lines = [",".join(header), *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def published(server: LiveServer, share_mode: str = "exchange") -> dict[str, Any]:
    """A published unconditional entry of A (requests for it are granted at once)."""
    return publish_entry(
        server,
        "A",
        share_type="unconditional",
        share_conditions=None,
        share_scope=None,
        share_mode=share_mode,
        data_items=ITEMS,
    )


def grant(
    server: LiveServer, entry: dict[str, Any], items: list[str], share_mode: str = "exchange"
) -> int:
    """B's applicant asks for `items` of the entry: granted at once; the request id."""
    end = (clock.today() + timedelta(days=200)).isoformat()
    out = submitted_request(server, entry, data_items=items, share_mode=share_mode, end_date=end)
    assert out["status"] == "active", out
    return int(out["id"])


def deliver(server: LiveServer, entry_id: int, path: Path) -> dict[str, Any]:
    """A delivery made over HTTP by A's registrar; the platform's DeliveryOut."""
    client = api(server, "A", Role.REGISTRAR)
    answer = client.request(
        "POST",
        exchange_paths.deliveries_path(entry_id),
        params={"format": "csv", "filename": path.name},
        content=path.read_bytes(),
        content_type="text/csv",
        idempotency_key=new_idempotency_key(),
    )
    return dict(answer.json())


def deliveries(server: LiveServer, entry_id: int) -> list[dict[str, Any]]:
    client = api(server, "A", Role.REGISTRAR)
    return list(client.get(exchange_paths.deliveries_path(entry_id))["items"])
