"""Catalog test data made through the real API (no mocks of our own platform); no tests here."""

from __future__ import annotations

from typing import Any

from govshare_desktop.api.client import PlatformClient, new_idempotency_key


def entry_body(name: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "resource_class": "3",
        "class_item": "01",
        "class_catalog": "001",
        "class_detail": None,
        "name": name,
        "summary": f"{name}的摘要",
        "format_class": "database",
        "format_type": "mysql",
        "data_items": [
            {"name": "姓名", "data_type": "C", "length": 50},
            {"name": "公民身份号码", "data_type": "C", "length": 18},
        ],
        "share_type": "unconditional",
        "share_mode": "interface",
        "update_cycle": "daily",
        "related_codes": [],
    }
    body.update(overrides)
    return body


def create_entries(client: PlatformClient, n: int, *, prefix: str = "条目") -> list[dict[str, Any]]:
    return [
        client.create_entry(entry_body(f"{prefix}{i:03d}"), key=new_idempotency_key())
        for i in range(n)
    ]
