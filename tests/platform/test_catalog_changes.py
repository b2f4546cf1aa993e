"""Published entries: non-key edits in place, key elements via change reports (第十七条)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from govshare_core.vocab import Role
from govshare_platform import clock
from tests.platform.catalog_helpers import API, entry_payload, items, publish_entry
from tests.platform.conftest import World

TODAY = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _put(world: World, entry: dict, **overrides: object):  # type: ignore[no-untyped-def,type-arg]
    headers = world.h("A", Role.REGISTRAR, **{"If-Match": f'"{entry["version"]}"'})
    return world.client.put(
        f"{API}/entries/{entry['id']}", json=entry_payload(**overrides), headers=headers
    )


def _report(world: World, entry_id: int, effective: date, **changes: object):  # type: ignore[no-untyped-def]
    body = {
        "effective_date": effective.isoformat(),
        "description": "根据新修订的管理规定调整",
        "changes": changes,
    }
    return world.client.post(
        f"{API}/entries/{entry_id}/change-reports", json=body, headers=world.h("A", Role.REGISTRAR)
    )


def test_published_entry_non_key_edit_and_diff(world: World) -> None:
    entry = publish_entry(world)
    assert entry["published_on"] == TODAY.isoformat()
    r = _put(world, entry, summary="更新后的摘要：常住人口基本信息")
    assert r.status_code == 200 and r.json()["version"] == entry["version"] + 1
    diff = world.client.get(
        f"{API}/entries/{entry['id']}/diff", headers=world.h("P", Role.PLATFORM_ADMIN)
    ).json()
    assert diff == [
        {
            "field": "summary",
            "before": entry["summary"],
            "after": "更新后的摘要：常住人口基本信息",
        }
    ]


def test_key_element_edit_needs_a_report(world: World) -> None:
    entry = publish_entry(world)
    for overrides in ({"share_type": "unconditional"}, {"data_items": items("姓名")}):
        r = _put(world, entry, **overrides)
        assert r.status_code == 409, overrides
        assert r.json()["code"] == "key_element_change_requires_report"
    assert _put(world, entry, class_item="09").json()["code"] == "classification_locked"


def test_on_time_report_applied(world: World) -> None:
    entry = publish_entry(world)
    r = _report(world, entry["id"], TODAY - timedelta(days=20), update_cycle="weekly")
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["days_after_effect"] == 20 and report["late"] is False
    assert report["reported_on"] == TODAY.isoformat() and report["status"] == "submitted"
    own = world.client.post(
        f"{API}/change-reports/{report['id']}/apply", headers=world.h("A", Role.REGISTRAR)
    )
    assert own.status_code == 403
    applied = world.client.post(
        f"{API}/change-reports/{report['id']}/apply", headers=world.h("P", Role.PLATFORM_ADMIN)
    )
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    now = world.client.get(f"{API}/entries/{entry['id']}", headers=world.h("B", Role.APPLICANT))
    assert now.json()["update_cycle"] == "weekly"
    assert now.json()["version"] > entry["version"]
    snaps = world.client.get(
        f"{API}/entries/{entry['id']}/snapshots", headers=world.h("A", Role.REGISTRAR)
    ).json()
    assert [s["reason"] for s in snaps] == ["change_applied", "published"]
    again = world.client.post(
        f"{API}/change-reports/{report['id']}/apply", headers=world.h("P", Role.PLATFORM_ADMIN)
    )
    assert again.status_code == 409


def test_late_report_is_flagged_and_can_be_rejected(world: World) -> None:
    entry = publish_entry(world)
    report = _report(world, entry["id"], TODAY - timedelta(days=21), share_mode="exchange").json()
    assert report["days_after_effect"] == 21 and report["late"] is True
    r = world.client.post(
        f"{API}/change-reports/{report['id']}/reject",
        json={"reason": "变更内容与实际不符"},
        headers=world.h("P", Role.PLATFORM_ADMIN),
    )
    assert r.status_code == 200
    assert r.json()["status"] == "rejected" and r.json()["decided_reason"] == "变更内容与实际不符"
    listed = world.client.get(
        f"{API}/change-reports", params={"status": "rejected"}, headers=world.h("A", Role.REGISTRAR)
    ).json()
    assert [x["id"] for x in listed["items"]] == [report["id"]]
    other = world.client.get(f"{API}/change-reports", headers=world.h("B", Role.REGISTRAR))
    assert other.json()["total"] == 0
    everything = world.client.get(
        f"{API}/change-reports", headers=world.h("P", Role.PLATFORM_ADMIN)
    )
    assert everything.json()["total"] == 1


def test_bad_reports_are_422(world: World) -> None:
    entry = publish_entry(world)
    future = _report(world, entry["id"], TODAY + timedelta(days=1), update_cycle="weekly")
    assert future.status_code == 422
    assert {e["field"] for e in future.json()["errors"]} == {"effective_date"}
    not_key = _report(world, entry["id"], TODAY, name="新名称")
    assert {e["field"] for e in not_key.json()["errors"]} == {"changes.name"}
    breaks_rules = _report(world, entry["id"], TODAY, share_conditions="")
    assert breaks_rules.status_code == 422
    assert "share_conditions" in {e["field"] for e in breaks_rules.json()["errors"]}
    garbage = _report(world, entry["id"], TODAY, share_type="maybe")
    assert garbage.status_code == 422
    empty = _report(world, entry["id"], TODAY)
    assert empty.status_code == 422


def test_report_only_on_published_entries_of_own_department(world: World) -> None:
    entry = publish_entry(world)
    body = {"effective_date": TODAY.isoformat(), "description": "调整", "changes": {}}
    r = world.client.post(
        f"{API}/entries/{entry['id']}/change-reports",
        json=body,
        headers=world.h("B", Role.REGISTRAR),
    )
    assert r.status_code == 403
