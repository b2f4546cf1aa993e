"""接口服务 entries carry the provider's endpoint (第十九条): optional, an http(s) URL, only for
the interface share mode, and not a key element (第十七条) — a published entry edits it in place."""

from __future__ import annotations

from typing import Any

from govshare_core.schemas import CatalogEntryIn
from govshare_core.validation import validate_entry
from govshare_core.vocab import Role
from tests.platform.catalog_helpers import API, act, create_entry, entry_payload, publish_entry
from tests.platform.conftest import World

ENDPOINT = "https://api.gongan.example.gov.cn/v1/population"


def _codes(**overrides: Any) -> list[tuple[str, str]]:
    entry = CatalogEntryIn.model_validate(entry_payload(**overrides))
    return [(e.field, e.code) for e in validate_entry(entry)]


def test_core_validation_of_the_endpoint() -> None:
    assert _codes(interface_endpoint=None) == []
    assert _codes(interface_endpoint=ENDPOINT) == []
    assert _codes(interface_endpoint="http://10.1.2.3:8080/query?x=1") == []
    for bad in ("ftp://x.example/a", "api.example.gov.cn/v1", "https://", "javascript:alert(1)"):
        assert _codes(interface_endpoint=bad) == [("interface_endpoint", "endpoint_not_url")]
    assert _codes(interface_endpoint=ENDPOINT, share_mode="exchange") == [
        ("interface_endpoint", "endpoint_needs_interface")
    ]


def test_endpoint_round_trips_and_is_checked_on_submit(world: World) -> None:
    entry = create_entry(world, interface_endpoint=ENDPOINT)
    assert entry["interface_endpoint"] == ENDPOINT
    got = world.client.get(f"{API}/entries/{entry['id']}", headers=world.h("A", Role.REGISTRAR))
    assert got.json()["interface_endpoint"] == ENDPOINT
    # a draft need only parse; the rule is enforced on submit (第十四条) as a field error
    bad = create_entry(world, interface_endpoint="www.example.com")
    r = world.client.post(f"{API}/entries/{bad['id']}/submit", headers=world.h("A", Role.REGISTRAR))
    assert r.status_code == 422
    assert any(e["field"] == "interface_endpoint" for e in r.json()["errors"]), r.text
    too_long = entry_payload(interface_endpoint="https://x.example/" + "a" * 500)
    r = world.client.post(f"{API}/entries", json=too_long, headers=world.h("A", Role.REGISTRAR))
    assert r.status_code == 422


def test_published_entry_edits_the_endpoint_in_place(world: World) -> None:
    entry = publish_entry(world)
    assert entry["interface_endpoint"] is None
    headers = world.h("A", Role.REGISTRAR, **{"If-Match": f'"{entry["version"]}"'})
    r = world.client.put(
        f"{API}/entries/{entry['id']}",
        json=entry_payload(interface_endpoint=ENDPOINT),
        headers=headers,
    )
    assert r.status_code == 200, r.text  # not a key element: no change report needed
    assert r.json()["interface_endpoint"] == ENDPOINT
    assert r.json()["status"] == "published"
    # a change report cannot carry it (only key elements do, 第十七条)
    body = {
        "effective_date": "2020-01-01",
        "description": "接口地址调整说明",
        "changes": {"interface_endpoint": ENDPOINT},
    }
    r = world.client.post(
        f"{API}/entries/{entry['id']}/change-reports",
        json=body,
        headers=world.h("A", Role.REGISTRAR),
    )
    assert r.status_code == 422
    assert [e["code"] for e in r.json()["errors"]] == ["not_key_element"]


def test_a_published_exchange_entry_refuses_an_endpoint(world: World) -> None:
    entry = create_entry(world, share_mode="exchange")
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    entry = act(world, entry["id"], "publish", "P", Role.PLATFORM_ADMIN)
    headers = world.h("A", Role.REGISTRAR, **{"If-Match": f'"{entry["version"]}"'})
    r = world.client.put(
        f"{API}/entries/{entry['id']}",
        json=entry_payload(share_mode="exchange", interface_endpoint=ENDPOINT),
        headers=headers,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "endpoint_needs_interface"
