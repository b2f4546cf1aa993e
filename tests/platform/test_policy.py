"""Policy and the working-day calendar's overrides: the platform admin edits, everyone reads."""

from __future__ import annotations

from datetime import date

import pytest

from govshare_core.assessment import DEFAULT_GRADE_BANDS, DEFAULT_WEIGHTS
from govshare_core.vocab import Role
from govshare_core.workdays import has_official_data
from tests.platform.conftest import World

ADMIN = ("P", Role.PLATFORM_ADMIN)


def deadline(world: World, received: date, **params: int) -> dict[str, object]:
    r = world.client.get(
        "/api/v1/workdays/deadline",
        params={"received": received.isoformat(), **params},
        headers=world.h("A", Role.APPLICANT),
    )
    assert r.status_code == 200, r.text
    result: dict[str, object] = r.json()
    return result


def test_everyone_reads_the_policy_defaults(world: World) -> None:
    r = world.client.get("/api/v1/policy", headers=world.h("B", Role.REGISTRAR))
    assert r.status_code == 200
    assert r.json() | {"token_ttl_minutes": 0, "idle_timeout_minutes": 0} == {
        "review_working_days": 5,
        "change_report_days": 20,
        "log_retention_years": 5,
        "entry_review_working_days": 5,
        "agreement_signing_working_days": 5,
        "discrepancy_response_working_days": 5,
        "assessment_weights": dict(DEFAULT_WEIGHTS),
        "grade_bands": dict(DEFAULT_GRADE_BANDS),
        "version": 1,
        "token_ttl_minutes": 0,
        "idle_timeout_minutes": 0,
    }


def test_platform_admin_edits_policy_with_if_match(world: World) -> None:
    c = world.client
    missing = c.patch("/api/v1/policy", json={"review_working_days": 7}, headers=world.h(*ADMIN))
    assert missing.status_code == 428 and missing.json()["code"] == "if_match_required"
    ok = c.patch(
        "/api/v1/policy",
        json={"review_working_days": 7},
        headers=world.h(*ADMIN, **{"If-Match": '"1"'}),
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["review_working_days"] == 7 and ok.json()["version"] == 2
    stale = c.patch(
        "/api/v1/policy",
        json={"change_report_days": 30},
        headers=world.h(*ADMIN, **{"If-Match": '"1"'}),
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "version_conflict" and stale.json()["current_version"] == 2
    weak = c.patch(
        "/api/v1/policy",
        json={"change_report_days": 30},
        headers=world.h(*ADMIN, **{"If-Match": 'W/"2"'}),
    )
    assert weak.status_code == 200 and weak.json()["change_report_days"] == 30
    too_short = c.patch(
        "/api/v1/policy",
        json={"log_retention_years": 1},
        headers=world.h(*ADMIN, **{"If-Match": '"3"'}),
    )
    assert too_short.status_code == 422  # 第二十六条: logs are kept at least five years


def test_policy_feeds_the_default_deadline(world: World) -> None:
    received = date(2025, 6, 3)  # a Tuesday
    before = deadline(world, received)
    assert before["working_days"] == 5 and before["due"] == "2025-06-10"
    world.client.patch(
        "/api/v1/policy",
        json={"review_working_days": 1},
        headers=world.h(*ADMIN, **{"If-Match": '"1"'}),
    )
    assert deadline(world, received)["due"] == "2025-06-04"


def test_overrides_move_the_deadline(world: World) -> None:
    received = date(2025, 6, 3)
    assert deadline(world, received)["due"] == "2025-06-10"
    c, h = world.client, world.h(*ADMIN)
    # A rest day the official schedule does not know (e.g. a local emergency closure) ...
    r = c.put(
        "/api/v1/workdays/overrides/2025-06-05",
        json={"day": "2025-06-05", "working": False, "note": "台风停工"},
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert deadline(world, received)["due"] == "2025-06-11"
    # ... and a make-up working day on a Saturday.
    c.put(
        "/api/v1/workdays/overrides/2025-06-07",
        json={"day": "2025-06-07", "working": True},
        headers=h,
    )
    assert deadline(world, received)["due"] == "2025-06-10"
    listed = c.get(
        "/api/v1/workdays/overrides", params={"year": 2025}, headers=world.h("B", Role.APPLICANT)
    )
    assert [(o["day"], o["working"]) for o in listed.json()] == [
        ("2025-06-05", False),
        ("2025-06-07", True),
    ]
    assert c.delete("/api/v1/workdays/overrides/2025-06-05", headers=h).status_code == 204
    assert c.delete("/api/v1/workdays/overrides/2025-06-07", headers=h).status_code == 204
    assert deadline(world, received)["due"] == "2025-06-10"


def test_override_day_must_match_the_path(world: World) -> None:
    r = world.client.put(
        "/api/v1/workdays/overrides/2025-06-05",
        json={"day": "2025-06-06", "working": False},
        headers=world.h(*ADMIN),
    )
    assert r.status_code == 422 and r.json()["code"] == "day_mismatch"


def test_statutory_holidays_and_provisional_years(world: World) -> None:
    # 2025 National Day: Oct 1-8 off, Sep 28 (Sunday) a make-up working day.
    assert deadline(world, date(2025, 9, 26), working_days=2)["due"] == "2025-09-29"
    assert deadline(world, date(2025, 9, 30), working_days=1)["due"] == "2025-10-09"
    future = date(2035, 3, 2)
    assert not has_official_data(future.year)
    assert deadline(world, future)["provisional"] is True
    out_of_range = world.client.get(
        "/api/v1/workdays/deadline",
        params={"received": "2025-06-03", "working_days": 400},
        headers=world.h("A", Role.APPLICANT),
    )
    assert out_of_range.status_code == 422


NOT_THE_PLATFORM_ADMIN = pytest.mark.parametrize(
    "who",
    [
        ("A", Role.REGISTRAR),
        ("A", Role.RESOURCE_ADMIN),
        ("P", Role.SECURITY_ADMIN),
        ("P", Role.SUPERVISOR),
        ("P", Role.AUDIT_ADMIN),
    ],
    ids=lambda w: w[1].value,
)
"""Other roles, of a department and of the platform: none edits the policy or the calendar."""


@NOT_THE_PLATFORM_ADMIN
def test_others_cannot_edit(world: World, who: tuple[str, Role]) -> None:
    h = world.h(*who, **{"If-Match": '"1"'})
    c = world.client
    assert c.patch("/api/v1/policy", json={"review_working_days": 3}, headers=h).status_code == 403
    put = c.put(
        "/api/v1/workdays/overrides/2025-06-05",
        json={"day": "2025-06-05", "working": False},
        headers=h,
    )
    assert put.status_code == 403
    assert c.delete("/api/v1/workdays/overrides/2025-06-05", headers=h).status_code == 403
    assert c.get("/api/v1/policy", headers=h).json()["version"] == 1
