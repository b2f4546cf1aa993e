"""A valid catalog entry (编目) for the tests of every layer (no tests here)."""

from __future__ import annotations

from typing import Any


def valid_entry(name: str = "户籍人口基本信息", **changes: Any) -> dict[str, Any]:
    """The fields of a valid, unconditionally shared entry named `name`, `changes` applied."""
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
    body.update(changes)
    return body
