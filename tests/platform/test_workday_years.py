"""Confirmed working-day years (第二十七条; govshare_core.workdays.YearSchedule): chinesecalendar
has no data after 2026, so a 2027 deadline is provisional until the platform admin enters the
State Council's notice as overrides and confirms the year. On both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from govshare_core.vocab import Role
from govshare_core.workdays import (
    NOTICE_MONTH,
    WorkdayCalendar,
    YearSchedule,
    confirmation_refusal,
    confirmed_years_of,
    has_official_data,
    years_to_confirm,
)
from govshare_platform.local_server import LocalServer
from tests.platform.conftest import World
from tests.platform.requests_support import audit_events, set_today
from tests.platform.test_policy import NOT_THE_PLATFORM_ADMIN
from tests.platform.test_security_races import _heads, _race

ADMIN = ("P", Role.PLATFORM_ADMIN)
TODAY = date(2026, 12, 1)
NEXT = 2027
"""The first year without official data (checked below, so that a newer chinesecalendar with
2027 in it fails here instead of passing for the wrong reason)."""
NOTICE = "国办发明电〔2026〕7号"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, TODAY)


def _year(world: World, year: int) -> dict[str, Any]:
    r = world.client.get(f"/api/v1/workdays/years/{year}", headers=world.h("A", Role.APPLICANT))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _confirm(world: World, year: int, who: tuple[str, Role] = ADMIN, note: str | None = NOTICE):
    return world.client.put(
        f"/api/v1/workdays/years/{year}/confirmation", json={"note": note}, headers=world.h(*who)
    )


def _enter_notice(world: World, year: int = NEXT) -> None:
    """One day of the year's notice entered as an override (a confirmation needs one)."""
    day = f"{year}-02-08"
    r = world.client.put(
        f"/api/v1/workdays/overrides/{day}",
        json={"day": day, "working": False, "note": "春节"},
        headers=world.h(*ADMIN),
    )
    assert r.status_code == 200, r.text


def _deadline(world: World, received: date) -> dict[str, Any]:
    r = world.client.get(
        "/api/v1/workdays/deadline",
        params={"received": received.isoformat()},
        headers=world.h("B", Role.REGISTRAR),
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def _todo_years(world: World, who: tuple[str, Role] = ADMIN) -> list[tuple[int, str, str]]:
    r = world.client.get("/api/v1/inbox", headers=world.h(*who))
    assert r.status_code == 200, r.text
    return [
        (i["object_id"], i["state"], i["due"]) for i in r.json() if i["kind"] == "calendar_confirm"
    ]


def test_the_rules_in_the_core() -> None:
    assert has_official_data(2026) and not has_official_data(NEXT)
    plain = WorkdayCalendar()
    assert plain.schedule_of(2026) is YearSchedule.OFFICIAL
    assert plain.schedule_of(NEXT) is YearSchedule.PROVISIONAL
    confirmed = WorkdayCalendar(confirmed_years=[NEXT, 2025])
    assert confirmed.schedule_of(NEXT) is YearSchedule.CONFIRMED
    assert confirmed.schedule_of(2025) is YearSchedule.OFFICIAL  # official data wins
    # the to-do: next year from November (the notice's month), this year whenever provisional
    assert years_to_confirm(date(2026, NOTICE_MONTH - 1, 31), plain) == []
    assert years_to_confirm(date(2026, NOTICE_MONTH, 1), plain) == [NEXT]
    assert years_to_confirm(date(NEXT, 3, 1), plain) == [NEXT]
    assert years_to_confirm(date(NEXT, 11, 2), plain) == [NEXT, NEXT + 1]
    assert years_to_confirm(date(NEXT, 11, 2), confirmed) == [NEXT + 1]
    assert confirmation_refusal(2026, TODAY, 3) == "official_schedule"
    assert confirmation_refusal(NEXT + 1, TODAY, 3) == "year_out_of_range"
    assert confirmation_refusal(NEXT, TODAY, 1) is None
    assert confirmation_refusal(NEXT, date(2028, 1, 2), 1) is None  # last year's, late
    # nothing of the notice entered: refused (also next year before its notice is out)
    assert confirmation_refusal(NEXT, TODAY, 0) == "no_overrides"
    assert confirmation_refusal(NEXT + 1, date(NEXT, 2, 3), 0) == "no_overrides"
    assert confirmation_refusal(NEXT, TODAY, None) is None  # not known (yet): not refused
    rows = [{"year": 2026, "schedule": "official"}, {"year": NEXT, "schedule": "confirmed"}]
    assert confirmed_years_of(rows) == [NEXT]
    assert (
        WorkdayCalendar.from_overrides([], confirmed_years=[NEXT]).schedule_of(NEXT) == "confirmed"
    )


def test_confirming_a_year_ends_its_provisional_deadlines(world: World) -> None:
    received = date(2026, 12, 29)  # 5 working days reach into January 2027
    before = _deadline(world, received)
    assert before["provisional"] is True
    assert _year(world, NEXT) == {
        "year": NEXT,
        "schedule": "provisional",
        "overrides": 0,
        "confirmed_at": None,
        "confirmed_by_name": None,
        "note": None,
    }
    # the notice entered as overrides (here one extra rest day), then the year confirmed
    put = world.client.put(
        "/api/v1/workdays/overrides/2027-01-04",
        json={"day": "2027-01-04", "working": False, "note": NOTICE},
        headers=world.h(*ADMIN),
    )
    assert put.status_code == 200, put.text
    r = _confirm(world, NEXT)
    assert r.status_code == 200, r.text
    shown = r.json()
    assert shown["schedule"] == "confirmed" and shown["overrides"] == 1
    assert shown["note"] == NOTICE and shown["confirmed_by_name"]
    assert shown["confirmed_at"] is not None
    assert _year(world, NEXT) == shown
    after = _deadline(world, received)
    assert after["provisional"] is False
    assert date.fromisoformat(after["due"]) > date.fromisoformat(before["due"])  # 1-4 is off
    (event,) = audit_events(world, "workday_year_confirm")
    assert event.object_type == "workday_year" and event.object_id == str(NEXT)
    assert event.details == {"note": NOTICE}

    # confirming again keeps one confirmation, with the new note
    again = _confirm(world, NEXT, note="更正：国办发明电〔2026〕8号")
    assert again.status_code == 200 and again.json()["note"].startswith("更正")
    # every signed-in user reads the years; the confirmed one is listed for clients' calendars
    listed = world.client.get("/api/v1/workdays/years", headers=world.h("B", Role.REGISTRAR))
    assert listed.status_code == 200
    years = {y["year"]: y["schedule"] for y in listed.json()}
    assert years == {2025: "official", 2026: "official", NEXT: "confirmed"}
    assert confirmed_years_of(listed.json()) == [NEXT]

    # withdrawn: provisional again
    gone = world.client.delete(
        f"/api/v1/workdays/years/{NEXT}/confirmation", headers=world.h(*ADMIN)
    )
    assert gone.status_code == 204
    assert _year(world, NEXT)["schedule"] == "provisional"
    assert _deadline(world, received)["provisional"] is True
    assert len(audit_events(world, "workday_year_unconfirm")) == 1
    again_gone = world.client.delete(
        f"/api/v1/workdays/years/{NEXT}/confirmation", headers=world.h(*ADMIN)
    )
    assert again_gone.status_code == 204  # nothing to withdraw: no event
    assert len(audit_events(world, "workday_year_unconfirm")) == 1


def test_what_cannot_be_confirmed(world: World) -> None:
    official = _confirm(world, 2026)
    assert official.status_code == 409 and official.json()["code"] == "official_schedule"
    assert official.headers["content-type"].startswith("application/problem+json")
    too_far = _confirm(world, NEXT + 1)
    assert too_far.status_code == 409 and too_far.json()["code"] == "year_out_of_range"
    empty = _confirm(world, NEXT)  # nothing of the notice entered yet
    assert empty.status_code == 409 and empty.json()["code"] == "no_overrides", empty.text
    assert empty.headers["content-type"].startswith("application/problem+json")
    assert _year(world, NEXT)["schedule"] == "provisional"
    _enter_notice(world, NEXT + 1)  # another year's days do not count
    assert _confirm(world, NEXT).json()["code"] == "no_overrides"
    for bad in ("0", "10000", "x"):
        r = world.client.get(f"/api/v1/workdays/years/{bad}", headers=world.h(*ADMIN))
        assert r.status_code == 422, (bad, r.text)
    long_note = _confirm(world, NEXT, note="通" * 201)
    assert long_note.status_code == 422
    assert not audit_events(world, "workday_year_confirm")


@NOT_THE_PLATFORM_ADMIN
def test_only_the_platform_admin_confirms(world: World, who: tuple[str, Role]) -> None:
    _enter_notice(world)
    assert _confirm(world, NEXT, who).status_code == 403
    assert _confirm(world, NEXT).status_code == 200
    r = world.client.delete(f"/api/v1/workdays/years/{NEXT}/confirmation", headers=world.h(*who))
    assert r.status_code == 403
    assert _year(world, NEXT)["schedule"] == "confirmed"
    assert _todo_years(world, who) == []  # the to-do is the platform admin's alone


def test_the_platform_admin_is_asked_to_confirm(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    set_today(monkeypatch, date(2026, 10, 30))
    assert _todo_years(world) == []  # before the notice's month
    set_today(monkeypatch, TODAY)
    assert _todo_years(world) == [(NEXT, "provisional", "2026-12-31")]
    _enter_notice(world)
    assert _confirm(world, NEXT).status_code == 200
    assert _todo_years(world) == []
    world.client.delete(f"/api/v1/workdays/years/{NEXT}/confirmation", headers=world.h(*ADMIN))
    set_today(monkeypatch, date(NEXT, 2, 1))  # into the year, still provisional: overdue
    r = world.client.get("/api/v1/inbox", headers=world.h(*ADMIN))
    (item,) = [i for i in r.json() if i["kind"] == "calendar_confirm"]
    assert item["object_id"] == NEXT and item["overdue"] is True
    assert item["working_days_left"] < 0


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_platform_admins_confirming_at_once(world: World) -> None:
    """Four platform admins confirm the same year in truly parallel requests (PostgreSQL): the
    first insert wins, a racing insert of the same year is 409, never 500; one row, and one
    audit event per confirmation that was answered 200."""
    heads = _heads(world, "P", Role.PLATFORM_ADMIN)
    _enter_notice(world)
    with LocalServer(world.app) as server:
        answers = _race(
            server.url,
            [
                ("PUT", f"/api/v1/workdays/years/{NEXT}/confirmation", h, {"note": f"通知{k}"})
                for k, h in enumerate(heads)
            ],
        )
    codes = [code for code, _ in answers]
    assert codes.count(200) >= 1 and set(codes) <= {200, 409}, answers
    assert _year(world, NEXT)["schedule"] == "confirmed"
    assert len(audit_events(world, "workday_year_confirm")) == codes.count(200)
