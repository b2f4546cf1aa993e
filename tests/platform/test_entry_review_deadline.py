"""Entries show who submitted them, when, and by when the review they wait for is due.

The department reviews (第十五条), then the platform confirms (第十六条); the regulation sets no
deadline, the platform's policy does (`entry_review_working_days`, default 5), counted in working
days of the platform's calendar with the admin's overrides, from the Asia/Shanghai day of the
submission or of the department's approval.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from govshare_core.rules import DEFAULT_ENTRY_REVIEW_WORKING_DAYS
from govshare_core.vocab import EntryStatus, Role
from govshare_core.workdays import entry_review_deadline
from govshare_platform import clock
from govshare_platform.catalog.models import CatalogEntry
from govshare_platform.departments.models import User
from tests.platform.catalog_helpers import API, act, create_entry
from tests.platform.conftest import World
from tests.platform.requests_support import set_today

ADMIN = ("P", Role.PLATFORM_ADMIN)
MONDAY = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, Monday 1 June 2026


def _rename(world: World, dept: str, role: Role, full_name: str) -> None:
    with world.session() as s:
        user = s.get(User, world.uid(dept, role))
        assert user is not None
        user.full_name = full_name
        s.commit()


def _set(world: World, entry_id: int, **values: Any) -> None:
    with world.session() as s:
        entry = s.get(CatalogEntry, entry_id)
        assert entry is not None
        for name, value in values.items():
            setattr(entry, name, value)
        s.commit()


def _get(world: World, entry_id: int) -> dict[str, Any]:
    r = world.client.get(f"{API}/entries/{entry_id}", headers=world.h(*ADMIN))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _listed(world: World, entry_id: int, dept: str = "A") -> dict[str, Any]:
    r = world.client.get(
        f"{API}/entries", params={"limit": 200}, headers=world.h(dept, Role.CATALOG_REVIEWER)
    )
    assert r.status_code == 200, r.text
    return next(e for e in r.json()["items"] if e["id"] == entry_id)


def _waiting(world: World, status: EntryStatus = EntryStatus.SUBMITTED, **at: datetime) -> int:
    entry = create_entry(world)
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    _set(world, entry["id"], status=status, submitted_at=MONDAY, **at)
    return int(entry["id"])


def _policy(world: World, **values: int) -> dict[str, Any]:
    version = world.client.get("/api/v1/policy", headers=world.h(*ADMIN)).json()["version"]
    r = world.client.patch(
        "/api/v1/policy", json=values, headers=world.h(*ADMIN, **{"If-Match": f'"{version}"'})
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_review_queue_shows_submitter_time_and_deadline(world: World) -> None:
    _rename(world, "A", Role.REGISTRAR, "李四")
    entry = create_entry(world)
    assert entry["submitted_at"] is entry["submitted_by_name"] is entry["review_due"] is None
    submitted = act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    at = datetime.fromisoformat(submitted["submitted_at"])
    assert abs((at - datetime.now(UTC)).total_seconds()) < 60
    assert submitted["submitted_by_name"] == "李四"
    want = entry_review_deadline(
        "submitted",
        submitted_on=clock.local_date(at),
        dept_approved_on=None,
        working_days=DEFAULT_ENTRY_REVIEW_WORKING_DAYS,
    )
    assert want is not None and submitted["review_due"] == want.due.isoformat()
    assert submitted["review_due_provisional"] is want.provisional
    assert submitted["review_working_days_left"] == DEFAULT_ENTRY_REVIEW_WORKING_DAYS
    listed = _listed(world, entry["id"])
    for field in ("submitted_at", "submitted_by_name", "review_due", "review_working_days_left"):
        assert listed[field] == submitted[field], field
    approved = act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    assert approved["review_due"] == want.due.isoformat()  # approved the same day
    assert approved["submitted_by_name"] == "李四"  # the submitter, not the reviewer
    published = act(world, entry["id"], "publish", "P", Role.PLATFORM_ADMIN)
    assert published["review_due"] is published["review_working_days_left"] is None
    assert published["submitted_at"] == submitted["submitted_at"]


def test_counted_from_the_shanghai_day_of_submission(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, date(2026, 6, 3))
    monday = _waiting(world)
    shown = _get(world, monday)
    # Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 June; left: Thu 4, Fri 5, Mon 8
    assert shown["review_due"] == "2026-06-08" and shown["review_working_days_left"] == 3
    assert shown["review_due_provisional"] is False
    # Sunday 31 May 17:00 UTC is Monday 1 June 01:00 in Shanghai: counted from Monday
    late_sunday = _waiting(world)
    _set(world, late_sunday, submitted_at=datetime(2026, 5, 31, 17, 0, tzinfo=UTC))
    assert _get(world, late_sunday)["review_due"] == "2026-06-08"
    set_today(monkeypatch, date(2026, 6, 10))
    overdue = _listed(world, monday)
    assert overdue["review_due"] == "2026-06-08" and overdue["review_working_days_left"] == -2


def test_the_platform_counts_from_the_departments_approval(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, date(2026, 6, 4))
    thursday = datetime(2026, 6, 4, 1, 0, tzinfo=UTC)
    entry = _waiting(world, EntryStatus.DEPT_APPROVED, dept_approved_at=thursday)
    # Fri 5, Mon 8, Tue 9, Wed 10, Thu 11 June
    assert _get(world, entry)["review_due"] == "2026-06-11"
    assert _get(world, entry)["review_working_days_left"] == 5
    _set(world, entry, status=EntryStatus.RETURNED)
    assert _get(world, entry)["review_due"] is None


def test_approving_starts_the_platforms_clock(world: World) -> None:
    entry = create_entry(world)
    act(world, entry["id"], "submit", "A", Role.REGISTRAR)
    _set(world, entry["id"], submitted_at=datetime(2025, 1, 6, 2, 0, tzinfo=UTC))
    old = _get(world, entry["id"])["review_due"]
    assert old == "2025-01-13"
    approved = act(world, entry["id"], "dept-approve", "A", Role.CATALOG_REVIEWER)
    assert approved["review_due"] != old
    with world.session() as s:
        row = s.get(CatalogEntry, entry["id"])
        assert row is not None and row.dept_approved_at is not None
        assert abs((row.dept_approved_at - datetime.now(UTC)).total_seconds()) < 60


def test_the_policy_value_is_editable_and_moves_the_deadline(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_today(monkeypatch, date(2026, 6, 1))
    entry = _waiting(world)
    assert _get(world, entry)["review_due"] == "2026-06-08"
    policy = _policy(world, entry_review_working_days=2)
    assert policy["entry_review_working_days"] == 2
    assert policy["review_working_days"] == 5  # share requests keep theirs (第二十七条)
    assert _get(world, entry)["review_due"] == "2026-06-03"
    assert _listed(world, entry)["review_working_days_left"] == 2
    read = world.client.get("/api/v1/policy", headers=world.h("B", Role.REGISTRAR)).json()
    assert read["entry_review_working_days"] == 2
    for bad in (0, 61, "five"):
        r = world.client.patch(
            "/api/v1/policy",
            json={"entry_review_working_days": bad},
            headers=world.h(*ADMIN, **{"If-Match": '"2"'}),
        )
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["field"] == "entry_review_working_days"
    denied = world.client.patch(
        "/api/v1/policy",
        json={"entry_review_working_days": 9},
        headers=world.h("A", Role.CATALOG_REVIEWER, **{"If-Match": '"2"'}),
    )
    assert denied.status_code == 403


def test_the_admins_overrides_count(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, date(2026, 6, 1))
    entry = _waiting(world)
    r = world.client.put(
        "/api/v1/workdays/overrides/2026-06-02",
        json={"day": "2026-06-02", "working": False, "note": "临时调整"},
        headers=world.h(*ADMIN),
    )
    assert r.status_code == 200, r.text
    # Wed 3, Thu 4, Fri 5, Mon 8, Tue 9 June
    assert _get(world, entry)["review_due"] == "2026-06-09"
    assert _listed(world, entry)["review_working_days_left"] == 5


def test_a_year_without_an_official_schedule_is_provisional(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chinesecalendar has no 2027 schedule (it raises): the deadline still computes, flagged."""
    set_today(monkeypatch, date(2026, 12, 30))
    entry = _waiting(world)
    _set(world, entry, submitted_at=datetime(2026, 12, 29, 2, 0, tzinfo=UTC))
    shown = _get(world, entry)
    # Wed 30, Thu 31 Dec; 1 Jan is 元旦 (a fixed holiday); Mon 4, Tue 5, Wed 6 Jan 2027
    assert shown["review_due"] == "2027-01-06" and shown["review_due_provisional"] is True
    set_today(monkeypatch, date(2027, 3, 1))
    late = _listed(world, entry)
    assert late["review_due_provisional"] is True and late["review_working_days_left"] < -30


def test_drafts_and_published_entries_have_no_deadline(world: World) -> None:
    draft = create_entry(world)
    assert _listed(world, draft["id"])["review_due"] is None
    assert _listed(world, draft["id"])["review_working_days_left"] is None
