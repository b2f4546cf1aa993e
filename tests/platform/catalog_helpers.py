"""Reusable catalog test helpers: realistic entry payloads and driving an entry to publication."""

from __future__ import annotations

import copy
from typing import Any

from govshare_core.schemas import CatalogEntryIn
from govshare_core.vocab import Role
from tests.platform.conftest import World

API = "/api/v1/catalog"

BASE_ENTRY: dict[str, Any] = {
    "resource_class": "1",
    "class_item": "01",
    "class_catalog": "001",
    "class_detail": None,
    "name": "常住人口基本信息",
    "summary": "本市常住人口的姓名、身份证号、户籍地址等基本信息，用于跨部门身份核验。",
    "format_class": "database",
    "format_type": "达梦Dm",
    "data_items": [
        {"name": "姓名", "data_type": "C", "length": 50},
        {"name": "公民身份号码", "data_type": "C", "length": 18},
        {"name": "户籍地址", "data_type": "C", "length": 200},
    ],
    "share_type": "conditional",
    "share_conditions": "仅限履行法定职责所需，按最小必要原则使用",
    "share_scope": "市级政务部门",
    "legal_basis": None,
    "share_mode": "interface",
    "open_to_public": False,
    "open_conditions": None,
    "update_cycle": "daily",
    "related_codes": [],
}


def entry_payload(**overrides: Any) -> dict[str, Any]:
    """A valid CatalogEntryIn payload with realistic Chinese values; `overrides` replace fields."""
    payload = copy.deepcopy(BASE_ENTRY)
    payload.update(overrides)
    return payload


def editable(entry: dict[str, Any]) -> dict[str, Any]:
    """The fields a PUT takes (CatalogEntryIn) that the API's answer carries (not the write-only
    involves_state_secret): a PUT of these alone changes nothing."""
    return {name: entry[name] for name in CatalogEntryIn.model_fields if name in entry}


def items(*names: str) -> list[dict[str, Any]]:
    """Data items (字符型) with the given names."""
    return [{"name": n, "data_type": "C", "length": 100} for n in names]


def create_entry(world: World, dept: str = "A", **overrides: Any) -> dict[str, Any]:
    """Register a draft as the department's registrar; returns the entry JSON."""
    r = world.client.post(
        f"{API}/entries", json=entry_payload(**overrides), headers=world.h(dept, Role.REGISTRAR)
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def act(
    world: World, entry_id: int, action: str, dept: str, role: Role, **body: Any
) -> dict[str, Any]:
    """Take a workflow action (submit, dept-approve, publish, ...) and expect success."""
    r = world.client.post(
        f"{API}/entries/{entry_id}/{action}", json=body or None, headers=world.h(dept, role)
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def publish_entry(world: World, dept: str = "A", **overrides: Any) -> dict[str, Any]:
    """Drive a new entry through draft → submitted → dept_approved → published."""
    entry = create_entry(world, dept, **overrides)
    act(world, entry["id"], "submit", dept, Role.REGISTRAR)
    act(world, entry["id"], "dept-approve", dept, Role.CATALOG_REVIEWER)
    published = act(world, entry["id"], "publish", "P", Role.PLATFORM_ADMIN)
    assert published["status"] == "published"
    return published
